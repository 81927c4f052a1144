import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { CONSOLE_CSP } from '../../src/modules/console/console.routes.js'
import { generateAttestor, signClaim, type Attestor } from '../../src/modules/proofs/proof-signer.js'
import type { App } from '../../src/types.js'
import { TEST_ENV } from '../api/helpers.js'
import { INCOME, PARAMETERS, PROVIDER_HASH, TEST_HOST } from '../reclaim/support.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { openTestDb } from '../support/harness.js'
import { freePort } from '../../src/lib/net.js'

/**
 * The reviewer console end to end, in Debian's headless Chromium, against the API as it is today
 * (no /partner/me yet: the console runs in its compatibility mode). A real server on a real port,
 * sessions created over the API and brought to REVIEWING with proofs signed by an attestor the
 * server trusts.
 */

interface CsvModule {
  neutralise: (value: unknown) => string
  csvCell: (value: unknown) => string
  sessionsCsv: (sessions: Array<Record<string, unknown>>) => string
}
// The browser's own module, imported as is: what the tests check is what the page runs.
const csv = await import(new URL('../../public/console/csv.js', import.meta.url).href) as CsvModule

describe('the console\'s CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csv.neutralise('=1+1')).toBe('\'=1+1')
    expect(csv.neutralise('+33 1 23')).toBe('\'+33 1 23')
    expect(csv.neutralise('-12.50')).toBe('\'-12.50')
    expect(csv.neutralise('@SUM(A1)')).toBe('\'@SUM(A1)')
    expect(csv.neutralise('\t=cmd')).toBe('\'\t=cmd')
    expect(csv.neutralise('\r=cmd')).toBe('\'\r=cmd')
    expect(csv.neutralise('Ada = Countess')).toBe('Ada = Countess')
    expect(csv.neutralise(-5)).toBe('-5')
    expect(csv.neutralise(null)).toBe('')
    expect(csv.neutralise(undefined)).toBe('')
    expect(csv.neutralise(false)).toBe('false')
  })

  it('quotes cells holding a quote, a comma or a line break, and doubles their quotes', () => {
    expect(csv.csvCell('plain')).toBe('plain')
    expect(csv.csvCell('a,b')).toBe('"a,b"')
    expect(csv.csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csv.csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csv.csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"')
  })

  it('writes one row per session with one column per fact', () => {
    const text = csv.sessionsCsv([
      { id: 1, status: 'COMPLETED', applicantFirstName: '=cmd', metadata: { a: 1 }, facts: [{ sourceName: 'PayPal', name: 'monthlyIncome', value: '5400.00' }] },
      { id: 2, status: 'REVIEWING', applicantFirstName: 'Bo', facts: [{ sourceName: 'Stripe', name: 'monthlyIncome', value: '-3' }, { sourceName: 'Stripe', name: 'monthlyIncome', value: '4' }] }
    ])
    const [header, first, second, end] = text.split('\r\n')
    expect(header.split(',').slice(-2)).toEqual(['PayPal: monthlyIncome', 'Stripe: monthlyIncome'])
    expect(first).toMatch(/^1,COMPLETED,,,'=cmd,/)
    expect(first).toContain('"{""a"":1}"')
    expect(first.endsWith(',5400.00,')).toBe(true)
    expect(second.endsWith(',,\'-3; 4')).toBe(true)
    expect(end).toBe('')
  })
})

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SCREENS = new URL('../../test-results/console/', import.meta.url)
const PAYPAL = 1
// What today's server answers the console's compatibility probes with (no /partner/me yet), and the
// refused keys these tests use on purpose: Chromium logs each as a console error.
const EXPECTED_LOADS = /Failed to load resource: the server responded with a status of (401|404)/

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the reviewer console in Chromium', () => {
  let app: App
  let drop: () => Promise<void>
  let base: string
  let team: PartnerKey
  let attestor: Attestor
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    attestor = generateAttestor()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ ...TEST_ENV, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: base, RECLAIM_ATTESTORS: attestor.address, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
    const opened = await openTestDb()
    drop = opened.drop
    app = await buildApp({ config, db: opened.db })
    // The proofs these tests sign go to TEST_HOST with INCOME's parameters: PayPal accepts them.
    await opened.db.kysely.updateTable('sources')
      .set({ proofHosts: JSON.stringify([TEST_HOST]), proofParameters: JSON.stringify(Object.keys(INCOME).sort()), providerHashes: '[]' })
      .where('id', '=', PAYPAL).execute()
    await app.listen({ port, host: '127.0.0.1' })
    team = await createKey(app, 'acme')
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await drop?.()
  })

  async function api (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    return { status: res.status, body: await res.json() as any }
  }

  async function createSession (params: Record<string, unknown>, key = team.key) {
    const res = await api('POST', '/partner/session', { params: { expiryDate: new Date(Date.now() + 3600_000).toISOString(), ...params } }, { 'x-api-key': key })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.data as { id: number, verificationLink: { token: string } }
  }

  /** A session the applicant took to REVIEWING: PayPal chosen, a proof of income posted to its callback. */
  async function reviewingSession (params: Record<string, unknown>) {
    const session = await createSession({ allowedSources: [{ id: PAYPAL }], ...params })
    const csrf = (await api('POST', '/partner/verification/verify', { token: session.verificationLink.token, sessionId: session.id })).body.data.csrfToken as string
    const h = { 'x-csrf-token': csrf }
    expect((await api('POST', '/partner/step/select-data-source', { dataSourceIds: [PAYPAL], sessionId: session.id }, h)).status).toBe(200)
    const stepId = (await api('GET', `/partner/steps/session/${session.id}`, undefined, h)).body.data.steps[0].id as number
    const init = await api('POST', '/partner/step/initiate', { stepId }, h)
    expect(init.status).toBe(200)
    const data = init.body.data
    const proof = signClaim({
      parameters: PARAMETERS,
      timestampS: Math.floor(Date.now() / 1000),
      context: { ...JSON.parse(data.formData.context), extractedParameters: INCOME, providerHash: PROVIDER_HASH, reclaimSessionId: data.formData.sessionId }
    }, [attestor.privateKey])
    const posted = await fetch(data.formData.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(proof) })
    expect(posted.status).toBe(200)
    expect((await reviewed(session.id)).status).toBe('REVIEWING')
    return session
  }

  const reviewed = async (id: number) => (await api('GET', `/partner/reviewer/sessions/${id}`, undefined, { 'x-api-key': team.key })).body.data

  /** Script errors, CSP violations (console errors), requests elsewhere, and the key anywhere in a URL. */
  function watch (context: BrowserContext, page: Page, keys: string[]) {
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => { if (msg.type() === 'error' && !EXPECTED_LOADS.test(msg.text())) problems.push(`console: ${msg.text()}`) })
    context.on('request', (req) => {
      const url = new URL(req.url())
      if (url.origin !== base && url.protocol !== 'blob:') problems.push(`external request: ${req.url()}`)
      if (keys.some((k) => req.url().includes(k))) problems.push(`key in a URL: ${req.url()}`)
    })
    return problems
  }

  async function open (options: { width?: number, height?: number, colorScheme?: 'light' | 'dark', keys?: string[] } = {}) {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    return { context, page, problems: watch(context, page, options.keys ?? [team.key]) }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  // Evaluated in the page (as text: this project's TypeScript has no DOM library).
  const inPage = async <T>(page: Page, expression: string): Promise<T> => await page.evaluate(expression) as T
  const focused = async (page: Page) => await inPage<string>(page, 'document.activeElement ? (document.activeElement.id || document.activeElement.getAttribute("aria-label") || document.activeElement.textContent.trim()) : ""')
  const stored = async (page: Page) => await inPage<number>(page, 'sessionStorage.length')
  const scrollWidth = async (page: Page) => await inPage<number>(page, 'document.documentElement.scrollWidth')

  async function signIn (page: Page, key = team.key) {
    await page.goto(`${base}/console`)
    await heading(page, 'Sign in').waitFor()
    await page.getByLabel('API key').fill(key)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('serves the page and its files with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${base}/console`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP)
    expect(CONSOLE_CSP).toContain("default-src 'self'")
    expect(CONSOLE_CSP).toContain("script-src 'self'")
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|\son[a-z]+=|style=/) // no inline script, handler or style
    const script = /src="(\/console\/console\.js\?v=[\w-]+)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const js = await fetch(base + String(script))
    expect(js.status).toBe(200)
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${base}/console/csv.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetch(`${base}/console/nope.js`)).status).toBe(404)
    expect((await fetch(`${base}/console/..%2Fapp%2Fapp.js`)).status).toBe(404)
  })

  it('signs in with a team key, finds a session by name, reads its facts and approves it by keyboard alone', async () => {
    const ada = await reviewingSession({ applicantFirstName: 'Ada', applicantLastName: 'Lovelace', applicantEmail: 'ada@example.com', applicantId: 'app-ada', instructions: 'Verify your freelance income.', metadata: { loanId: 'L-1' } })
    await reviewingSession({ applicantFirstName: 'Grace', applicantLastName: 'Hopper' })
    await createSession({ applicantFirstName: 'Alan', applicantLastName: 'Turing' })
    const { context, page, problems } = await open()

    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(expect.arrayContaining(['Ada Lovelace', 'Grace Hopper']))
    expect(await page.locator('.session-name').allTextContents()).not.toContain('Alan Turing') // Reviewing is the first tab
    expect(await page.locator('#whoami').textContent()).toContain('Team key')
    expect(await inPage(page, '[sessionStorage.length, localStorage.length, document.cookie]')).toEqual([1, 0, ''])
    await shot(page, 'desktop-1-queue')

    await page.getByLabel('Search').fill('lovel')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Ada Lovelace'])
    expect(new URL(page.url()).search).toBe('?q=lovel')
    await shot(page, 'desktop-2-search')

    await page.getByRole('link', { name: /Ada Lovelace/ }).click()
    await heading(page, `Ada Lovelace · #${ada.id}`).waitFor()
    expect(new URL(page.url()).searchParams.get('session')).toBe(String(ada.id))
    const fact = page.locator('.fact', { has: page.getByRole('heading', { name: 'monthlyIncome' }) })
    expect(await fact.locator('.fact-value').textContent()).toBe('5400.00')
    expect(await fact.locator('dd').first().textContent()).toBe('PayPal')
    const detail = await reviewed(ada.id)
    expect(await fact.getByText(detail.facts[0].proofIdentifier).count()).toBe(1)
    expect(await page.locator('#instructions').textContent()).toBe('Verify your freelance income.')
    expect(await page.locator('#metadata').textContent()).toContain('"loanId": "L-1"')
    expect(await page.locator('#steps').textContent()).toMatch(/PayPal\s*Verified\s*\d of 3 attempts used/)
    expect(await page.locator('#audit li').count()).toBeGreaterThan(2)
    await shot(page, 'desktop-3-session')

    // Keyboard only, from the session's heading: Tab to Approve, Enter, a note, Tab to the dialog's Approve, Enter.
    expect(await focused(page)).toBe('session-title')
    for (let i = 0; i < 10 && await focused(page) !== 'action-approve'; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('action-approve')
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Approve this session?' })
    await dialog.waitFor()
    expect(await focused(page)).toBe('confirm-note')
    await page.keyboard.type('Income matches the application.')
    await shot(page, 'desktop-4-approve-dialog')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('confirm-cancel')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('confirm-ok')
    await page.keyboard.press('Enter')
    await page.locator('#session-result', { hasText: 'Approved: the session is now Completed.' }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.locator('#session-status .badge').first().textContent()).toBe('Completed')
    expect(await page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(false)
    expect(await reviewed(ada.id)).toMatchObject({ status: 'COMPLETED', decisionNote: 'Income matches the application.' })
    await shot(page, 'desktop-5-approved')

    // The address holds the view, so a reload shows the same session, still signed in; Back returns to the search.
    await page.reload()
    await heading(page, `Ada Lovelace · #${ada.id}`).waitFor()
    await expect.poll(async () => await page.locator('#session-status .badge').first().textContent()).toBe('Completed')
    await page.goBack()
    await heading(page, 'Sessions').waitFor()
    expect(await page.getByLabel('Search').inputValue()).toBe('lovel')
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual([]) // Ada left the Reviewing tab

    await page.getByRole('button', { name: 'Sign out' }).click()
    await heading(page, 'Sign in').waitFor()
    expect(await stored(page)).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('rejects a session with a note', async () => {
    const bob = await reviewingSession({ applicantFirstName: 'Bob', applicantLastName: 'Reject' })
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${bob.id}`)
    await heading(page, `Bob Reject · #${bob.id}`).waitFor()
    await page.getByRole('button', { name: 'Reject' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reject this session?' })
    await dialog.getByLabel('Reason for rejecting').fill('The income is below what we require.')
    await shot(page, 'desktop-6-reject-dialog')
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await page.locator('#session-result', { hasText: 'Rejected: the session is now Rejected.' }).waitFor()
    expect(await page.locator('#session-status .badge').first().textContent()).toBe('Rejected')
    await expect.poll(async () => await page.locator('#applicant').textContent()).toContain('The income is below what we require.')
    expect(await reviewed(bob.id)).toMatchObject({ status: 'REJECTED', decisionNote: 'The income is below what we require.' })
    expect(problems).toEqual([])
    await context.close()
  }, 30_000)

  it('says plainly when a key is wrong, and when a key is revoked while signed in', async () => {
    const doomed = await createKey(app, 'acme')
    const { context, page, problems } = await open({ keys: [team.key, doomed.key] })
    await signIn(page, 'pk_not-a-real-key')
    await page.getByText('This API key was not accepted: it is wrong, or it has been revoked.').waitFor()
    expect(await stored(page)).toBe(0)
    await shot(page, 'desktop-7-wrong-key')

    await page.getByLabel('API key').fill(doomed.key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await heading(page, 'Sessions').waitFor()
    expect(await app.ctx.keys.revoke(doomed.id)).toBe(true)
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.getByText('Your API key is no longer accepted (it may have been revoked).').waitFor()
    await heading(page, 'Sign in').waitFor()
    expect(await stored(page)).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  }, 30_000)

  it('fits a 375 px phone without sideways scrolling, in the dark scheme too', async () => {
    const long = await reviewingSession({
      applicantFirstName: 'Maximiliana-Wilhelmina',
      applicantLastName: 'Von-Habsburg-Lothringen-Sachsen-Coburg',
      applicantEmail: 'a.very.long.address.without.breaks@an-extremely-long-domain-name.example.com',
      metadata: { reference: 'x'.repeat(120) }
    })
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, problems } = await open({ width: 375, height: 800, colorScheme })
      await signIn(page)
      await heading(page, 'Sessions').waitFor()
      await page.locator('.session-link').first().waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await shot(page, `phone-1-queue-${colorScheme}`)
      await page.getByRole('link', { name: /Maximiliana-Wilhelmina/ }).click()
      await heading(page, /Maximiliana-Wilhelmina/).waitFor()
      await page.locator('.fact').first().waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await shot(page, `phone-2-session-${colorScheme}`)
      await page.getByRole('button', { name: 'Approve' }).click()
      await page.getByRole('dialog').waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await shot(page, `phone-3-dialog-${colorScheme}`)
      await page.keyboard.press('Escape')
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      expect(problems).toEqual([])
      await context.close()
    }
    expect((await reviewed(long.id)).status).toBe('REVIEWING') // Escape decided nothing
  }, 60_000)

  it('names every control for screen readers', async () => {
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.locator('.session-link').first().waitFor()
    // Visible controls with neither a <label for>, an aria-label(ledby) nor text of their own.
    const unnamed = await inPage<string[]>(page, `Array.from(document.querySelectorAll('a, button, input, select, textarea'))
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !((el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80))`)
    expect(unnamed).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('exports the current list as CSV with formulas neutralised', async () => {
    await reviewingSession({ applicantFirstName: '=HYPERLINK("http://evil.example","click")', applicantLastName: 'Formula' })
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.locator('.session-link').first().waitFor()
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^sessions-reviewing-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync(String(await download.path()), 'utf8')
    expect(text.startsWith('\uFEFFid,status,')).toBe(true)
    expect(text).toContain(',"\'=HYPERLINK(""http://evil.example"",""click"")",Formula,')
    const rows = text.trim().split('\r\n')
    const listed = (await api('GET', '/partner/reviewer/sessions?status=REVIEWING&limit=100', undefined, { 'x-api-key': team.key })).body.total as number
    expect(rows.length).toBe(listed + 1)
    expect(rows.slice(1).every((r) => /^\d+,REVIEWING,/.test(r))).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the team\'s webhook endpoints and their recent deliveries', async () => {
    // The partner's receiver, on this machine: nothing leaves it.
    const receiver: Server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks') })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/partner`
    const created = await api('POST', '/partner/webhooks', { url: hook, events: ['session.*'] }, { 'x-api-key': team.key })
    expect(created.status).toBe(201)
    await createSession({ applicantFirstName: 'Webhook' })
    expect((await app.ctx.webhooks.dispatchDue()).delivered).toBe(1) // the background job's work, done by hand
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await heading(page, 'Webhooks').waitFor()
    await page.getByText(hook).waitFor()
    await page.getByRole('link', { name: `Recent deliveries to ${hook}` }).click()
    await page.locator('#delivery-list li').first().waitFor()
    const delivery = await page.locator('#delivery-list li').first().textContent()
    expect(delivery).toContain('session.created')
    expect(delivery).toContain('Delivered')
    expect(delivery).toContain('HTTP 200')
    expect(new URL(page.url()).search).toBe(`?view=webhooks&webhook=${created.body.data.id}`)
    await shot(page, 'desktop-8-webhooks')
    expect(problems).toEqual([])
    await context.close()
    await new Promise((resolve) => receiver.close(resolve))
  })
})
