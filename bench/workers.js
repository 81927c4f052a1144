// `partner-api serve --workers N` on PostgreSQL and Redis (issue 12, item 5): the built executable
// serves GET /partner/reviewer/sessions?limit=20 (a team of 200 sessions, one API key) to autocannon in
// this process, for each worker count, in alternating rounds. Nothing is pinned: the workers need every
// core, and on a 2-core machine the load generator, PostgreSQL and Redis share those cores with them.
//   node bench/workers.js [--workers=1,2] [--rounds=2] [--duration=10] [--warmup=3] [--connections=50]
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a schema of its own, dropped
// after) and BENCH_REDIS_URL (default redis://127.0.0.1:6379; a key prefix of its own).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../dist/db/database.js'
import { parseArgs } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
const counts = String(args.workers ?? '1,2').split(',').map(Number)
const rounds = Number(args.rounds ?? 2)
const duration = Number(args.duration ?? 10)
const warmup = Number(args.warmup ?? 3)
const connections = Number(args.connections ?? 50)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'
const BIN = fileURLToPath(new URL('../bin/partner-api.js', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SECRET = randomBytes(32).toString('hex')
const schema = `bench_wk_${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-wk-'))
const PATH = '/partner/reviewer/sessions?limit=20'

async function freePort () {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** CPU time (user + system, µs) of a process and its children (the cluster's workers), from /proc. */
function treeCpuUs (pid) {
  const tick = 10_000 // USER_HZ = 100
  let total = 0
  const visit = (p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      total += (Number(fields[11]) + Number(fields[12])) * tick // utime, stime
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(child)
    } catch {}
  }
  visit(pid)
  return total
}

async function serve (workers, port, prefix) {
  let out = ''
  const child = spawn(process.execPath, [BIN, 'serve', '--workers', String(workers)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: pgUrl,
      PGOPTIONS: `-c search_path=${schema}`,
      REDIS_URL: redisUrl,
      RATE_LIMIT_REDIS_PREFIX: prefix,
      SERVER_SECRET: SECRET,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LIMIT: '1000000',
      APPLICANT_RATE_LIMIT_LIMIT: '1000000'
    }
  })
  child.stdout.on('data', (d) => { out += String(d) })
  child.stderr.on('data', (d) => { out += String(d) })
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.ok) break
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve --workers ${workers} did not start: ${out}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await new Promise((resolve) => setTimeout(resolve, 1500)) // the other workers finish booting
  return {
    pid: child.pid,
    stop: async () => {
      const closed = new Promise((resolve) => child.once('close', resolve))
      child.kill('SIGTERM')
      await closed
    }
  }
}

function cannon (port, key, seconds) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: `http://127.0.0.1:${port}${PATH}`, connections, duration: seconds, headers: { 'x-api-key': key } },
      (err, result) => err ? reject(err) : resolve(result))
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false })
  })
}

await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl, dataDir, pgSchema: schema, pgPoolSize: 2 })
const app = await buildApp({ config: loadConfig({ SERVER_SECRET: SECRET, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_ENABLED: 'false' }), db })
await app.ready()
const { key } = await app.ctx.keys.create({ team: 'bench-workers' })
for (let i = 0; i < 200; i++) {
  const res = await app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key }, payload: { params: { expiryDate: '2099-01-01T00:00:00.000Z', applicantFirstName: `Applicant ${i}` } } })
  if (res.statusCode !== 201) throw new Error(`seeding: ${res.statusCode} ${res.body}`)
}
await app.close()

const rows = []
try {
  for (let round = 1; round <= rounds; round++) {
    for (const workers of counts) {
      const port = await freePort()
      const server = await serve(workers, port, `bench-wk-${randomBytes(4).toString('hex')}:`)
      try {
        await cannon(port, key, warmup)
        const cpu0 = treeCpuUs(server.pid)
        const result = await cannon(port, key, duration)
        const cpu = treeCpuUs(server.pid) - cpu0
        const ok = result.requests.total - result.non2xx
        const row = { round, workers, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, cpuPerReq: ok ? Math.round(cpu / ok) : null, non2xx: result.non2xx + result.errors }
        rows.push(row)
        console.log(`round ${round}, ${workers} worker(s): ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, service CPU ${row.cpuPerReq} µs/req${row.non2xx ? `, ${row.non2xx} non-2xx/errors` : ''}`)
      } finally {
        await server.stop()
      }
    }
  }
} finally {
  await dropPgSchema(pgUrl, schema)
  rmSync(dataDir, { recursive: true, force: true })
}

console.log(`\n${new Date().toISOString()}, ${availableParallelism()} cores, Node ${process.version}, GET ${PATH}, ${connections} connections, ${warmup} s warm-up, ${duration} s measured, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
console.log('| round | workers | req/s | p50 (ms) | p99 (ms) | service CPU / req (µs, all processes) | non-2xx |')
console.log('|---:|---:|---:|---:|---:|---:|---:|')
for (const r of rows) console.log(`| ${r.round} | ${r.workers} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.cpuPerReq} | ${r.non2xx} |`)
