// Memory soak: mixed load (create sessions, link exchange, reviewer list, applicant steps, reviewer
// detail) against the service for a few minutes, sampling the server's resident size every 10 s.
// Target (issue 12): RSS flat within 10% after warm-up. The server runs in its own process (cpu 0),
// autocannon here (cpu 1). Beside the spread of every sample after warm-up (which V8's collection
// cycles widen: RSS climbs until a major GC, then falls), two measures of growth: the RSS floor (the
// lowest sample of the first and of the last minute after warm-up) and the live heap after a full
// collection at the end of warm-up and at the end (the server runs with --expose-gc; only those two
// collections are forced).
// Usage: node bench/soak.js [--duration=300] [--db=sqlite|postgres] [--connections=20] [--warmup=60] [--write]
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import autocannon from 'autocannon'
import { CORES, parseArgs, pinSelf, startServer } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
const duration = Number(args.duration ?? 300)
const warmupS = Number(args.warmup ?? 60)
const connections = Number(args.connections ?? 20)
const dialect = String(args.db ?? 'sqlite')
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SAMPLE_MS = 10_000
const MIX = ['session.create', 'verification.verify', 'reviewer.list', 'steps.session', 'steps.get', 'reviewer.detail']

const server = await startServer({ db: dialect, pgUrl }, ['--expose-gc'])
pinSelf()
const requests = []
for (const name of MIX) requests.push(...await server.seed(name, 1))
const mb = (bytes) => Math.round(bytes / 1024 / 1024 * 10) / 10
const samples = [{ t: 0, rss: await server.rss() }]
console.log(`soak on ${dialect}: ${duration} s, ${connections} connections, mix ${MIX.join(', ')}; RSS at start ${mb(samples[0].rss)} MB`)
const started = Date.now()
const sampler = setInterval(async () => {
  const rss = await server.rss()
  const t = Math.round((Date.now() - started) / 1000)
  samples.push({ t, rss })
  console.log(`t=${String(t).padStart(4)} s  rss ${mb(rss)} MB`)
}, SAMPLE_MS)
let heapAtWarmup = null
const heapTimer = setTimeout(async () => { heapAtWarmup = (await server.heap()).heapUsed }, warmupS * 1000 - SAMPLE_MS / 2)
const res = await autocannon({ url: server.appUrl, connections, duration, requests })
clearInterval(sampler)
clearTimeout(heapTimer)
samples.push({ t: Math.round((Date.now() - started) / 1000), rss: await server.rss() })
const heapAtEnd = (await server.heap()).heapUsed
await server.stop()

const after = samples.filter((s) => s.t >= warmupS)
const ref = after[0] ?? samples[0]
const maxAfter = Math.max(...after.map((s) => s.rss))
const minAfter = Math.min(...after.map((s) => s.rss))
const drift = (maxAfter - minAfter) / ref.rss
const flat = drift <= 0.10
const floorOf = (from, to) => Math.min(...after.filter((s) => s.t >= from && s.t < to).map((s) => s.rss))
const lastT = samples[samples.length - 1].t
const floorFirst = floorOf(warmupS, warmupS + 60)
const floorLast = floorOf(lastT - 60, lastT + 1)
const pct = (a, b) => Math.round((b - a) / a * 1000) / 10
const summary = {
  requests: res.requests.total,
  rps: Math.round(res.requests.average),
  non2xx: res.non2xx + res.errors + res.timeouts,
  first: mb(samples[0].rss),
  atWarmup: mb(ref.rss),
  last: mb(samples[samples.length - 1].rss),
  max: mb(Math.max(...samples.map((s) => s.rss))),
  minAfter: mb(minAfter),
  maxAfter: mb(maxAfter),
  drift: Math.round(drift * 1000) / 10,
  flat,
  floorFirstMinute: mb(floorFirst),
  floorLastMinute: mb(floorLast),
  floorChange: pct(floorFirst, floorLast),
  heapAtWarmup: heapAtWarmup === null ? null : mb(heapAtWarmup),
  heapAtEnd: mb(heapAtEnd),
  heapChange: heapAtWarmup === null ? null : pct(heapAtWarmup, heapAtEnd)
}
console.log(summary)
console.log(flat
  ? `RSS flat after ${warmupS} s warm-up: within ${summary.drift}% (target 10%)`
  : `RSS NOT flat after ${warmupS} s warm-up: moved ${summary.drift}% (target 10%)`)

if (args.write) {
  const file = new URL('../BENCHMARKS.md', import.meta.url)
  const block = [
    '<!-- bench:soak:start (written by bench/soak.js) -->',
    `Run ${new Date().toISOString()} on ${CORES} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}:`,
    `\`node bench/soak.js ${process.argv.slice(2).join(' ')}\` on ${dialect}, ${connections} connections, mix: ${MIX.join(', ')}.`,
    '',
    `${summary.requests} requests (${summary.rps} req/s, ${summary.non2xx} non-2xx). RSS: first ${summary.first} MB, at ${warmupS} s ${summary.atWarmup} MB,`,
    `last ${summary.last} MB, max ${summary.max} MB; after warm-up between ${summary.minAfter} and ${summary.maxAfter} MB,`,
    `a spread of ${summary.drift}% of the ${warmupS} s figure: **${flat ? 'flat within 10%' : 'NOT flat within 10%'}**.`,
    `Growth: the RSS floor (lowest sample) of the first minute after warm-up ${summary.floorFirstMinute} MB, of the last minute`,
    `${summary.floorLastMinute} MB (${summary.floorChange}%); the live heap after a full GC ${summary.heapAtWarmup} MB at ${warmupS} s,`,
    `${summary.heapAtEnd} MB at the end (${summary.heapChange}%).`,
    '',
    '| t (s) | RSS (MB) |',
    '|---:|---:|',
    ...samples.map((s) => `| ${s.t} | ${mb(s.rss)} |`),
    '<!-- bench:soak:end -->'
  ].join('\n')
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const marked = /<!-- bench:soak:start[\s\S]*?<!-- bench:soak:end -->/
  writeFileSync(file, marked.test(current) ? current.replace(marked, block) : `${current.trimEnd()}\n\n${block}\n`)
}
process.exitCode = flat ? 0 : 1
