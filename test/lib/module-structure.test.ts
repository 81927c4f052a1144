import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

/**
 * The layers of src/: lib, db, schemas and plugins import no module (src/modules/<name>/); no two
 * module folders import each other, straight or round a loop; a module reaches another through its
 * service or repository (or an interface of its own that the other fills), never the other way round.
 */

const SRC = join(ROOT_DIR, 'src')

function sourceFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])
}

/** The folder a file belongs to: `modules/<name>`, `lib`, `db`, ..., or the file itself at the top. */
function unitOf (file: string): string {
  const parts = relative(SRC, file).split(sep)
  if (parts[0] === 'modules') return `modules/${parts[1]}`
  return parts.length === 1 ? parts[0] : parts[0]
}

/** Folder -> folders it imports (relative imports and re-exports), with one example file pair each. */
const edges = new Map<string, Map<string, string>>()
for (const file of sourceFiles(SRC)) {
  const text = readFileSync(file, 'utf8')
  for (const [, spec] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'/g)) {
    const target = normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts')
    const [a, b] = [unitOf(file), unitOf(target)]
    if (a === b) continue
    if (!edges.has(a)) edges.set(a, new Map())
    edges.get(a)!.set(b, `${relative(SRC, file)} -> ${relative(SRC, target)}`)
  }
}

describe('the module structure', () => {
  it('reads the imports of the tree', () => {
    expect(edges.get('modules/steps')?.has('modules/lifecycle')).toBe(true)
  })

  it('lib, db, schemas and plugins import no module', () => {
    const wrong = [...edges].flatMap(([from, tos]) => ['lib', 'db', 'schemas', 'plugins'].includes(from)
      ? [...tos].filter(([to]) => to.startsWith('modules/')).map(([, example]) => example)
      : [])
    expect(wrong).toEqual([])
  })

  it('no two module folders import each other, straight or round a loop', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      for (const next of edges.get(from)?.keys() ?? []) {
        if (next === to) return true
        if (!seen.has(next)) { seen.add(next); if (reaches(next, to, seen)) return true }
      }
      return false
    }
    const loops = [...edges].flatMap(([from, tos]) => [...tos].filter(([to]) => from.startsWith('modules/') && reaches(to, from)).map(([, example]) => example))
    expect(loops).toEqual([])
  })
})

describe('one module per aggregate', () => {
  it('every /partner/session* route is registered by the sessions module', () => {
    const routes = sourceFiles(join(SRC, 'modules')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bapp\.(?:get|post|put|patch|delete)\(\s*['`](\/partner\/session[^'`]*)['`]/g)]
        .map(([, url]) => ({ url, unit: unitOf(file), file: relative(SRC, file) })))
    expect(routes.length).toBeGreaterThan(8)
    expect(routes.filter((r) => r.unit !== 'modules/sessions').map((r) => `${r.url} in ${r.file}`)).toEqual([])
  })
})
