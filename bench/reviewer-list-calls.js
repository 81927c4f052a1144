// One search of the reviewer list called in-process, one call at a time (no HTTP, no concurrency), on
// data seeded once by bench/reviewer-seed-keep.js: what a search costs the service at a given size.
// Usage: node bench/reviewer-list-calls.js <sqlite data dir | pg:schema> <q> [calls] [counts]
//   e.g. node bench/reviewer-list-calls.js /tmp/s1m ap-00000777 300 counts
import { createDatabase } from '../dist/db/database.js'
import { SessionsRepository } from '../dist/modules/sessions/sessions.repository.js'

const [where, q, calls = '200', counts] = process.argv.slice(2)
if (!where || !q) throw new Error('usage: node bench/reviewer-list-calls.js <sqlite data dir | pg:schema> <q> [calls] [counts]')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const db = where.startsWith('pg:') ? createDatabase({ databaseUrl: url, dataDir: '/tmp', pgSchema: where.slice(3) }) : createDatabase({ databaseUrl: null, dataDir: where })
const repo = new SessionsRepository(db.kysely)
// The team of the kept data (id 1), live, newest first, 26 rows (as BENCHMARKS.md's session 10 measured; the list's default is 20).
const query = { teamId: 1, livemode: true, reviewerId: null, q, limit: 26, offset: 0, sortBy: 'createdAt', sortOrder: 'desc' }
const options = { counts: counts === 'counts' }
let page
for (let i = 0; i < 20; i++) page = await repo.list(query, options)
const started = process.hrtime.bigint()
for (let i = 0; i < Number(calls); i++) await repo.list(query, options)
const ms = Number(process.hrtime.bigint() - started) / 1e6 / Number(calls)
console.log(`${where} q=${q}${options.counts ? ' counts=true' : ''}: ${ms.toFixed(3)} ms a call; ${page.rows.length} rows, total ${page.total}${page.totalExact === false ? ' (at least)' : ''}`)
await db.close()
