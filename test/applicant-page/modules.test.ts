import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { useTestApp } from '../support/harness.js'

/**
 * The hosted pages are ES modules served as they are: every module a page's entry imports, and
 * every module those import, must be a file the service serves, as JavaScript, under the URL the
 * browser resolves the import to. Every module is linked and imported with one version (the
 * release's): a module under two URLs would run twice, and a release's modules never mix with
 * another's; so linked, they are kept for good.
 */
describe('the hosted pages\' modules', () => {
  const t = useTestApp({ ...TEST_ENV })

  const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm

  async function graph (entry: string, release: string) {
    const seen = new Map<string, string>()
    const queue = [`${entry}?v=${release}`]
    while (queue.length > 0) {
      const url = queue.shift() as string
      if (seen.has(url)) continue
      const res = await t.app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toBe('text/javascript; charset=utf-8')
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable')
      seen.set(url, res.body)
      for (const m of res.body.matchAll(IMPORT)) {
        const specifier = m[1] ?? m[2]
        // Relative (no bare name, no other origin), with the release's version.
        expect(specifier, `${url} imports ${specifier}`).toMatch(new RegExp(`^\\.{1,2}/[\\w./-]+\\.js\\?v=${release}$`))
        const resolved = new URL(specifier, `http://page${url}`)
        queue.push(resolved.pathname + resolved.search)
      }
    }
    return new Map([...seen].map(([url, body]) => [url.split('?')[0], body]))
  }

  it.each([
    ['the applicant page', '/verification-request', '/assets/app.js'],
    ['the console', '/console', '/console/console.js']
  ])('%s: every import resolves to a served module, and the page uses the shared fetch wrapper', async (_name, pageUrl, entry) => {
    const html = (await t.app.inject({ url: pageUrl, headers: { accept: 'text/html' } })).body
    const release = new RegExp(`<script type="module" src="${entry.replace(/\./g, '\\.')}\\?v=([\\w-]{16})"></script>`).exec(html)?.[1]
    expect(release).toBeDefined()
    expect(html).toMatch(/<link rel="stylesheet" href="\/shared\/base\.css\?v=[\w-]+">/)
    const modules = await graph(entry, String(release))
    expect([...modules.keys()]).toContain('/shared/api.js')
    expect([...modules.keys()]).toContain('/shared/status.js')
    // One fetch wrapper: no page module calls fetch() itself.
    for (const [url, body] of modules) if (url !== '/shared/api.js') expect(body, url).not.toMatch(/\bfetch\(/)
  })
})
