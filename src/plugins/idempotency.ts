import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { HeldKey, IdempotencyService } from '../modules/idempotency/idempotency.service.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route honours `Idempotency-Key` (API-key routes that create or change something). */
    idempotent?: boolean
  }
  interface FastifyRequest { idempotencyHeld: HeldKey | null }
}

export const REPLAYED_HEADER = 'idempotent-replayed'

const DOC = ' Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route ' +
  '(same path) with the same body answers the first request\'s status and body again, with `Idempotent-Replayed: true`; ' +
  'a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.'

function headerOf (request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key']
  return Array.isArray(value) ? value[0] : value
}

/**
 * Idempotency-Key on every route whose config says `idempotent: true`, in one place: after
 * authentication and validation (a refused or malformed request holds no key), the key is claimed or
 * the stored answer replayed; the answer is stored, sealed, as it is sent.
 */
async function idempotencyPlugin (app: FastifyInstance, { idempotency }: { idempotency: IdempotencyService }) {
  app.decorateRequest('idempotencyHeld', null)

  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent && route.schema) route.schema.description = `${route.schema.description ?? ''}${DOC}`.trim()
  })

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent || !request.principal) return
    const key = headerOf(request)
    if (key === undefined) return
    const params = request.params as Record<string, unknown> | undefined
    const sessionId = typeof params?.sessionId === 'number' ? params.sessionId : null
    const route = { method: request.method, url: request.routeOptions.url ?? '', params: params ?? null }
    const begun = await idempotency.begin(request.principal, route, key, request.body, sessionId)
    if ('held' in begun) {
      request.idempotencyHeld = begun.held
      return
    }
    const { statusCode, contentType, body } = begun.replay
    return await reply.status(statusCode).header('content-type', contentType).header(REPLAYED_HEADER, 'true')
      .send(withRequestId(body, statusCode, request.id))
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotencyHeld
    if (!held) return payload
    request.idempotencyHeld = null
    try {
      if (typeof payload === 'string') {
        await idempotency.finish(held, { statusCode: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? 'application/json'), body: payload })
      } else {
        await idempotency.release(held)
      }
    } catch (err) {
      // The answer still goes out; the key stays held until its lease runs out, then the request may run again.
      request.log.warn({ err }, 'could not store the idempotent answer')
    }
    return payload
  })
}

/** A replayed error body names this request (its X-Request-Id), as every error body does. */
function withRequestId (body: string, statusCode: number, requestId: string): string {
  if (statusCode < 400) return body
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    if (typeof parsed.requestId !== 'string') return body
    return JSON.stringify({ ...parsed, requestId })
  } catch {
    return body
  }
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['auth'] })
