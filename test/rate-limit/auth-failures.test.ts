import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { createKey, createSession, exchange } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { rateHeaders } from './support.js'
import type { Reply } from '../api/helpers.js'

// Failed authentications per client address, memory store. As in limits.test.ts, Date alone is
// faked so the window can be moved by hand and every header value is exact.

const advance = (seconds: number) => { vi.setSystemTime(Date.now() + seconds * 1000) }
const ATTACKER = '203.0.113.7'
const NEIGHBOUR = '203.0.113.8'

function expectBlocked (res: Reply, limit: number, retryAfterS: number): void {
  const s = retryAfterS
  expect({ statusCode: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'], ...rateHeaders(res) }).toEqual({
    statusCode: 429,
    body: { statusCode: 429, message: `Too many failed authentications from this address, retry in ${s} ${s === 1 ? 'second' : 'seconds'}`, error: 'Too Many Requests', code: 'rate_limited', requestId: res.headers['x-request-id'] },
    retryAfter: String(s),
    limit: String(limit),
    remaining: '0',
    reset: String(s)
  })
}

describe('failed authentications per client address', () => {
  let t: TestApp
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    t = await buildTestApp({ ...TEST_ENV, AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_TTL_S: '60' })
  })
  afterEach(async () => {
    vi.useRealTimers()
    await t.close()
  })

  const list = async (headers: Record<string, string>, remoteAddress = ATTACKER) =>
    await t.app.inject({ url: '/partner/reviewer/sessions', headers, remoteAddress })
  const wrongKey = { 'x-api-key': 'pa_not-a-key-of-this-service' }

  it('answers 401 up to the limit, then 429 with Retry-After to a wrong or missing key, before authenticating', async () => {
    for (let i = 0; i < 3; i++) expectError(await list(wrongKey), 401, 'Invalid or revoked API key')
    advance(20)
    const authenticate = vi.spyOn(t.app.ctx.keys, 'authenticate')
    const refused = await expectNoChange(t.db, async () => await list(wrongKey))
    expectBlocked(refused, 3, 40)
    expectBlocked(await list({}), 3, 40)
    expect(authenticate).toHaveBeenCalledTimes(1) // the guard's own check of the wrong key; auth never ran
    authenticate.mockRestore()
  })

  it('keeps serving a valid key from a blocked address, and counts nothing against it', async () => {
    const { key } = await createKey(t.app)
    for (let i = 0; i < 3; i++) await list(wrongKey)
    expectBlocked(await list(wrongKey), 3, 60)
    for (let i = 0; i < 5; i++) expect((await list({ 'x-api-key': key })).statusCode).toBe(200)
    expectBlocked(await list(wrongKey), 3, 60)
  })

  it('counts each address on its own', async () => {
    for (let i = 0; i < 3; i++) await list(wrongKey)
    expectBlocked(await list(wrongKey), 3, 60)
    expectError(await list(wrongKey, NEIGHBOUR), 401, 'Invalid or revoked API key')
  })

  it('lets the address try again once the window ends', async () => {
    for (let i = 0; i < 3; i++) await list(wrongKey)
    advance(59.5)
    expectBlocked(await list(wrongKey), 3, 1)
    advance(0.5)
    expectError(await list(wrongKey), 401, 'Invalid or revoked API key')
  })

  it('counts wrong CSRF tokens too, and blocks them the same way', async () => {
    const { key } = await createKey(t.app)
    const session = await createSession(t.app, key)
    const csrf = await exchange(t.app, session.id, session.verificationLink.token)
    const select = async (token: string) => await t.app.inject({
      method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': token }, payload: { dataSourceIds: [1], sessionId: session.id }, remoteAddress: ATTACKER
    })
    for (let i = 0; i < 2; i++) expectError(await select('not-a-token'), 401, 'Invalid or expired CSRF token')
    expectError(await list(wrongKey), 401, 'Invalid or revoked API key') // the third failure, on another kind of route
    expectBlocked(await select('not-a-token'), 3, 60)
    expectBlocked(await list({}), 3, 60)
    expect((await select(csrf)).statusCode).toBe(200)
  })

  it('does not count requests that authenticate, nor routes without credentials', async () => {
    const { key } = await createKey(t.app)
    for (let i = 0; i < 10; i++) expect((await list({ 'x-api-key': key })).statusCode).toBe(200)
    for (let i = 0; i < 10; i++) expect((await t.app.inject({ url: '/healthz', remoteAddress: ATTACKER })).statusCode).toBe(200)
    expectError(await list(wrongKey), 401, 'Invalid or revoked API key')
  })
})

describe('AUTH_FAILURE_LIMIT and AUTH_FAILURE_TTL_S', () => {
  it('default to 30 failures a minute', () => {
    expect(loadConfig({}).authFailureLimit).toEqual({ ttlS: 60, limit: 30, blockS: 0 })
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_TTL_S: '600' }).authFailureLimit).toEqual({ ttlS: 600, limit: 5, blockS: 0 })
  })

  it('refuse a value that is not a positive integer with one clear line', () => {
    expect(() => loadConfig({ AUTH_FAILURE_LIMIT: 'lots' })).toThrow(new ConfigError('AUTH_FAILURE_LIMIT must be an integer, got "lots"'))
    expect(() => loadConfig({ AUTH_FAILURE_TTL_S: '0' })).toThrow(new ConfigError('AUTH_FAILURE_TTL_S must be between 1 and 86400, got 0'))
  })
})
