import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import type { Db } from '../../db/database.js'
import type { RequestTransaction } from '../../db/request-transaction.js'
import { errorBody } from '../../lib/http-errors.js'
import type { HeldKey, IdempotencyService } from './idempotency.service.js'
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../plugins/errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route honours `Idempotency-Key` (API-key routes that create or change something). */
    idempotent?: boolean
    /**
     * The handler runs in one transaction that commits as its answer is sent, with what the onSend
     * hooks write for it (the team audit log's entry of the change): a success keeps both, a refusal
     * or a fault neither. Requests holding an Idempotency-Key run so whatever the route says.
     */
    transaction?: boolean
  }
  interface FastifyRequest {
    idempotencyHeld: HeldKey | null
    /** The transaction the request's change, its stored answer and its audit entry commit in together. */
    requestTx: RequestTransaction | null
  }
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
 * Test hook (PARTNER_API_FAULT): the process kills itself at this point of an idempotent request, as a
 * crash would (test/faults/idempotency-crash.test.ts).
 */
function crashPoint (name: 'idempotent-before-commit' | 'idempotent-after-commit'): void {
  if (process.env.PARTNER_API_FAULT === name) process.kill(process.pid, 'SIGKILL')
}

/**
 * Idempotency-Key on every route whose config says `idempotent: true`, in one place: after
 * authentication and validation (a refused or malformed request holds no key), the key is claimed or
 * the stored answer replayed. The handler of a request holding its key runs in one transaction
 * (RequestTransaction) and its answer is stored, sealed, in that same transaction as it is sent: a
 * crash leaves either the change and its answer, or neither (the key is claimed again once its lease
 * ends), never a change without its answer, which a retry would make a second time. A route declaring
 * `transaction: true` runs in such a transaction without a key too (the audit log's changes: the
 * entry commits with the change, src/modules/audit/audit.plugin.ts).
 */
async function idempotencyPlugin (app: FastifyInstance, { idempotency, db }: { idempotency: IdempotencyService, db: Db }) {
  app.decorateRequest('idempotencyHeld', null)
  app.decorateRequest('requestTx', null)

  app.addHook('onRoute', (route) => {
    const idempotent = route.config?.idempotent === true
    if (!idempotent && route.config?.transaction !== true) return
    if (idempotent && route.schema) route.schema.description = `${route.schema.description ?? ''}${DOC}`.trim()
    const transaction = route.config?.transaction === true
    const handler = route.handler as (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
    route.handler = async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      if (!request.idempotencyHeld && !transaction) return await handler.call(this, request, reply)
      const tx = db.requestTransaction()
      request.requestTx = tx
      return await tx.run(async () => {
        try {
          const value = await handler.call(this, request, reply)
          // Sent from here, inside the transaction's scope: onSend stores the answer in it.
          if (value !== undefined && value !== reply && !reply.sent) return reply.send(value)
          return value
        } catch (err) {
          // Nothing of a failed request stays, and its error answer is sent holding no connection.
          await tx.rollback()
          throw err
        }
      })
    } as RouteHandlerMethod
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
    const tx = request.requestTx
    if (!held && tx === null) return payload
    request.idempotencyHeld = null
    request.requestTx = null
    const answer = typeof payload === 'string'
      ? { statusCode: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? 'application/json'), body: payload }
      : null
    if (tx !== null && !tx.ended && reply.statusCode < 400) {
      try {
        if (held && answer !== null) await tx.run(async () => { await idempotency.finish(held, answer) })
        if (held) crashPoint('idempotent-before-commit')
        await tx.commit()
        if (held) crashPoint('idempotent-after-commit')
        // A success without a body to keep (none, or a stream): its change stands, its key is freed.
        if (held && answer === null) await idempotency.release(held).catch(() => {})
        return payload
      } catch (err) {
        // Neither the change nor its answer was kept: say so, and free the key for the retry.
        await tx.rollback()
        request.log.error({ err }, 'could not commit a request\'s transaction')
        if (held) await idempotency.release(held).catch(() => {})
        reply.status(503).header('content-type', 'application/json; charset=utf-8').header('retry-after', '1')
        return JSON.stringify(errorBody(503, DATABASE_UNAVAILABLE_MESSAGE, { code: 'database_unavailable', requestId: request.id }))
      }
    }
    // A refusal or a fault: nothing of it is kept, and the key is released for a retry.
    await tx?.rollback()
    if (!held) return payload
    try {
      if (answer !== null) await idempotency.finish(held, answer)
      else await idempotency.release(held)
    } catch (err) {
      // The answer still goes out; the key stays held until its lease runs out, then the request may run again.
      request.log.warn({ err }, 'could not release the idempotency key')
    }
    return payload
  })

  // A request that ended without passing onSend (its connection dropped) leaves no transaction open.
  app.addHook('onResponse', async (request) => {
    const tx = request.requestTx
    if (tx === null) return
    request.requestTx = null
    await tx.rollback()
    if (request.idempotencyHeld) await idempotency.release(request.idempotencyHeld).catch(() => {})
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
