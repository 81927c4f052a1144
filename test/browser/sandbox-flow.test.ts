import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import type { App } from '../../src/types.js'
import { CHROMIUM, callApi, useBrowserApp } from './support.js'

/**
 * The sandbox through the hosted applicant page, in Debian's headless Chromium at 375 px: a real
 * server on a free port, a test key, a session made over the API, and the applicant's clicks from
 * the link to COMPLETED, without Reclaim. A live session keeps the Reclaim flow.
 */

const SCREENS = new URL('../../test-results/sandbox/', import.meta.url)
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'
const PAYPAL = 1
const STRIPE = 2
const SHARE_PAYPAL = 'You will share: monthly income, currency, and account holder name.'
const BANNER = 'Test mode — no real data is verified'

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the sandbox on the hosted applicant page in Chromium', () => {
  const suite = useBrowserApp({ env: { RECLAIM_ATTESTORS: generateAttestor().address, SANDBOX_ATTESTOR_KEY: generateAttestor().privateKey } })
  let app: App
  let base: string
  let testKey: string
  let liveKey: string
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, base, browser } = suite)
    testKey = (await app.ctx.keys.create({ team: 'acme', test: true })).key
    liveKey = (await app.ctx.keys.create({ team: 'acme' })).key
    expect(testKey).toMatch(/^pa_test_/)
  })

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => await callApi(base, method, path, body, headers)

  async function createSession (key: string, params: Record<string, unknown>) {
    const res = await api('POST', '/partner/session', { params: { expiryDate: new Date(Date.now() + 3600_000).toISOString(), ...params } }, { 'x-api-key': key })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.data as { id: number, livemode: boolean, verificationLink: { manualVerificationLink: string } }
  }

  /**
   * What must never happen: script errors, console errors (Chromium logs CSP violations there; an
   * init script reports them too), requests to other origins. Chromium also logs every 4xx answer
   * to fetch as a console error: those are kept apart, by status and URL, for the test to judge.
   */
  async function newPhone () {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PHONE_UA })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await page.addInitScript({ content: 'document.addEventListener("securitypolicyviolation", (e) => { console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI) })' })
    const problems: string[] = []
    const refused: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return
      problems.push(`console: ${msg.text()}`)
    })
    page.on('response', (res) => { if (res.status() >= 400) refused.push(`${res.request().method()} ${new URL(res.url()).pathname} ${res.status()}`) })
    context.on('request', (req) => { if (new URL(req.url()).origin !== base) problems.push(`external request: ${req.url()}`) })
    return { context, page, problems, refused }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const card = (page: Page, source: string) => page.locator('li.step', { has: page.getByRole('heading', { name: source }) })
  const badgeOf = async (page: Page, source: string) => await card(page, source).locator('.badge').textContent()
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  const fitsWidth = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')
  const stepsOf = async (sessionId: number) => (await api('GET', `/partner/session/${sessionId}`, undefined, { 'x-api-key': testKey })).body.data

  async function chooseSources (page: Page, names: string[]) {
    await page.getByRole('button', { name: 'I agree and continue' }).click()
    await heading(page, 'Choose your sources').waitFor()
    for (const name of names) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check()
    await page.getByRole('button', { name: `Continue with ${names.length} ${names.length === 1 ? 'source' : 'sources'}` }).click()
    await heading(page, 'Verify each source').waitFor()
  }

  it('takes a test session from the link to COMPLETED through simulated proofs, a failure first', async () => {
    const session = await createSession(testKey, { applicantFirstName: 'Ada', allowedSources: [{ id: PAYPAL }, { id: STRIPE }] })
    expect(session.livemode).toBe(false)
    const { context, page, problems, refused } = await newPhone()
    const simulated: Array<{ outcome: string, status: number }> = []
    page.on('response', async (res) => {
      if (res.url() === `${base}/partner/sandbox/step/simulate`) simulated.push({ outcome: JSON.parse(res.request().postData() ?? '{}').outcome, status: res.status() })
    })

    await page.goto(session.verificationLink.manualVerificationLink)
    await heading(page, 'Hi Ada').waitFor()
    const banner = page.getByRole('note')
    expect(await banner.isVisible()).toBe(true)
    expect(await banner.innerText()).toContain(BANNER)
    expect(await page.title()).toBe('Verify your income (test mode)')
    await shot(page, 'sandbox-1-welcome')

    await chooseSources(page, ['PayPal'])
    const paypal = card(page, 'PayPal')
    expect(await badgeOf(page, 'PayPal')).toBe('Not started')
    // Before the step starts: what will be shared, in words, and where the applicant signs in.
    expect(await paypal.locator('.step-share p').allInnerTexts()).toEqual([SHARE_PAYPAL, 'You will sign in at www.paypal.com'])
    const success = page.getByRole('button', { name: 'Simulate a successful verification of PayPal' })
    const failure = page.getByRole('button', { name: 'Simulate a failure of PayPal' })
    expect(await success.isVisible()).toBe(true)
    expect(await failure.isVisible()).toBe(true)
    // The buttons are described by the share text, for screen readers.
    expect(await success.getAttribute('aria-describedby')).toBe(await paypal.locator('.step-share').getAttribute('id'))
    expect(await paypal.getByRole('button', { name: /^Start/ }).count()).toBe(0)
    expect(await banner.isVisible()).toBe(true)
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, 'sandbox-2-steps')

    await failure.click()
    await expect.poll(async () => await badgeOf(page, 'PayPal')).toBe('Failed')
    const note = paypal.locator('.step-note')
    await expect.poll(async () => await note.textContent()).toBe('Simulated failure: the sandbox was asked for a failed verification. 2 attempts left.')
    await expect.poll(async () => await page.locator('#announcer').textContent()).toBe('PayPal: Failed. Simulated failure: the sandbox was asked for a failed verification. 2 attempts left.')
    // A failure is the step's, not a page error: no alert, and both outcomes are offered again.
    expect(await page.locator('#steps-error').isHidden()).toBe(true)
    expect(await success.isEnabled()).toBe(true)
    expect(await failure.isEnabled()).toBe(true)
    expect(await paypal.locator('.step-share').isVisible()).toBe(true)
    expect((await stepsOf(session.id)).steps[0]).toMatchObject({ status: 'FAILED', attempts: 1 })
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, 'sandbox-3-failed')

    await success.click()
    await heading(page, 'Under review').waitFor({ timeout: 15_000 })
    expect(await page.title()).toBe('Under review (test mode)')
    // attempts counts the failed ones
    expect(await stepsOf(session.id)).toMatchObject({ status: 'REVIEWING', livemode: false, steps: [{ status: 'VERIFIED', attempts: 1 }] })
    expect(simulated).toEqual([{ outcome: 'failure', status: 422 }, { outcome: 'success', status: 200 }])
    await shot(page, 'sandbox-4-under-review')

    const decided = await api('POST', `/partner/reviewer/sessions/${session.id}/decision`, { decision: 'APPROVE' }, { 'x-api-key': testKey })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)
    await page.reload()
    await heading(page, 'Verification complete').waitFor()
    expect(await banner.isVisible()).toBe(true)
    expect((await stepsOf(session.id)).status).toBe('COMPLETED')
    await shot(page, 'sandbox-5-completed')

    expect(problems).toEqual([])
    // The one refused request is the simulated failure, which the page shows as the step's failure.
    expect(refused).toEqual(['POST /partner/sandbox/step/simulate 422'])
    await context.close()
  }, 90_000)

  it('spends the last attempt on a simulated failure: the session fails and the page says so', async () => {
    const session = await createSession(testKey, { allowedSources: [{ id: STRIPE }] })
    const { context, page, problems } = await newPhone()
    await page.goto(session.verificationLink.manualVerificationLink)
    await chooseSources(page, ['Stripe'])
    const failure = page.getByRole('button', { name: 'Simulate a failure of Stripe' })
    for (const left of [2, 1]) {
      await failure.click()
      await expect.poll(async () => await card(page, 'Stripe').locator('.step-note').textContent()).toContain(`${left} ${left === 1 ? 'attempt' : 'attempts'} left.`)
    }
    await failure.click()
    await heading(page, 'Verification could not be completed').waitFor({ timeout: 15_000 })
    expect((await stepsOf(session.id)).status).toBe('FAILED')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('keeps the Reclaim flow on a live session: no banner, no simulation, and what will be shared', async () => {
    const session = await createSession(liveKey, { allowedSources: [{ id: PAYPAL }] })
    expect(session.livemode).toBe(true)
    const { context, page, problems } = await newPhone()
    await page.goto(session.verificationLink.manualVerificationLink)
    await heading(page, 'Welcome').waitFor()
    expect(await page.locator('#test-banner').isHidden()).toBe(true)
    expect(await page.title()).toBe('Verify your income')
    await chooseSources(page, ['PayPal'])
    const paypal = card(page, 'PayPal')
    expect(await paypal.locator('.step-share p').allInnerTexts()).toEqual([SHARE_PAYPAL, 'You will sign in at www.paypal.com'])
    expect(await page.getByRole('button', { name: 'Start: verify PayPal' }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: /Simulate/ }).count()).toBe(0)
    await shot(page, 'sandbox-6-live-steps')
    expect(problems).toEqual([])
    await context.close()
  }, 30_000)
})
