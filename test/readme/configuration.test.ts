import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

/** The README's configuration table and the variables the code reads, each checked against the other. */
const read = (path: string) => readFileSync(join(ROOT_DIR, path), 'utf8')

/** The variable names of the first cell of each row of the "Configuration (environment)" table. */
function documented (readme: string): Set<string> {
  const start = readme.indexOf('## Configuration (environment)')
  if (start < 0) throw new Error('README.md has no "## Configuration (environment)" section')
  const end = readme.indexOf('\n## ', start + 1)
  const rows = readme.slice(start, end < 0 ? undefined : end).split('\n').filter((l) => l.startsWith('| `'))
  return new Set(rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])))
}

/** Every name src/config.ts reads (through its helpers or env.NAME), and LOG_FORMAT (read by the CLI). */
function readByCode (): Set<string> {
  const config = read('src/config.ts')
  const names = [
    ...[...config.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]),
    ...[...config.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1])
  ]
  if (/env\.LOG_FORMAT/.test(read('src/cli.ts'))) names.push('LOG_FORMAT')
  return new Set(names)
}

describe('the README configuration table', () => {
  const rows = documented(read('README.md'))
  const names = readByCode()

  it('finds the names on both sides', () => {
    expect(names.size).toBeGreaterThan(40)
    expect(names).toContain('SANDBOX_ENABLED')
    expect(rows).toContain('PORT')
  })

  it('has a row for every variable the service reads', () => {
    expect([...names].filter((n) => !rows.has(n)).sort()).toEqual([])
  })

  it('documents no variable the service does not read', () => {
    expect([...rows].filter((n) => !names.has(n)).sort()).toEqual([])
  })
})
