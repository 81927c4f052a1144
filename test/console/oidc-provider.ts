import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, expect } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { COOKIE, sessionCookieOf } from './support.js'

export interface IdpAccount { sub: string, email: string, name: string, groups: string[], emailVerified?: boolean }

export const CLIENT_ID = 'partner-console'
export const CLIENT_SECRET = 'a-client-secret-for-the-tests-0123456789'

/**
 * A real OpenID Connect provider (oidc-provider) on a loopback port. Its login and consent pages
 * are replaced by an interaction that signs in `idp.signInAs` at once, so a test drives the whole
 * redirect chain over HTTP. Accounts (and their groups) can change between sign-ins.
 */
export async function startIdp (redirectUri: string) {
  const accounts = new Map<string, IdpAccount>()
  const state = { signInAs: '' }
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub)
      if (!account) return undefined
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups })
      }
    }
  })
  provider.proxy = false

  const callback = provider.callback()
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) { callback(req, res); return }
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      const grant = new provider.Grant({ accountId: state.signInAs, clientId: CLIENT_ID })
      grant.addOIDCScope('openid email profile')
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, { login: { accountId: state.signInAs }, consent: { grantId } }, { mergeWithLastSubmission: false })
      void details
    })().catch((err) => { res.statusCode = 500; res.end(String(err)) })
  })

  return {
    issuer,
    accounts,
    signInAs (sub: string) { state.signInAs = sub },
    async close () { await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }) }
  }
}

/** A provider startIdp started. */
export type Idp = Awaited<ReturnType<typeof startIdp>>

/** The settings wiring an instance to `issuer` for `team`, the provider's groups mapped to roles by `roleMap` (OIDC_ROLE_MAP). */
export function oidcEnv (issuer: string, team: string, roleMap: string): Record<string, string> {
  return { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_TEAM: team, OIDC_ROLE_MAP: roleMap }
}

/** Cookies of one browser, by name (enough for one host and for the provider's paths in these tests). */
export class CookieJar {
  private readonly cookies = new Map<string, string>()
  take (setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair] = c.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header (): string { return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ') }
}

/**
 * Follows the provider's redirects (with its cookies) from the authorization URL until it sends the
 * browser back to `until`; returns that URL.
 */
export async function followToCallback (start: string, until: string, jar: CookieJar): Promise<URL> {
  let url = start
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(until)) return new URL(url)
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(res.headers.getSetCookie())
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || location === null) throw new Error(`provider answered ${res.status} at ${url}: ${await res.text()}`)
    url = new URL(location, url).href
  }
  throw new Error('too many redirects')
}

/** Where the provider sends the browser back to (the test app's PUBLIC_BASE_URL is http://partner.test). */
export const CALLBACK = 'http://partner.test/console/oidc/callback'
export const FLOW_COOKIE = 'partner_console_sso'
export const HTML = 'text/html,application/xhtml+xml'

/** A stand-in read through to what beforeAll built. */
function builtLater<T extends object> (get: () => T | null): T {
  return new Proxy({} as T, {
    get (_target, prop) {
      const value = get()
      if (value === null) throw new Error('useSsoApp: built in beforeAll; use it inside tests and hooks')
      return value[prop as keyof T]
    }
  })
}

/**
 * A real OpenID Connect provider on loopback and a test app wired to it (team `lender`; the groups
 * credit-admins, credit-officers and auditors are admin, reviewer and viewer): built in beforeAll,
 * closed in afterAll. `ssoSignIn` is a browser's part of a sign-in (start, the provider's redirects,
 * the callback, as the service answers it; `tamper` changes the callback's address first),
 * `sessionOf` asks GET /console/session with a session cookie.
 */
export function useSsoApp () {
  let idp: Idp | null = null
  let t: TestApp | null = null
  beforeAll(async () => {
    idp = await startIdp(CALLBACK)
    t = await buildTestApp({ ...TEST_ENV, ...oidcEnv(idp.issuer, 'lender', 'credit-admins=admin,credit-officers=reviewer,auditors=viewer') })
  })
  afterAll(async () => {
    await t?.close()
    await idp?.close()
  })
  const app = builtLater(() => t)
  const provider = builtLater(() => idp)

  async function ssoSignIn (sub: string, tamper: (url: URL) => void = () => {}) {
    provider.signInAs(sub)
    const start = await app.app.inject({ url: '/console/oidc/start' })
    expect(start.statusCode).toBe(302)
    const flow = sessionCookieOf(start.headers['set-cookie'], FLOW_COOKIE) as string
    const back = await followToCallback(String(start.headers.location), CALLBACK, new CookieJar())
    tamper(back)
    const callback = await app.app.inject({ url: `/console/oidc/callback${back.search}`, headers: { cookie: `${FLOW_COOKIE}=${flow}`, accept: HTML } })
    return { start, callback, back, flow, cookie: sessionCookieOf(callback.headers['set-cookie']) }
  }

  const sessionOf = async (cookie: string | null) => await app.app.inject({ url: '/console/session', headers: { cookie: `${COOKIE}=${cookie ?? ''}` } })

  return { t: app, idp: provider, ssoSignIn, sessionOf }
}
