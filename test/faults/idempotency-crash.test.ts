import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { buildApp, ROOT_DIR } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { usingPostgres } from '../support/harness.js'

// An idempotent POST's change and its stored answer commit in one transaction (plugins/idempotency.ts).
// The real executable (bin/partner-api.js over dist/) kills itself with SIGKILL right before or right
// after that commit (PARTNER_API_FAULT); restarted, the same request with the same Idempotency-Key
// makes the change exactly once: before the commit nothing was kept, after it the answer replays.
const BIN = join(ROOT_DIR, 'bin', 'partner-api.js')
const READY = 'partner-api listening on'
const SECRET = 'crash-test-server-secret-0123456789abcdef'

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('an idempotent POST whose process dies around its commit', () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })

  async function setUp () {
    const dataDir = mkdtempSync(join(tmpdir(), 'pa-crash-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      SERVER_SECRET: SECRET,
      HOST: '127.0.0.1',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true'
    }
    let pgSchema: string | undefined
    if (usingPostgres()) {
      const url = process.env.TEST_DATABASE_URL as string
      pgSchema = `t_${inject('pgRun')}_crash_${randomBytes(4).toString('hex')}`
      await ensurePgSchema(url, pgSchema)
      Object.assign(env, { DATABASE_URL: url, PGOPTIONS: `-c search_path=${pgSchema}` })
    }
    // The same database in this process: it migrates, makes the key, and reads what the server kept.
    const db = createDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir, pgSchema, pgPoolSize: 2 })
    const app: App = await buildApp({ config: loadConfig(env), db })
    cleanups.push(async () => { await app.close(); await db.close() })
    const { key, teamId } = await app.ctx.keys.create({ team: 'crash' })
    return { env, app, key, teamId }
  }

  async function serve (env: Record<string, string>, extra: Record<string, string> = {}): Promise<{ child: ChildProcess, base: string, exited: Promise<NodeJS.Signals | null> }> {
    const port = await freePort()
    const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT_DIR, env: { ...env, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...extra } })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    cleanups.push(async () => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited } })
    let out = ''
    let err = ''
    child.stderr?.on('data', (d) => { err += String(d) })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no boot line within 90 s: ${out} ${err}`)), 90_000)
      child.stdout?.on('data', (d) => {
        out += String(d)
        if (out.includes(READY)) { clearTimeout(timer); resolve() }
      })
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code} before booting: ${err}`)) })
    })
    return { child, base: `http://127.0.0.1:${port}`, exited }
  }

  const create = async (base: string, key: string) => await fetch(`${base}/partner/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': 'crash-1' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/hook' })
  })

  const endpoints = async (app: App, teamId: number) =>
    await app.ctx.db.kysely.selectFrom('webhookEndpoints').select('id').where('teamId', '=', teamId).execute()

  it('killed before the commit: nothing was kept; once the claim\'s lease ends the retry makes the change, once', async () => {
    const { env, app, key, teamId } = await setUp()
    const first = await serve(env, { PARTNER_API_FAULT: 'idempotent-before-commit' })
    await expect(create(first.base, key)).rejects.toThrow()
    expect(await first.exited).toBe('SIGKILL')
    expect(await endpoints(app, teamId)).toEqual([])

    const second = await serve(env)
    // The key's claim (committed before the handler ran) holds it for its lease: a retry meanwhile is told to wait.
    const early = await create(second.base, key)
    expect(early.status).toBe(409)
    expect((await early.json() as { code: string }).code).toBe('idempotency_key_in_progress')
    expect(await endpoints(app, teamId)).toEqual([])
    // The lease (2 minutes) has run out.
    await app.ctx.db.kysely.updateTable('idempotentRequests').set({ createdAt: new Date(Date.now() - 3 * 60_000).toISOString() }).where('teamId', '=', teamId).execute()
    const retry = await create(second.base, key)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBeNull()
    const body = await retry.json() as { data: { id: number, secret?: string } }
    expect(await endpoints(app, teamId)).toEqual([{ id: body.data.id }])
    const again = await create(second.base, key)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect((await again.json() as { data: { id: number } }).data.id).toBe(body.data.id)
    expect(await endpoints(app, teamId)).toHaveLength(1)
  }, 240_000)

  it('killed after the commit, before answering: the retry replays the kept answer and changes nothing more', async () => {
    const { env, app, key, teamId } = await setUp()
    const first = await serve(env, { PARTNER_API_FAULT: 'idempotent-after-commit' })
    await expect(create(first.base, key)).rejects.toThrow()
    expect(await first.exited).toBe('SIGKILL')
    const kept = await endpoints(app, teamId)
    expect(kept).toHaveLength(1)

    const second = await serve(env)
    const retry = await create(second.base, key)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const body = await retry.json() as { data: { id: number, secret?: string } }
    expect(body.data.id).toBe(kept[0].id)
    // The secret shown once, in the first answer, which the client never received: the replay carries it.
    expect(typeof body.data.secret).toBe('string')
    expect(await endpoints(app, teamId)).toEqual(kept)
  }, 240_000)
})
