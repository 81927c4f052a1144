import { requireApplicant } from '../../plugins/auth.js'
import { csrfSecurity, errors, noSecurity, ref, SessionIdParams, StepIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { CallbackFormBody, CallbackJsonBody, CallbackParams, InitiateBody, InitiateResponse, SimulateBody, SubmitBody, SubmitResponse, upstreamErrors } from './step-proofs.schemas.js'
import { SelectDataSourceBody, StatusSuccess, StepSchema, StepsResponse } from './steps.schemas.js'
import type { StepsService } from './steps.service.js'

const FORM = 'application/x-www-form-urlencoded'

export interface StepsRouteDeps {
  steps: StepsService
  /** Bytes a proof submission's body may have (submit and the callback). */
  proofBodyLimit: number
}

export default async function stepsRoutes (app: App, deps: StepsRouteDeps) {
  const { steps, proofBodyLimit } = deps
  app.post('/partner/step/select-data-source', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'selectDataSources',
      tags: ['Steps'],
      summary: 'Select data sources for session',
      description: 'Creates one step per selected source (selecting a source again changes nothing) and moves the session to PROCESSING.',
      security: csrfSecurity,
      body: SelectDataSourceBody,
      response: { 200: StatusSuccess, ...errors(400, 401, 403, 404, 409, 410, 429) }
    }
  }, async (request) => {
    await steps.select(requireApplicant(request), request.body)
    return { status: 'success' as const }
  })

  app.get('/partner/steps/session/:sessionId', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'listSessionSteps',
      tags: ['Steps'],
      summary: 'Get all steps for session',
      security: csrfSecurity,
      params: SessionIdParams,
      response: { 200: StepsResponse, ...errors(400, 401, 403, 404, 410, 429) }
    }
  }, async (request) => {
    const list = await steps.list(requireApplicant(request), request.params.sessionId)
    return { status: 'success' as const, data: { steps: list } }
  })

  app.get('/partner/steps/:stepId', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'getStep',
      tags: ['Steps'],
      summary: 'Get step details',
      security: csrfSecurity,
      params: StepIdParams,
      response: { 200: ref(StepSchema), ...errors(400, 401, 404, 410, 429) }
    }
  }, async (request) => await steps.get(requireApplicant(request), request.params.stepId))

  app.post('/partner/step/initiate', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'initiateStep',
      tags: ['Steps'],
      summary: 'Initiate verification step',
      description: 'Creates a Reclaim proof request for the step\'s source, bound to this attempt (a fresh context message and Reclaim session id; proofs made for an earlier attempt are refused). `redirectUrl` is where the applicant produces the proof; `formData` carries what a client SDK needs; `metadata` tells the source, the attempt and when the request expires. Only a PENDING, INITIATED or FAILED step with attempts left can be initiated.',
      security: csrfSecurity,
      body: InitiateBody,
      response: { 200: InitiateResponse, ...errors(400, 401, 404, 409, 410, 429), ...upstreamErrors }
    }
  }, async (request) => await steps.initiate(requireApplicant(request), request.body.stepId))

  app.post('/partner/step/submit', {
    config: { auth: 'csrf' },
    bodyLimit: proofBodyLimit,
    schema: {
      operationId: 'submitStepProofs',
      tags: ['Steps'],
      summary: 'Submit verification proofs',
      description: 'Verifies every proof offline (attestor signatures, binding to this step\'s initiation, provider, freshness). All valid: the step is VERIFIED and, once every step is, the session moves to REVIEWING. One invalid: 422 saying why, the step is FAILED and the attempt counts; the session FAILS when the step runs out of attempts. A proof accepted before anywhere: 409. Concurrent submissions for one step: one wins, the others get 409.',
      security: csrfSecurity,
      body: SubmitBody,
      response: { 200: SubmitResponse, ...errors(400, 401, 404, 409, 410, 413, 422, 429) }
    }
  }, async (request) => {
    await steps.submit(requireApplicant(request), request.body)
    return { status: 'success' as const }
  })

  app.post('/partner/sandbox/step/simulate', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'simulateStep',
      tags: ['Sandbox'],
      summary: 'Simulate a proof for a test session',
      description: 'Test sessions only (made with a test key; a live session is a 404). Completes an INITIATED step as a real proof would and answers as submit does. `success`: a proof signed by this instance\'s sandbox attestor, about the source\'s first host with its declared parameters (values from `extractedParameters`, else plausible ones), goes through the same verification and transitions; `failure`: the step fails as an invalid proof does (422, an attempt used).',
      security: csrfSecurity,
      body: SimulateBody,
      response: { 200: SubmitResponse, ...errors(400, 401, 404, 409, 410, 422, 429) }
    }
  }, async (request) => {
    await steps.simulate(requireApplicant(request), request.body)
    return { status: 'success' as const }
  })

  await app.register(callbackRoute, deps)
}

// Its own scope, so the form parser exists for this route only: everywhere else the API is JSON.
async function callbackRoute (app: App, { steps, proofBodyLimit }: StepsRouteDeps) {
  // The raw text goes to parseProofs, which percent-decodes it without turning '+' into a space:
  // regexes in a proof's parameters contain literal '+', and the identifier hashes them as signed.
  if (app.hasContentTypeParser(FORM)) app.removeContentTypeParser(FORM)
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => { done(null, body) })

  app.post('/partner/reclaim/callback/:callbackToken', {
    config: { auth: 'callback' },
    bodyLimit: proofBodyLimit,
    schema: {
      operationId: 'receiveReclaimCallback',
      tags: ['Reclaim'],
      summary: 'Receive proofs from the Reclaim app',
      description: 'The callback URL handed out at initiate (its token authenticates the request; no CSRF token). The body is one proof or an array of proofs, as `application/json` or as URL-encoded JSON in an `application/x-www-form-urlencoded` body (the Reclaim app\'s default). Verified exactly as /partner/step/submit.',
      security: noSecurity,
      params: CallbackParams,
      // Documentation only: both media types carry anything here, and the verifier judges it.
      body: {
        content: {
          'application/json': { schema: CallbackJsonBody },
          [FORM]: { schema: CallbackFormBody }
        }
      },
      response: { 200: SubmitResponse, ...errors(400, 404, 409, 410, 413, 415, 422, 429) }
    }
  }, async (request) => {
    await steps.callback(request.params.callbackToken, request.body)
    return { status: 'success' as const }
  })
}
