import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

/**
 * Every document a comment or a document of the repository cites exists in the repository: a
 * reader who follows `docs/proof-verification.md` or `BENCHMARKS.md` finds it.
 */

const SCANNED = ['src', 'bin', 'bench', 'test', 'public', 'clients/typescript/src', 'clients/typescript/README.md', 'docs', '.ci', 'eslint.config.js', 'README.md', 'BENCHMARKS.md']
const SKIP = new Set(['node_modules', 'dist', 'vendor', 'fixtures', 'schema.d.ts'])

function files (path: string): string[] {
  const full = join(ROOT_DIR, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [full]
  return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
    SKIP.has(e.name) ? [] : e.isDirectory() ? files(join(path, e.name)) : /\.(ts|js|md|txt|css|html)$|^run$/.test(e.name) ? [join(full, e.name)] : [])
}

// A cited document: a path or name ending in .md (or a docs/ file), not a URL.
const CITATION = /(?<![\w/.:-])((?:[\w.-]+\/)*[\w.-]+\.md|docs\/[\w./-]+\.\w+)\b/g

describe('cited documents', () => {
  it('every document a comment or a document cites exists', () => {
    const missing: string[] = []
    let cites = 0
    for (const file of SCANNED.flatMap(files)) {
      for (const [, cited] of readFileSync(file, 'utf8').matchAll(CITATION)) {
        cites++
        if (existsSync(join(ROOT_DIR, cited)) || existsSync(join(dirname(file), cited))) continue
        missing.push(`${relative(ROOT_DIR, file)}: ${cited}`)
      }
    }
    expect(cites).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })
})
