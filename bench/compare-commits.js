// Two commits' builds measured in one run, in alternating rounds, so the machine's noise (others'
// load, CPU frequency) falls on both alike: bench/endpoints.js of each tree, base first in every round.
// The base commit is checked out with `git worktree add` into a temporary directory, shares this
// tree's node_modules (the same lock file is assumed) and is built there; the head is this tree, built.
//   node bench/compare-commits.js --base=<commit> [--only=session.create] [--db=sqlite|postgres|both]
//          [--rounds=3] [--duration=5] [--warmup=3] [--connections=50] [--keep] [--analyze-every=S]
// --analyze-every=S: while each tree's bench runs, ANALYZE the tables of its PostgreSQL schema
// (bench_ep_*) every S seconds, for both builds alike. The bench seeds a few hundred rows and analyzes
// them once; a creation bench then grows sessions a hundredfold in seconds, and each pool connection
// keeps the plan its foreign-key checks (audit_log -> sessions) chose for the small table: a
// sequential scan of sessions per audit row, whose cost grows with the run. In a deployment,
// autovacuum analyzes a table after a tenth of it changed, and the plans are made again.
// Prints every round's rows and, per database and endpoint, the means and head/base ratios of req/s and
// of the server's CPU time per request (the steadier of the two on a shared machine).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { parseArgs } from './lib/harness.js'

const args = parseArgs(process.argv.slice(2))
if (!args.base) throw new Error('--base=<commit> is required')
const HEAD_DIR = fileURLToPath(new URL('..', import.meta.url))
const rounds = Number(args.rounds ?? 3)
const pass = ['only', 'db', 'duration', 'warmup', 'connections', 'states'].filter((k) => args[k] !== undefined).map((k) => `--${k}=${args[k]}`)
if (args.only === undefined) pass.push('--only=session.create')

const git = (...a) => execFileSync('git', a, { cwd: HEAD_DIR, encoding: 'utf8' }).trim()
const baseSha = git('rev-parse', '--short', String(args.base))
const headSha = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+changes' : '')
const BASE_DIR = join(tmpdir(), `pa-compare-${baseSha}`)
if (!existsSync(BASE_DIR)) {
  git('worktree', 'add', '--detach', BASE_DIR, baseSha)
  symlinkSync(join(HEAD_DIR, 'node_modules'), join(BASE_DIR, 'node_modules'))
}
for (const dir of [BASE_DIR, HEAD_DIR]) execFileSync(process.execPath, [join(dir, 'bin', 'build-if-stale.js')], { cwd: dir, stdio: 'inherit' })

const analyzeSeconds = args['analyze-every'] === undefined || args.db === 'sqlite' ? null : Number(args['analyze-every'])
if (analyzeSeconds !== null && !(analyzeSeconds > 0 && Number.isFinite(analyzeSeconds))) throw new Error('--analyze-every=S needs a number of seconds above 0')

/** ANALYZE of every table of the benches' schemas, every `seconds`, until the returned stop is called (a failure is printed, never thrown). */
function analyzeEvery (seconds) {
  const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' })
  client.on('error', () => {})
  const state = { stopped: false, wake: () => {} }
  const done = (async () => {
    await client.connect()
    while (!state.stopped) {
      await new Promise((resolve) => { state.wake = resolve; setTimeout(resolve, seconds * 1000) })
      if (state.stopped) break
      const { rows } = await client.query("select schemaname, tablename from pg_tables where schemaname like 'bench\\_ep\\_%'")
      for (const r of rows) await client.query(`analyze ${client.escapeIdentifier(r.schemaname)}.${client.escapeIdentifier(r.tablename)}`).catch(() => {})
    }
  })().catch((err) => { console.error(`--analyze-every: ${err.message}`) }).finally(() => client.end().catch(() => {}))
  return async () => { state.stopped = true; state.wake(); await done }
}

/** One run of a tree's endpoint bench: its printed rows, per database. */
async function run (dir) {
  const stopAnalyzing = analyzeSeconds === null ? null : analyzeEvery(analyzeSeconds)
  const child = spawn(process.execPath, [join(dir, 'bench', 'endpoints.js'), ...pass], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d) => { out += String(d) })
  const code = await new Promise((resolve) => child.on('close', resolve))
  await stopAnalyzing?.()
  if (code !== 0) throw new Error(`${dir}: bench/endpoints.js exited ${code}\n${out}`)
  const rows = []
  let db = null
  for (const line of out.split('\n')) {
    const header = /^== (\w+):/.exec(line)
    if (header) { db = header[1]; continue }
    const m = /^((?:GET|POST) \S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)µs\s+(\d+)\s+(\d+)µs\s+([\d.]+)\s+([\d.]+)\s*(.*)$/.exec(line)
    if (m) rows.push({ db, endpoint: m[1], rps: +m[2], p99: +m[4], cpu: +m[5], bareRps: +m[6], bareCpu: +m[7], notes: m[10] })
  }
  return rows
}

const all = []
console.log(`base ${baseSha} (${BASE_DIR}) vs head ${headSha}; endpoints.js ${pass.join(' ')}; ${rounds} rounds${analyzeSeconds === null ? '' : `; ANALYZE every ${analyzeSeconds} s`}`)
console.log('| round | build | db | endpoint | req/s | p99 (ms) | cpu/req (µs) | bare req/s | bare cpu/req (µs) | notes |')
console.log('|---:|---|---|---|---:|---:|---:|---:|---:|---|')
for (let round = 1; round <= rounds; round++) {
  for (const [build, dir] of [['base', BASE_DIR], ['head', HEAD_DIR]]) {
    for (const r of await run(dir)) {
      all.push({ round, build, ...r })
      console.log(`| ${round} | ${build} | ${r.db} | \`${r.endpoint}\` | ${r.rps} | ${r.p99} | ${r.cpu} | ${r.bareRps} | ${r.bareCpu} | ${r.notes} |`)
    }
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
console.log('\n| db | endpoint | base req/s | head req/s | req/s ratio | base cpu/req (µs) | head cpu/req (µs) | cpu ratio (base/head) |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|')
for (const key of [...new Set(all.map((r) => `${r.db}|${r.endpoint}`))]) {
  const [db, endpoint] = key.split('|')
  const of = (build, f) => mean(all.filter((r) => r.db === db && r.endpoint === endpoint && r.build === build).map(f))
  const [br, hr, bc, hc] = [of('base', (r) => r.rps), of('head', (r) => r.rps), of('base', (r) => r.cpu), of('head', (r) => r.cpu)]
  console.log(`| ${db} | \`${endpoint}\` | ${Math.round(br)} | ${Math.round(hr)} | ${(hr / br).toFixed(2)} | ${Math.round(bc)} | ${Math.round(hc)} | ${(bc / hc).toFixed(2)} |`)
}
if (!args.keep) {
  git('worktree', 'remove', '--force', BASE_DIR)
  if (existsSync(BASE_DIR)) rmSync(BASE_DIR, { recursive: true, force: true })
}
