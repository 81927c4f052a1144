import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

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
