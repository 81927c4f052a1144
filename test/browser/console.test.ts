import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { csvCell as auditCsvCell } from '../../src/modules/audit/audit.service.js'
import { CONSOLE_CSP } from '../../src/modules/console/console.routes.js'
import { generateAttestor, signClaim, type Attestor } from '../../src/modules/proofs/proof-signer.js'
import type { App } from '../../src/types.js'
import { INCOME, PARAMETERS, PROVIDER_HASH, TEST_HOST } from '../reclaim/support.js'
import { createKey, createSession as injectSession, sessionIn, type PartnerKey } from '../support/factories.js'
import { Receiver } from '../webhooks/receiver.js'
import type { Db } from '../../src/db/database.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

/**
 * The reviewer console end to end, in Debian's headless Chromium, against the API as it is today
 * (with /partner/me, counts, search, cursors, facts in the list, link, cancel, redact). A real server
 * on a real port, sessions created over the API and brought to REVIEWING with proofs signed by an
 * attestor the server trusts (live keys, PayPal pinned) or through the sandbox (test keys), and by
 * the factories where only a status matters.
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

  it('writes an OPRF-hashed fact as a hash, never as the clear value (issue 23, rule 5.9)', () => {
    const text = csv.sessionsCsv([
      { id: 1, status: 'REVIEWING', facts: [{ sourceName: 'PayPal', name: 'currency', value: 'b3ByZi1oYXNo', hashed: true }, { sourceName: 'PayPal', name: 'monthlyIncome', value: '5400.00', hashed: false }] }
    ])
    const [header, first] = text.split('\r\n')
    expect(header.split(',').slice(-2)).toEqual(['PayPal: currency', 'PayPal: monthlyIncome'])
    expect(first.endsWith(',OPRF hash b3ByZi1oYXNo,5400.00')).toBe(true)
  })

  it('neutralises an applicant name that starts with a full-width = + - or @ (East Asian spreadsheets run them)', () => {
    const names = ['\uff1d1+1', '\uff0bcmd', '\uff0d2+3', '\uff20SUM(A1)', '\u3000\uff1dSUM(A1)']
    const text = csv.sessionsCsv(names.map((name, i) => ({ id: i + 1, status: 'REVIEWING', applicantFirstName: name })))
    const rows = text.split('\r\n').slice(1, -1)
    expect(rows.map((row) => row.split(',')[4])).toEqual(names.map((name) => `'${name}`))
    expect(csv.neutralise('Ada \uff1d Countess')).toBe('Ada \uff1d Countess')
  })

  it('neutralises the same starts as the audit log\'s CSV', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '\n=', ' =', '\u00a0+', '\u3000-', '\uff1d', '\uff0b', '\uff0d', '\uff20']) {
      expect(csv.neutralise(`${start}1`), JSON.stringify(start)).toBe(`'${start}1`)
      expect(auditCsvCell(`${start}1`), JSON.stringify(start)).toBe(`"'${start}1"`)
    }
  })
})

const SCREENS = new URL('../../test-results/console/', import.meta.url)
const PAYPAL = 1
// The refused keys these tests use on purpose: Chromium logs each as a console error. Any other
// failed load (a 404 of a route the console assumed, a 400 of a parameter it got wrong) is a problem.
const EXPECTED_LOADS = /Failed to load resource: the server responded with a status of 401/

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the reviewer console in Chromium', () => {
  const attestor: Attestor = generateAttestor()
  const suite = useBrowserApp({
    env: { RECLAIM_ATTESTORS: attestor.address, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
    // PayPal accepts proofs of the test host, and pins the provider these tests sign with (the sandbox's is not pinned).
    prepare: async (_app, db) => {
      await db.kysely.updateTable('sources')
        .set({ proofHosts: JSON.stringify([TEST_HOST]), proofParameters: JSON.stringify(Object.keys(INCOME).sort()), providerHashes: JSON.stringify([PROVIDER_HASH]), proofPaths: '[]', proofExtraction: '{}' })
        .where('id', '=', PAYPAL).execute()
    }
  })
  let app: App
  let db: Db
  let base: string
  let team: PartnerKey
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, db, base, browser } = suite)
    team = await createKey(app, 'acme')
  })

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => await callApi(base, method, path, body, headers)

  async function createSession (params: Record<string, unknown>, key = team.key) {
    const res = await api('POST', '/partner/session', { params: { expiryDate: new Date(Date.now() + 3600_000).toISOString(), ...params } }, { 'x-api-key': key })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.data as { id: number, verificationLink: { token: string } }
  }

  /** A session whose applicant chose PayPal and initiated its step, over the API. */
  async function initiatedSession (params: Record<string, unknown>, key: string) {
    const session = await createSession({ allowedSources: [{ id: PAYPAL }], ...params }, key)
    const csrf = (await api('POST', '/partner/verification/verify', { token: session.verificationLink.token, sessionId: session.id })).body.data.csrfToken as string
    const h = { 'x-csrf-token': csrf }
    expect((await api('POST', '/partner/step/select-data-source', { dataSourceIds: [PAYPAL], sessionId: session.id }, h)).status).toBe(200)
    const stepId = (await api('GET', `/partner/steps/session/${session.id}`, undefined, h)).body.data.steps[0].id as number
    const init = await api('POST', '/partner/step/initiate', { stepId }, h)
    expect(init.status).toBe(200)
    return { session, stepId, h, data: init.body.data }
  }

  /** A session the applicant took to REVIEWING: PayPal chosen, a proof of income posted to its callback. */
  async function reviewingSession (params: Record<string, unknown>, extracted: Record<string, string> = INCOME) {
    const { session, data } = await initiatedSession(params, team.key)
    const proof = signClaim({
      parameters: PARAMETERS,
      timestampS: Math.floor(Date.now() / 1000),
      context: { ...JSON.parse(data.formData.context), extractedParameters: extracted, providerHash: PROVIDER_HASH, reclaimSessionId: data.formData.sessionId }
    }, [attestor.privateKey])
    const posted = await fetch(data.formData.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(proof) })
    expect(posted.status).toBe(200)
    expect((await reviewed(session.id)).status).toBe('REVIEWING')
    return session
  }

  /** A test session taken to REVIEWING through the sandbox: its proof is signed by the instance's sandbox attestor. */
  async function sandboxReviewing (key: string, params: Record<string, unknown>) {
    const { session, stepId, h } = await initiatedSession(params, key)
    const simulated = await api('POST', '/partner/sandbox/step/simulate', { stepId, outcome: 'success' }, h)
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200)
    expect((await reviewed(session.id, key)).status).toBe('REVIEWING')
    return session
  }

  const reviewed = async (id: number, key = team.key) => (await api('GET', `/partner/reviewer/sessions/${id}`, undefined, { 'x-api-key': key })).body.data

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

  const signIn = async (page: Page, key = team.key) => { await signInWithKey(page, base, key) }

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
    expect(await page.locator('#whoami').textContent()).toBe('acme · Team key · Live') // from GET /partner/me
    expect(await page.locator('#test-banner').isVisible()).toBe(false)
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
    // One card per proof: the source, its facts with readable labels and formatted amounts, the proof summarised once.
    const fact = page.locator('.fact', { has: page.getByRole('heading', { name: 'PayPal' }) })
    expect(await fact.locator('.fact-values dt').allTextContents()).toContain('Monthly income')
    expect(await fact.locator('.fact-value[title^="monthlyIncome:"]').textContent()).toBe('$5,400.00')
    const detail = await reviewed(ada.id)
    const income = detail.facts.find((f: { name: string }) => f.name === 'monthlyIncome')
    expect(income).toMatchObject({ host: TEST_HOST, pinned: true, attestor: attestor.address.toLowerCase() })
    const proof = fact.locator('.proof-summary dd')
    expect(await fact.locator('.proof-summary').count()).toBe(1)
    expect(await proof.nth(2).getAttribute('title')).toBe(income.proofIdentifier)
    expect(await proof.nth(0).textContent()).toBe(TEST_HOST)
    expect(await proof.nth(1).textContent()).toBe('Pinned: the provider is one the source pins')
    expect(await proof.nth(3).textContent()).toBe(income.attestor)
    // Issue 23: how its request path and each fact's extraction were bound (this test source lists neither).
    expect(await proof.nth(5).textContent()).toBe('Any path of the host')
    expect(await proof.nth(6).textContent()).toBe('Currency: not bound by the source; Monthly income: not bound by the source')
    // Issue 23, item 4: the proof's TEE nonce status (none here: not a TEE proof).
    expect(income.teeNonce).toBe('absent')
    expect(await proof.nth(7).textContent()).toBe('None: not a TEE proof')
    expect(await page.locator('#instructions').textContent()).toBe('Verify your freelance income.')
    expect(await page.locator('#metadata').textContent()).toContain('"loanId": "L-1"')
    expect(await page.locator('#steps').textContent()).toMatch(/PayPal\s*Verified\s*\d of 3 attempts used/)
    expect(await page.locator('#audit li').count()).toBeGreaterThan(2)
    await shot(page, 'desktop-3-session')

    // Keyboard only, from the session's heading: Tab to Approve, Enter, Space on the first reason
    // (issue 21: the dialog lists the team's approve reasons, optional), Tab past the second to the
    // note, a note, Tab to the dialog's Approve, Enter.
    expect(await focused(page)).toBe('session-title')
    for (let i = 0; i < 10 && await focused(page) !== 'action-approve'; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('action-approve')
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Approve this session?' })
    await dialog.waitFor()
    expect(await focused(page)).toBe('decision-reason-0')
    expect(await dialog.locator('#decision-reasons label').allTextContents()).toEqual(['Income verified', 'Identity and accounts match the applicant'])
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('decision-note')
    await page.keyboard.type('Income matches the application.')
    await shot(page, 'desktop-4-approve-dialog')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('decision-cancel')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('decision-ok')
    await page.keyboard.press('Enter')
    await page.locator('#session-result', { hasText: 'Approved: the session is now Completed.' }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.locator('#session-status').textContent()).toBe('Completed')
    expect(await page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(false)
    expect(await reviewed(ada.id)).toMatchObject({ status: 'COMPLETED', decisionNote: 'Income matches the application.', decisionReasons: [{ code: 'income_verified', label: 'Income verified' }] })
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

  it('rejects a session with its reasons and a note; without a reason the dialog asks for one', async () => {
    const bob = await reviewingSession({ applicantFirstName: 'Bob', applicantLastName: 'Reject' })
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${bob.id}`)
    await heading(page, `Bob Reject · #${bob.id}`).waitFor()
    await page.getByRole('button', { name: 'Reject' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reject this session?' })
    await dialog.getByLabel('Note (optional, kept with the decision)').fill('The income is below what we require.')
    // Issue 21: a rejection names its reasons; none chosen, the dialog says so and sends nothing.
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'Choose at least one reason.' }).waitFor()
    expect(await focused(page)).toBe('decision-reason-0')
    expect((await reviewed(bob.id)).status).toBe('REVIEWING')
    await dialog.getByLabel('Income is below what is required').check()
    await dialog.getByLabel('The proven data is inconsistent').check()
    await shot(page, 'desktop-6-reject-dialog')
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await page.locator('#session-result', { hasText: 'Rejected: the session is now Rejected.' }).waitFor()
    expect(await page.locator('#session-status .badge').first().textContent()).toBe('Rejected')
    await expect.poll(async () => await page.locator('#applicant').textContent()).toContain('The income is below what we require.')
    expect(await page.locator('#applicant').textContent()).toContain('Income is below what is required; The proven data is inconsistent')
    expect(await reviewed(bob.id)).toMatchObject({
      status: 'REJECTED',
      decisionNote: 'The income is below what we require.',
      decisionReasons: [{ code: 'income_insufficient', label: 'Income is below what is required' }, { code: 'data_inconsistent', label: 'The proven data is inconsistent' }]
    })
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
    await page.getByRole('button', { name: 'Sign in with the key' }).click()
    await heading(page, 'Sessions').waitFor()
    await page.locator('#list-summary', { hasText: /sessions$/ }).waitFor() // the first list answered
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

  it('exports the current list as CSV, facts as columns, with formulas neutralised', async () => {
    await reviewingSession({ applicantFirstName: '=HYPERLINK("http://evil.example","click")', applicantLastName: 'Formula' }, { monthlyIncome: '-1+2', currency: '@SUM(A1)' })
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
    // include=facts: one column per fact, the signed values, neutralised like any cell.
    const header = rows[0].replace('\uFEFF', '').split(',')
    const incomeColumn = header.indexOf('PayPal: monthlyIncome')
    const currencyColumn = header.indexOf('PayPal: currency')
    expect(incomeColumn).toBeGreaterThan(0)
    expect(currencyColumn).toBeGreaterThan(0)
    const cellsOf = (row: string) => row.replace(/"(?:[^"]|"")*"/g, 'QUOTED').split(',') // no quoted cell is checked here
    const cells = cellsOf(rows.find((r) => r.includes(',Formula,')) as string)
    expect(cells.length).toBe(header.length)
    expect([cells[incomeColumn], cells[currencyColumn]]).toEqual(['\'-1+2', '\'@SUM(A1)'])
    expect(rows.slice(1).filter((r) => cellsOf(r)[incomeColumn] === '5400.00').length).toBe(listed - 1)
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the team\'s webhook endpoints, each delivery\'s payload and the receiver\'s answer, and redelivers by keyboard', async () => {
    // The partner's receiver, on this machine: nothing leaves it. Its answer is one the test can recognise.
    const receiver = await new Receiver().start()
    receiver.respondBody = JSON.stringify({ receipt: 'rcpt-console-7f3a', accepted: true })
    const hook = receiver.url('/partner')
    const created = await api('POST', '/partner/webhooks', { url: hook, events: ['session.*'] }, { 'x-api-key': team.key })
    expect(created.status).toBe(201)
    const webhookId = created.body.data.id as number
    const session = await createSession({ applicantFirstName: 'Webhook', applicantLastName: 'Payload' })
    expect((await app.ctx.webhooks.dispatchDue()).delivered).toBe(1) // the background job's work, done by hand
    expect(receiver.received.length).toBe(1)
    const sent = JSON.parse(receiver.received[0].body) as { type: string, data: Record<string, unknown> }
    expect(sent.type).toBe('session.created')
    const { context, page, problems } = await open()
    const redeliveries: Array<{ url: string, idempotencyKey: string | undefined }> = []
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/redeliver')) redeliveries.push({ url: new URL(req.url()).pathname, idempotencyKey: req.headers()['idempotency-key'] })
    })
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await heading(page, 'Webhooks').waitFor()
    await page.getByText(hook).waitFor()
    await page.getByRole('link', { name: `Recent deliveries to ${hook}` }).click()
    const item = page.locator('#delivery-list li.delivery').first()
    await item.waitFor()
    expect(new URL(page.url()).search).toBe(`?view=webhooks&webhook=${webhookId}`)
    const row = await item.locator('.row').textContent()
    expect(row).toContain('session.created')
    expect(row).toContain('Delivered')
    expect(row).toContain('1 attempt ·')
    expect(row).toContain('HTTP 200')
    const deliveryId = Number(await item.getAttribute('data-delivery'))
    const eventId = String(await item.locator('.mono').first().textContent())
    expect(eventId).toMatch(/^evt_\d+$/)

    // The payload: collapsed at first, opened from the keyboard, the event's data as sent, indented.
    const payload = item.locator('details.delivery-payload')
    expect(await payload.getAttribute('open')).toBeNull()
    expect(await item.getByLabel(`Payload of session.created ${eventId}`).isVisible()).toBe(false)
    await payload.locator('summary').focus()
    await page.keyboard.press('Enter')
    const payloadText = item.getByLabel(`Payload of session.created ${eventId}`)
    await payloadText.waitFor()
    expect(JSON.parse(String(await payloadText.textContent()))).toEqual(sent.data)
    expect(await payloadText.textContent()).toContain('\n  ') // pretty, not one line
    expect(JSON.stringify(sent.data)).toContain(String(session.id))
    // The receiver's answer, as it came back (indented, being JSON).
    await item.locator('details.delivery-response summary').focus()
    await page.keyboard.press('Space')
    const answer = item.getByLabel(`Receiver's answer to session.created ${eventId}`)
    await answer.waitFor()
    expect(await answer.textContent()).toContain('"receipt": "rcpt-console-7f3a"')
    expect(await item.locator('details.delivery-response summary').textContent()).toContain('Receiver\'s answer (HTTP 200)')
    await shot(page, 'desktop-8-webhooks')

    // Redeliver, by keyboard: PENDING again at once, with a fresh random Idempotency-Key.
    const redeliver = item.getByRole('button', { name: `Redeliver session.created ${eventId}` })
    await redeliver.focus()
    await page.keyboard.press('Enter')
    await page.locator('#deliveries-result', { hasText: `session.created (${eventId}) will be delivered again: it is Pending.` }).waitFor()
    await expect.poll(async () => await item.locator('.badge').textContent()).toBe('Pending')
    expect(await focused(page)).toBe(`Redeliver session.created ${eventId}`) // the focus stays on the button
    expect(await payload.getAttribute('open')).not.toBeNull() // what the reviewer opened stays open
    expect(redeliveries).toHaveLength(1)
    expect(redeliveries[0].url).toBe(`/partner/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`)
    expect(redeliveries[0].idempotencyKey).toMatch(/^[0-9a-f]{32}$/)
    const pending = (await api('GET', `/partner/webhooks/${webhookId}/deliveries`, undefined, { 'x-api-key': team.key })).body.data
    const queued = pending.find((d: { id: number }) => d.id === deliveryId)
    expect(queued).toMatchObject({ status: 'PENDING' })
    expect(await item.locator('.row').textContent()).toContain(`${queued.attempts} attempt${queued.attempts === 1 ? '' : 's'}`)
    await shot(page, 'desktop-9-webhooks-redelivered')

    // The dispatcher sends it again: a second receipt, the same webhook-id, then Delivered with 2 attempts on refresh.
    receiver.respondBody = JSON.stringify({ receipt: 'rcpt-console-second' })
    expect((await app.ctx.webhooks.dispatchDue()).delivered).toBe(1)
    expect(receiver.received.length).toBe(2)
    expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id'])
    expect(JSON.parse(receiver.received[1].body).data).toEqual(sent.data)
    await page.getByRole('button', { name: 'Refresh deliveries' }).click()
    await expect.poll(async () => await item.locator('.badge').textContent()).toBe('Delivered')
    // A redelivery starts a fresh set of retries: its attempt count is the API's, and the answer is the new one.
    const delivered = (await api('GET', `/partner/webhooks/${webhookId}/deliveries`, undefined, { 'x-api-key': team.key })).body.data.find((d: { id: number }) => d.id === deliveryId)
    expect(delivered).toMatchObject({ status: 'DELIVERED', lastStatusCode: 200 })
    expect(await item.locator('.row').textContent()).toContain(`${delivered.attempts} attempt${delivered.attempts === 1 ? '' : 's'} · HTTP 200`)
    await expect.poll(async () => await answer.textContent()).toContain('rcpt-console-second')
    expect(problems).toEqual([])
    await context.close()

    // At 375 px, payload and answer open: nothing scrolls sideways.
    for (const colorScheme of ['light', 'dark'] as const) {
      const phone = await open({ width: 375, height: 800, colorScheme })
      await signIn(phone.page)
      await heading(phone.page, 'Sessions').waitFor()
      await phone.page.goto(`${base}/console?view=webhooks&webhook=${webhookId}`)
      const first = phone.page.locator('#delivery-list li.delivery').first()
      await first.waitFor()
      for (const summary of await first.locator('summary').all()) await summary.click()
      await first.locator('details.delivery-response pre').waitFor()
      expect(await scrollWidth(phone.page)).toBeLessThanOrEqual(375)
      await shot(phone.page, `phone-4-webhooks-${colorScheme}`)
      expect(phone.problems).toEqual([])
      await phone.context.close()
    }

    // A reviewer's key: told that webhooks are the team's, no deliveries asked for, no Redeliver button.
    const reviewer = await createKey(app, 'acme', { reviewerId: 'rev-hooks' })
    const second = await open({ keys: [team.key, reviewer.key] })
    const asked: string[] = []
    second.page.on('request', (req) => { if (new URL(req.url()).pathname.startsWith('/partner/webhooks')) asked.push(new URL(req.url()).pathname) })
    await signIn(second.page, reviewer.key)
    await heading(second.page, 'Sessions').waitFor()
    await second.page.goto(`${base}/console?view=webhooks&webhook=${webhookId}`)
    await heading(second.page, 'Webhooks').waitFor()
    await second.page.locator('#webhooks-error', { hasText: 'Webhooks are managed with the team\'s API key; this key is a reviewer\'s.' }).waitFor()
    expect(await second.page.getByRole('button', { name: /Redeliver/ }).count()).toBe(0)
    expect(await second.page.locator('#deliveries').isVisible()).toBe(false)
    expect(asked).toEqual(['/partner/webhooks'])
    expect((await api('POST', `/partner/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`, undefined, { 'x-api-key': reviewer.key })).status).toBe(403) // and the API agrees
    // Its 403s are the expected failed loads of this page.
    expect(second.problems.filter((p) => !p.includes('status of 403'))).toEqual([])
    await second.context.close()
    await receiver.close()
  }, 60_000)

  /** The list requests a page makes (their query strings), to show what the server was asked. */
  function listRequests (page: Page): URLSearchParams[] {
    const seen: URLSearchParams[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/partner/reviewer/sessions') seen.push(url.searchParams)
    })
    return seen
  }
  const names = async (page: Page) => await page.locator('.session-name').allTextContents()

  it('with a test key: a visible test-mode marker, tab counts from the API, sandbox facts bound by host', async () => {
    const testKey = await app.ctx.keys.create({ team: 'acme', test: true, name: 'sandbox' })
    const sandy = await sandboxReviewing(testKey.key, { applicantFirstName: 'Sandy', applicantLastName: 'Box' })
    await sandboxReviewing(testKey.key, { applicantFirstName: 'Sam', applicantLastName: 'Box' })
    await createSession({ applicantFirstName: 'Pending', applicantLastName: 'Test' }, testKey.key)
    const { context, page, problems } = await open({ keys: [team.key, testKey.key] })
    const lists = listRequests(page)
    await signIn(page, testKey.key)
    await heading(page, 'Sessions').waitFor()
    await expect.poll(async () => await names(page)).toEqual(['Sam Box', 'Sandy Box']) // test sessions only
    expect(await page.locator('#whoami').textContent()).toBe('acme · Team key · Test · key “sandbox”')
    expect(await page.locator('#test-banner').textContent()).toBe('Test mode: this key sees test sessions only.')
    expect(await page.locator('#test-banner').isVisible()).toBe(true)
    const counts = (await api('GET', '/partner/reviewer/sessions?counts=true&limit=1', undefined, { 'x-api-key': testKey.key })).body.counts
    expect(counts).toMatchObject({ REVIEWING: 2, PENDING: 1, COMPLETED: 0 })
    expect(await page.locator('[data-key="tab-REVIEWING"]').textContent()).toBe('Reviewing (2)')
    expect(await page.locator('[data-key="tab-PENDING"]').textContent()).toBe('Pending (1)')
    expect(await page.locator('[data-key="tab-all"]').textContent()).toBe('All (3)')
    expect(lists.every((q) => q.get('counts') === 'true')).toBe(true) // the counts come with the page: no extra request
    await shot(page, 'desktop-9-test-mode')

    await page.getByRole('link', { name: /Sandy Box/ }).click()
    await heading(page, `Sandy Box · #${sandy.id}`).waitFor()
    const detail = await reviewed(sandy.id, testKey.key)
    const income = detail.facts.find((f: { name: string }) => f.name === 'monthlyIncome')
    expect(income).toMatchObject({ host: TEST_HOST, pinned: false })
    expect(income.attestor).toMatch(/^0x[0-9a-f]{40}$/)
    expect(income.attestor).not.toBe(attestor.address.toLowerCase()) // the sandbox's own attestor
    const fact = page.locator('.fact', { has: page.locator('dt', { hasText: 'Monthly income' }) })
    await fact.waitFor()
    const proof = fact.locator('.proof-summary dd')
    expect(await proof.nth(0).textContent()).toBe(TEST_HOST)
    expect(await proof.nth(1).textContent()).toBe('Bound by host only: the provider is not pinned')
    expect(await proof.nth(3).textContent()).toBe(income.attestor)
    expect(await page.locator('#session-status').textContent()).toContain('Test')
    await shot(page, 'desktop-10-sandbox-facts')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('searches on the server by name and by applicantId, and filters by a date range', async () => {
    const key = await createKey(app, 'search-co')
    await injectSession(app, key.key, { applicantFirstName: 'Ada', applicantLastName: 'Lovelace', applicantId: 'crm-1815' })
    await injectSession(app, key.key, { applicantFirstName: 'Anne', applicantLastName: 'Lovell', applicantId: 'crm-1816' })
    const old = await injectSession(app, key.key, { applicantFirstName: 'Old', applicantLastName: 'Timer', applicantEmail: 'lovecraft@example.com', applicantId: 'crm-1' })
    await db.kysely.updateTable('sessions').set({ createdAt: '2026-01-15T12:00:00.000Z' }).where('id', '=', old.id).execute()
    const { context, page, problems } = await open({ keys: [key.key] })
    const lists = listRequests(page)
    await signIn(page, key.key)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?status=PENDING`)
    await expect.poll(async () => await names(page)).toEqual(['Anne Lovell', 'Ada Lovelace', 'Old Timer'])

    await page.getByLabel('Search').fill('LOVEL')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await names(page)).toEqual(['Anne Lovell', 'Ada Lovelace'])
    expect(new URL(page.url()).search).toBe('?status=PENDING&q=LOVEL')
    expect(lists.at(-1)?.get('q')).toBe('LOVEL') // the server searched, not the page
    expect(await page.locator('[data-key="tab-PENDING"]').textContent()).toBe('Pending (2)')
    await page.getByLabel('Search').fill('lovec') // an email prefix
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await names(page)).toEqual(['Old Timer'])

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(async () => await names(page)).toHaveLength(3)
    await page.getByLabel('Applicant ID').fill('crm-1816')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await names(page)).toEqual(['Anne Lovell'])
    expect(new URL(page.url()).searchParams.get('applicant')).toBe('crm-1816')
    expect(lists.at(-1)?.get('applicantId')).toBe('crm-1816')
    await shot(page, 'desktop-11-applicant-id')

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('Created from').fill('2026-01-15')
    await page.getByLabel('Created until').fill('2026-01-15')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await names(page)).toEqual(['Old Timer'])
    expect(new URL(page.url()).search).toBe('?status=PENDING&from=2026-01-15&to=2026-01-15')
    const asked = lists.at(-1) as URLSearchParams
    expect(Date.parse(String(asked.get('createdAfter')))).toBeLessThan(Date.parse('2026-01-15T12:00:00.000Z'))
    expect(Date.parse(String(asked.get('createdBefore')))).toBeGreaterThan(Date.parse('2026-01-15T12:00:00.000Z'))
    await page.getByLabel('Created from').fill('2026-01-16')
    await page.getByLabel('Created until').fill('')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await names(page)).toEqual(['Anne Lovell', 'Ada Lovelace'])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('shows "1,000+" when a date filter matches more sessions than the server counts', async () => {
    const key = await createKey(app, 'busy-co')
    const base0 = Date.parse('2026-03-01T00:00:00.000Z')
    for (let from = 0; from < 1_020; from += 500) {
      await db.kysely.insertInto('sessions').values(Array.from({ length: Math.min(500, 1_020 - from) }, (_, k) => ({
        teamId: key.teamId,
        status: 'PENDING',
        expiryDate: '2099-01-01T00:00:00.000Z',
        linkTokenHash: `busy-${from + k}`,
        applicantFirstName: `Busy ${from + k}`,
        createdAt: new Date(base0 + (from + k) * 1000).toISOString(),
        updatedAt: new Date(base0 + (from + k) * 1000).toISOString()
      }))).execute()
    }
    const { context, page, problems } = await open({ keys: [key.key] })
    await signIn(page, key.key)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?status=all&from=2026-03-01`)
    await page.locator('#list-summary', { hasText: '1–' }).waitFor()
    expect(await page.locator('#list-summary').textContent()).toBe('1–20 of 1,000+ sessions')
    expect(await page.locator('[data-key="tab-PENDING"]').textContent()).toBe('Pending (1,000+)')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('pages through more than a page with the API\'s cursor, forward and back', async () => {
    const key = await createKey(app, 'paging-co')
    const made: string[] = []
    for (let i = 1; i <= 45; i++) {
      const name = `P${String(i).padStart(2, '0')}`
      await injectSession(app, key.key, { applicantFirstName: name })
      made.unshift(name) // newest first
    }
    const { context, page, problems } = await open({ keys: [key.key] })
    const lists = listRequests(page)
    await signIn(page, key.key)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?status=PENDING`)
    await expect.poll(async () => await names(page)).toEqual(made.slice(0, 20))
    expect(await page.locator('#list-summary').textContent()).toBe('1–20 of 45 pending sessions')
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true)

    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(async () => await names(page)).toEqual(made.slice(20, 40))
    expect(await page.locator('#list-summary').textContent()).toBe('21–40 of 45 pending sessions')
    const cursor = new URL(page.url()).searchParams.get('after')
    expect(cursor).toMatch(/^\d+$/)
    expect(lists.at(-1)?.get('startingAfter')).toBe(cursor)
    expect(lists.at(-1)?.has('offset')).toBe(false)

    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(async () => await names(page)).toEqual(made.slice(40))
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true) // hasMore: false
    await shot(page, 'desktop-12-last-page')

    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(async () => await names(page)).toEqual(made.slice(20, 40))
    await page.reload() // the cursor is in the address
    await expect.poll(async () => await names(page)).toEqual(made.slice(20, 40))
    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(async () => await names(page)).toEqual(made.slice(0, 20))
    expect(await page.locator('#page-label').textContent()).toBe('Page 1')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('resends the link (the old one stops working) and cancels an open session', async () => {
    const session = await createSession({ applicantFirstName: 'Link', applicantLastName: 'Again' })
    const oldToken = session.verificationLink.token
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${session.id}`)
    await heading(page, `Link Again · #${session.id}`).waitFor()
    await page.getByRole('button', { name: 'Resend link' }).click()
    const resend = page.getByRole('dialog', { name: 'Send a new verification link?' })
    await resend.getByRole('button', { name: 'Make a new link' }).click()
    await page.locator('#link-result').waitFor()
    const link = new URL(await page.getByLabel(/New verification link/).inputValue())
    expect(link.pathname).toBe('/partner/verification/verify')
    expect(link.searchParams.get('sessionId')).toBe(String(session.id))
    const newToken = String(link.searchParams.get('token'))
    expect(newToken).not.toBe(oldToken)
    await shot(page, 'desktop-13-new-link')
    const stale = await api('POST', '/partner/verification/verify', { token: oldToken, sessionId: session.id })
    expect(stale.status).toBeGreaterThanOrEqual(400)
    expect(stale.status).toBeLessThan(500)
    expect((await api('POST', '/partner/verification/verify', { token: newToken, sessionId: session.id })).status).toBe(200)

    await page.getByRole('button', { name: 'Cancel session' }).click()
    const cancel = page.getByRole('dialog', { name: 'Cancel this session?' })
    await cancel.getByLabel('Reason (optional)').fill('Duplicate application')
    expect(await cancel.getByLabel('Reason (optional)').getAttribute('maxlength')).toBe('500')
    await cancel.getByRole('button', { name: 'Cancel session', exact: true }).click()
    await page.locator('#session-result', { hasText: 'Canceled: the session is now Expired.' }).waitFor()
    await expect.poll(async () => await page.locator('#session-status').textContent()).toContain('Reason: canceled')
    expect(await page.locator('#session-status .badge').first().textContent()).toBe('Expired')
    expect(await page.getByRole('button', { name: 'Resend link' }).isVisible()).toBe(false)
    expect(await reviewed(session.id)).toMatchObject({ status: 'EXPIRED', statusReason: 'canceled' })
    await shot(page, 'desktop-14-canceled')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('redacts a final session after confirmation; a reviewer\'s key is offered no redaction', async () => {
    const { session } = await sessionIn(app, team.key, 'COMPLETED', { applicantFirstName: 'Rita', applicantLastName: 'Redact', applicantEmail: 'rita@example.com' })
    const { context, page, problems } = await open()
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${session.id}`)
    await heading(page, `Rita Redact · #${session.id}`).waitFor()
    await page.getByRole('button', { name: 'Redact personal data' }).click()
    const dialog = page.getByRole('dialog', { name: 'Redact this session permanently?' })
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click() // changes its mind: nothing happens
    await dialog.waitFor({ state: 'hidden' })
    expect(await reviewed(session.id)).toMatchObject({ applicantFirstName: 'Rita', redactedAt: null })
    await page.getByRole('button', { name: 'Redact personal data' }).click()
    await shot(page, 'desktop-15-redact-dialog')
    await dialog.getByRole('button', { name: 'Redact permanently' }).click()
    await page.locator('#session-result', { hasText: 'Redacted: the applicant\'s personal data is erased.' }).waitFor()
    await heading(page, `Redacted applicant · #${session.id}`).waitFor()
    expect(await page.locator('#session-status').textContent()).toContain('Personal data redacted')
    expect(await page.locator('#applicant').textContent()).not.toContain('Rita')
    expect(await page.locator('#applicant').textContent()).not.toContain('rita@example.com')
    expect(await page.getByRole('button', { name: 'Redact personal data' }).isVisible()).toBe(false)
    const after = await reviewed(session.id)
    expect(after).toMatchObject({ status: 'COMPLETED', applicantFirstName: null, applicantEmail: null })
    expect(after.redactedAt).not.toBeNull()
    await shot(page, 'desktop-16-redacted')
    await context.close()
    expect(problems).toEqual([])

    const reviewer = await createKey(app, 'acme', { reviewerId: 'rev-1' })
    const { session: owned } = await sessionIn(app, team.key, 'COMPLETED', { applicantFirstName: 'Rex', applicantLastName: 'Owned', reviewerId: 'rev-1' })
    const second = await open({ keys: [team.key, reviewer.key] })
    await signIn(second.page, reviewer.key)
    await heading(second.page, 'Sessions').waitFor()
    expect(await second.page.locator('#whoami').textContent()).toBe('acme · Reviewer rev-1 · Live')
    await second.page.goto(`${base}/console?session=${owned.id}`)
    await heading(second.page, `Rex Owned · #${owned.id}`).waitFor()
    await second.page.locator('.fields dd').first().waitFor()
    expect(await second.page.locator('#action-redact').isVisible()).toBe(false)
    expect(await second.page.locator('#session-actions').isVisible()).toBe(false)
    expect((await api('POST', `/partner/session/${owned.id}/redact`, undefined, { 'x-api-key': reviewer.key })).status).toBe(403) // and the API agrees
    expect(second.problems).toEqual([])
    await second.context.close()
  }, 60_000)

  it('asks for updates at most a few times a minute, and not at all while the tab is hidden', async () => {
    const { context, page, problems } = await open()
    await page.clock.install()
    const lists = listRequests(page)
    await signIn(page)
    await heading(page, 'Sessions').waitFor()
    await page.locator('.session-link').first().waitFor()
    await page.waitForTimeout(300)
    const minute = async () => {
      for (let i = 0; i < 12; i++) {
        await page.clock.fastForward(5000)
        await page.waitForTimeout(100) // the request (real time) settles, and the next poll is scheduled
      }
    }
    lists.length = 0
    await minute()
    expect(lists.length).toBeGreaterThanOrEqual(2) // live: new sessions appear without a reload
    expect(lists.length).toBeLessThanOrEqual(3) // ...at about one request per 25 s
    const setHidden = async (hidden: boolean) => {
      await inPage(page, `(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} })
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' })
        document.dispatchEvent(new Event('visibilitychange'))
      })()`)
    }
    await setHidden(true)
    lists.length = 0
    await minute()
    await minute()
    expect(lists.length).toBe(0)
    await setHidden(false)
    await expect.poll(() => lists.length).toBe(1) // one catch-up request when shown again
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('reads what a session allows from the API, and shows a status it has no words for as that status in words', async () => {
    const held = await createSession({ applicantFirstName: 'Hold', applicantLastName: 'Newer' })
    const ada = await reviewingSession({ applicantFirstName: 'Rule', applicantLastName: 'Server' })
    // A newer server: a status this console does not know (ON_HOLD), counted and listed, with what it allows.
    const newer = (body: any) => {
      const relabel = (s: any) => (s.id === held.id ? { ...s, status: 'ON_HOLD', canDecide: false, canCancel: true, canReissueLink: false, canRedact: false } : s)
      if (Array.isArray(body.data)) {
        body.data = body.data.map(relabel)
        if (body.counts) body.counts = { ...body.counts, ON_HOLD: 1 }
      } else body.data = relabel(body.data)
      // And a reviewing session whose status, on this server, allows no decision.
      if (!Array.isArray(body.data) && body.data.id === ada.id) body.data = { ...body.data, canDecide: false, canCancel: false, canReissueLink: false }
      return body
    }
    for (const [width, name] of [[1280, 'desktop-17-unknown-status'], [375, 'phone-5-unknown-status']] as const) {
      const { context, page, problems } = await open({ width })
      await page.route(`${base}/partner/reviewer/sessions**`, async (route) => {
        // The ON_HOLD tab asks this server for what it holds as PENDING, and keeps the held session only.
        const url = new URL(route.request().url())
        const onHold = url.searchParams.get('status') === 'ON_HOLD'
        if (onHold) url.searchParams.set('status', 'PENDING')
        const response = await route.fetch({ url: url.href })
        const body = newer(await response.json())
        if (onHold) Object.assign(body, { data: body.data.filter((s: any) => s.id === held.id), total: 1, hasMore: false })
        await route.fulfill({ response, json: body })
      })
      await signIn(page)
      await heading(page, 'Sessions').waitFor()
      const tab = page.getByRole('link', { name: /^On hold \(1\)$/ })
      await tab.waitFor()
      await tab.click()
      await page.waitForURL(/status=ON_HOLD/)
      const item = page.locator('.session-link', { hasText: 'Hold Newer' })
      await item.waitFor()
      expect(await item.locator('.badge').textContent()).toBe('On hold')
      await item.click()
      await heading(page, `Hold Newer · #${held.id}`).waitFor()
      expect(await page.locator('#session-status .badge').first().textContent()).toBe('On hold')
      // Offered exactly what the session says it allows: cancel, no decision, no new link.
      await page.getByRole('button', { name: 'Cancel session' }).waitFor()
      for (const name of ['Approve', 'Reject', 'Resend link', 'Redact personal data']) expect(await page.getByRole('button', { name }).isVisible(), name).toBe(false)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width)
      await shot(page, name)

      // REVIEWING, but the answer allows no decision: the console offers none.
      await page.goto(`${base}/console?session=${ada.id}`)
      await heading(page, `Rule Server · #${ada.id}`).waitFor()
      expect(await page.locator('#session-status .badge').first().textContent()).toBe('Reviewing')
      await page.locator('#applicant dd').first().waitFor()
      expect(await page.locator('#session-actions').isVisible()).toBe(false)
      expect(problems).toEqual([])
      await context.close()
    }
  }, 60_000)
})
