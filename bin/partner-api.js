#!/usr/bin/env node
// Thin launcher so `npx partner-api` works after `npm ci`: in a checkout it (re)builds dist/ when a
// source changed since the last build (bin/build-if-stale.js); where TypeScript is absent (an
// install without dev dependencies) it runs the dist/ it was given.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, isStale, tsc } from './build-if-stale.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = existsSync(join(root, 'dist', 'cli.js'))
if (existsSync(join(root, 'src')) && existsSync(tsc) && isStale()) {
  // On stderr, so that a command's output (JSON) stays clean for a pipe.
  process.stderr.write(built
    ? 'partner-api: sources changed since the last build: compiling TypeScript into dist/ ...\n'
    : 'partner-api: first start: compiling TypeScript into dist/ (once; about 20-30 s) ...\n')
  const began = Date.now()
  if (!build()) {
    process.stderr.write('partner-api: the build failed (TypeScript errors above)\n')
    process.exit(1)
  }
  process.stderr.write(`partner-api: compiled in ${((Date.now() - began) / 1000).toFixed(1)} s\n`)
} else if (!built) {
  process.stderr.write('partner-api: dist/ is missing and TypeScript is not installed: run `npm ci && npm run build`\n')
  process.exit(1)
}
const { main } = await import('../dist/cli.js')
process.exitCode = await main(process.argv.slice(2))
