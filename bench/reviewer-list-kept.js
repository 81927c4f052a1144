// bench/reviewer-list.js's cases (plus two console searches: counts=true with q) on data seeded once
// by bench/reviewer-seed-keep.js, so sizes can be measured again without reseeding.
// Usage: node bench/reviewer-list-kept.js <sqlite data dir | pg:schema> [cases] [seconds]
//   cases: all (default), or comma-separated parts of case names (q=,created); WARM=1 warms each case
//   for a second first (the search's trigram counts are then read). Compare two sizes' tables by hand.
import autocannon from 'autocannon'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { createDatabase } from '../dist/db/database.js'
import { LAST, SEED_START_MS as base, STATUSES as statuses } from './lib/reviewer-seed.js'
const [where, filter, dur] = process.argv.slice(2)
if (!where) throw new Error('usage: node bench/reviewer-list-kept.js <sqlite data dir | pg:schema> [cases] [seconds]')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const pg = where.startsWith('pg:')
const db = pg ? createDatabase({ databaseUrl: url, dataDir: '/tmp', pgSchema: where.slice(3) }) : createDatabase({ databaseUrl: null, dataDir: where })
const config = loadConfig({ DATA_DIR: pg ? '/tmp' : where, RATE_LIMIT_LIMIT: '1000000', LOG_LEVEL: 'silent' })
const app = await buildApp({ config, db })
const { key } = await app.ctx.keys.create({ team: 'bench' })
const reviewer = await app.ctx.keys.create({ team: 'bench', reviewerId: 'r-1' })
const address = await app.listen({ host: '127.0.0.1', port: 0 })
const { n } = (await db.kysely.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())
const j = Number(n)
const cases = []
const views = [['default', ''], ...['createdAt', 'updatedAt', 'status'].flatMap((by) => ['asc', 'desc'].map((o) => [`sortBy=${by} ${o}`, `sortBy=${by}&sortOrder=${o}`])),
  ...statuses.map((s) => [`status=${s}`, `status=${s}`]), ['counts=true', 'counts=true']]
for (const [name, query] of views) { cases.push([name, key, `/partner/reviewer/sessions?${query}`]); cases.push([`${name}, reviewer`, reviewer.key, `/partner/reviewer/sessions?${query}`]) }
const q = (name, term, apiKey = key, extra = '') => cases.push([name, apiKey, `/partner/reviewer/sessions?q=${encodeURIComponent(term)}${extra}`])
q('q=sofia (a tenth)', 'sofia'); q('q=sofia (a tenth), reviewer', 'sofia', reviewer.key); q('q=SOFIA status=REVIEWING', 'SOFIA', key, '&status=REVIEWING')
q('q=ofi (inside a name, a tenth)', 'ofi'); q('q=<one last name> (0.2%)', LAST[12].toLowerCase()); q('q=ap-00000777 (one)', 'ap-00000777')
q('q=s (a start, about a quarter)', 's'); q('q=nobody (none)', 'nobody')
q('q=sofia counts=true (console)', 'sofia', key, '&counts=true'); q('q=<0.2%> counts=true (console)', LAST[12].toLowerCase(), key, '&counts=true')
cases.push(['applicantId', key, '/partner/reviewer/sessions?applicantId=ap-00000777'])
for (const part of [0.1, 0.5, 0.9]) {
  const at = new Date(base + Math.floor(j * part) * 1000).toISOString()
  cases.push([`createdAfter ${part * 100}%`, key, `/partner/reviewer/sessions?createdAfter=${at}`])
  cases.push([`createdBefore ${part * 100}%`, key, `/partner/reviewer/sessions?createdBefore=${at}`])
}
const sel = filter && filter !== 'all' ? cases.filter(([name]) => filter.split(',').some((p) => name.includes(p))) : cases
console.log(`${j} rows on ${db.dialect}`)
await autocannon({ url: address + sel[0][2], headers: { 'x-api-key': key }, connections: 20, duration: 1 })
for (const [name, apiKey, path] of sel) {
  if (process.env.WARM) await autocannon({ url: address + path, headers: { 'x-api-key': apiKey }, connections: 20, duration: 1 })
  const res = await autocannon({ url: address + path, headers: { 'x-api-key': apiKey }, connections: 20, duration: Number(dur ?? 3) })
  console.log(`| ${name} | ${Math.round(res.requests.average)}, ${res.latency.p99} |${res.non2xx ? ` ${res.non2xx} non-2xx!` : ''}`)
}
await app.close()
