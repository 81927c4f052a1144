#!/usr/bin/env node
// Thin launcher so `npx partner-api` works after `npm ci`: builds on first use when dist/ is missing.
import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
}
const { main } = await import('../dist/cli.js')
process.exitCode = await main(process.argv.slice(2))
