import { apiKeySecurity, errors } from '../../schemas/common.js'
import { requireApiKey } from '../../plugins/auth.js'
import type { App, RouteOptions } from '../../types.js'
import { CreateSessionBody, CreateSessionResponse, ListSessionsQuery, ListSessionsResponse } from './sessions.schemas.js'

export default async function sessionsRoutes (app: App, { ctx }: RouteOptions) {
  app.post('/partner/session', {
    config: { auth: 'apiKey' },
    schema: {
      tags: ['Sessions'],
      summary: 'Create verification session',
      description: 'Creates a session and returns its verification links. Send an `Idempotency-Key` header to retry safely: the same key and body within 24 h returns the same session; a different body is a 409.',
      security: apiKeySecurity,
      body: CreateSessionBody,
      response: { 201: CreateSessionResponse, ...errors(400, 401, 409, 413, 415, 429) }
    }
  }, async (request, reply) => {
    const principal = requireApiKey(request)
    const key = request.headers['idempotency-key']
    const result = await ctx.sessions.create(principal, request.body.params, Array.isArray(key) ? key[0] : key)
    return reply.status(201).send(result)
  })

  app.get('/partner/reviewer/sessions', {
    config: { auth: 'apiKey' },
    schema: {
      tags: ['Reviewer'],
      summary: 'Get reviewer sessions',
      description: 'Sessions of the key\'s reviewer, or of the whole team when the key has no reviewer.',
      security: apiKeySecurity,
      querystring: ListSessionsQuery,
      response: { 200: ListSessionsResponse, ...errors(400, 401, 429) }
    }
  }, async (request) => {
    return await ctx.sessions.list(requireApiKey(request), request.query)
  })
}
