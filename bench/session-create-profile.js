// What one POST /partner/session costs, in one process (app.inject, no HTTP socket): the statements a
// creation sends to the database (counted at the driver: better-sqlite3's statements, pg's client
// queries, begin/commit included), this process's CPU time per creation and, on PostgreSQL, the CPU
// time of the server's backends serving this process's connections (/proc/<pid>/stat of each backend,
// found by application_name). Same request as bench/endpoints.js's session.create.
//   node bench/session-create-profile.js [--n=2000] [--inflight=20] [--rounds=3] [--readers=0] [--show]
// --readers=R: R more loops read a session (GET /partner/session/:id, a query outside any transaction)
// while the creations run, so reads meet open commit groups (SQLite: they wait for the group's COMMIT).
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (a schema of its own), else SQLite (a file, WAL).
// --show prints the statements of one creation. Add `node --cpu-prof` for a profile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../dist/db/database.js'
import { parseArgs } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
const n = Number(args.n ?? 2000)
const inflight = Number(args.inflight ?? 20)
const readers = Number(args.readers ?? 0)
const rounds = Number(args.rounds ?? 3)
const pgUrl = process.env.BENCH_DATABASE_URL ?? null
const APP_NAME = `pa-create-prof-${randomBytes(3).toString('hex')}`

// Statement counting at the drivers.
let counting = false
let count = 0
let commits = 0
const seen = []
/** --timing (SQLite): time spent in each statement, µs, by its first 60 characters. */
const timing = new Map()
if (pgUrl) {
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function (config, ...rest) {
    if (counting) {
      count++
      if (args.show && seen.length < 100) seen.push(typeof config === 'string' ? config : config?.text ?? String(config))
    }
    return query.call(this, config, ...rest)
  }
} else {
  const probe = new SQLite(':memory:')
  const Statement = Object.getPrototypeOf(probe.prepare('select 1'))
  probe.close()
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const orig = Statement[m]
    Statement[m] = function (...a) {
      if (!counting) return orig.apply(this, a)
      count++
      if (/^commit$/i.test(this.source)) commits++
      if (args.show && seen.length < 100) seen.push(this.source)
      if (!args.timing) return orig.apply(this, a)
      const t0 = process.hrtime.bigint()
      try { return orig.apply(this, a) } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 60)
        timing.set(key, (timing.get(key) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e3)
      }
    }
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'pa-create-prof-'))
const schema = `bench_cp_${randomBytes(4).toString('hex')}`
if (pgUrl) await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl, dataDir, pgSchema: pgUrl ? schema : undefined, pgApplicationName: APP_NAME })
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_LIMIT: '1000000', PUBLIC_BASE_URL: 'http://127.0.0.1' })
const app = await buildApp({ config, db })
const writer = await app.ctx.keys.create({ team: 'bench-writes' })
const body = JSON.stringify({ params: { expiryDate: '2099-01-01T00:00:00.000Z', applicantFirstName: 'Ada', applicantLastName: 'Lovelace' } })
const request = { method: 'POST', url: '/partner/session', headers: { 'content-type': 'application/json', 'x-api-key': writer.key }, payload: body }

let lastId = null
async function create () {
  const res = await app.inject(request)
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`)
  lastId = res.json().data.id
}
async function read () {
  const res = await app.inject({ method: 'GET', url: `/partner/session/${String(lastId)}`, headers: { 'x-api-key': writer.key } })
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
}

const ticks = 100 // USER_HZ
async function backendCpuMs () {
  if (!pgUrl) return 0
  const { rows } = await sql`select pid from pg_stat_activity where application_name = ${APP_NAME}`.execute(db.kysely)
  let t = 0
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      t += (Number(f[11]) + Number(f[12])) * 1000 / ticks
    } catch {}
  }
  return t
}

// One creation, its statements.
for (let i = 0; i < 50; i++) await create()
counting = true
count = 0
await create()
counting = false
console.log(`${pgUrl ? 'postgres' : 'sqlite'}: ${count} statements per creation (one at a time)`)
if (args.show) for (const s of seen) console.log(`  ${s.replace(/\s+/g, ' ').slice(0, 200)}`)

for (let r = 1; r <= rounds; r++) {
  const pgBefore = await backendCpuMs()
  const cpu = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  count = 0
  commits = 0
  counting = true
  let next = 0
  let reads = 0
  let creating = true
  // Each read yields to the event loop first, as a request from a socket would (inject's reads alone never leave the microtask queue).
  const reading = Promise.all(Array.from({ length: readers }, async () => {
    // eslint-disable-next-line no-unmodified-loop-condition -- set when the creations are done
    while (creating) { await new Promise((resolve) => setImmediate(resolve)); await read(); reads++ }
  }))
  await Promise.all(Array.from({ length: inflight }, async () => { while (next++ < n) await create() }))
  creating = false
  await reading
  counting = false
  const wall = Number(process.hrtime.bigint() - t0) / 1e3
  const used = process.cpuUsage(cpu)
  const pgCpu = (await backendCpuMs()) - pgBefore
  console.log(`round ${r}: ${n} creations, ${inflight} in flight: node cpu ${Math.round((used.user + used.system) / n)} µs/creation, ` +
    `${pgUrl ? `postgres backends cpu ${Math.round(pgCpu * 1000 / n)} µs/creation, ` : ''}wall ${Math.round(wall / n)} µs/creation, ` +
    `${(count / n).toFixed(2)} statements/creation` +
    (pgUrl ? '' : `, ${(commits / n).toFixed(3)} commits/creation`) + (readers > 0 ? `; ${reads} reads alongside` : ''))
  for (const [k, us] of [...timing].sort((a, b) => b[1] - a[1])) console.log(`  ${Math.round(us / n)} µs/creation in ${k}`)
  timing.clear()
}

await app.close()
await db.close().catch(() => {})
if (pgUrl) await dropPgSchema(pgUrl, schema)
rmSync(dataDir, { recursive: true, force: true })
