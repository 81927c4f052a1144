import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { applicantSession, createKey } from '../support/factories.js'
import { TEST_ENV } from './helpers.js'

const ORIGIN = 'https://apply.partner.test'

describe('CORS for a partner\'s own applicant front end', () => {
  let open: TestApp
  let closed: TestApp
  beforeAll(async () => {
    open = await buildTestApp({ ...TEST_ENV, CORS_ORIGINS: `${ORIGIN}, https://other.partner.test` })
    closed = await buildTestApp({ ...TEST_ENV })
  })
  afterAll(async () => { await open.close(); await closed.close() })

  const preflight = async (t: TestApp, origin: string, headers = 'content-type,x-csrf-token') =>
    await t.app.inject({
      method: 'OPTIONS',
      url: '/partner/step/select-data-source',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers }
    })

  it('answers a preflight from a configured origin, allowing the CSRF header but never x-api-key', async () => {
    const res = await preflight(open, ORIGIN)
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST')
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-csrf-token, x-request-id, partner-version')
    expect(String(res.headers['access-control-allow-headers'])).not.toContain('x-api-key')
  })

  it('gives no CORS grant to an origin that is not configured', async () => {
    const res = await preflight(open, 'https://evil.test')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('marks real answers, errors included, for the configured origin and exposes the rate-limit headers', async () => {
    const { key } = await createKey(open.app)
    const { session, csrf } = await applicantSession(open.app, key)
    const ok = await open.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { origin: ORIGIN, 'x-csrf-token': csrf } })
    expect(ok.statusCode).toBe(200)
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(ok.headers['access-control-expose-headers']).toBe('RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-Id, Partner-Version')
    const denied = await open.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { origin: ORIGIN, 'x-csrf-token': 'wrong' } })
    expect(denied.statusCode).toBe(401)
    expect(denied.headers['access-control-allow-origin']).toBe(ORIGIN)
  })

  it('without CORS_ORIGINS, cross-origin browsers get nothing: a preflight is a 404', async () => {
    const res = await preflight(closed, ORIGIN)
    expect(res.statusCode).toBe(404)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses a CORS_ORIGINS entry that is not an origin', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.test/path' })).toThrow('CORS_ORIGINS must list origins (scheme://host[:port], no path), got "https://a.test/path"')
    expect(() => loadConfig({ CORS_ORIGINS: 'not a url' })).toThrow('CORS_ORIGINS must list origins such as https://app.example.com, got "not a url"')
    expect(loadConfig({ CORS_ORIGINS: 'https://a.test/, http://b.test:8080' }).corsOrigins).toEqual(['https://a.test', 'http://b.test:8080'])
  })
})
