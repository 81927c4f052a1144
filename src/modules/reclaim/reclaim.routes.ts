import { requireApplicant } from '../../plugins/auth.js'
import { csrfSecurity, errors } from '../../schemas/common.js'
import type { App, RouteOptions } from '../../types.js'
import { CallbackFormBody, CallbackJsonBody, CallbackParams, InitiateBody, InitiateResponse, SubmitBody, SubmitResponse, upstreamErrors } from './reclaim.schemas.js'

const FORM = 'application/x-www-form-urlencoded'

export default async function reclaimRoutes (app: App, opts: RouteOptions) {
  const { ctx } = opts
  app.post('/partner/step/initiate', {
    config: { auth: 'csrf' },
    schema: {
      tags: ['Steps'],
      summary: 'Initiate verification step',
      description: 'Creates a Reclaim proof request for the step\'s source, bound to this attempt (a fresh context message and Reclaim session id; proofs made for an earlier attempt are refused). `redirectUrl` is where the applicant produces the proof; `formData` carries what a client SDK needs; `metadata` tells the source, the attempt and when the request expires. Only a PENDING, INITIATED or FAILED step with attempts left can be initiated.',
      security: csrfSecurity,
      body: InitiateBody,
      response: { 200: InitiateResponse, ...errors(400, 401, 404, 409, 410, 429), ...upstreamErrors }
    }
  }, async (request) => await ctx.reclaim.initiate(requireApplicant(request), request.body.stepId))

  app.post('/partner/step/submit', {
    config: { auth: 'csrf' },
    schema: {
      tags: ['Steps'],
      summary: 'Submit verification proofs',
      description: 'Verifies every proof offline (attestor signatures, binding to this step\'s initiation, provider, freshness). All valid: the step is VERIFIED and, once every step is, the session moves to REVIEWING. One invalid: 422 saying why, the step is FAILED and the attempt counts; the session FAILS when the step runs out of attempts. A proof accepted before anywhere: 409. Concurrent submissions for one step: one wins, the others get 409.',
      security: csrfSecurity,
      body: SubmitBody,
      response: { 200: SubmitResponse, ...errors(400, 401, 404, 409, 410, 413, 422, 429) }
    }
  }, async (request) => {
    await ctx.reclaim.submit(requireApplicant(request), request.body)
    return { status: 'success' as const }
  })

  await app.register(callbackRoute, opts)
}

// Its own scope, so the form parser exists for this route only: everywhere else the API is JSON.
async function callbackRoute (app: App, { ctx }: RouteOptions) {
  // The raw text goes to parseProofs, which percent-decodes it without turning '+' into a space:
  // regexes in a proof's parameters contain literal '+', and the identifier hashes them as signed.
  if (app.hasContentTypeParser(FORM)) app.removeContentTypeParser(FORM)
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => { done(null, body) })

  app.post('/partner/reclaim/callback/:callbackToken', {
    config: { auth: 'callback' },
    schema: {
      tags: ['Reclaim'],
      summary: 'Receive proofs from the Reclaim app',
      description: 'The callback URL handed out at initiate (its token authenticates the request; no CSRF token). The body is one proof or an array of proofs, as `application/json` or as URL-encoded JSON in an `application/x-www-form-urlencoded` body (the Reclaim app\'s default). Verified exactly as /partner/step/submit.',
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
    await ctx.reclaim.callback(request.params.callbackToken, request.body)
    return { status: 'success' as const }
  })
}
