import type { FastifyInstance } from 'fastify'
import { databaseFault } from '../db/database.js'
import { fail } from '../lib/error-codes.js'
import { errorBody } from '../lib/http-errors.js'
import { DATABASE_RETRY_AFTER_S, DATABASE_UNAVAILABLE_MESSAGE } from './errors.js'

export interface DatabaseStartupOptions {
  /** Keep the app up when the database is unreachable at boot, and prepare it in the background. */
  wait: boolean
  firstRetryMs?: number
  maxRetryMs?: number
}

export interface DatabaseStartup {
  /** Runs prepare (migrations, catalog) now; if waiting is allowed and the database is away, again until it succeeds. */
  run: (prepare: () => Promise<void>, onReady: () => void) => Promise<void>
  readonly ready: boolean
}

const ALWAYS_ANSWERED = new Set(['/healthz'])

/**
 * Boot without the database (serve): a service whose PostgreSQL is restarting, or starts after it,
 * listens, answers /healthz, answers everything else (/readyz included) 503 with Retry-After, logs one
 * line, and retries migrations with backoff until they pass. Register before the routes: the gate is
 * an onRequest hook, which must exist before the routes it covers.
 */
export function databaseStartup (app: FastifyInstance, options: DatabaseStartupOptions): DatabaseStartup {
  let ready = false
  let closed = false
  let timer: NodeJS.Timeout | null = null

  app.addHook('onRequest', async (request, reply) => {
    if (ready) return
    const path = request.url.split('?')[0].replace(/(.)\/+$/, '$1')
    if (ALWAYS_ANSWERED.has(path)) return
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_S))
    const message = path === '/readyz' ? 'Database is not reachable' : DATABASE_UNAVAILABLE_MESSAGE
    const err = fail('database_unavailable', message)
    return await reply.status(err.statusCode).send(errorBody(err.statusCode, err.message, { code: err.code }))
  })
  app.addHook('onClose', async () => {
    closed = true
    if (timer) clearTimeout(timer)
  })

  const run = async (prepare: () => Promise<void>, onReady: () => void): Promise<void> => {
    try {
      await prepare()
      ready = true
      onReady()
      return
    } catch (err) {
      if (!options.wait || databaseFault(err) !== 'unavailable') throw err
      const reason = err instanceof Error && err.message ? err.message : String((err as { code?: string }).code ?? err)
      app.log.error(`database unavailable at boot (${reason}): listening, answering 503, retrying in the background`)
    }
    let delay = options.firstRetryMs ?? 500
    const maxDelay = options.maxRetryMs ?? 5000
    const attempt = () => {
      timer = null
      prepare().then(() => {
        if (closed) return
        ready = true
        app.log.info('database reachable: migrations applied, serving requests')
        onReady()
      }, (err: unknown) => {
        if (closed) return
        // One line at boot says the database is away; each retry only at debug, or the log floods.
        if (databaseFault(err) === 'unavailable') app.log.debug({ err }, 'database still unavailable')
        else app.log.error({ err }, 'database preparation failed; retrying')
        delay = Math.min(delay * 2, maxDelay)
        timer = setTimeout(attempt, delay)
      })
    }
    timer = setTimeout(attempt, delay)
  }

  return { run, get ready () { return ready } }
}
