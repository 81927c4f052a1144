#!/usr/bin/env node
// The OpenAPI document and the TypeScript client's types, from the app built in-process:
//   node bin/openapi.js generate   writes openapi/openapi.json and clients/typescript/src/schema.d.ts
//   node bin/openapi.js lint       the same, then `redocly lint` (recommended rules) on the document:
//                                  exit 1 on any error or warning. With CI set it rewrites nothing and
//                                  fails when the committed files differ from what the server serves.
import { execFileSync } from 'node:child_process'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, isStale } from './build-if-stale.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const command = process.argv[2]
if (command !== 'generate' && command !== 'lint') {
  process.stderr.write('usage: node bin/openapi.js generate|lint\n')
  process.exit(2)
}
if (isStale() && !build()) {
  process.stderr.write('openapi: the build failed (TypeScript errors above)\n')
  process.exit(1)
}
const { generateOpenapiFiles, OPENAPI_FILE } = await import('../dist/openapi-document.js')
const check = command === 'lint' && Boolean(process.env.CI)
for (const { file, changed } of await generateOpenapiFiles({ write: !check })) {
  const name = relative(root, file)
  if (!changed) process.stdout.write(`${name}: up to date\n`)
  else if (!check) process.stdout.write(`${name}: written (commit it)\n`)
  else {
    process.stderr.write(`${name} differs from what the server serves: run \`npm run openapi:generate\` and commit the result\n`)
    process.exitCode = 1
  }
}
if (process.exitCode) process.exit()

if (command === 'lint') {
  const redocly = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js')
  // No telemetry and no update check: CI reaches no network but the package registries.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }
  const args = [redocly, 'lint', OPENAPI_FILE, '--extends', 'recommended', '--format', 'json']
  let out
  let lintErr = ''
  try {
    out = execFileSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (err) {
    out = err.stdout // exit 1 on errors; the JSON report is still on stdout
    lintErr = err.stderr
  }
  let report
  try {
    report = JSON.parse(out)
  } catch {
    process.stderr.write(`openapi lint: redocly printed no report:\n${out}\n${lintErr}\n`)
    process.exit(1)
  }
  for (const p of report.problems) {
    const where = p.location?.[0]?.pointer ?? ''
    process.stdout.write(`${p.severity} ${p.ruleId} ${where}\n  ${p.message}\n`)
  }
  const { errors, warnings } = report.totals
  process.stdout.write(`openapi lint (redocly, recommended): ${errors} errors, ${warnings} warnings\n`)
  if (errors + warnings > 0) process.exitCode = 1
}
