import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'
import { useTestApp } from '../support/harness.js'
import { TEST_ENV } from '../api/helpers.js'

const README = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8')

/** The README names every route a client calls, as `METHOD /path` with the path as registered. */
describe('the README', () => {
  const t = useTestApp({ ...TEST_ENV })

  it('documents every API route by its method and path', () => {
    const api = t.app.routeCatalog.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' &&
      r.schema !== null && (r.schema as { hide?: boolean }).hide !== true && r.url.startsWith('/partner'))
    expect(api.length).toBeGreaterThan(30)
    const missing = [...new Set(api.map((r) => `${r.method} ${r.url}`))].filter((route) => !README.includes(route))
    expect(missing).toEqual([])
  })

  it('links the documents it cites, and each exists', () => {
    const links = [...README.matchAll(/\]\(((?:docs|clients|LICENSE|BENCHMARKS)[^)#\s]*)\)/g)].map((m) => m[1])
    expect(links).toEqual(expect.arrayContaining(['docs/partner-api-guide.txt', 'docs/proof-verification.md', 'LICENSE']))
    for (const link of links) expect(() => readFileSync(join(ROOT_DIR, link))).not.toThrow()
  })

  it('names the license package.json declares, and the LICENSE file is that license', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { license: string }
    expect(pkg.license).toBe('Apache-2.0')
    expect(readFileSync(join(ROOT_DIR, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/)
  })
})
