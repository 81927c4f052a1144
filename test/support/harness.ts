import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, inject } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import { buildApp } from '../../src/app.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { Clock } from '../../src/lib/clock.js'
import type { App } from '../../src/types.js'

/** A clock tests can move: expiry, CSRF lifetime and proof freshness all read it. */
export class TestClock implements Clock {
  constructor (public now = Date.now()) {}
  ms = (): number => this.now
  iso = (offsetMs = 0): string => new Date(this.now + offsetMs).toISOString()
  advance (seconds: number): void { this.now += seconds * 1000 }
}

export const usingPostgres = (): boolean => process.env.TEST_DB === 'postgres'

/** A database of its own for each test app: an in-memory SQLite, or a fresh PostgreSQL schema. */
export async function openTestDb (): Promise<{ db: Db, drop: () => Promise<void> }> {
  if (usingPostgres()) {
    const url = process.env.TEST_DATABASE_URL
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL')
    // Dropped with the rest of this run's schemas by test/support/global-setup.ts.
    const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}`
    await ensurePgSchema(url, schema)
    const db = createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 5 })
    return { db, drop: async () => { await db.close() } }
  }
  const db = createDatabase({ databaseUrl: null, dataDir: '', sqliteFile: ':memory:' })
  return { db, drop: async () => { await db.close() } }
}

export interface TestApp {
  app: App
  clock: TestClock
  config: Config
  db: Db
  close: () => Promise<void>
}

export async function buildTestApp (env: Record<string, string> = {}, clock = new TestClock()): Promise<TestApp> {
  const config = loadConfig({ PUBLIC_BASE_URL: 'http://partner.test', APP_DEEPLINK_BASE_URL: 'https://app.partner.test', SERVER_SECRET: 'test-server-secret-0123456789abcdef', ...env })
  const { db, drop } = await openTestDb()
  let app: App
  try {
    app = await buildApp({ config, db, clock })
    await app.ready()
  } catch (err) {
    await drop() // a failed build must not leave its PostgreSQL schema behind
    throw err
  }
  return { app, clock, config, db, close: async () => { await app.close(); await drop() } }
}

/**
 * The app set-up every suite shares: builds a test app before the suite's tests and closes it
 * after them. Returns a stand-in that reads through to the app once built. `env` may be a function,
 * read in beforeAll: the settings of servers the suite starts in an earlier beforeAll.
 */
export function useTestApp (env: Record<string, string> | (() => Record<string, string>) = {}, clock?: TestClock): TestApp {
  let built: TestApp | null = null
  beforeAll(async () => { built = await buildTestApp(typeof env === 'function' ? env() : env, clock) })
  afterAll(async () => { await built?.close() })
  return new Proxy({} as TestApp, {
    get (_target, prop) {
      if (!built) throw new Error('useTestApp: the app is built in beforeAll; use it inside tests and hooks')
      return built[prop as keyof TestApp]
    }
  })
}
