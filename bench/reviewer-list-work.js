// The reviewer list's own work as a team grows, without HTTP and without concurrency: the CPU time
// (this process: Node and, on SQLite, the database) and wall time of SessionsRepository.list per call,
// for the cases of bench/reviewer-list.js, on the same data (its seed), at each size. On a machine
// others load, the CPU time per call is the steadier figure; on PostgreSQL the server's own time is in
// the wall time only.
// Usage: node bench/reviewer-list-work.js [sizes] [--calls=N] [--compare-window]   (sizes default 1000,100000)
// --compare-window: each search case also without the search window (ListLimits.searchWindow 0, the plan before it), alternating.
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (in a schema of its own), else SQLite.
import { migrateToLatest } from '../dist/db/database.js'
import { DEFAULT_LIST_LIMITS, SessionsRepository } from '../dist/modules/sessions/sessions.repository.js'
import { parseArgs } from './lib/harness.js'
import { LAST, SEED_START_MS as base, openBenchDb, reviewerSeeder } from './lib/reviewer-seed.js'

const args = parseArgs(process.argv.slice(2))
const sizes = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '1000,100000').split(',').map(Number)
const calls = Number(args.calls ?? 50)
const bench = await openBenchDb('bench-rlw')
const { db } = bench
await migrateToLatest(db)
const k = db.kysely
const [team] = await k.insertInto('teams').values({ name: 'bench', createdAt: new Date().toISOString() }).returning('id').execute()
const [noise] = await k.insertInto('teams').values({ name: 'noise', createdAt: new Date().toISOString() }).returning('id').execute()
const repo = new SessionsRepository(k)
const noWindow = new SessionsRepository(k, { ...DEFAULT_LIST_LIMITS, searchWindow: 0 })

// The seed of bench/reviewer-list.js.
const seed = reviewerSeeder(db, { teamId: team.id, noiseTeamId: noise.id, sessions: repo, maxSize: Math.max(...sizes) })
const out = []
for (const size of sizes) {
  const took = await seed.growTo(size)
  const j = seed.rows
  console.log(`${size} sessions in the team on ${db.dialect}, seeded in ${took.toFixed(1)} s`)
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
await bench.close()
