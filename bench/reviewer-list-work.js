// The reviewer list's own work as a team grows, without HTTP and without concurrency: the CPU time
// (this process: Node and, on SQLite, the database) and wall time of SessionsRepository.list per call,
// for the cases of bench/reviewer-list.js, on the same data (its seed), at each size. On a machine
// others load, the CPU time per call is the steadier figure; on PostgreSQL the server's own time is in
// the wall time only.
// Usage: node bench/reviewer-list-work.js [sizes] [--calls=N] [--compare-window]   (sizes default 1000,100000)
// --compare-window: each search case also without the search window (ListLimits.searchWindow 0, the plan before it), alternating.
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (in a schema of its own), else SQLite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createDatabase, dropPgSchema, ensurePgSchema, migrateToLatest } from '../dist/db/database.js'
import { DEFAULT_LIST_LIMITS, SessionsRepository } from '../dist/modules/sessions/sessions.repository.js'
import { parseArgs } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
const sizes = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '1000,100000').split(',').map(Number)
const calls = Number(args.calls ?? 50)
const pgUrl = process.env.BENCH_DATABASE_URL
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-rlw-'))
const schema = `bench_rlw_${randomBytes(4).toString('hex')}`
if (pgUrl) await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl ?? null, dataDir, pgSchema: pgUrl ? schema : undefined })
await migrateToLatest(db)
const k = db.kysely
const [team] = await k.insertInto('teams').values({ name: 'bench', createdAt: new Date().toISOString() }).returning('id').execute()
const [noise] = await k.insertInto('teams').values({ name: 'noise', createdAt: new Date().toISOString() }).returning('id').execute()
const repo = new SessionsRepository(k)
const noWindow = new SessionsRepository(k, { ...DEFAULT_LIST_LIMITS, searchWindow: 0 })

// The seed of bench/reviewer-list.js.
const statuses = ['PENDING', 'PROCESSING', 'REVIEWING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
const FIRST = ['Sofia', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Amara', 'Yusuf', 'Chen', 'Priya']
const LAST = Array.from({ length: 500 }, (_, i) => `${['Garcia', 'Smith', 'Kowalski', 'Nguyen', 'Okafor', 'Haddad', 'Rossi', 'Tanaka', 'Silva', 'Novak'][i % 10]}${i < 10 ? '' : `-${String.fromCharCode(97 + (i * 7) % 26)}${String.fromCharCode(97 + (i * 13) % 26)}${i}`}`)
function applicant (j) {
  const h = Math.imul(j + 1, 2654435761) >>> 0
  const first = FIRST[h % 10]
  const last = LAST[(h >>> 8) % 500]
  return { applicantFirstName: first, applicantLastName: last, applicantEmail: `${first}.${last}.${j}@example.com`.toLowerCase(), applicantId: `ap-${String(j).padStart(8, '0')}` }
}
const base = Date.parse('2026-01-01T00:00:00Z')
const MAX = Math.max(...sizes) * 1.12
let seeded = 0
let j = 0
const out = []
for (const size of sizes) {
  const t0 = Date.now()
  while (seeded < size) {
    const rows = []
    while (rows.length < 1000 && seeded < size) {
      const isNoise = j % 10 === 9
      if (!isNoise) seeded++
      rows.push({ teamId: isNoise ? noise.id : team.id, reviewerId: j % 3 === 0 ? 'r-1' : null, status: statuses[j % statuses.length], expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: randomBytes(32).toString('hex'), createdAt: new Date(base + j * 1000).toISOString(), updatedAt: new Date(base + ((j * 7919) % MAX) * 1000).toISOString(), ...applicant(j) })
      j++
    }
    await k.insertInto('sessions').values(rows).execute()
  }
  await repo.recount()
  if (db.dialect === 'postgres') await sql`vacuum analyze sessions`.execute(k)
  else await sql`analyze`.execute(k)
  console.log(`${size} sessions in the team on ${db.dialect}, seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const q = { teamId: team.id, livemode: true, reviewerId: null, limit: 20, offset: 0, sortBy: 'createdAt', sortOrder: 'desc' }
  const at = (part) => new Date(base + Math.floor(j * part) * 1000).toISOString()
  const cases = [
    ['default', {}],
    ['default, reviewer', { reviewerId: 'r-1' }],
    ['sortBy=updatedAt asc', { sortBy: 'updatedAt', sortOrder: 'asc' }],
    ['sortBy=status desc', { sortBy: 'status' }],
    ['status=REVIEWING', { statuses: ['REVIEWING'] }],
    ['counts=true', {}, true],
    ['q=sofia (a tenth)', { q: 'sofia' }],
    ['q=sofia (a tenth), reviewer', { q: 'sofia', reviewerId: 'r-1' }],
    ['q=SOFIA status=REVIEWING', { q: 'SOFIA', statuses: ['REVIEWING'] }],
    ['q=ofi (inside a name, a tenth)', { q: 'ofi' }],
    ['q=<one last name> (0.2%)', { q: LAST[12].toLowerCase() }],
    ['q=ap-00000777 (one)', { q: 'ap-00000777' }],
    ['q=s (a start)', { q: 's' }],
    ['q=nobody (none)', { q: 'nobody' }],
    ['createdAfter 10%', { createdAfter: at(0.1) }],
    ['createdBefore 50%', { createdBefore: at(0.5) }],
    ['createdAfter 90%', { createdAfter: at(0.9) }],
    ['createdBefore 90%', { createdBefore: at(0.9) }]
  ]
  const runs = cases.flatMap(([name, over, counts]) => args['compare-window'] && over.q !== undefined
    ? [[`${name}, no window`, over, counts, noWindow], [name, over, counts, repo]]
    : [[name, over, counts, repo]])
  for (const [name, over, counts, repo] of runs) {
    await repo.list({ ...q, ...over }, { counts }) // warm
    const c0 = process.cpuUsage()
    const t1 = process.hrtime.bigint()
    let total
    for (let i = 0; i < calls; i++) total = (await repo.list({ ...q, ...over }, { counts })).total
    const c = process.cpuUsage(c0)
    const cpu = (c.user + c.system) / calls / 1000
    const wall = Number(process.hrtime.bigint() - t1) / calls / 1e6
    out.push({ size, name, cpu, wall, total })
    console.log(`${name.padEnd(32)} ${cpu.toFixed(2).padStart(8)} ms CPU ${wall.toFixed(2).padStart(8)} ms wall  total ${total}`)
  }
}
console.log('\n| case | ' + sizes.map((s) => `${s.toLocaleString('en')}: CPU ms, wall ms`).join(' | ') + ' | CPU growth |')
console.log('|---|' + sizes.map(() => '---:').join('|') + '|---:|')
for (const name of [...new Set(out.map((r) => r.name))]) {
  const of = (s) => out.find((r) => r.size === s && r.name === name)
  const growth = of(sizes[sizes.length - 1]).cpu / Math.max(of(sizes[0]).cpu, 0.01)
  console.log(`| ${name} | ` + sizes.map((s) => `${of(s).cpu.toFixed(2)}, ${of(s).wall.toFixed(2)}`).join(' | ') + ` | ${growth.toFixed(1)}x |`)
}
await db.close()
if (pgUrl) await dropPgSchema(pgUrl, schema)
rmSync(dataDir, { recursive: true, force: true })
