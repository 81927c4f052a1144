// PostgreSQL: what one search costs in-process (no HTTP) under each of N fresh samples of the table
// (the search's plan and how far back it reads depend on the sample: SampledTrigrams). Each round takes
// a new sample, warms up with 3 calls, then times 20; prints each round's ms a call and the page's total
// (the matches the last hours held), then the median and the worst round.
// Usage: node bench/reviewer-list-samples.js pg:<schema> <q> [rounds] [limit]
//   e.g. node bench/reviewer-list-samples.js pg:b1m kowalski-ga12 40 20 (data: bench/reviewer-seed-keep.js)
import { createDatabase } from '../dist/db/database.js'
import { SessionsRepository } from '../dist/modules/sessions/sessions.repository.js'

const [where, q, rounds = '30', limit = '20'] = process.argv.slice(2)
if (!where?.startsWith('pg:') || !q) throw new Error('usage: node bench/reviewer-list-samples.js pg:<schema> <q> [rounds] [limit]')
const db = createDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', dataDir: '/tmp', pgSchema: where.slice(3) })
const repo = new SessionsRepository(db.kysely)
// The team of the kept data (id 1), live, newest first.
const query = { teamId: 1, livemode: true, reviewerId: null, q, limit: Number(limit), offset: 0, sortBy: 'createdAt', sortOrder: 'desc' }
const results = []
for (let round = 0; round < Number(rounds); round++) {
  // A new sample (the repository's own, private to it: a bench may reach in).
  repo.sampledTrigrams.forget()
  let page
  for (let i = 0; i < 3; i++) page = await repo.list(query)
  const started = process.hrtime.bigint()
  for (let i = 0; i < 20; i++) await repo.list(query)
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / 20
  results.push(ms)
  console.log(`round ${round + 1}: ${ms.toFixed(2)} ms a call; total ${page.total}${page.totalExact === false ? ' (at least)' : ''}`)
}
results.sort((a, b) => a - b)
console.log(`${where} q=${q} limit ${limit}, ${results.length} samples: median ${results[results.length >> 1].toFixed(2)} ms, worst ${results[results.length - 1].toFixed(2)} ms`)
await db.close()
