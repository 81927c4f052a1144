// The reviewer list on a large table: seeds N sessions for one team (plus noise from other teams),
// then times pages of GET /partner/reviewer/sessions with each sort, filter and a deep offset.
// Usage: node bench/reviewer-list.js [sessions]   (default 100000)
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

const total = Number(process.argv[2] ?? 100_000)
const pgUrl = process.env.BENCH_DATABASE_URL
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-'))
const schema = `bench_${randomBytes(4).toString('hex')}`
if (pgUrl) await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl ?? null, dataDir, pgSchema: pgUrl ? schema : undefined })
const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT_LIMIT: '1000000', LOG_LEVEL: 'silent' })
const app = await buildApp({ config, db })
const { key, teamId } = await app.ctx.keys.create({ team: 'bench' })
const other = await app.ctx.keys.create({ team: 'noise' })

const statuses = ['PENDING', 'PROCESSING', 'REVIEWING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
const t0 = Date.now()
const base = Date.parse('2026-01-01T00:00:00Z')
for (let i = 0; i < total; i += 1000) {
  const rows = []
  for (let j = i; j < Math.min(total, i + 1000); j++) {
    const created = new Date(base + j * 1000).toISOString()
    rows.push({
      teamId: j % 10 === 0 ? other.teamId : teamId,
      reviewerId: j % 3 === 0 ? 'r-1' : null,
      status: statuses[j % statuses.length],
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: randomBytes(32).toString('hex'),
      createdAt: created,
      updatedAt: new Date(base + ((j * 7919) % total) * 1000).toISOString(),
      applicantFirstName: `Applicant ${j}`
    })
  }
  await db.kysely.insertInto('sessions').values(rows).execute()
}
// Steady state: autovacuum would have analysed and vacuumed a table this size (index-only counts).
if (db.dialect === 'postgres') await sql`vacuum analyze sessions`.execute(db.kysely)
else await sql`analyze`.execute(db.kysely)
console.log(`seeded ${total} sessions on ${db.dialect} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

const address = await app.listen({ host: '127.0.0.1', port: 0 })
const cases = [
  '/partner/reviewer/sessions',
  '/partner/reviewer/sessions?sortBy=updatedAt&sortOrder=asc',
  '/partner/reviewer/sessions?sortBy=status',
  '/partner/reviewer/sessions?status=REVIEWING&limit=100',
  `/partner/reviewer/sessions?offset=${Math.floor(total / 2)}`
]
for (const path of cases) {
  const res = await autocannon({ url: address + path, headers: { 'x-api-key': key }, connections: 8, duration: 3 })
  const non2xx = res.non2xx ? ` (${res.non2xx} non-2xx!)` : ''
  console.log(`${path.padEnd(64)} ${Math.round(res.requests.average)} req/s  p50 ${res.latency.p50} ms  p99 ${res.latency.p99} ms${non2xx}`)
}
await app.close()
await db.close()
if (pgUrl) await dropPgSchema(pgUrl, schema)
rmSync(dataDir, { recursive: true, force: true })
