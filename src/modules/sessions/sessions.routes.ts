import { apiKeySecurity, errors } from '../../schemas/common.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { REPLAYED_HEADER } from '../../plugins/idempotency.js'
import type { App } from '../../types.js'
import { CreateSessionBody, CreateSessionHeaders, CreateSessionResponse } from './sessions.schemas.js'
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
}
