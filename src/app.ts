import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import cors from '@fastify/cors'
import Fastify, { type FastifySchema, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { Config } from './config.js'
import { createContext, type AppContext } from './context.js'
import { createDatabase, migrateToLatest, type Db } from './db/database.js'
import { systemClock, type Clock } from './lib/clock.js'
import apiVersionPlugin from './plugins/api-version.js'
import auditPlugin from './modules/audit/audit.plugin.js'
import authPlugin, { type Authenticators } from './plugins/auth.js'
import consoleAuthPlugin from './modules/console-auth/console-auth.plugin.js'
import { cookieNames } from './modules/console-auth/cookies.js'
import { databaseStartup } from './plugins/database-startup.js'
import errorsPlugin, { frameworkErrors, requestIdOf } from './plugins/errors.js'
import idempotencyPlugin from './modules/idempotency/idempotency.plugin.js'
import inputGuardPlugin from './plugins/input-guard.js'
import metricsPlugin from './plugins/metrics.js'
import { StepSchema } from './modules/steps/steps.schemas.js'
import openapiPlugin from './plugins/openapi.js'
import rateLimitPlugin, { authFailureGuard } from './modules/rate-limit/rate-limit.plugin.js'
import responseHeadersPlugin from './plugins/response-headers.js'
import routes from './routes.js'
import { ROOT_DIR } from './lib/paths.js'
import type { App } from './types.js'

export { DEFAULT_CATALOG, ROOT_DIR } from './lib/paths.js'
const VERSION = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version

export interface BuildOptions {
  config: Config
  /** An open database; when absent the app opens one from config and closes it on close. */
  db?: Db
  clock?: Clock
  logger?: FastifyServerOptions['logger']
  /** Periodic jobs (expiry sweep, webhook dispatch); servers run them, most tests drive them by hand. */
  backgroundJobs?: boolean
  /**
   * serve: when the database cannot be reached at boot, build the app anyway (503 everywhere but
   * /healthz) and keep preparing the database in the background; otherwise the boot fails.
   */
  waitForDatabase?: boolean
}

/**
 * One registered route, how it authenticates, the permission it needs (src/lib/permissions.ts) and
 * its schema (what the generated tests derive requests from); the security suite checks it covers
 * them all.
 */
export interface RouteCatalogEntry { method: string, url: string, auth: string | null, permission: string | null, schema: FastifySchema | null }

declare module 'fastify' {
  interface FastifyInstance { ctx: AppContext, routeCatalog: RouteCatalogEntry[] }
}

// ajv-formats is CommonJS; under NodeNext its callable sits on .default.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv

// Bodies are validated strictly (no type coercion: "5" is not 5); query strings and path params
// arrive as text, so there numbers are coerced. Unknown fields are rejected, never silently dropped.
function validators () {
  const make = (coerceTypes: boolean) => {
    // allErrors: a validation 400 lists every failing field (its message stays the first failure's).
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false })
    addFormats(ajv)
    return ajv
  }
  const body = make(false)
  const text = make(true)
  return ({ schema, httpPart }: { schema: object, httpPart?: string }) =>
    (httpPart === 'body' ? body : text).compile(schema)
}

export const PII_PATHS = ['req.headers["x-api-key"]', 'req.headers["x-csrf-token"]', 'req.headers["x-console-csrf"]', 'req.headers.authorization', 'req.headers.cookie']

/**
 * The URL as logged: the path only (the query may carry the link token), with the Reclaim callback
 * token, a secret that authenticates its request, replaced.
 */
export function loggableUrl (url: string): string {
  return url.split('?')[0].replace(/^(\/partner\/reclaim\/callback\/)[^/]+/i, '$1[redacted]')
}

export async function buildApp (options: BuildOptions): Promise<App> {
  const { config } = options
  const clock = options.clock ?? systemClock
  const ownsDb = !options.db
  const db = options.db ?? createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPoolSize: config.databasePoolSize,
    pgPreparedStatements: config.databasePreparedStatements,
    pgStatementTimeoutMs: config.databaseStatementTimeoutMs,
    pgIdleTxTimeoutMs: config.databaseIdleTxTimeoutMs
  })

  const { trustProxy, http } = config
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // A hop count trusts that many proxies nearest the server, whoever they are (Fastify's own
    // number option trusts none); a list trusts those addresses only.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    // Socket inactivity: longer than both, so it never cuts a keep-alive connection or a slow request first.
    connectionTimeout: Math.max(http.requestTimeoutMs, http.keepAliveTimeoutMs) + 5000,
    http: { headersTimeout: http.headersTimeoutMs },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // request.id (logged with every line of the request, returned in X-Request-Id): the caller's
    // X-Request-Id when well-formed, else a new UUID. Fastify's own header option takes any value.
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(validators())

  const ctx = createContext(config, db, clock, app.log)
  app.decorate('ctx', ctx)

  // Registered before any plugin, so every route of every scope passes through it.
  const routeCatalog: RouteCatalogEntry[] = []
  app.decorate('routeCatalog', routeCatalog)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routeCatalog.push({ method, url: route.url, auth: route.config?.auth ?? null, permission: route.config?.permission ?? null, schema: route.schema ?? null })
    }
  })

  await app.register(errorsPlugin)
  await app.register(responseHeadersPlugin)
  const startup = databaseStartup(app, { wait: options.waitForDatabase ?? false })
  if (config.corsOrigins.length > 0) {
    // A partner's own web front end may drive the applicant flow from its origin. API keys stay
    // server-side: x-api-key is deliberately not an allowed header, so browsers cannot send one.
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'x-csrf-token', 'x-request-id', 'partner-version'],
      exposedHeaders: ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'X-Request-Id', 'Partner-Version'],
      maxAge: 600
    })
  }
  await app.register(apiVersionPlugin) // a request naming an unknown version is refused before anything else is read
  await app.register(inputGuardPlugin)
  const authenticate: Authenticators = {
    apiKey: async (key) => await ctx.keys.authenticate(key),
    csrf: async (token) => await ctx.verification.authenticate(token)
  }
  // The console's cookie first: a signed-in user is let through by the auth-failure guard and the auth hook.
  await app.register(consoleAuthPlugin, { auth: ctx.consoleAuth, cookies: cookieNames(config.publicBaseUrl), ownOrigin: new URL(config.publicBaseUrl).origin })
  await app.register(authFailureGuard, { config, authenticate }) // before auth: refuses an address that keeps failing it
  await app.register(authPlugin, { authenticate })
  await app.register(rateLimitPlugin, { config })
  // The audit plugin before idempotency's: a change's entry is written in its request's transaction before that commits.
  await app.register(auditPlugin, { audit: ctx.audit, clock })
  await app.register(idempotencyPlugin, { idempotency: ctx.idempotency, db })
  await app.register(metricsPlugin, { token: config.metricsToken })
  await app.register(openapiPlugin, { publicBaseUrl: config.publicBaseUrl, version: VERSION, schemas: [StepSchema] })
  await app.register(routes, { ctx })

  let sweep: NodeJS.Timeout | null = null
  let webhookTimer: NodeJS.Timeout | null = null
  let deliveryTimer: NodeJS.Timeout | null = null
  const startJobs = () => {
    if (!options.backgroundJobs) return
    sweep = setInterval(() => {
      ctx.sessions.sweepExpired()
        .then(() => ctx.sessions.sweepReviewOverdue())
        .then(() => ctx.verification.purgeExpired())
        .then(() => ctx.sessions.purgeIdempotencyKeys())
        .then(() => ctx.sessionActions.redactRetained())
        .then(() => ctx.idempotency.purge())
        .then(() => ctx.webhooks.purgeEvents())
        .then(() => ctx.consoleAuth.purge())
        .then(() => ctx.repos.users.purgeSetupTokens(ctx.clock.iso()))
        .catch((err) => app.log.warn({ err }, 'expiry sweep failed'))
    }, config.sweepIntervalS * 1000)
    sweep.unref()
    webhookTimer = setInterval(() => {
      ctx.webhooks.dispatchDue().catch((err) => app.log.warn({ err }, 'webhook dispatch failed'))
    }, config.webhookDispatchIntervalS * 1000)
    webhookTimer.unref()
    deliveryTimer = setInterval(() => {
      ctx.delivery.dispatchDue().catch((err) => app.log.warn({ err }, 'link delivery failed'))
    }, config.delivery.dispatchIntervalS * 1000)
    deliveryTimer.unref()
  }
  await startup.run(async () => {
    await migrateToLatest(db)
    await ctx.sources.seedDefaultCatalog()
  }, startJobs)

  app.addHook('onClose', async () => {
    if (sweep) clearInterval(sweep)
    if (webhookTimer) clearInterval(webhookTimer)
    if (deliveryTimer) clearInterval(deliveryTimer)
    // Before the database closes: aborts attempts in flight and waits for the run to end.
    await ctx.webhooks.stop()
    await ctx.delivery.stop()
    if (ownsDb) await db.close()
  })
  return app
}
