import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { App } from '../../src/types.js'
import { useBrowserApp } from './support.js'

/** /docs (Swagger UI) as a partner's developer opens it on a phone: it fits, renders, and logs no error. */

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'

describe('/docs in Chromium', () => {
  const suite = useBrowserApp()
  let app: App
  let base: string
  let browser: Browser

  beforeAll(() => {
    ;({ app, base, browser } = suite)
  })

  it.each([
    ['a phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, userAgent: PHONE_UA }],
    ['a desktop', { viewport: { width: 1280, height: 800 } }]
  ])('on %s: renders every operation, fits the screen, and logs no console error or CSP violation', async (_name, device) => {
    const context = await browser.newContext(device)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`) })
    page.on('pageerror', (err) => { problems.push(`page error: ${err.message}`) })
    page.on('requestfailed', (req) => { problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`) })
    page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`) })
    // CSP violations are also reported as console errors; this catches them even when they are not.
    await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")

    const res = await page.goto(`${base}/docs`)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/)
    await page.locator('.swagger-ui .info .title', { hasText: 'Partner API' }).waitFor({ timeout: 60_000 })
    await page.locator('.opblock').first().waitFor()

    const operations = Object.values((await app.inject({ url: '/openapi.json' })).json().paths as Record<string, object>)
      .reduce((n: number, p) => n + Object.keys(p).length, 0)
    expect(await page.locator('.opblock').count()).toBe(operations)
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toBe('width=device-width, initial-scale=1')
    const [scrollWidth, innerWidth] = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]') as [number, number]
    expect(innerWidth).toBe(device.viewport.width) // the page is laid out at the device's width, not a zoomed-out 980 px
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth)

    // Open one operation: its detail renders too (the try-it-out panel uses the same scripts and styles).
    await page.locator('.opblock-summary').first().click()
    await page.locator('.opblock-body').first().waitFor()
    await page.waitForTimeout(300)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('serves the page with a viewport and a CSP that allows its inline styles and no inline script', async () => {
    const res = await app.inject({ url: '/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toMatch(/(^|; )style-src 'self' https: .*'unsafe-inline'(;|$)/)
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).not.toContain('upgrade-insecure-requests')
    // Only the documentation's page is rewritten: JSON answers are untouched.
    expect((await app.inject({ url: '/openapi.json' })).json().openapi).toBe('3.0.3')
  })
})
