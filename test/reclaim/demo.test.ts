import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { demoCommand } from '../../src/demo.js'
import { freePort } from '../../src/lib/net.js'
import { openTestDb } from '../support/harness.js'

describe('partner-api demo', () => {
  it('runs the whole typical workflow over HTTP on a fresh instance and exits 0', async () => {
    const out: string[] = []
    const err: string[] = []
    const code = await demoCommand({ out: (s) => out.push(s), err: (s) => err.push(s) })
    expect(err).toEqual([])
    expect(code).toBe(0)
    const text = out.join('\n')
    for (const call of [
      'POST /partner/session', 'POST /partner/verification/verify', 'GET /partner/sources/session/', 'GET /partner/sources/search?text=paypal',
      'POST /partner/step/select-data-source', 'GET /partner/steps/session/', 'POST /partner/step/initiate', 'POST /partner/sandbox/step/simulate',
      'GET /partner/reviewer/sessions?status=REVIEWING', 'GET /partner/reviewer/sessions/', 'POST /partner/reviewer/sessions/'
    ]) expect(text).toContain(`→ ${call}`)
    expect(text).toMatch(/Done: session \d+ is COMPLETED, every call answered as expected\./)
  })

  it('runs against a running instance with a test key (--url, --key), through its sandbox', async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const { db, drop } = await openTestDb()
    const app = await buildApp({ db, config: loadConfig({ PUBLIC_BASE_URL: base, SERVER_SECRET: 's'.repeat(32), RATE_LIMIT_LIMIT: '100000' }) })
    try {
      await app.listen({ port, host: '127.0.0.1' })
      const test = await app.ctx.keys.create({ team: 'Demo', test: true })
      const live = await app.ctx.keys.create({ team: 'Demo' })
      const out: string[] = []
      const err: string[] = []
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }
      expect(await demoCommand(io, { url: base, key: live.key })).toBe(2)
      expect(err).toEqual(['error: demo --url needs --key with a test key (pa_test_...): partner-api keys create --team NAME --test'])
      err.length = 0
      expect(await demoCommand(io, { url: `${base}/`, key: test.key })).toBe(0)
      expect(err).toEqual([])
      expect(out.join('\n')).toMatch(/Done: session \d+ is COMPLETED/)
      const sessions = await app.ctx.db.kysely.selectFrom('sessions').select(['status', 'livemode']).execute()
      expect(sessions).toEqual([{ status: 'COMPLETED', livemode: 0 }])
    } finally {
      await app.close()
      await drop()
    }
  })
})
