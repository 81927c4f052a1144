// Every guide endpoint, the link exchange, the reviewer detail and the decision, each beside a bare
// Fastify route doing the same database work (bench/lib/bare-routes.js), on SQLite and PostgreSQL.
// The server runs in its own process pinned to cpu 0; this process (autocannon) pins itself to cpu 1.
// Endpoints that succeed once per state run on pre-seeded fresh states, one per request, so the
// figures are about successes; any non-2xx answer is counted and printed.
//
// Usage: node bench/endpoints.js [--only=a,b] [--db=sqlite|postgres|both] [--duration=S] [--warmup=S]
//          [--connections=N] [--states=N] [--statement-cache=N] [--write]
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a schema of its own, dropped after.
//   --write (implied when no --only is given) records the table in BENCHMARKS.md.
import { execSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import autocannon from 'autocannon'
import { CORES, parseArgs, pinSelf, startServer } from './lib/harness.js'

const ENDPOINTS = [
  { name: 'session.create', label: 'POST /partner/session', write: true },
  { name: 'sdk.session', label: 'POST /partner/sdk/session', write: true },
  { name: 'verification.verify', label: 'POST /partner/verification/verify', write: true },
  { name: 'sources.session', label: 'GET /partner/sources/session/:id' },
  { name: 'sources.search', label: 'GET /partner/sources/search' },
  { name: 'step.select', label: 'POST /partner/step/select-data-source', write: true, fresh: true },
  { name: 'step.initiate', label: 'POST /partner/step/initiate', write: true, fresh: true },
  { name: 'steps.session', label: 'GET /partner/steps/session/:id' },
  { name: 'steps.get', label: 'GET /partner/steps/:stepId' },
  { name: 'step.submit', label: 'POST /partner/step/submit', write: true, fresh: true },
  { name: 'reviewer.list', label: 'GET /partner/reviewer/sessions?limit=20' },
  { name: 'reviewer.detail', label: 'GET /partner/reviewer/sessions/:id' },
  { name: 'reviewer.decision', label: 'POST /partner/reviewer/sessions/:id/decision', write: true, fresh: true }
]

const args = parseArgs(process.argv.slice(2))
const duration = Number(args.duration ?? 5)
const warmup = Number(args.warmup ?? 3)
const connections = Number(args.connections ?? 50)
const states = Number(args.states ?? 30000)
const only = args.only ? String(args.only).split(',') : null
const dbs = !args.db || args.db === 'both' ? ['sqlite', 'postgres'] : [String(args.db)]
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const endpoints = ENDPOINTS.filter((e) => !only || only.includes(e.name))
if (endpoints.length === 0) throw new Error(`--only matches no endpoint; known: ${ENDPOINTS.map((e) => e.name).join(', ')}`)

/** One autocannon run over a list of requests; a `fresh` list is walked once across all connections. */
async function load (url, requests, seconds, fresh) {
  let i = 0
  let exhausted = false
  const codes = {} // non-2xx answers by status, to say what failed
  const onResponse = (status, body) => { if (status < 200 || status >= 300) { if (!codes[status] && process.env.BENCH_DEBUG) console.log(status, body); codes[status] = (codes[status] ?? 0) + 1 } }
  const opts = { url, connections, duration: seconds }
  if (fresh) {
    opts.requests = [{
      setupRequest: (req) => {
        if (i >= requests.length) { exhausted = true; return { ...req, ...requests[requests.length - 1] } }
        return { ...req, ...requests[i++] }
      },
      onResponse
    }]
  } else {
    opts.requests = requests.map((r) => ({ ...r, onResponse }))
  }
  const instance = autocannon(opts)
  const timer = fresh ? setInterval(() => { if (exhausted) instance.stop() }, 50) : null
  const res = await instance
  if (timer) clearInterval(timer)
  return { res, used: i, exhausted, codes }
}

async function measure (server, base, endpoint, n) {
  // Warm-up and measured run walk one pool of fresh states, if the endpoint needs them.
  const requests = await server.seed(endpoint.name, endpoint.fresh ? n : 1)
  const w = await load(base, requests, warmup, endpoint.fresh)
  const rest = endpoint.fresh ? requests.slice(w.used) : requests
  if (endpoint.fresh && rest.length === 0) throw new Error(`${endpoint.name}: the warm-up used every seeded state; raise --states`)
  const cpuBefore = await server.cpuUs()
  const { res, exhausted, codes } = await load(base, rest, duration, endpoint.fresh)
  const cpuUs = await server.cpuUs() - cpuBefore
  return {
    cpuPerReq: res.requests.total ? Math.round(cpuUs / res.requests.total) : 0,
    rps: Math.round(res.requests.average),
    p50: res.latency.p50,
    p99: res.latency.p99,
    non2xx: res.non2xx + res.errors + res.timeouts,
    codes: Object.entries(codes).map(([c, n]) => `${c}x${n}`).join(' '),
    total: res.requests.total,
    exhausted
  }
}

const rows = []
for (const dialect of dbs) {
  const statementCache = args['statement-cache'] === undefined ? undefined : Number(args['statement-cache'])
  const server = await startServer({ db: dialect, pgUrl, statementCache })
  const pinned = pinSelf()
  console.log(`\n== ${dialect}: service ${server.appUrl}, bare ${server.bareUrl}; ${server.pinned && pinned ? 'server on cpu 0, load on cpu 1' : 'NOT pinned (fewer than 2 cores or no taskset)'}; ${connections} connections, ${warmup} s warm-up, ${duration} s measured`)
  console.log(`${'endpoint'.padEnd(46)} ${'req/s'.padStart(7)} ${'p50'.padStart(5)} ${'p99'.padStart(5)} ${'cpu/req'.padStart(8)} ${'bare'.padStart(7)} ${'bare cpu'.padStart(8)} ${'ratio'.padStart(6)} ${'cpu ratio'.padStart(9)}  notes`)
  try {
    for (const endpoint of endpoints) {
      const svc = await measure(server, server.appUrl, endpoint, states)
      const bare = await measure(server, server.bareUrl, endpoint, states)
      const ratio = bare.rps ? svc.rps / bare.rps : 0
      // Throughput ratio as CPU cost: bare CPU per request / service CPU per request.
      const cpuRatio = svc.cpuPerReq ? bare.cpuPerReq / svc.cpuPerReq : 0
      const notes = []
      if (svc.non2xx) notes.push(`${svc.non2xx} non-2xx (${svc.codes})`)
      if (bare.non2xx) notes.push(`bare ${bare.non2xx} non-2xx (${bare.codes})`)
      if (svc.exhausted || bare.exhausted) notes.push('states exhausted: run cut short')
      const row = { dialect, ...endpoint, svc, bare, ratio, cpuRatio, notes: notes.join('; ') }
      rows.push(row)
      console.log(`${endpoint.label.padEnd(46)} ${String(svc.rps).padStart(7)} ${String(svc.p50).padStart(5)} ${String(svc.p99).padStart(5)} ${`${svc.cpuPerReq}µs`.padStart(8)} ${String(bare.rps).padStart(7)} ${`${bare.cpuPerReq}µs`.padStart(8)} ${ratio.toFixed(2).padStart(6)} ${cpuRatio.toFixed(2).padStart(9)}  ${row.notes}`)
    }
  } finally {
    await server.stop()
  }
}

if (args.write || !only) writeBenchmarks(rows)

function writeBenchmarks (rows) {
  const file = new URL('../BENCHMARKS.md', import.meta.url)
  const cpu = cpus()[0]?.model ?? 'unknown'
  let revision = 'unknown'
  try { revision = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() } catch {}
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim()
  const lines = [
    '<!-- bench:endpoints:start (written by bench/endpoints.js) -->',
    `Run ${new Date().toISOString()} on ${CORES} cores (${cpu}), Node ${process.version}, commit ${revision};`,
    `\`${command}\`; ${connections} connections, ${warmup} s warm-up, ${duration} s measured; req/s is autocannon's mean`,
    'of per-second samples, p50/p99 in ms; ratio = service / bare route (target: >= 0.6 reads, >= 0.5 writes);',
    'cpu/req = the server process\'s CPU time (user + system) per request over the measured run, and cpu ratio =',
    'bare cpu/req / service cpu/req: the same ratio as CPU cost, steadier than req/s on a machine others load.',
    '',
    '| db | endpoint | req/s | p50 | p99 | cpu/req (µs) | bare req/s | bare p99 | bare cpu/req | ratio | cpu ratio | target | notes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|'
  ]
  for (const r of rows) {
    const target = r.write ? 0.5 : 0.6
    lines.push(`| ${r.dialect} | \`${r.label}\` | ${r.svc.rps} | ${r.svc.p50} | ${r.svc.p99} | ${r.svc.cpuPerReq} | ${r.bare.rps} | ${r.bare.p99} | ${r.bare.cpuPerReq} | ${r.ratio.toFixed(2)} | ${r.cpuRatio.toFixed(2)} | ${target}${r.ratio >= target ? '' : ' (below)'} | ${r.notes} |`)
  }
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const marked = /<!-- bench:endpoints:start[\s\S]*?<!-- bench:endpoints:end -->/
  const previous = current.match(marked)?.[0]
  let block
  if (only && previous) {
    // A partial run replaces its own rows in the recorded table and says when; the rest stay.
    const fresh = new Map(lines.filter((l) => /^\| (sqlite|postgres) \|/.test(l)).map((l) => [l.split(' | ').slice(0, 2).join(' | '), l]))
    const kept = previous.split('\n').filter((l) => l !== '<!-- bench:endpoints:end -->')
    block = kept.map((l) => fresh.get(l.split(' | ').slice(0, 2).join(' | ')) ?? l)
    block.push('', `Rows ${rows.map((r) => `${r.dialect} \`${r.label}\``).join(', ')} re-run ${new Date().toISOString()}: \`${command}\`.`)
    block = [...block, '<!-- bench:endpoints:end -->'].join('\n')
  } else {
    block = [...lines, '<!-- bench:endpoints:end -->'].join('\n')
  }
  writeFileSync(file, previous ? current.replace(marked, block) : `${current.trimEnd()}\n\n${block}\n`)
  console.log(`\nrecorded in BENCHMARKS.md (${rows.length} rows)`)
}
