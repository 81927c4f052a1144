// How PostgreSQL spends its time on the service's typical statements: planning vs execution
// (EXPLAIN (ANALYZE, SUMMARY), median of 30), to judge whether named prepared statements would pay
// (issue 12, item 3). BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a schema
// of its own, dropped after. Usage: node bench/pg-planning.js   (after npm run build)
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createDatabase, ensurePgSchema, dropPgSchema } from '../dist/db/database.js'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const dataDir = mkdtempSync(join(tmpdir(), 'pa-plan-'))
const schema = `bench_plan_${randomBytes(3).toString('hex')}`
await ensurePgSchema(url, schema)
const db = createDatabase({ databaseUrl: url, dataDir, pgSchema: schema })
const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: url, SERVER_SECRET: 'x'.repeat(64) }), db })
const { key, teamId } = await app.ctx.keys.create({ team: 'p' })
const res = await app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key }, payload: { params: { expiryDate: '2099-01-01T00:00:00Z', applicantFirstName: 'A' } } })
const id = res.json().data.id
const c = new pg.Client(url)
await c.connect()
await c.query(`set search_path to ${schema}`)
const queries = [
  ['session by id+team', `select * from sessions where id = ${id} and team_id = ${teamId} and livemode = 1`],
  ['key by hash', 'select * from api_keys where key_hash = \'abc\' and revoked_at is null'],
  ['list page', `select * from sessions where team_id = ${teamId} and livemode = 1 order by created_at desc, id desc limit 21`],
  ['counts', `select coalesce(sum(n),0) from session_counts where team_id = ${teamId} and livemode = 1`]
]
for (const [name, q] of queries) {
  const plan = []
  const exec = []
  for (let i = 0; i < 30; i++) {
    const r = await c.query(`explain (analyze, summary) ${q}`)
    const lines = r.rows.map((x) => x['QUERY PLAN'])
    plan.push(Number(lines.find((l) => l.startsWith('Planning Time')).match(/[\d.]+/)[0]))
    exec.push(Number(lines.find((l) => l.startsWith('Execution Time')).match(/[\d.]+/)[0]))
  }
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]
  console.log(`${name.padEnd(22)} planning ${med(plan).toFixed(3)} ms  execution ${med(exec).toFixed(3)} ms`)
}
await c.end()
await app.close()
await db.close()
await dropPgSchema(url, schema)
rmSync(dataDir, { recursive: true, force: true })
