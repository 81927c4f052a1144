import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { createKey, createSession, futureIso } from '../support/factories.js'
import { countRows, expectError, expectNoChange } from '../api/helpers.js'
import { expectTooMany, rateHeaders } from './support.js'

// The memory store (no REDIS_URL). rate-limiter-flexible times its windows with Date.now(), so these
// tests fake Date alone (timers, I/O and the app's own clock run as usual) and move it by hand:
// every header value below is exact.

const DEFAULTS = {
  RATE_LIMIT_LIMIT: '3',
  RATE_LIMIT_TTL_S: '60',
  RATE_LIMIT_BLOCK_S: '0',
  APPLICANT_RATE_LIMIT_LIMIT: '2',
  APPLICANT_RATE_LIMIT_TTL_S: '30',
  APPLICANT_RATE_LIMIT_BLOCK_S: '0'
}

const advance = (seconds: number) => { vi.setSystemTime(Date.now() + seconds * 1000) }

/** The link exchange from a given client address. */
const exchange = async (app: TestApp['app'], body: { token: string, sessionId: number }, remoteAddress: string) =>
  await app.inject({ method: 'POST', url: '/partner/verification/verify', payload: body, remoteAddress })

describe('rate limits (memory store)', () => {
  let t: TestApp
  const apps: TestApp[] = []
  async function start (env: Record<string, string> = {}): Promise<TestApp> {
    const built = await buildTestApp({ ...DEFAULTS, ...env })
    apps.push(built)
    return built
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    t = await start()
  })
  afterEach(async () => {
    vi.useRealTimers()
    for (const a of apps.splice(0)) await a.close()
  })

  const list = async (key: string, app = t.app) => await app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })

  describe('per API key', () => {
    it('counts every request against its key and tells limit, remaining and seconds to the window\'s end', async () => {
      const { key } = await createKey(t.app)
      const first = await list(key)
      expect(first.statusCode).toBe(200)
      expect(rateHeaders(first)).toEqual({ limit: '3', remaining: '2', reset: '60' })
      advance(10.5)
      expect(rateHeaders(await list(key))).toEqual({ limit: '3', remaining: '1', reset: '50' })
      const third = await list(key)
      expect(third.statusCode).toBe(200)
      expect(rateHeaders(third)).toEqual({ limit: '3', remaining: '0', reset: '50' })
    })

    it('refuses the request over the limit with 429, Retry-After and the guide\'s error body', async () => {
      const { key } = await createKey(t.app)
      for (let i = 0; i < 3; i++) await list(key)
      advance(20)
      const refused = await list(key)
      expectTooMany(refused, 3, 40)
      expect(refused.headers['content-type']).toBe('application/json; charset=utf-8')
      advance(39)
      expectTooMany(await list(key), 3, 1)
    })

    it('with no block duration, lets the key in again as soon as its window ends', async () => {
      const { key } = await createKey(t.app)
      for (let i = 0; i < 3; i++) await list(key)
      expectTooMany(await list(key), 3, 60)
      advance(59.9)
      expectTooMany(await list(key), 3, 1)
      advance(0.1)
      const again = await list(key)
      expect(again.statusCode).toBe(200)
      expect(rateHeaders(again)).toEqual({ limit: '3', remaining: '2', reset: '60' })
    })

    it('keeps a key that went over blocked for its block duration, past the end of its window', async () => {
      const { key } = await t.app.ctx.keys.create({ team: 'acme', rateLimitLimit: 2, rateLimitTtlS: 10, rateLimitBlockS: 30 })
      expect(rateHeaders(await list(key))).toEqual({ limit: '2', remaining: '1', reset: '10' })
      expect(rateHeaders(await list(key))).toEqual({ limit: '2', remaining: '0', reset: '10' })
      expectTooMany(await list(key), 2, 30)
      advance(15) // the window is over, the block is not
      expectTooMany(await list(key), 2, 15)
      advance(14.5)
      expectTooMany(await list(key), 2, 1)
      advance(0.5)
      const after = await list(key)
      expect(after.statusCode).toBe(200)
      expect(rateHeaders(after)).toEqual({ limit: '2', remaining: '1', reset: '10' })
    })

    it('a block lasts its duration from the first refusal; retrying while blocked does not extend it', async () => {
      const { key } = await t.app.ctx.keys.create({ team: 'acme', rateLimitLimit: 1, rateLimitTtlS: 5, rateLimitBlockS: 20 })
      await list(key)
      expectTooMany(await list(key), 1, 20)
      for (let i = 0; i < 5; i++) { advance(2); await list(key) }
      expectTooMany(await list(key), 1, 10)
      advance(10)
      expect((await list(key)).statusCode).toBe(200)
    })

    it('uses the key\'s own limits where it has them and the defaults for the rest', async () => {
      const own = await t.app.ctx.keys.create({ team: 'acme', rateLimitLimit: 1 })
      const plain = await createKey(t.app)
      expect(rateHeaders(await list(own.key))).toEqual({ limit: '1', remaining: '0', reset: '60' })
      expectTooMany(await list(own.key), 1, 60)
      expect(rateHeaders(await list(plain.key))).toEqual({ limit: '3', remaining: '2', reset: '60' })
    })

    it('counts each key on its own: one key over its limit does not touch another, even of its team', async () => {
      const a = await createKey(t.app, 'acme')
      const b = await createKey(t.app, 'acme')
      const c = await createKey(t.app, 'globex')
      for (let i = 0; i < 3; i++) await list(a.key)
      expectTooMany(await list(a.key), 3, 60)
      expect(rateHeaders(await list(b.key))).toEqual({ limit: '3', remaining: '2', reset: '60' })
      expect(rateHeaders(await list(c.key))).toEqual({ limit: '3', remaining: '2', reset: '60' })
      expectTooMany(await list(a.key), 3, 60)
    })

    it('a refused request does no work: nothing is written and its body is not even read', async () => {
      const { key } = await createKey(t.app)
      const create = async (payload: string) => await t.app.inject({
        method: 'POST', url: '/partner/session', headers: { 'x-api-key': key, 'content-type': 'application/json' }, payload
      })
      for (let i = 0; i < 3; i++) expect((await create(JSON.stringify({ params: { expiryDate: futureIso(t.app) } }))).statusCode).toBe(201)
      expect(await countRows(t.db, 'sessions')).toBe(3)

      const refused = await expectNoChange(t.db, async () => await create(JSON.stringify({ params: { expiryDate: futureIso(t.app) } })))
      expectTooMany(refused, 3, 60)
      // Malformed JSON would be a 400 had the body been parsed.
      expectTooMany(await create('{"params": '), 3, 60)
      expect(await countRows(t.db, 'sessions')).toBe(3)
    })

    it('a missing, unknown or revoked key is a 401 that carries no rate-limit headers and costs nothing', async () => {
      const { key } = await createKey(t.app)
      const revoked = await createKey(t.app)
      await t.app.ctx.keys.revoke(revoked.id)
      for (let i = 0; i < 5; i++) {
        for (const headers of [{}, { 'x-api-key': 'pa_unknown' }, { 'x-api-key': revoked.key }, { 'x-api-key': `${key}x` }]) {
          const res = await t.app.inject({ url: '/partner/reviewer/sessions', headers })
          expect(res.statusCode).toBe(401)
          expect(rateHeaders(res)).toEqual({ limit: undefined, remaining: undefined, reset: undefined })
        }
      }
      expect(rateHeaders(await list(key))).toEqual({ limit: '3', remaining: '2', reset: '60' })
    })
  })

  describe('per applicant', () => {
    async function applicant (app: TestApp['app'], key: string, remoteAddress: string) {
      const session = await createSession(app, key)
      const res = await exchange(app, { token: session.verificationLink.token, sessionId: session.id }, remoteAddress)
      expect(res.statusCode).toBe(200)
      return { session, csrf: res.json().data.csrfToken as string }
    }

    it('CSRF routes count per session with the applicant limits, whichever CSRF token of the session is used', async () => {
      const app = (await start({ RATE_LIMIT_LIMIT: '100' })).app
      const { key } = await createKey(app)
      const one = await applicant(app, key, '10.0.0.1')
      const two = await applicant(app, key, '10.0.0.2')
      const sources = async (x: typeof one, csrf = x.csrf) =>
        await app.inject({ url: `/partner/sources/session/${x.session.id}`, headers: { 'x-csrf-token': csrf } })
      const steps = async (x: typeof one) =>
        await app.inject({ url: `/partner/steps/session/${x.session.id}`, headers: { 'x-csrf-token': x.csrf } })

      const first = await sources(one)
      expect(first.statusCode).toBe(200)
      expect(rateHeaders(first)).toEqual({ limit: '2', remaining: '1', reset: '30' })
      expect(rateHeaders(await steps(one))).toEqual({ limit: '2', remaining: '0', reset: '30' })
      expectTooMany(await sources(one), 2, 30)

      // A fresh CSRF token of the same session shares its counter.
      const again = await exchange(app, { token: one.session.verificationLink.token, sessionId: one.session.id }, '10.0.0.3')
      expectTooMany(await sources(one, again.json().data.csrfToken), 2, 30)

      // Another session is untouched, and so is the partner's key.
      expect(rateHeaders(await sources(two))).toEqual({ limit: '2', remaining: '1', reset: '30' })
      expect(rateHeaders(await list(key, app))).toEqual({ limit: '100', remaining: expect.any(String), reset: '60' })

      advance(30)
      expect((await sources(one)).statusCode).toBe(200)
    })

    it('an invalid CSRF token is a 401 that counts against nothing', async () => {
      const { key } = await createKey(t.app)
      const { session, csrf } = await applicant(t.app, key, '10.0.0.1')
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({ url: `/partner/sources/session/${session.id}`, headers: { 'x-csrf-token': 'nope' } })
        expectError(res, 401, 'Invalid or expired CSRF token')
        expect(res.headers['ratelimit-limit']).toBeUndefined()
      }
      const ok = await t.app.inject({ url: `/partner/sources/session/${session.id}`, headers: { 'x-csrf-token': csrf } })
      expect(rateHeaders(ok)).toEqual({ limit: '2', remaining: '1', reset: '30' })
    })

    it('the link exchange counts per client address, failed attempts included, on both of its methods', async () => {
      const { app, db } = await start({ RATE_LIMIT_LIMIT: '100', APPLICANT_RATE_LIMIT_LIMIT: '3' })
      const { key } = await createKey(app)
      const session = await createSession(app, key)
      const good = { token: session.verificationLink.token, sessionId: session.id }
      const wrong = { token: 'guessed-token', sessionId: session.id }

      const ok = await exchange(app, good, '203.0.113.7')
      expect(ok.statusCode).toBe(200)
      expect(rateHeaders(ok)).toEqual({ limit: '3', remaining: '2', reset: '30' })
      const guess = await exchange(app, wrong, '203.0.113.7')
      expect(guess.statusCode).toBe(401)
      expect(rateHeaders(guess)).toEqual({ limit: '3', remaining: '1', reset: '30' })
      const viaGet = await app.inject({ url: `/partner/verification/verify?token=${good.token}&sessionId=${good.sessionId}`, remoteAddress: '203.0.113.7' })
      expect(viaGet.statusCode).toBe(200)
      expect(rateHeaders(viaGet)).toEqual({ limit: '3', remaining: '0', reset: '30' })

      // Even the right token is refused now, and no CSRF token is issued.
      const csrfBefore = await countRows(db, 'csrf_tokens')
      const refused = await expectNoChange(db, async () => await exchange(app, good, '203.0.113.7'))
      expectTooMany(refused, 3, 30)
      expect(await countRows(db, 'csrf_tokens')).toBe(csrfBefore)

      // Another address is not affected.
      const other = await exchange(app, good, '198.51.100.1')
      expect(other.statusCode).toBe(200)
      expect(rateHeaders(other)).toEqual({ limit: '3', remaining: '2', reset: '30' })
    })

    it('a browser opening the manual link gets the page without spending the exchange budget it needs next', async () => {
      const { app } = await start({ RATE_LIMIT_LIMIT: '100', APPLICANT_RATE_LIMIT_LIMIT: '1' })
      const { key } = await createKey(app)
      const session = await createSession(app, key)
      const url = `/partner/verification/verify?token=${session.verificationLink.token}&sessionId=${session.id}`
      for (let i = 0; i < 3; i++) {
        const page = await app.inject({ url, headers: { accept: 'text/html,application/xhtml+xml' }, remoteAddress: '203.0.113.9' })
        expect(page.statusCode).toBe(200)
        expect(page.headers['content-type']).toMatch(/^text\/html/)
        expect(rateHeaders(page)).toEqual({ limit: undefined, remaining: undefined, reset: undefined })
      }
      const ok = await exchange(app, { token: session.verificationLink.token, sessionId: session.id }, '203.0.113.9')
      expect(ok.statusCode).toBe(200)
      expect(rateHeaders(ok)).toEqual({ limit: '1', remaining: '0', reset: '30' })
    })
  })

  describe('which routes count', () => {
    it('every API-key, CSRF and link route (and a public one limited per address) is counted and carries the headers, whatever it answers; other routes carry none', async () => {
      const app = (await start({ RATE_LIMIT_LIMIT: '1000', APPLICANT_RATE_LIMIT_LIMIT: '1000' })).app
      const { key } = await createKey(app)
      const session = await createSession(app, key)
      const csrf = (await exchange(app, { token: session.verificationLink.token, sessionId: session.id }, '10.9.9.9')).json().data.csrfToken as string

      const counted = { apiKey: 1, csrf: 0, link: 1, callback: 0, perAddress: 0 } // the session's creation and its link exchange
      // Public routes that declare limitPerAddress: counted per client address, each on its own counter.
      const perAddress = new Set(['GET /console/oidc/start'])
      for (const route of app.routeCatalog) {
        if (route.method === 'HEAD' || route.url.includes('*')) continue
        const url = route.url.replace(/:sessionId/g, String(session.id)).replace(/:[A-Za-z]+/g, '999')
        const headers: Record<string, string> = route.auth === 'apiKey' ? { 'x-api-key': key } : route.auth === 'csrf' ? { 'x-csrf-token': csrf } : {}
        const res = await app.inject({ method: route.method as 'GET', url, headers, remoteAddress: '10.9.9.9', ...(route.method === 'POST' ? { payload: {} } : {}) })
        const where = `${route.method} ${route.url} (${route.auth ?? 'no auth'}) answered ${res.statusCode}`
        if (route.auth === 'apiKey' || route.auth === 'csrf' || route.auth === 'link') {
          counted[route.auth]++
          expect({ where, ...rateHeaders(res) }).toEqual({ where, limit: '1000', remaining: String(1000 - counted[route.auth]), reset: route.auth === 'apiKey' ? '60' : '30' })
        } else if (route.auth === 'callback') {
          // Counted per callback token and per address; the headers are the address's.
          counted.callback++
          expect({ where, ...rateHeaders(res) }).toEqual({ where, limit: '1000', remaining: String(1000 - counted.callback), reset: '30' })
        } else if (perAddress.has(`${route.method} ${route.url}`)) {
          counted.perAddress++
          expect({ where, ...rateHeaders(res) }).toEqual({ where, limit: '1000', remaining: '999', reset: '30' })
        } else {
          expect({ where, ...rateHeaders(res) }).toEqual({ where, limit: undefined, remaining: undefined, reset: undefined })
        }
      }
      // The catalog really held routes of every kind.
      expect(counted.apiKey).toBeGreaterThanOrEqual(5)
      expect(counted.csrf).toBeGreaterThanOrEqual(6)
      expect(counted.link).toBe(3)
      expect(counted.callback).toBe(1)
      expect(counted.perAddress).toBe(perAddress.size)
    })

    it('RATE_LIMIT_ENABLED=false counts nothing and sends no rate-limit headers', async () => {
      const app = (await start({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_LIMIT: '1' })).app
      expect(app.rateLimiter).toBeNull()
      const { key } = await createKey(app)
      for (let i = 0; i < 5; i++) {
        const res = await list(key, app)
        expect(res.statusCode).toBe(200)
        expect(rateHeaders(res)).toEqual({ limit: undefined, remaining: undefined, reset: undefined })
      }
    })
  })
})
