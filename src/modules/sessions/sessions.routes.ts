import { apiKeySecurity, errors, SessionIdParams } from '../../schemas/common.js'
import { AUDIT } from '../audit/audit-declarations.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { REPLAYED_HEADER } from '../idempotency/idempotency.plugin.js'
import type { App } from '../../types.js'
import { CreateSessionBody, CreateSessionHeaders, CreateSessionResponse, ReverifyBody } from './sessions.schemas.js'
import type { SessionsService } from './sessions.service.js'

export default async function sessionsRoutes (app: App, { sessions }: { sessions: SessionsService }) {
  app.post('/partner/session', {
    config: { auth: 'apiKey', permission: 'create' },
    schema: {
      operationId: 'createSession',
      tags: ['Sessions'],
      summary: 'Create verification session',
      description: 'Creates a session and returns its verification links. Send an `Idempotency-Key` header to retry safely: the same key and body within 24 h returns the same session; a different body is a 409. A replay carries `Idempotent-Replayed: true`.',
      security: apiKeySecurity,
      headers: CreateSessionHeaders,
      body: CreateSessionBody,
      response: { 201: CreateSessionResponse, ...errors(400, 401, 409, 413, 415, 429) }
    }
  }, async (request, reply) => {
    const principal = requirePrincipal(request)
    const key = request.headers['idempotency-key']
    const { response, replayed } = await sessions.create(principal, request.body.params, Array.isArray(key) ? key[0] : key)
    if (replayed) reply.header(REPLAYED_HEADER, 'true')
    return reply.status(201).send(response)
  })

  app.post('/partner/session/:sessionId/reverify', {
    config: { auth: 'apiKey', permission: 'create', idempotent: true, audit: AUDIT.reverified },
    schema: {
      operationId: 'reverifySession',
      tags: ['Sessions'],
      summary: 'Re-verify a session\'s applicant',
      description: 'A new session for the same applicant (names, email, applicant id), with the same allowed sources and reviewer, and `parentSessionId` naming this one; answered as POST /partner/session answers (201 with the verification link). The link is sent as `delivery` says, else on the channels the parent\'s link was last sent on (`delivery` in the answer; nothing is sent when the service never sent the parent\'s). The reviewer detail of the new session compares each fact with the parent\'s (`comparison`). 409 unless the session is REVIEWING or final; 410 once it is redacted. A key with a reviewer reaches only its reviewer\'s sessions; any other session reads as 404.',
      security: apiKeySecurity,
      params: SessionIdParams,
      body: ReverifyBody,
      response: { 201: CreateSessionResponse, ...errors(400, 401, 403, 404, 409, 410, 415, 429) }
    }
  }, async (request, reply) => {
    const principal = requirePrincipal(request)
    return reply.status(201).send(await sessions.reverify(principal, request.params.sessionId, request.body))
  })
}
