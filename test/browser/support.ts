import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import { freePort } from '../../src/lib/net.js'
import type { App } from '../../src/types.js'
import { TEST_ENV } from '../api/helpers.js'
import { openTestDb } from '../support/harness.js'

// What the browser suites share: Debian's Chromium driven by playwright-core, a server with its
// browser for a suite, the console's sign-in with a key, and JSON calls to the server under test.
export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A JSON call to the server at `base`: its status and parsed body. */
export async function callApi (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: res.status, body: await res.json() as any }
}

/** A browser suite's server and browser (useBrowserApp). */
export interface BrowserApp { app: App, db: Db, base: string, browser: Browser }

/**
 * A real server on a free port of 127.0.0.1 over a fresh test database (TEST_ENV, then `env`), and
 * Debian's Chromium: built in beforeAll (`prepare` runs before the server listens), closed in
 * afterAll. Its fields are read inside tests and hooks.
 */
export function useBrowserApp (env: Record<string, string> = {}, prepare?: (app: App, db: Db) => Promise<void>): BrowserApp {
  let built: BrowserApp | null = null
  let drop: (() => Promise<void>) | null = null
  beforeAll(async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const opened = await openTestDb()
    drop = opened.drop
    const app = await buildApp({ config: loadConfig({ ...TEST_ENV, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: base, LOG_LEVEL: 'silent', ...env }), db: opened.db })
    try {
      if (prepare) await prepare(app, opened.db)
      await app.listen({ port, host: '127.0.0.1' })
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
      built = { app, db: opened.db, base, browser }
    } catch (err) {
      await app.close()
      throw err
    }
  })
  afterAll(async () => {
    await built?.browser.close()
    await built?.app.close()
    await drop?.()
  })
  return new Proxy({} as BrowserApp, {
    get (_target, prop) {
      if (!built) throw new Error('useBrowserApp: the app is built in beforeAll; use it inside tests and hooks')
      return built[prop as keyof BrowserApp]
    }
  })
}

/** Signs in to the console at `base` with an API key (people sign in with email and password; the key's form is folded below). */
export async function signInWithKey (page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/console`)
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
  await page.getByText('Sign in with an API key').click()
  await page.getByLabel('API key').fill(key)
  await page.getByRole('button', { name: 'Sign in with the key' }).click()
}
