// The reviewer list as a team grows: seeds one team (plus 10% noise from another) up to each size in
// turn, then times pages of GET /partner/reviewer/sessions with each sort, each status filter, a
// reviewer's key, the search (q: a first name a tenth of the sessions share, a last name 0.2% share, a
// unique applicant id, a name start of one letter, q with a status) and the date filters at a tenth,
// half and nine tenths of the range. Sessions are bulk-inserted (the search index follows through its
// triggers on SQLite, its GIN index on PostgreSQL), then session_counts rebuilt, as the migration does.
// Names are drawn from fixed pools by a hash of the row number, so matches spread over the history.
// Usage: node bench/reviewer-list.js [sizes] [--duration=S] [--connections=N] [--cases=q=,created]
//   sizes: comma-separated team sizes, default 1000,10000,100000 (1000000 takes many minutes to seed)
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL (in a schema of its own), else SQLite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../dist/db/database.js'

const opt = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg ? arg.slice(name.length + 3) : fallback
}
const sizes = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '1000,10000,100000').split(',').map(Number)
const duration = Number(opt('duration', '2'))
const connections = Number(opt('connections', '20'))
const pgUrl = process.env.BENCH_DATABASE_URL
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-'))
const schema = `bench_${randomBytes(4).toString('hex')}`
if (pgUrl) await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl ?? null, dataDir, pgSchema: pgUrl ? schema : undefined })
const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT_LIMIT: '1000000', LOG_LEVEL: 'silent' })
const app = await buildApp({ config, db })
const { key, teamId } = await app.ctx.keys.create({ team: 'bench' })
const reviewer = await app.ctx.keys.create({ team: 'bench', reviewerId: 'r-1' })
const other = await app.ctx.keys.create({ team: 'noise' })
const address = await app.listen({ host: '127.0.0.1', port: 0 })

const statuses = ['PENDING', 'PROCESSING', 'REVIEWING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
// Ten first names (a tenth of the sessions each), 500 last names (0.2% each), a unique applicant id.
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
let seeded = 0 // sessions of the bench team so far
let j = 0 // rows inserted so far (team + noise)
const results = []
for (const size of sizes) {
  const t0 = Date.now()
  while (seeded < size) {
    const rows = []
    while (rows.length < 1000 && seeded < size) {
      const noise = j % 10 === 9
      if (!noise) seeded++
      rows.push({
        teamId: noise ? other.teamId : teamId,
        reviewerId: j % 3 === 0 ? 'r-1' : null,
        status: statuses[j % statuses.length],
        expiryDate: '2099-01-01T00:00:00.000Z',
        linkTokenHash: randomBytes(32).toString('hex'),
        createdAt: new Date(base + j * 1000).toISOString(),
        updatedAt: new Date(base + ((j * 7919) % MAX) * 1000).toISOString(),
        ...applicant(j)
      })
      j++
    }
    await db.kysely.insertInto('sessions').values(rows).execute()
  }
  await app.ctx.repos.sessions.recount()
  // Steady state: autovacuum would have analysed and vacuumed a table this size.
  if (db.dialect === 'postgres') await sql`vacuum analyze sessions`.execute(db.kysely)
  else await sql`analyze`.execute(db.kysely)
  console.log(`\n${size} sessions in the team (${j} in all) on ${db.dialect}, seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

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
await db.close()
if (pgUrl) await dropPgSchema(pgUrl, schema)
rmSync(dataDir, { recursive: true, force: true })
