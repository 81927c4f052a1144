import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { useTestApp } from '../support/harness.js'

/**
 * The hosted pages are ES modules served as they are: every module a page's entry imports, and
 * every module those import, must be a file the service serves, as JavaScript, under the URL the
 * browser resolves the import to. A module linked with a version and imported without one would
 * run twice (two URLs), so only a page's HTML links carry versions.
 */
describe('the hosted pages\' modules', () => {
  const t = useTestApp({ ...TEST_ENV })

  const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm

  async function graph (entry: string) {
    const seen = new Map<string, string>()
    const queue = [entry]
    while (queue.length > 0) {
      const url = queue.shift() as string
      if (seen.has(url)) continue
      const res = await t.app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toBe('text/javascript; charset=utf-8')
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
      seen.set(url, res.body)
      for (const m of res.body.matchAll(IMPORT)) {
        const specifier = m[1] ?? m[2]
        expect(specifier, `${url} imports ${specifier}`).toMatch(/^\.{1,2}\/[\w./-]+\.js$/) // relative, no version, no bare name
        queue.push(new URL(specifier, `http://page${url}`).pathname)
      }
    }
    return seen
  }

  it.each([
    ['the applicant page', '/verification-request', '/assets/app.js'],
    ['the console', '/console', '/console/console.js']
  ])('%s: every import resolves to a served module, and the page uses the shared fetch wrapper', async (_name, pageUrl, entry) => {
    const html = (await t.app.inject({ url: pageUrl, headers: { accept: 'text/html' } })).body
    expect(html).toMatch(new RegExp(`<script type="module" src="${entry.replace(/\./g, '\\.')}\\?v=[\\w-]+"></script>`))
    expect(html).toMatch(/<link rel="stylesheet" href="\/shared\/base\.css\?v=[\w-]+">/)
    const modules = await graph(entry)
    expect([...modules.keys()]).toContain('/shared/api.js')
    expect([...modules.keys()]).toContain('/shared/status.js')
    // One fetch wrapper: no page module calls fetch() itself.
    for (const [url, body] of modules) if (url !== '/shared/api.js') expect(body, url).not.toMatch(/\bfetch\(/)
  })
})
