import cluster, { type Worker } from 'node:cluster'
import type { Config } from './config.js'
import { buildApp, loggableUrl, PII_PATHS } from './app.js'

/** Logger settings the command chooses (src/cli.ts): a pino-pretty transport on a terminal. */
export interface LogOptions { transport?: { target: string, options?: Record<string, unknown> } }

/** Why `serve --workers N` (N > 1) cannot run with this configuration, or null when it can. */
export function workersRefusal (config: Pick<Config, 'databaseUrl' | 'redisUrl'>, workers: number): string | null {
  if (workers <= 1) return null
  if (!config.databaseUrl) return '--workers above 1 needs PostgreSQL (DATABASE_URL): the SQLite database is one file written by one process'
  if (!config.redisUrl) return '--workers above 1 needs REDIS_URL: rate limits kept in memory would be counted per process, each worker allowing the full limit'
  return null
}

/** A worker that dies this soon after it was started is not replaced: it would only die again. */
const MIN_WORKER_LIFE_MS = 10_000

/**
 * `serve --workers N`: this process forks N workers (node:cluster) that share the listening socket,
 * the database and Redis; each runs the whole service with its background jobs, which claim their
 * work (the expiry sweep under an advisory lock, webhook fan-out and deliveries with FOR UPDATE SKIP
 * LOCKED). A worker that dies is replaced; SIGINT/SIGTERM stop them all, each finishing its requests.
 */
function startPrimary (config: Config, workers: number): void {
  const say = (msg: string, level = 30) => { process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, msg })}\n`) }
  let stopping = false
  let failed = false
  const started = new Map<Worker, number>()
  const fork = () => { started.set(cluster.fork(), Date.now()) }
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    say(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s)`)
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
    if (started.size === 0) process.exit(failed ? 1 : 0)
  }
  cluster.on('exit', (worker, code, signal) => {
    const life = Date.now() - (started.get(worker) ?? 0)
    started.delete(worker)
    if (!stopping) {
      if (life < MIN_WORKER_LIFE_MS) {
        failed = true
        say(`worker ${worker.process.pid} exited (${signal ?? code}) ${life} ms after it started; stopping`, 50)
        stop('worker failure')
      } else {
        say(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`, 40)
        fork()
      }
    }
    if (stopping && started.size === 0) process.exit(failed || code !== 0 ? 1 : 0)
  })
  process.once('SIGINT', () => { stop('SIGINT') })
  process.once('SIGTERM', () => { stop('SIGTERM') })
  say(`partner-api primary ${process.pid}: starting ${workers} workers`)
  for (let i = 0; i < workers; i++) fork()
}

/**
 * Boots the service: the app plugin, a listening socket, and a clean shutdown on SIGINT/SIGTERM.
 * With `workers` above 1 (PostgreSQL and Redis only: see workersRefusal) this process becomes the
 * cluster's primary and each forked worker boots the service.
 */
export async function startServer (config: Config, log: LogOptions = {}, workers = 1): Promise<void> {
  if (workers > 1 && cluster.isPrimary) {
    const refusal = workersRefusal(config, workers)
    if (refusal !== null) throw new Error(refusal)
    startPrimary(config, workers)
    return
  }
  const app = await buildApp({
    config,
    backgroundJobs: true,
    // A PostgreSQL restarting, or started after us: listen and answer 503 until it is back.
    waitForDatabase: true,
    logger: {
      level: config.logLevel,
      ...log,
      redact: { paths: PII_PATHS, censor: '[redacted]' },
      serializers: {
        // Query strings may carry the link token, callback paths their token: see loggableUrl.
        req: (req: { method: string, url: string, id: string }) => ({ method: req.method, url: loggableUrl(req.url), id: req.id })
      }
    }
  })
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    // Requests in flight finish, then the database closes; a hung one must not hold the exit forever
    // (an orchestrator would SIGKILL us anyway, without the log line).
    const deadline = setTimeout(() => {
      app.log.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`)
      process.exit(1)
    }, config.shutdownTimeoutMs)
    deadline.unref()
    try {
      await app.close()
    } catch (err) {
      app.log.error({ err }, 'shutdown failed')
      process.exit(1)
    }
    process.exit(0)
  }
  process.once('SIGINT', () => { void shutdown('SIGINT') })
  process.once('SIGTERM', () => { void shutdown('SIGTERM') })
  await app.listen({ port: config.port, host: config.host })
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.dataDir}`
  // The Redis host only: its URL may carry a password.
  const redis = config.redisUrl ? `Redis at ${new URL(config.redisUrl).host}` : 'none (rate limits in memory, per process)'
  app.log.info(`partner-api listening on ${config.publicBaseUrl} (bound ${config.host}:${config.port}), database: ${where}, redis: ${redis}, docs: ${config.publicBaseUrl}/docs`)
}
