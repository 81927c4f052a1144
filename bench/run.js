// `npm run bench`: every benchmark, one after the other, each in its own process.
// Speed and memory targets live here, not in timed tests.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const benches = ['proof-verify.js', 'reviewer-list.js', 'rate-limit.js']
let failed = 0
for (const file of benches) {
  const path = new URL(file, import.meta.url).pathname
  if (!existsSync(path)) continue
  console.log(`\n== ${file}`)
  const res = spawnSync(process.execPath, [path], { stdio: 'inherit', env: process.env })
  if (res.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
