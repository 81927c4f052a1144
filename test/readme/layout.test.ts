import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

/** The README's layout section describes the tree as it is: every folder of src/ and src/modules/, and no path that is gone. */
const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8')
const start = readme.indexOf('### Layout')
const layout = readme.slice(start, readme.indexOf('\n## ', start))
const dirs = (path: string) => readdirSync(join(ROOT_DIR, path), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)

describe('the README\'s layout section', () => {
  it('names every folder of src/ and every module', () => {
    expect(start).toBeGreaterThan(0)
    const missing = [
      ...dirs('src').filter((d) => d !== 'modules' && !layout.includes(`\`src/${d}/\``)),
      ...dirs('src/modules').filter((d) => !layout.includes(`\`${d}/\``))
    ]
    expect(missing).toEqual([])
  })

  it('names no src/ path that does not exist', () => {
    const paths = [...layout.matchAll(/`(src\/[\w./-]+)`/g)].map((m) => m[1])
    expect(paths.length).toBeGreaterThan(5)
    expect(paths.filter((p) => !existsSync(join(ROOT_DIR, p)))).toEqual([])
  })

  it('names files of the modules that exist', () => {
    const files = [...layout.matchAll(/`([\w-]+\.ts)`/g)].map((m) => m[1])
    const all = new Set(readdirSync(join(ROOT_DIR, 'src'), { recursive: true }).map((f) => String(f).split('/').pop()))
    expect(files.filter((f) => !all.has(f))).toEqual([])
  })
})
