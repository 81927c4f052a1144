import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp, ROOT_DIR } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'

/**
 * deploy/haproxy/run.sh: HAProxy (Debian's package) in front of two `partner-api serve` processes (the
 * built executable) on PostgreSQL and Redis, on loopback. A write burst goes through it while one
 * process is killed with SIGKILL: every acknowledged session is stored once, the other process serves
 * everything within the health check's window, and a key's rate limit holds across both processes.
 * PostgreSQL only (vitest.config.ts).
 */
const RUN = join(ROOT_DIR, 'deploy', 'haproxy', 'run.sh')
const SECRET = 'haproxy-test-server-secret-0123456789abcdef'
const CHECK_INTERVAL_MS = 500 // HAProxy marks a process down after 2 failed checks: within about 1 s

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function until (what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!await Promise.resolve().then(check).catch(() => false)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('two processes behind HAProxy (deploy/haproxy/run.sh)', () => {
  const url = process.env.TEST_DATABASE_URL ?? ''
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  const schema = `t_${inject('pgRun')}_lb_${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'partner-api-lb-'))
  let lb: ChildProcess
  let out = ''
  let base = ''
  let db: Db
  let app: App
  const apps = new Map<number, number>() // port -> pid

  beforeAll(async () => {
    await ensurePgSchema(url, schema)
    // Migrated once here, so the two processes boot on a ready schema.
    db = createDatabase({ databaseUrl: url, dataDir, pgSchema: schema, pgPoolSize: 2 })
    app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, SERVER_SECRET: SECRET }), db })
    const lbPort = await freePort()
    base = `http://127.0.0.1:${lbPort}`
    const ports = [await freePort(), await freePort()]
    lb = spawn('bash', [RUN], {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: url,
        PGOPTIONS: `-c search_path=${schema}`,
        REDIS_URL: redisUrl,
        RATE_LIMIT_REDIS_PREFIX: `pa-test-lb-${randomBytes(4).toString('hex')}`,
        SERVER_SECRET: SECRET,
        DATA_DIR: dataDir,
        LB_PORT: String(lbPort),
        APP_PORTS: ports.join(','),
        CHECK_INTERVAL_MS: String(CHECK_INTERVAL_MS),
        RUN_DIR: dataDir,
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: base
      }
    })
    lb.stdout?.on('data', (d) => {
      out += String(d)
      for (const m of out.matchAll(/^app (\d+) pid (\d+)$/gm)) apps.set(Number(m[1]), Number(m[2]))
    })
    lb.stderr?.on('data', (d) => { out += String(d) })
    // Both processes in rotation: HAProxy's checks pass, and answers come from each (by their port in no header: count readiness twice).
    await until('the balancer', async () => (await fetch(`${base}/readyz`)).status === 200)
    await until('both processes ready', async () => {
      for (const port of ports) if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status !== 200) return false
      return true
    })
    await new Promise((resolve) => setTimeout(resolve, CHECK_INTERVAL_MS * 3)) // rise 2: both marked up
  }, 120_000)

  afterAll(async () => {
    if (lb.exitCode === null) {
      const closed = new Promise((resolve) => lb.on('close', resolve))
      lb.kill('SIGTERM')
      await closed
    }
    for (const pid of apps.values()) { try { process.kill(pid, 'SIGKILL') } catch {} }
    await app?.close()
    await db?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const expiryDate = new Date(Date.now() + 7 * 86400_000).toISOString()
  const create = async (key: string, n: number, idempotencyKey?: string) => await fetch(`${base}/partner/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify({ params: { expiryDate, applicantId: `burst-${n}` } })
  })

  it('holds one rate limit for a key across both processes (Redis)', async () => {
    const limited = await app.ctx.keys.create({ team: 'lb-limited', rateLimitLimit: 10, rateLimitTtlS: 300 })
    const statuses: number[] = []
    for (let i = 0; i < 24; i++) statuses.push((await fetch(`${base}/partner/reviewer/sessions?limit=1`, { headers: { 'x-api-key': limited.key } })).status)
    // Round-robin over two processes: with limits per process about 20 would pass.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(14)
  }, 60_000)

  it('stores every acknowledged session once through a write burst in which one process is killed', async () => {
    const { key, teamId } = await app.ctx.keys.create({ team: 'lb-burst', rateLimitLimit: 100_000 })
    const TOTAL = 240
    const acknowledged = new Map<number, number>() // n -> session id
    const failures: Array<{ n: number, at: number, status: number | string }> = []
    let killedAt = 0
    let next = 0
    const [victimPort, victimPid] = [...apps.entries()][0]
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++
        if (n === 80) {
          killedAt = Date.now()
          process.kill(victimPid, 'SIGKILL')
        }
        // A client retries with the same Idempotency-Key until it has an answer.
        for (let attempt = 0; ; attempt++) {
          const res = await create(key, n, `burst-${n}`).catch((err: unknown) => ({ status: String(err), json: async () => null }))
          if (res.status === 201) {
            acknowledged.set(n, ((await res.json()) as { data: { id: number } }).data.id)
            break
          }
          failures.push({ n, at: Date.now(), status: res.status })
          if (attempt > 20) throw new Error(`session ${n} never acknowledged: ${JSON.stringify(failures.slice(-3))}`)
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
    }
    const started = Date.now()
    await Promise.all(Array.from({ length: 8 }, worker))
    const elapsed = Date.now() - started
    expect(killedAt).toBeGreaterThan(0)
    expect(acknowledged.size).toBe(TOTAL)

    // Every acknowledged session is stored, once (retries replayed, not repeated).
    const rows = await db.kysely.selectFrom('sessions').select(['id', 'applicantId']).where('teamId', '=', teamId).execute()
    expect(rows).toHaveLength(TOTAL)
    expect(new Set(rows.map((r) => r.applicantId)).size).toBe(TOTAL)
    for (const [n, id] of acknowledged) expect(rows.find((r) => r.id === id)?.applicantId).toBe(`burst-${n}`)

    // Failures only around the kill, none after the health checks took the process out.
    const window = CHECK_INTERVAL_MS * 2 + 1000
    const late = failures.filter((f) => f.at > killedAt + window)
    expect(late).toEqual([])
    const after = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await create(key, TOTAL + i)).status))
    expect(after).toEqual(Array(10).fill(201))
    expect((await fetch(`http://127.0.0.1:${victimPort}/readyz`).catch(() => null))).toBeNull()
    // Printed for the README's figures.
    console.log(`burst: ${TOTAL} sessions in ${elapsed} ms through HAProxy, 8 clients; failed attempts ${failures.length} ` +
      `(${[...new Set(failures.map((f) => f.status))].join(', ')}), the last ${failures.length ? failures[failures.length - 1].at - killedAt : 0} ms after the kill`)
  }, 120_000)
})
