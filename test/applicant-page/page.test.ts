import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { prefersHtml } from '../../src/modules/applicant-page/accept.js'
import { PAGE_CSP } from '../../src/modules/applicant-page/applicant-page.routes.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, type PartnerKey } from '../support/factories.js'

// What Chromium and Firefox send when they navigate to a link.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
const EXPECTED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

describe('prefersHtml', () => {
  it.each([
    [BROWSER_ACCEPT, true],
    ['text/html', true],
    ['text/html, application/json', true],
    ['text/html;q=0.9, application/json', false],
    ['application/json, text/html', false],
    ['application/json', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
    ['text/*', true],
    ['text/html;q=0', false],
    ['application/json;q=0, text/html;q=0.1', true],
    ['text/html, */*', true],
    ['garbage', false]
  ])('%s -> %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected)
  })
})

describe('the hosted applicant page', () => {
  const t = useTestApp({ ...TEST_ENV })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const page = async (url: string, accept = BROWSER_ACCEPT) => await t.app.inject({ url, headers: { accept } })

  function expectPage (res: Awaited<ReturnType<typeof page>>) {
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toMatch(/^<!doctype html>/)
    expect(res.body).toContain('<script type="module" src="/assets/app.js?v=')
  }

  it('sends the page with the strict CSP from its own constant', () => {
    expect(PAGE_CSP).toBe(EXPECTED_CSP)
  })

  it('answers a browser opening the manual link with the page, without exchanging the token', async () => {
    const session = await createSession(t.app, key.key)
    const link = new URL(session.verificationLink.manualVerificationLink)
    const before = await t.db.kysely.selectFrom('csrfTokens').select('tokenHash').execute()
    const res = await page(link.pathname + link.search)
    expectPage(res)
    expect(res.headers.vary).toBe('Accept')
    expect(res.body).not.toContain(session.verificationLink.token)
    expect(await t.db.kysely.selectFrom('csrfTokens').select('tokenHash').execute()).toEqual(before)
  })

  it('keeps answering API clients on the same URL with the JSON exchange', async () => {
    const session = await createSession(t.app, key.key)
    const link = new URL(session.verificationLink.manualVerificationLink)
    for (const accept of ['application/json', '*/*', 'application/json, text/html']) {
      const res = await page(link.pathname + link.search, accept)
      expect(res.statusCode, accept).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.headers.vary).toBe('Accept')
      expect(res.json()).toMatchObject({ success: true, data: { sessionId: session.id, csrfToken: expect.any(String) } })
    }
    const plain = await t.app.inject({ url: link.pathname + link.search })
    expect(plain.json()).toMatchObject({ success: true, data: { sessionId: session.id } })
  })

  it('still validates the query of API clients', async () => {
    expectError(await page('/partner/verification/verify?sessionId=abc', 'application/json'), 400, 'querystring is missing required field "token"')
    expectError(await page('/partner/verification/verify?token=x&sessionId=abc', 'application/json'), 400, 'querystring.sessionId must be an integer')
    expectError(await page('/partner/verification/verify?token=wrong&sessionId=1', 'application/json'), 401, 'Invalid verification token')
  })

  it.each([
    ['no query', '/partner/verification/verify'],
    ['a wrong token', '/partner/verification/verify?token=wrong&sessionId=1'],
    ['a malformed session id', '/partner/verification/verify?token=x&sessionId=abc'],
    ['an unknown field', '/partner/verification/verify?token=x&sessionId=1&extra=1'],
    ['the token only (after the page took it out of the address bar)', '/partner/verification/verify?sessionId=1']
  ])('gives a browser the page for %s too (the page shows the broken-link screen)', async (_name, url) => {
    expectPage(await page(url))
  })

  it('serves the page on the deep-link path', async () => {
    const session = await createSession(t.app, key.key)
    const link = new URL(session.verificationLink.deeplinkVerificationLink)
    expect(link.pathname).toBe('/verification-request')
    expectPage(await page(link.pathname + link.search))
    expectPage(await page('/verification-request', 'application/json'))
  })

  it('answers HEAD like GET, without a body', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: '/verification-request', headers: { accept: BROWSER_ACCEPT } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP)
    expect(res.body).toBe('')
  })

  describe('assets', () => {
    // Asked for without their version, the page's own modules and styles (and the shared ones) are
    // checked with the server each load (no-cache + ETag); logos and the vendored script keep an hour.
    it.each([
      ['/assets/app.js', 'text/javascript; charset=utf-8', 'public/app/app.js', 'no-cache'],
      ['/assets/steps.js', 'text/javascript; charset=utf-8', 'public/app/steps.js', 'no-cache'],
      ['/assets/styles.css', 'text/css; charset=utf-8', 'public/app/styles.css', 'no-cache'],
      ['/shared/api.js', 'text/javascript; charset=utf-8', 'public/shared/api.js', 'no-cache'],
      ['/shared/base.css', 'text/css; charset=utf-8', 'public/shared/base.css', 'no-cache'],
      ['/assets/vendor/qrcode.js', 'text/javascript; charset=utf-8', 'node_modules/qrcode-generator/qrcode.js', 'public, max-age=3600'],
      ['/assets/logos/paypal.svg', 'image/svg+xml', 'public/assets/logos/paypal.svg', 'public, max-age=3600']
    ])('serves %s as %s', async (url, type, file, cache) => {
      const res = await t.app.inject({ url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16}"$/)
      expect(res.headers['cache-control']).toBe(cache)
      const onDisk = readFileSync(new URL(`../../${file}`, import.meta.url))
      // Served as it is, but for the release's version on a module's relative imports.
      if (url.endsWith('.js') && !url.includes('/vendor/')) expect(res.body.replace(/(\.js)\?v=[\w-]{16}(['"])/g, '$1$2')).toBe(onDisk.toString('utf8'))
      else expect(res.rawPayload.equals(onDisk)).toBe(true)
    })

    it('lets browsers keep for good the versions the page links', async () => {
      const html = (await page('/verification-request')).body
      const urls = [...html.matchAll(/(?:src|href)="(\/(?:assets|shared)\/[^"]+\?v=[^"]+)"/g)].map((m) => m[1])
      expect(urls.map((u) => u.split('?')[0]).sort()).toEqual(['/assets/app.js', '/assets/styles.css', '/assets/vendor/qrcode.js', '/shared/base.css'])
      for (const url of urls) {
        const res = await t.app.inject({ url })
        expect(res.statusCode, url).toBe(200)
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      }
      const stale = await t.app.inject({ url: '/assets/app.js?v=older' })
      expect(stale.headers['cache-control']).toBe('no-cache')
      const logo = await t.app.inject({ url: '/assets/logos/paypal.svg?v=older' })
      expect(logo.headers['cache-control']).toBe('public, max-age=3600')
    })

    it('answers 304 to a request for the version the browser has', async () => {
      const first = await t.app.inject({ url: '/assets/logos/stripe.svg' })
      const again = await t.app.inject({ url: '/assets/logos/stripe.svg', headers: { 'if-none-match': String(first.headers.etag) } })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
      const changed = await t.app.inject({ url: '/assets/logos/stripe.svg', headers: { 'if-none-match': '"something-else"' } })
      expect(changed.statusCode).toBe(200)
    })

    it('forbids SVG logos, opened on their own, from running anything', async () => {
      const res = await t.app.inject({ url: '/assets/logos/paypal.svg' })
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox")
    })

    it.each([
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/%2E%2E%2Fpackage.json',
      '/assets/..%2fpackage.json',
      '/assets/..%5cpackage.json',
      '/assets/logos/../../../package.json',
      '/assets/logos/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/%252e%252e%252fpackage.json',
      '/assets//etc/passwd',
      '/assets/%2Fetc%2Fpasswd',
      '/assets/vendor/../../node_modules/qrcode-generator/package.json',
      '/assets/index.html',
      '/assets/app/app.js',
      '/assets/logos/paypal.svg%00.js',
      '/shared/../package.json',
      '/shared/%2e%2e/package.json',
      '/shared/..%2fapp%2fapp.js',
      '/shared/',
      '/shared/nope.js',
      '/assets/shared/api.js'
    ])('answers 404 to %s', async (url) => {
      const res = await t.app.inject({ url })
      expect(res.statusCode).toBe(404)
      expect(res.body).not.toContain('"name"')
      expect(Object.keys(res.json()).sort()).toEqual(['code', 'error', 'message', 'requestId', 'statusCode'])
    })

    it('answers an unknown asset with a 404 in the guide\'s error format', async () => {
      expectError(await t.app.inject({ url: '/assets/logos/nope.svg' }), 404, 'Asset not found')
      expectError(await t.app.inject({ url: '/assets/logos/' }), 404, 'Asset not found')
      expectError(await t.app.inject({ url: '/assets/' }), 404, 'Route GET /assets/ not found')
    })
  })
})
