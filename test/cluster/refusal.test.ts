import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main, type Io } from '../../src/cli.js'

/** `serve --workers N` refuses what it cannot run, in one line, before opening any database. */
describe('serve --workers refusals', () => {
  let dataDir: string
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-workers-')) })
  afterEach(() => { rmSync(dataDir, { recursive: true, force: true }) })

  async function serve (args: string[], env: Record<string, string> = {}) {
    const out: string[] = []
    const err: string[] = []
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) }
    const code = await main(['serve', ...args], io, { DATA_DIR: dataDir, PORT: '0', ...env })
    return { code, out, err }
  }

  it('refuses more than one worker on SQLite with one line saying why, and exits 2', async () => {
    expect(await serve(['--workers', '2'])).toEqual({
      code: 2,
      out: [],
      err: ['error: --workers above 1 needs PostgreSQL (DATABASE_URL): the SQLite database is one file written by one process']
    })
    expect(existsSync(join(dataDir, 'partner-api.sqlite'))).toBe(false)
  })

  it('refuses more than one worker without Redis: each process would allow the whole rate limit', async () => {
    const res = await serve(['--workers=3'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SERVER_SECRET: 'x'.repeat(32) })
    expect(res).toEqual({
      code: 2,
      out: [],
      err: ['error: --workers above 1 needs REDIS_URL: rate limits kept in memory would be counted per process, each worker allowing the full limit']
    })
  })

  it.each([['0'], ['-1'], ['two'], ['1.5'], ['65']])('refuses --workers %s as a usage error', async (n) => {
    const res = await serve([`--workers=${n}`])
    expect(res.code).toBe(2)
    expect(res.err[0]).toBe('error: --workers must be an integer from 1 to 64')
  })
})
