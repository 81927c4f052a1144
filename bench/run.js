// `npm run bench`: every benchmark, one after the other, each in its own process.
// Speed and memory targets live here, not in timed tests.
// Arguments are passed to the endpoint suite (bench/endpoints.js); given any, only that suite runs:
//   npm run bench -- --only=session.create --db=sqlite --duration=5
// The soak (bench/soak.js, 5 minutes) runs only when asked: npm run bench -- --soak
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const args = process.argv.slice(2)
const soak = args.includes('--soak')
const suiteArgs = args.filter((a) => a !== '--soak')
const benches = soak
  ? [['soak.js', []]]
  : suiteArgs.length > 0
    ? [['endpoints.js', suiteArgs]]
    : [['endpoints.js', []], ['proof-verify.js', []], ['reviewer-list.js', []], ['rate-limit.js', []]]
let failed = 0
for (const [file, fileArgs] of benches) {
  const path = new URL(file, import.meta.url).pathname
  if (!existsSync(path)) continue
  console.log(`\n== ${file} ${fileArgs.join(' ')}`)
  const res = spawnSync(process.execPath, [path, ...fileArgs], { stdio: 'inherit', env: process.env })
  if (res.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
