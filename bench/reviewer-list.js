// The reviewer list as a team grows: seeds one team (plus 10% noise from another) up to each size in
// turn, then times pages of GET /partner/reviewer/sessions with each sort, each status filter, a
// reviewer's key, the search (q: a first name a tenth of the sessions share, a last name 0.2% share, a
// unique applicant id, a name start of one letter, q with a status) and the date filters at a tenth,
// half and nine tenths of the range. The seed (bulk inserts, names from fixed pools) is
// bench/lib/reviewer-seed.js's.
// Usage: node bench/reviewer-list.js [sizes] [--duration=S] [--connections=N] [--cases=q=,created]
//   sizes: comma-separated team sizes, default 1000,10000,100000 (1000000 takes many minutes to seed)
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (in a schema of its own), else SQLite.
import autocannon from 'autocannon'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { LAST, SEED_START_MS as base, STATUSES as statuses, openBenchDb, reviewerSeeder } from './lib/reviewer-seed.js'

const opt = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg ? arg.slice(name.length + 3) : fallback
}
const sizes = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '1000,10000,100000').split(',').map(Number)
const duration = Number(opt('duration', '2'))
const connections = Number(opt('connections', '20'))
const bench = await openBenchDb('bench')
const { db } = bench
const config = loadConfig({ DATA_DIR: bench.dataDir, RATE_LIMIT_LIMIT: '1000000', LOG_LEVEL: 'silent' })
const app = await buildApp({ config, db })
const { key, teamId } = await app.ctx.keys.create({ team: 'bench' })
const reviewer = await app.ctx.keys.create({ team: 'bench', reviewerId: 'r-1' })
const other = await app.ctx.keys.create({ team: 'noise' })
const address = await app.listen({ host: '127.0.0.1', port: 0 })

const seed = reviewerSeeder(db, { teamId, noiseTeamId: other.teamId, sessions: app.ctx.repos.sessions, maxSize: Math.max(...sizes) })
const results = []
for (const size of sizes) {
  const took = await seed.growTo(size)
  const j = seed.rows
  console.log(`\n${size} sessions in the team (${j} in all) on ${db.dialect}, seeded in ${took.toFixed(1)} s`)

  const cases = []
  // Every sort, every status filter (and a list of two), each with the team's key and a reviewer's.
  const views = [
    ['default', ''],
    ...['createdAt', 'updatedAt', 'status'].flatMap((by) => ['asc', 'desc'].map((order) => [`sortBy=${by} ${order}`, `sortBy=${by}&sortOrder=${order}`])),
    ...statuses.map((status) => [`status=${status}`, `status=${status}`]),
    ['status=PROCESSING,REVIEWING', 'status=PROCESSING,REVIEWING'],
    ['status=REVIEWING sortBy=updatedAt', 'status=REVIEWING&sortBy=updatedAt'],
    ['counts=true', 'counts=true']
  ]
  for (const [name, query] of views) {
    cases.push([name, key, `/partner/reviewer/sessions${query ? `?${query}` : ''}`])
    cases.push([`${name}, reviewer`, reviewer.key, `/partner/reviewer/sessions${query ? `?${query}` : ''}`])
  }
  // The search, applicant and date filters: their totals are counted (a search up to 1,000, the others
  // up to 10,000), not read from session_counts.
  const q = (name, term, apiKey = key, extra = '') => cases.push([name, apiKey, `/partner/reviewer/sessions?q=${encodeURIComponent(term)}${extra}`])
  q('q=sofia (a tenth)', 'sofia')
  q('q=sofia (a tenth), reviewer', 'sofia', reviewer.key)
  q('q=SOFIA status=REVIEWING', 'SOFIA', key, '&status=REVIEWING')
  q('q=ofi (inside a name, a tenth)', 'ofi')
  q('q=<one last name> (0.2%)', LAST[12].toLowerCase())
  q('q=ap-00000777 (one)', 'ap-00000777')
  q('q=s (a start, about a quarter)', 's')
  q('q=nobody (none)', 'nobody')
  cases.push(['applicantId', key, `/partner/reviewer/sessions?applicantId=ap-${String(777).padStart(8, '0')}`])
  for (const part of [0.1, 0.5, 0.9]) {
    const at = new Date(base + Math.floor(j * part) * 1000).toISOString()
    cases.push([`createdAfter ${part * 100}%`, key, `/partner/reviewer/sessions?createdAfter=${at}`])
    cases.push([`createdBefore ${part * 100}%`, key, `/partner/reviewer/sessions?createdBefore=${at}`])
  }
  const only = opt('cases', null) // e.g. --cases=q=,created: cases whose name contains one of these
  if (only) cases.splice(0, cases.length, ...cases.filter(([name]) => only.split(',').some((part) => name.includes(part))))
  await autocannon({ url: address + cases[0][2], headers: { 'x-api-key': key }, connections, duration: 1 }) // warm-up
  for (const [name, apiKey, path] of cases) {
    const res = await autocannon({ url: address + path, headers: { 'x-api-key': apiKey }, connections, duration })
    const non2xx = res.non2xx ? ` (${res.non2xx} non-2xx!)` : ''
    results.push({ size, name, rps: Math.round(res.requests.average), p50: res.latency.p50, p99: res.latency.p99 })
    console.log(`${name.padEnd(30)} ${String(Math.round(res.requests.average)).padStart(6)} req/s  p50 ${res.latency.p50} ms  p99 ${res.latency.p99} ms${non2xx}`)
  }
}
// p99 growth: the largest team's p99 over the smallest's (target: within 2x; below 5 ms both are noise).
console.log('\n| case | ' + sizes.map((s) => `${s.toLocaleString('en')}: req/s, p99 ms`).join(' | ') + ' | p99 growth |')
console.log('|---|' + sizes.map(() => '---:').join('|') + '|---:|')
for (const name of [...new Set(results.map((r) => r.name))]) {
  const at = (s) => results.find((x) => x.size === s && x.name === name)
  const first = at(sizes[0])
  const last = at(sizes[sizes.length - 1])
  const growth = last.p99 / Math.max(first.p99, 1)
  console.log(`| ${name} | ` + sizes.map((s) => `${at(s).rps}, ${at(s).p99}`).join(' | ') + ` | ${growth.toFixed(1)}x${growth > 2 && last.p99 > 5 ? ' (over 2x)' : ''} |`)
}
await app.close()
await bench.close()
