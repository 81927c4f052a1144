import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { App } from '../../src/types.js'
import { applicantSession, createKey } from '../support/factories.js'

/**
 * The command (`partner-api keys create`, `sources import`...) writes to the service's SQLite file
 * while the service runs, from another process. A service transaction that reads before it writes
 * (BEGIN DEFERRED) holds a read snapshot; if the other process commits in between, SQLite refuses
 * the upgrade to a write with SQLITE_BUSY_SNAPSHOT at once (busy_timeout does not apply), and the
 * request fails with a 500. A write transaction must take the write lock when it begins.
 */
describe('SQLite: a transaction of the service and a write from another process', () => {
  let dir: string
  let app: App | null = null
  afterEach(async () => {
    vi.restoreAllMocks()
    await app?.close()
    app = null
    rmSync(dir, { recursive: true, force: true })
  })

  /** Another process writing to the same file, as the command does; resolves with its exit code. */
  function otherProcessWrites (file: string): { exited: Promise<number> } {
    const script = `
      const Database = require('better-sqlite3')
      const db = new Database(${JSON.stringify(file)})
      db.pragma('busy_timeout = 5000')
      db.prepare("insert into teams (name, created_at) values ('from-the-cli', '2026-01-01T00:00:00.000Z')").run()
      db.close()`
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'inherit'] })
    return { exited: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1))) }
  }

  it('select-data-source succeeds while the command writes, and so does the command', async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-api-writers-'))
    app = await buildApp({ config: loadConfig({ DATA_DIR: dir, PUBLIC_BASE_URL: 'http://partner.test' }) })
    await app.ready()
    const { key } = await createKey(app)
    const { session, csrf } = await applicantSession(app, key)

    // Inside select-data-source's transaction, right after its first read: the command writes.
    // lockSession is private: the spy reaches it as the transaction does.
    const repo = app.ctx.repos.lifecycle as unknown as { lockSession: (trx: unknown, sessionId: number) => Promise<unknown> }
    const original = repo.lockSession.bind(repo)
    let writer: { exited: Promise<number> } | null = null
    vi.spyOn(repo, 'lockSession').mockImplementationOnce(async (trx, sessionId) => {
      const row = await original(trx, sessionId)
      writer = otherProcessWrites(join(dir, 'partner-api.sqlite'))
      // Let the other process finish its write, or wait on our lock, before going on.
      await Promise.race([writer.exited, new Promise((resolve) => setTimeout(resolve, 1500))])
      return row
    })

    const res = await app.inject({
      method: 'POST',
      url: '/partner/step/select-data-source',
      headers: { 'x-csrf-token': csrf },
      payload: { dataSourceIds: [1], sessionId: session.id }
    })
    expect(writer).not.toBeNull()
    expect(await (writer as unknown as { exited: Promise<number> }).exited).toBe(0)
    expect(res.statusCode, res.body).toBe(200)
    const team = await app.ctx.db.kysely.selectFrom('teams').select('name').where('name', '=', 'from-the-cli').executeTakeFirst()
    expect(team).toBeDefined()
  })
})
