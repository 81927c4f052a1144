import { afterEach, describe, expect, it, onTestFailed } from 'vitest'
import { buildTestApp } from '../support/harness.js'
import { createKey, createSession } from '../support/factories.js'
import type { App } from '../../src/types.js'
import {
  dropPrefix, expectTooMany, oneOf, rateHeaders, rateLimiterLogs, REDIS_URL, secondsLeft, sleep, startInstance, TcpProxy, timed,
  uniquePrefix, waitFor, type Instance, type Timed
} from './support.js'

// Counters in the real local Redis, each test under a prefix of its own. Windows here run on real
// time (Redis expires the counters): the seconds left are checked against the test's own timing
// (secondsLeft), and the block test uses 1-3 s windows.

const WARN = 40
const INFO = 30

describe('rate limits shared through Redis', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn()
  })

  /** Two service processes on one database and one Redis, as behind a load balancer. */
  async function twoInstances (env: Record<string, string> = {}, redisUrlOfA = REDIS_URL): Promise<[Instance, Instance]> {
    const prefix = uniquePrefix()
    cleanups.push(async () => { await dropPrefix(prefix) })
    const shared = { RATE_LIMIT_REDIS_PREFIX: prefix, ...env }
    const a = await startInstance({ ...shared, REDIS_URL: redisUrlOfA })
    cleanups.push(a.close)
    const b = await startInstance({ ...shared, REDIS_URL }, a.db)
    cleanups.push(b.close)
    // Counts that differ from the expected ones usually mean an instance fell back to its memory.
    onTestFailed(() => { console.error('rate limiter logs', { a: rateLimiterLogs(a.logs), b: rateLimiterLogs(b.logs) }) })
    return [a, b]
  }

  const list = async (app: App, key: string) => await timed(async () => await app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } }))
  /** The headers of a request counted in the window (or block) of `lengthS` seconds that `opener` opened. */
  const inWindow = (res: Timed, limit: number, remaining: number, lengthS: number, opener: Timed) =>
    expect(rateHeaders(res)).toEqual({ limit: String(limit), remaining: String(remaining), reset: oneOf(secondsLeft(lengthS, opener, res)) })

  it('two instances on one Redis enforce one limit per key', async () => {
    const [a, b] = await twoInstances({ RATE_LIMIT_LIMIT: '4', RATE_LIMIT_TTL_S: '60' })
    expect([a.app.rateLimiter?.store, b.app.rateLimiter?.store]).toEqual(['ready', 'ready'])
    const { key } = await createKey(a.app)
    const other = await createKey(a.app)

    const opener = await list(a.app, key)
    inWindow(opener, 4, 3, 60, opener)
    inWindow(await list(b.app, key), 4, 2, 60, opener)
    inWindow(await list(a.app, key), 4, 1, 60, opener)
    inWindow(await list(b.app, key), 4, 0, 60, opener)
    for (const app of [a.app, b.app]) {
      const refused = await list(app, key)
      expectTooMany(refused, 4, secondsLeft(60, opener, refused))
    }
    // Another key has its own counter on both.
    const otherOpener = await list(b.app, other.key)
    inWindow(otherOpener, 4, 3, 60, otherOpener)
    inWindow(await list(a.app, other.key), 4, 2, 60, otherOpener)
  })

  it('the link exchange is counted per client address across instances too', async () => {
    const [a, b] = await twoInstances({ APPLICANT_RATE_LIMIT_LIMIT: '2', APPLICANT_RATE_LIMIT_TTL_S: '60' })
    const { key } = await createKey(a.app)
    const session = await createSession(a.app, key)
    const exchange = async (app: App, remoteAddress: string) => await timed(async () => await app.inject({
      method: 'POST', url: '/partner/verification/verify', payload: { token: session.verificationLink.token, sessionId: session.id }, remoteAddress
    }))
    const opener = await exchange(a.app, '192.0.2.1')
    inWindow(opener, 2, 1, 60, opener)
    inWindow(await exchange(b.app, '192.0.2.1'), 2, 0, 60, opener)
    const refused = await exchange(a.app, '192.0.2.1')
    expectTooMany(refused, 2, secondsLeft(60, opener, refused))
    expect((await exchange(b.app, '192.0.2.2')).statusCode).toBe(200)
  })

  it('failed authentications from one address are counted across instances', async () => {
    const [a, b] = await twoInstances({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_TTL_S: '60' })
    const { key } = await createKey(a.app)
    const attempt = async (app: App, apiKey: string) =>
      await app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': apiKey }, remoteAddress: '198.51.100.9' })
    expect((await attempt(a.app, 'pa_wrong')).statusCode).toBe(401)
    expect((await attempt(b.app, 'pa_wrong')).statusCode).toBe(401)
    for (const app of [a.app, b.app]) {
      const refused = await attempt(app, 'pa_wrong')
      expect([refused.statusCode, refused.json().message]).toEqual([429, expect.stringMatching(/^Too many failed authentications from this address, retry in \d+ seconds?$/)])
      expect((await attempt(app, key)).statusCode).toBe(200)
    }
  })

  it('a window ends and a block lasts on Redis\'s clock, for every instance', async () => {
    const [a, b] = await twoInstances()
    const { key } = await a.app.ctx.keys.create({ team: 'acme', rateLimitLimit: 1, rateLimitTtlS: 1, rateLimitBlockS: 3 })
    const opener = await list(a.app, key)
    inWindow(opener, 1, 0, 1, opener)
    const blocker = await list(b.app, key)
    expectTooMany(blocker, 1, secondsLeft(3, blocker))
    await sleep(1500) // the 1 s window is over; the 3 s block is not
    const blocked = await list(a.app, key)
    expectTooMany(blocked, 1, secondsLeft(3, blocker, blocked))
    await sleep(Math.max(0, blocker.answeredAt + 3100 - Date.now()))
    const after = await list(b.app, key)
    expect(after.statusCode).toBe(200)
    inWindow(after, 1, 0, 1, after)
  })

  it('keeps answering with per-process limits while Redis is unreachable, and shares counters again once it is back', async () => {
    const proxy = TcpProxy.toRedis()
    await proxy.start()
    cleanups.push(async () => { await proxy.cut() })
    const [a, b] = await twoInstances({ RATE_LIMIT_LIMIT: '10', RATE_LIMIT_TTL_S: '60' }, proxy.url)
    const { key } = await createKey(a.app)

    // Shared: 3 of 10 used.
    const opener = await list(a.app, key)
    inWindow(opener, 10, 9, 60, opener)
    inWindow(await list(a.app, key), 10, 8, 60, opener)
    inWindow(await list(b.app, key), 10, 7, 60, opener)

    await proxy.cut()
    // A counts in its own memory from zero, enforcing the same limit; B still counts in Redis.
    const processOpener = await list(a.app, key)
    expect(processOpener.statusCode).toBe(200)
    inWindow(processOpener, 10, 9, 60, processOpener)
    for (let i = 8; i >= 0; i--) {
      const res = await list(a.app, key)
      expect(res.statusCode).toBe(200)
      inWindow(res, 10, i, 60, processOpener)
    }
    const refused = await list(a.app, key)
    expectTooMany(refused, 10, secondsLeft(60, processOpener, refused))
    inWindow(await list(b.app, key), 10, 6, 60, opener)
    expect(a.app.rateLimiter?.store).not.toBe('ready')

    await proxy.restore()
    await waitFor('instance A to reconnect to Redis', () => a.app.rateLimiter?.store === 'ready')
    // Back on the shared counter (5 used), not on A's exhausted process counter.
    inWindow(await list(a.app, key), 10, 5, 60, opener)
    inWindow(await list(b.app, key), 10, 4, 60, opener)

    // Logged once when falling back (eleven requests were served by the process) and once when back.
    expect(rateLimiterLogs(a.logs)).toEqual([
      [WARN, 'rate limiter: Redis unreachable, counting per process until it is back'],
      [INFO, 'rate limiter: Redis is back, counters are shared again']
    ])
    expect(rateLimiterLogs(b.logs)).toEqual([])
  })

  it('boots and answers with per-process limits when Redis is unreachable from the start', async () => {
    const proxy = TcpProxy.toRedis()
    await proxy.start()
    await proxy.cut() // the port is known and nothing listens on it
    cleanups.push(async () => { await proxy.cut() })
    const prefix = uniquePrefix()
    cleanups.push(async () => { await dropPrefix(prefix) })
    const started = Date.now()
    const a = await startInstance({ REDIS_URL: proxy.url, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_LIMIT: '2' })
    cleanups.push(a.close)
    expect(Date.now() - started).toBeLessThan(5000)
    const { key } = await createKey(a.app)
    const opener = await list(a.app, key)
    inWindow(opener, 2, 1, 60, opener)
    inWindow(await list(a.app, key), 2, 0, 60, opener)
    const refused = await list(a.app, key)
    expectTooMany(refused, 2, secondsLeft(60, opener, refused))
    expect(rateLimiterLogs(a.logs)).toEqual([[WARN, 'rate limiter: Redis unreachable, counting per process until it is back']])

    await proxy.restore()
    await waitFor('the first connection to Redis', () => a.app.rateLimiter?.store === 'ready')
    const shared = await list(a.app, key)
    inWindow(shared, 2, 1, 60, shared)
    expect(rateLimiterLogs(a.logs)).toEqual([
      [WARN, 'rate limiter: Redis unreachable, counting per process until it is back'],
      [INFO, 'rate limiter: Redis is back, counters are shared again']
    ])
  })

  it('closing the app closes its Redis connection', async () => {
    const prefix = uniquePrefix()
    const t = await buildTestApp({ REDIS_URL, RATE_LIMIT_REDIS_PREFIX: prefix })
    const limiter = t.app.rateLimiter!
    expect(limiter.store).toBe('ready')
    await t.close()
    expect(limiter.store).toBe('end')
    await dropPrefix(prefix)
  })
})
