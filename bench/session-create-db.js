// The database work of one session creation (LifecycleRepository.createSession: the session, its
// session_counts delta, audit row and outbox event in one transaction), on the schema as it was at
// migration 0010 (17 indexes on sessions on SQLite) and as it is now, in alternating rounds in one
// process, on a file SQLite database (WAL, as served) or PostgreSQL. Each round first grows both tables
// by the same number of sessions; the figure is the process's CPU time and the wall time per creation.
//   node bench/session-create-db.js [--rounds=4] [--n=3000] [--preload=20000] [--connections=8]
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (two schemas of its own), else SQLite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { Migrator, sql } from 'kysely'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../dist/db/database.js'
import { migrationProvider } from '../dist/db/migrations/index.js'
import { LifecycleRepository } from '../dist/modules/lifecycle/lifecycle.repository.js'
import { parseArgs } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
const rounds = Number(args.rounds ?? 4)
const n = Number(args.n ?? 3000)
const preload = Number(args.preload ?? 20000)
const connections = Number(args.connections ?? 8)
const pgUrl = process.env.BENCH_DATABASE_URL
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-create-'))

async function open (label, target) {
  const schema = `bench_cr_${label}_${randomBytes(3).toString('hex')}`
  if (pgUrl) await ensurePgSchema(pgUrl, schema)
  const db = createDatabase({ databaseUrl: pgUrl ?? null, dataDir, sqliteFile: `${label}.sqlite`, pgSchema: pgUrl ? schema : undefined })
  const { error } = target === null ? await new Migrator({ db: db.kysely, provider: migrationProvider }).migrateToLatest() : await new Migrator({ db: db.kysely, provider: migrationProvider }).migrateTo(target)
  if (error) throw error
  const [team] = await db.kysely.insertInto('teams').values({ name: 'bench', createdAt: new Date().toISOString() }).returning('id').execute()
  const indexes = pgUrl
    ? (await sql`select count(*)::int as n from pg_indexes where schemaname = ${schema} and tablename = 'sessions'`.execute(db.kysely)).rows[0].n
    : (await sql`select count(*) as n from sqlite_master where type = 'index' and tbl_name = 'sessions'`.execute(db.kysely)).rows[0].n
  return { label, db, schema, teamId: team.id, repo: new LifecycleRepository(db.kysely), indexes }
}

let seq = 0
function session (teamId) {
  const now = new Date().toISOString()
  const i = seq++
  return {
    teamId,
    livemode: 1,
    reviewerId: null,
    verificationTypeId: null,
    userId: `user-${i}`,
    applicantId: `ap-${i}`,
    applicantFirstName: ['Ada', 'Grace', 'Alan', 'Edsger'][i % 4],
    applicantLastName: ['Lovelace', 'Hopper', 'Turing', 'Dijkstra'][i % 4],
    applicantEmail: `applicant${i}@example.com`,
    applicantData: null,
    instructions: null,
    metadata: JSON.stringify({ orderId: `o-${i}` }),
    selectedPlatform: null,
    status: 'PENDING',
    expiryDate: '2099-01-01T00:00:00.000Z',
    linkTokenHash: randomBytes(32).toString('hex'),
    createdAt: now,
    updatedAt: now
  }
}

async function create (t, count) {
  let left = count
  await Promise.all(Array.from({ length: connections }, async () => {
    while (left-- > 0) await t.repo.createSession(session(t.teamId), [], 'partner:key:1')
  }))
}

const trees = [await open('at0010', '2026-12-02-0010-session-list-indexes'), await open('latest', null)]
console.log(`${pgUrl ? 'postgres' : 'sqlite (file, WAL)'}; indexes on sessions: ${trees.map((t) => `${t.label} ${t.indexes}`).join(', ')}; ${connections} creations in flight`)
for (const t of trees) await create(t, preload)
const results = []
for (let round = 1; round <= rounds; round++) {
  for (const t of round % 2 ? trees : [...trees].reverse()) {
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    await create(t, n)
    const wall = Number(process.hrtime.bigint() - t0) / 1000 / n
    const { user, system } = process.cpuUsage(cpu0)
    results.push({ round, label: t.label, wall, cpu: (user + system) / n })
    console.log(`round ${round} ${t.label.padEnd(7)} ${wall.toFixed(0).padStart(6)} µs wall/creation ${((user + system) / n).toFixed(0).padStart(6)} µs CPU/creation (this process: Node and ${pgUrl ? 'the client' : 'SQLite'})`)
  }
}
const mean = (label, f) => results.filter((r) => r.label === label).reduce((a, r) => a + f(r), 0) / rounds
const [a, b] = ['at0010', 'latest'].map((label) => ({ wall: mean(label, (r) => r.wall), cpu: mean(label, (r) => r.cpu) }))
console.log(`\nmeans: at 0010 ${a.wall.toFixed(0)} µs wall, ${a.cpu.toFixed(0)} µs CPU; latest ${b.wall.toFixed(0)} µs wall, ${b.cpu.toFixed(0)} µs CPU; ` +
  `creations/s ratio ${(a.wall / b.wall).toFixed(2)}, CPU ratio ${(a.cpu / b.cpu).toFixed(2)}`)
for (const t of trees) {
  await t.db.close()
  if (pgUrl) await dropPgSchema(pgUrl, t.schema)
}
rmSync(dataDir, { recursive: true, force: true })
