// bench/reviewer-list.js's cases (plus two console searches: counts=true with q) on data seeded once
// by bench/reviewer-seed-keep.js, so sizes can be measured again without reseeding.
// Usage: node bench/reviewer-list-kept.js <sqlite data dir | pg:schema> [cases] [seconds]
//   cases: all (default), or comma-separated parts of case names (q=,created); WARM=1 warms each case
//   for a second first (the search's trigram counts are then read). Compare two sizes' tables by hand.
//   PINNED=1: the service runs in a process of its own pinned to cpu 0, autocannon here on cpu 1 (as
//   the issue measures it); else both share this process.
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { canPin, pinSelf, spawnServer } from './lib/harness.js'
import { keptServer } from './lib/kept-server.js'
import { LAST, SEED_START_MS as base, STATUSES as statuses } from './lib/reviewer-seed.js'
const [where, filter, dur] = process.argv.slice(2)
if (!where) throw new Error('usage: node bench/reviewer-list-kept.js <sqlite data dir | pg:schema> [cases] [seconds]')
const pinned = process.env.PINNED === '1' && canPin()
if (process.env.PINNED === '1' && !pinned) console.log('PINNED=1 but fewer than two cores or no taskset: not pinned')
let server
if (pinned) {
  const { child, ready } = await spawnServer([fileURLToPath(new URL('./lib/kept-server.js', import.meta.url)), where])
  pinSelf()
  server = { ...ready, close: async () => { const exited = new Promise((resolve) => child.once('exit', resolve)); child.send('stop'); await exited } }
} else server = await keptServer(where)
const { url: address, key, rows: j } = server
const reviewer = { key: server.reviewerKey }
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
console.log(`${j} rows on ${server.dialect}${pinned ? '; service on cpu 0, load on cpu 1' : '; service and load in one process'}`)
await autocannon({ url: address + sel[0][2], headers: { 'x-api-key': key }, connections: 20, duration: 1 })
for (const [name, apiKey, path] of sel) {
  if (process.env.WARM) await autocannon({ url: address + path, headers: { 'x-api-key': apiKey }, connections: 20, duration: 1 })
  const res = await autocannon({ url: address + path, headers: { 'x-api-key': apiKey }, connections: 20, duration: Number(dur ?? 3) })
  console.log(`| ${name} | ${Math.round(res.requests.average)}, ${res.latency.p99} |${res.non2xx ? ` ${res.non2xx} non-2xx!` : ''}`)
}
await server.close()
