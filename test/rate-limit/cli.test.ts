import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/app.js'
import { runCli } from '../support/cli.js'
import { loadConfig } from '../../src/config.js'
import type { App } from '../../src/types.js'
import { expectTooMany, rateHeaders } from './support.js'

// The command always runs on an embedded SQLite under its own DATA_DIR (as `partner-api ...` would on
// a fresh install); the service under test opens the same file. Date alone is frozen (the memory
// store times its windows with it), so the seconds left in a window are exact.

const run = runCli

describe('per-key rate limits from the partner-api command', () => {
  let dataDir: string
  let app: App | null = null

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    dataDir = mkdtempSync(join(tmpdir(), 'partner-api-rl-cli-'))
  })
  afterEach(async () => {
    vi.useRealTimers()
    if (app) await app.close()
    app = null
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function service (): Promise<App> {
    app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir }) })
    await app.ready()
    return app
  }
  const list = async (key: string) => await app!.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })
  const listedLimits = async () => JSON.parse((await run(dataDir, 'keys', 'list')).out.join('\n')).map((k: { id: number, rateLimit: unknown }) => ({ id: k.id, rateLimit: k.rateLimit }))

  it('keys create --rate-limit N --rate-ttl S --rate-block S gives the key its own limits, which the service enforces', async () => {
    const res = await run(dataDir, 'keys', 'create', '--team', 'acme', '--rate-limit', '2', '--rate-ttl', '30', '--rate-block', '45')
    expect(res.code).toBe(0)
    const created = JSON.parse(res.out[0])
    expect(await listedLimits()).toEqual([{ id: created.id, rateLimit: { ttl: 30, limit: 2, blockDuration: 45 } }])

    await service()
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '2', remaining: '1', reset: '30' })
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '2', remaining: '0', reset: '30' })
    expectTooMany(await list(created.key), 2, 45)
  })

  it('keys create sets only the limits it is given; the others stay on the defaults (120 per 60 s, no block)', async () => {
    const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme', '--rate-limit', '7')).out[0])
    expect(await listedLimits()).toEqual([{ id: created.id, rateLimit: { ttl: null, limit: 7, blockDuration: null } }])
    const plain = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])

    await service()
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '7', remaining: '6', reset: '60' })
    expect(rateHeaders(await list(plain.key))).toEqual({ limit: '120', remaining: '119', reset: '60' })
  })

  it('keys limits changes a key\'s limits for a running service at once, one field at a time, and --clear restores the defaults', async () => {
    const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
    await service()
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '120', remaining: '119', reset: '60' })

    const set = await run(dataDir, 'keys', 'limits', String(created.id), '--rate-limit', '1', '--rate-block', '90')
    expect(set.code).toBe(0)
    expect(set.err).toEqual([`wrote to SQLite at ${join(dataDir, 'partner-api.sqlite')}`])
    expect(JSON.parse(set.out[0])).toMatchObject({ id: created.id, rateLimit: { ttl: null, limit: 1, blockDuration: 90 } })
    // New limits start a fresh counter.
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '1', remaining: '0', reset: '60' })
    expectTooMany(await list(created.key), 1, 90)

    const ttl = await run(dataDir, 'keys', 'limits', String(created.id), '--rate-ttl', '15')
    expect(JSON.parse(ttl.out[0]).rateLimit).toEqual({ ttl: 15, limit: 1, blockDuration: 90 })
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '1', remaining: '0', reset: '15' })

    const cleared = await run(dataDir, 'keys', 'limits', String(created.id), '--clear')
    expect(JSON.parse(cleared.out[0]).rateLimit).toEqual({ ttl: null, limit: null, blockDuration: null })
    expect(rateHeaders(await list(created.key))).toEqual({ limit: '120', remaining: '118', reset: '60' })
  })

  it('rejects limits the service cannot honour, with exit 2 and nothing stored', async () => {
    const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
    const cases: Array<[string[], string]> = [
      [['keys', 'create', '--team', 'x', '--rate-limit', '0'], 'error: --rate-limit must be an integer >= 1'],
      [['keys', 'create', '--team', 'x', '--rate-limit', '99999999999'], 'error: --rate-limit must be at most 1000000'],
      [['keys', 'create', '--team', 'x', '--rate-ttl', '0'], 'error: --rate-ttl must be an integer >= 1'],
      [['keys', 'create', '--team', 'x', '--rate-ttl', '2592000'], 'error: --rate-ttl must be at most 86400'],
      [['keys', 'create', '--team', 'x', '--rate-block=-1'], 'error: --rate-block must be an integer >= 0'],
      [['keys', 'create', '--team', 'x', '--rate-block', '1.5'], 'error: --rate-block must be an integer >= 0'],
      [['keys', 'limits', String(created.id), '--rate-ttl', '100000'], 'error: --rate-ttl must be at most 86400'],
      [['keys', 'limits', String(created.id)], 'error: keys limits needs --rate-limit, --rate-ttl, --rate-block or --clear'],
      [['keys', 'limits', String(created.id), '--clear', '--rate-limit', '5'], 'error: keys limits takes either --clear or --rate-* flags, not both'],
      [['keys', 'limits', '--rate-limit', '5'], 'error: keys limits needs an ID']
    ]
    for (const [argv, message] of cases) {
      const res = await run(dataDir, ...argv)
      expect({ argv, code: res.code, out: res.out, first: res.err[0] }).toEqual({ argv, code: 2, out: [], first: message })
    }
    expect(await listedLimits()).toEqual([{ id: created.id, rateLimit: { ttl: null, limit: null, blockDuration: null } }])
  })

  it('keys limits of an unknown key exits 1', async () => {
    expect(await run(dataDir, 'keys', 'limits', '42', '--rate-limit', '5')).toEqual({ code: 1, out: [], err: ['no key with id 42'] })
  })
})
