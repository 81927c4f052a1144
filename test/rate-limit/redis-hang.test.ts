import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { createKey } from '../support/factories.js'
import { expectTooMany, rateLimiterLogs, sleep, startInstance, uniquePrefix, waitFor, type Instance } from './support.js'

// A Redis of the test's own (never the machine's), frozen with SIGSTOP: it keeps its connections
// open and answers nothing, as a hung Redis does. The circuit breaker must keep requests fast.

const WARN = 40
const INFO = 30

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2
}

describe('a hung Redis', () => {
  let redisServer: ChildProcess
  let url: string
  let reader: Redis
  let instance: Instance
  let stopped = false
  const prefix = uniquePrefix()

  beforeAll(async () => {
    const port = await freePort()
    url = `redis://127.0.0.1:${port}`
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    // ioredis retries until the server listens.
    reader = new Redis(url, { retryStrategy: () => 50 })
    reader.on('error', () => {})
    await waitFor('the test\'s redis-server to answer', () => reader.status === 'ready')
    instance = await startInstance({ REDIS_URL: url, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_LIMIT: '1000', RATE_LIMIT_TTL_S: '60' })
  })

  afterAll(async () => {
    if (stopped) redisServer.kill('SIGCONT')
    await instance?.close()
    reader?.disconnect()
    if (redisServer && redisServer.exitCode === null) {
      const exited = new Promise((resolve) => redisServer.once('exit', resolve))
      redisServer.kill('SIGKILL')
      await exited
    }
  })

  /** The count Redis holds for an API key (0 when it holds none). */
  const countInRedis = async (keyId: number): Promise<number> => {
    const names = (await reader.keys(`${prefix}:*`)).filter((k) => k.endsWith(`:key:${keyId}`))
    return names.length === 0 ? 0 : Number(await reader.get(names[0]))
  }

  it('costs a request a few ms, keeps limits in the process, and shares counters again once Redis answers', async () => {
    onTestFailed(() => { console.error('rate limiter logs', rateLimiterLogs(instance.logs)) })
    const { app } = instance
    const limiter = app.rateLimiter!
    const fast = await createKey(app, 'acme')
    const fastId = (await app.ctx.keys.authenticate(fast.key))!.keyId
    const { key: tight } = await app.ctx.keys.create({ team: 'acme', rateLimitLimit: 3, rateLimitTtlS: 60 })
    const list = async (key: string) => {
      const started = performance.now()
      const res = await app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })
      return Object.assign(res, { ms: performance.now() - started })
    }

    // Shared: Redis holds the count.
    for (let i = 0; i < 3; i++) expect((await list(fast.key)).statusCode).toBe(200)
    expect(await countInRedis(fastId)).toBe(3)
    expect(limiter.sharing).toBe(true)

    redisServer.kill('SIGSTOP')
    stopped = true
    // The first request waits for the slow-command limit (50 ms), not for ioredis's 1 s command timeout.
    const first = await list(fast.key)
    expect(first.statusCode).toBe(200)
    expect(first.ms).toBeLessThan(500)
    expect(limiter.sharing).toBe(false)
    // The next ones do not wait on Redis at all: each well under the 50 ms a command may take.
    const times: number[] = []
    for (let i = 0; i < 20; i++) {
      const res = await list(fast.key)
      expect(res.statusCode).toBe(200)
      times.push(res.ms)
    }
    expect(median(times)).toBeLessThan(40)
    // Limits hold, counted in the process.
    for (let i = 2; i >= 0; i--) expect((await list(tight)).headers['ratelimit-remaining']).toBe(String(i))
    expectTooMany(await list(tight), 3, 60)

    redisServer.kill('SIGCONT')
    stopped = false
    // Back within the breaker's window (5 s) and a probe, not at once.
    expect(limiter.sharing).toBe(false)
    // Requests one at a time (each may start the probe), so none is in flight once the breaker closes.
    const until = Date.now() + 15_000
    while (!limiter.sharing) {
      if (Date.now() > until) throw new Error('timed out waiting for the breaker to close')
      expect((await list(fast.key)).statusCode).toBe(200)
      await sleep(50)
    }
    const before = await countInRedis(fastId)
    const shared = await list(fast.key)
    expect(shared.statusCode).toBe(200)
    expect(await countInRedis(fastId)).toBe(before + 1)
    expect(shared.headers['ratelimit-remaining']).toBe(String(1000 - before - 1))
    expect(rateLimiterLogs(instance.logs)).toEqual([
      [WARN, 'rate limiter: Redis unreachable, counting per process until it is back'],
      [INFO, 'rate limiter: Redis is back, counters are shared again']
    ])
  }, 30_000)
})
