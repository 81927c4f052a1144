import type { Config } from './config.js'
import { buildApp, loggableUrl, PII_PATHS } from './app.js'

/** Logger settings the command chooses (src/cli.ts): a pino-pretty transport on a terminal. */
export interface LogOptions { transport?: { target: string, options?: Record<string, unknown> } }

/** Boots the service: the app plugin, a listening socket, and a clean shutdown on SIGINT/SIGTERM. */
export async function startServer (config: Config, log: LogOptions = {}): Promise<void> {
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
