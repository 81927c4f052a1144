import { requireApplicant } from '../../plugins/auth.js'
import { csrfSecurity, errors, SessionIdParams, StepIdParams } from '../../schemas/common.js'
import type { App, RouteOptions } from '../../types.js'
import { SelectDataSourceBody, StatusSuccess, StepSchema, StepsResponse } from './steps.schemas.js'

export default async function stepsRoutes (app: App, { ctx }: RouteOptions) {
  app.post('/partner/step/select-data-source', {
    config: { auth: 'csrf' },
    schema: {
      tags: ['Steps'],
      summary: 'Select data sources for session',
      description: 'Creates one step per selected source (selecting a source again changes nothing) and moves the session to PROCESSING.',
      security: csrfSecurity,
      body: SelectDataSourceBody,
      response: { 200: StatusSuccess, ...errors(400, 401, 403, 404, 409, 410, 429) }
    }
  }, async (request) => {
    await ctx.steps.select(requireApplicant(request), request.body)
    return { status: 'success' as const }
  })

  app.get('/partner/steps/session/:sessionId', {
    config: { auth: 'csrf' },
    schema: {
      tags: ['Steps'],
      summary: 'Get all steps for session',
      security: csrfSecurity,
      params: SessionIdParams,
      response: { 200: StepsResponse, ...errors(400, 401, 403, 404, 410, 429) }
    }
  }, async (request) => {
    const steps = await ctx.steps.list(requireApplicant(request), request.params.sessionId)
    return { status: 'success' as const, data: { steps } }
  })

  app.get('/partner/steps/:stepId', {
    config: { auth: 'csrf' },
    schema: {
      tags: ['Steps'],
      summary: 'Get step details',
      security: csrfSecurity,
      params: StepIdParams,
      response: { 200: StepSchema, ...errors(400, 401, 404, 410, 429) }
    }
  }, async (request) => await ctx.steps.get(requireApplicant(request), request.params.stepId))
}
