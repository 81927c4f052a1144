import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { App } from '../../src/types.js'
import { buildTestApp, openTestDb, type TestApp } from '../support/harness.js'
import { createKey, createSession, futureIso, type PartnerKey } from '../support/factories.js'
import { expectError, TEST_ENV, type Reply } from '../api/helpers.js'

function expectNoStore (res: Reply, status: number): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers['x-content-type-options']).toBe('nosniff')
}

describe('response headers', () => {
  let t: TestApp
  let key: PartnerKey

  beforeAll(async () => {
    t = await buildTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
    key = await createKey(t.app, 'acme')
  })
  afterAll(async () => { await t.close() })

  const api = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': key.key, ...headers }, ...(payload === undefined ? {} : { payload: payload as any }) })

  it('POST /partner/session (the link token) and its idempotent replay send Cache-Control: no-store', async () => {
    const payload = { params: { expiryDate: futureIso(t.app) } }
    const first = await api('POST', '/partner/session', payload, { 'idempotency-key': 'order-1' })
    expectNoStore(first, 201)
    expect(first.json().data.verificationLink.token).toEqual(expect.any(String))
    const replay = await api('POST', '/partner/session', payload, { 'idempotency-key': 'order-1' })
    expectNoStore(replay, 201)
    expect(replay.json().data.verificationLink.token).toBe(first.json().data.verificationLink.token)
  })

  it('the link exchange (the CSRF token), POST and GET, sends no-store', async () => {
    const session = await createSession(t.app, key.key)
    const { token } = session.verificationLink
    const post = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token, sessionId: session.id } })
    expectNoStore(post, 200)
    expect(post.json().data.csrfToken).toEqual(expect.any(String))
    const get = await t.app.inject({ url: `/partner/verification/verify?token=${encodeURIComponent(token)}&sessionId=${session.id}`, headers: { accept: 'application/json' } })
    expectNoStore(get, 200)
    expect(get.json().data.csrfToken).toEqual(expect.any(String))
  })

  it('webhook endpoint creation and secret rotation (the signing secret) send no-store', async () => {
    const created = await api('POST', '/partner/webhooks', { url: 'http://127.0.0.1:9/hooks' })
    expectNoStore(created, 201)
    expect(created.json().data.secret).toEqual(expect.any(String))
    const rotated = await api('POST', `/partner/webhooks/${created.json().data.id}/rotate-secret`)
    expect(rotated.statusCode, rotated.body).toBeLessThan(300)
    expectNoStore(rotated, rotated.statusCode)
    expect(rotated.json().data.secret).not.toBe(created.json().data.secret)
  })

  it('every JSON answer, errors and 404s included, sends nosniff', async () => {
    for (const res of [
      await t.app.inject({ url: '/healthz' }),
      await t.app.inject({ url: '/partner/reviewer/sessions' }),
      await t.app.inject({ url: '/no/such/route' }),
      await api('POST', '/partner/session', '{', { 'content-type': 'application/json' })
    ]) {
      expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['cache-control']).toBe('no-store')
    }
  })
})

describe('server timeouts', () => {
  it('sets request, header and keep-alive timeouts from the configuration', async () => {
    const t = await buildTestApp({ HTTP_REQUEST_TIMEOUT_MS: '20000', HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' })
    try {
      expect(t.app.server.requestTimeout).toBe(20000)
      expect(t.app.server.headersTimeout).toBe(5000)
      expect(t.app.server.keepAliveTimeout).toBe(65000)
      expect(t.app.server.timeout).toBeGreaterThan(65000) // socket inactivity never cuts a keep-alive first
    } finally {
      await t.close()
    }
  })
})

describe('/metrics', () => {
  it('is open when METRICS_TOKEN is unset', async () => {
    const t = await buildTestApp()
    try {
      const res = await t.app.inject({ url: '/metrics' })
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('process_uptime_seconds')
    } finally {
      await t.close()
    }
  })

  describe('with METRICS_TOKEN set', () => {
    const token = 'metrics-secret-0123456789'
    let t: TestApp
    beforeAll(async () => { t = await buildTestApp({ METRICS_TOKEN: token }) })
    afterAll(async () => { await t.close() })

    it('answers with the right bearer token', async () => {
      const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('# TYPE http_requests_total counter')
    })

    it.each([
      ['no Authorization header', undefined],
      ['a wrong token', 'Bearer metrics-secret-0123456780'],
      ['a prefix of the token', `Bearer ${token.slice(0, -1)}`],
      ['the token without the Bearer scheme', token],
      ['Basic credentials', `Basic ${Buffer.from(`x:${token}`).toString('base64')}`]
    ])('401 in the guide\'s format for %s', async (_what, authorization) => {
      const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} })
      expectError(res, 401, 'Missing or invalid bearer token for /metrics')
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"')
      expect(res.body).not.toContain('http_requests_total')
    })
  })
})

describe('TRUST_PROXY', () => {
  /** An app with one extra route that reports the client address Fastify derived. */
  async function ipApp (trustProxy: string | undefined): Promise<{ app: App, close: () => Promise<void> }> {
    const { db, drop } = await openTestDb()
    const app = await buildApp({ config: loadConfig({ ...TEST_ENV, ...(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }) }), db })
    app.get('/test/ip', { config: { auth: 'none' } }, async (request) => ({ ip: request.ip }))
    await app.ready()
    return { app, close: async () => { await app.close(); await drop() } }
  }
  const ipOf = async (app: App, remoteAddress: string, forwardedFor: string) =>
    (await app.inject({ url: '/test/ip', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } })).json().ip

  it('unset: X-Forwarded-For is ignored', async () => {
    const { app, close } = await ipApp(undefined)
    try { expect(await ipOf(app, '10.0.0.5', '203.0.113.9')).toBe('10.0.0.5') } finally { await close() }
  })

  it('a hop count trusts that many proxies, and no more: a client cannot choose its own address', async () => {
    const { app, close } = await ipApp('1')
    try {
      expect(await ipOf(app, '10.0.0.5', '203.0.113.9')).toBe('203.0.113.9')
      // The client wrote its own X-Forwarded-For: the balancer appended the real address.
      expect(await ipOf(app, '10.0.0.5', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9')
    } finally { await close() }
  })

  it('a list of proxy addresses/CIDRs trusts those proxies only', async () => {
    const { app, close } = await ipApp('10.0.0.0/8, 192.0.2.7')
    try {
      expect(await ipOf(app, '10.0.0.5', '203.0.113.9')).toBe('203.0.113.9')
      expect(await ipOf(app, '192.0.2.7', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9')
      expect(await ipOf(app, '198.51.100.1', '203.0.113.9')).toBe('198.51.100.1') // not a proxy of ours
    } finally { await close() }
  })
})
