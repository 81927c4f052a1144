import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import type { Clock } from '../../src/lib/clock.js'
import { freePort } from '../../src/lib/net.js'
import type { App } from '../../src/types.js'
import { TEST_ENV } from '../api/helpers.js'
import type { Idp } from '../console/oidc-provider.js'
import type { MailServer } from '../delivery/support.js'
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

/** A browser suite's server and browser (useBrowserApp); `idp` only with the `oidc` option. */
export interface BrowserApp { app: App, db: Db, base: string, browser: Browser, idp: Idp }

/** What a browser suite's server needs beyond the defaults (useBrowserApp). */
export interface BrowserAppOptions {
  /** Settings over TEST_ENV and the server's own (port, PUBLIC_BASE_URL, a silent log). */
  env?: Record<string, string>
  /** The service's clock (a TestClock the suite moves); the system's by default. */
  clock?: Clock
  /** A test SMTP server the suite reads: started before the app (SMTP_URL points at it), closed after. */
  mail?: MailServer
  /** A real OpenID Connect provider on loopback (`idp`) for `team`, its groups mapped by `roleMap` (OIDC_ROLE_MAP), its redirect this server's callback. */
  oidc?: { team: string, roleMap: string }
  /** Runs on the built app before it listens (sources to patch, rows to seed). */
  prepare?: (app: App, db: Db) => Promise<void>
}

/**
 * A real server on a free port of 127.0.0.1 over a fresh test database and a data directory of its
 * own (TEST_ENV, then `options.env`), and Debian's Chromium: built in beforeAll, closed in afterAll
 * (the browser, the app, the database, then the servers it talked to). Its fields are read inside
 * tests and hooks.
 */
export function useBrowserApp (options: BrowserAppOptions = {}): BrowserApp {
  let built: (Omit<BrowserApp, 'idp'> & { idp: Idp | null }) | null = null
  let dataDir: string | null = null
  let idp: Idp | null = null
  let mail: MailServer | null = null
  let drop: (() => Promise<void>) | null = null
  beforeAll(async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    dataDir = mkdtempSync(join(tmpdir(), 'partner-api-browser-'))
    const env: Record<string, string> = { ...TEST_ENV, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: base, LOG_LEVEL: 'silent' }
    if (options.mail) {
      mail = await options.mail.start()
      env.SMTP_URL = mail.url()
    }
    if (options.oidc) {
      const { oidcEnv, startIdp } = await import('../console/oidc-provider.js')
      idp = await startIdp(`${base}/console/oidc/callback`)
      Object.assign(env, oidcEnv(idp.issuer, options.oidc.team, options.oidc.roleMap))
    }
    const opened = await openTestDb()
    drop = opened.drop
    const app = await buildApp({ config: loadConfig({ ...env, ...options.env }), db: opened.db, clock: options.clock })
    try {
      if (options.prepare) await options.prepare(app, opened.db)
      await app.listen({ port, host: '127.0.0.1' })
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
      built = { app, db: opened.db, base, browser, idp }
    } catch (err) {
      await app.close()
      throw err
    }
  })
  afterAll(async () => {
    await built?.browser.close()
    await built?.app.close()
    await drop?.()
    await mail?.close()
    await idp?.close()
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true })
  })
  return new Proxy({} as BrowserApp, {
    get (_target, prop) {
      if (!built) throw new Error('useBrowserApp: the app is built in beforeAll; use it inside tests and hooks')
      if (prop === 'idp' && built.idp === null) throw new Error('useBrowserApp: no OpenID Connect provider without the `oidc` option')
      return built[prop as keyof BrowserApp]
    }
  })
}

/**
 * Signs in to the console at `base` with an API key (people sign in with email and password; the
 * key's form is folded below), from the console's address `at` (a session's, say).
 */
export async function signInWithKey (page: Page, base: string, key: string, at = '/console'): Promise<void> {
  await page.goto(`${base}${at}`)
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
  await page.getByText('Sign in with an API key').click()
  await page.getByLabel('API key').fill(key)
  await page.getByRole('button', { name: 'Sign in with the key' }).click()
}
