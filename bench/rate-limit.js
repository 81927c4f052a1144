// What the rate limiter costs: GET /partner/reviewer/sessions (20 sessions on the page) hammered with
// the limiter off, on with the memory store, and on with Redis (when BENCH_REDIS_URL or REDIS_URL is
// set). Each service runs in a child process of its own, so the load generator does not share its
// event loop; each configuration is measured in rounds of alternating order, after a warm-up.
// Usage: node bench/rate-limit.js [seconds per run] [rounds]   (default 5 and 2; needs `npm run build`)
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SESSIONS = 20

if (process.argv[2] === '--serve') {
  await serve(JSON.parse(process.argv[3]))
} else {
  await main()
}

/** Child: one service on 127.0.0.1:0; tells the parent its address and a key, stops when told. */
async function serve (env) {
  const { buildApp } = await import('../dist/app.js')
  const { loadConfig } = await import('../dist/config.js')
  const app = await buildApp({ config: loadConfig(env) })
  const { key } = await app.ctx.keys.create({ team: 'bench' })
  // The first service of the data directory seeds the team's sessions; the others find them.
  const existing = await app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })
  for (let i = existing.json().total; i < SESSIONS; i++) {
    await app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key }, payload: { params: { expiryDate: '2099-01-01T00:00:00.000Z', applicantFirstName: `Applicant ${i}` } } })
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  process.send({ url, key, store: app.rateLimiter ? app.rateLimiter.store : 'off' })
  process.on('message', async () => { await app.close(); process.exit(0) })
}

async function main () {
  const { default: autocannon } = await import('autocannon')
  const seconds = Number(process.argv[2] ?? 5)
  const rounds = Number(process.argv[3] ?? 2)
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? null
  const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-rl-'))
  const prefix = `partner-api-bench:${randomBytes(4).toString('hex')}`
  // A limit no run reaches: every request is counted, none refused.
  const base = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_LIMIT: '1000000', RATE_LIMIT_TTL_S: '3600', RATE_LIMIT_REDIS_PREFIX: prefix }
  const cases = [
    { name: 'limiter off', env: { ...base, RATE_LIMIT_ENABLED: 'false' } },
    { name: 'limiter on, memory', env: base },
    ...(redisUrl ? [{ name: 'limiter on, Redis', env: { ...base, REDIS_URL: redisUrl } }] : [])
  ]

  async function measure (c, duration) {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(c.env)], { stdio: 'inherit' })
    const { url, key, store } = await new Promise((resolve, reject) => { child.once('message', resolve); child.once('exit', reject) })
    if (c.env.REDIS_URL && store !== 'ready') throw new Error(`Redis not ready (${store})`)
    const path = `${url}/partner/reviewer/sessions`
    await autocannon({ url: path, headers: { 'x-api-key': key }, connections: 10, duration: 1 }) // warm-up
    const res = await autocannon({ url: path, headers: { 'x-api-key': key }, connections: 10, duration })
    child.send('stop')
    await new Promise((resolve) => child.once('exit', resolve))
    if (res.non2xx || res.errors) throw new Error(`${c.name}: ${res.non2xx} non-2xx, ${res.errors} errors`)
    return { rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99 }
  }

  console.log(`GET /partner/reviewer/sessions (${SESSIONS} sessions), 10 connections, ${seconds} s per run, node ${process.version}`)
  const results = new Map(cases.map((c) => [c.name, []]))
  try {
    for (let round = 0; round < rounds; round++) {
      for (const c of round % 2 === 0 ? cases : [...cases].reverse()) {
        const r = await measure(c, seconds)
        results.get(c.name).push(r)
        console.log(`  ${c.name.padEnd(20)} ${String(Math.round(r.rps)).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`)
      }
    }
  } finally {
    if (redisUrl) await dropPrefix(redisUrl, prefix)
    rmSync(dataDir, { recursive: true, force: true })
  }

  console.log(`mean of ${rounds} runs:`)
  const mean = (rs, k) => rs.reduce((sum, r) => sum + r[k], 0) / rs.length
  const offRps = mean(results.get('limiter off'), 'rps')
  for (const [name, rs] of results) {
    const rps = mean(rs, 'rps')
    const delta = name === 'limiter off' ? '' : `  (${((rps / offRps - 1) * 100).toFixed(1)}% vs off)`
    console.log(`  ${name.padEnd(20)} ${String(Math.round(rps)).padStart(6)} req/s  p50 ${mean(rs, 'p50').toFixed(1)} ms  p99 ${mean(rs, 'p99').toFixed(1)} ms${delta}`)
  }
}

async function dropPrefix (url, prefix) {
  const { Redis } = await import('ioredis')
  const redis = new Redis(url)
  const keys = await redis.keys(`${prefix}:*`)
  if (keys.length) await redis.del(...keys)
  await redis.quit()
}
