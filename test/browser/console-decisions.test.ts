import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { createKey, createSession, moveSessionTo, sessionIn, type PartnerKey } from '../support/factories.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

/**
 * The console's parts of issue 21 on a 375 px phone, in Debian's headless Chromium against a real
 * server: asking the applicant for more (reasons, message, sources) and what the applicant's page
 * then shows; notes and tags; review due dates, the overdue filter and the sort by due date.
 * Sessions reach REVIEWING through the factories (only the status matters here).
 */

const SCREENS = new URL('../../test-results/console/', import.meta.url)
const PAYPAL = 1
const STRIPE = 2

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the console\'s decisions, notes, tags and due dates at 375 px', () => {
  const suite = useBrowserApp()
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

  const api = async (method: string, path: string, body?: unknown, key = team.key) => await callApi(base, method, path, body, { 'x-api-key': key })
  const reviewed = async (id: number, key = team.key) => (await api('GET', `/partner/reviewer/sessions/${id}`, undefined, key)).body.data

  async function phone () {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    // The console first asks whether a person is signed in (401 when not): an expected refusal.
    page.on('console', (msg) => { if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`console: ${msg.text()}`) })
    return { context, page, problems }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  const scrollWidth = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth') as number

  async function signIn (page: Page, key = team.key) {
    await signInWithKey(page, base, key)
    await heading(page, 'Sessions').waitFor()
  }

  it('asks the applicant for more with reasons, a message and a source; the applicant\'s page shows the message', async () => {
    const created = await createSession(app, team.key, { applicantFirstName: 'Mara', applicantLastName: 'More', allowedSources: [{ id: PAYPAL }, { id: STRIPE }] })
    await moveSessionTo(app, created.id, 'REVIEWING')
    const { context, page, problems } = await phone()
    await signIn(page)
    await page.goto(`${base}/console?session=${created.id}`)
    await heading(page, `Mara More · #${created.id}`).waitFor()
    await page.getByRole('button', { name: 'Ask for more' }).click()
    const dialog = page.getByRole('dialog', { name: 'Ask the applicant for more?' })
    await dialog.waitFor()
    expect(await dialog.locator('#decision-reasons label').allTextContents()).toEqual(['A more recent proof is needed', 'Another income source is needed', 'The proof does not show what is needed'])
    expect(await dialog.locator('#decision-sources label').allTextContents()).toEqual(['PayPal (a new proof)', 'Stripe (a new source)'])
    // Nothing chosen, nothing written: the dialog says what is missing, in order.
    await dialog.getByRole('button', { name: 'Ask for more' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'Choose at least one reason.' }).waitFor()
    await dialog.getByLabel('Another income source is needed').check()
    await dialog.getByRole('button', { name: 'Ask for more' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'Write what the applicant should do.' }).waitFor()
    await dialog.getByLabel('Message to the applicant (shown on their page)').fill('Please also verify your Stripe payouts.')
    await dialog.getByLabel('Stripe (a new source)').check()
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
    await shot(page, 'phone-5-request-more-dialog')
    expect((await reviewed(created.id)).status).toBe('REVIEWING')
    await dialog.getByRole('button', { name: 'Ask for more' }).click()
    await page.locator('#session-result', { hasText: 'Asked for more' }).waitFor()
    await expect.poll(async () => await page.locator('#session-status .badge').first().textContent()).toBe('Processing')
    await expect.poll(async () => await page.locator('#applicant').textContent()).toContain('Please also verify your Stripe payouts.')
    expect(await page.locator('#applicant').textContent()).toContain('1 of 3 times')
    expect(await page.getByRole('button', { name: 'Ask for more' }).isVisible()).toBe(false)
    const after = await reviewed(created.id)
    expect(after).toMatchObject({ status: 'PROCESSING', moreRequest: { count: 1, message: 'Please also verify your Stripe payouts.', sourceIds: [STRIPE], reasons: [{ code: 'additional_source_needed' }] } })
    expect(after.steps.map((s: any) => [s.dataSourceId, s.status])).toEqual([[PAYPAL, 'VERIFIED'], [STRIPE, 'PENDING']])
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
    await shot(page, 'phone-6-more-requested')

    // The applicant opens the link: the steps screen with the reviewer's words above the steps.
    const applicant = await context.newPage()
    await applicant.goto(created.verificationLink.manualVerificationLink)
    await applicant.getByRole('heading', { level: 1, name: 'Verify each source' }).waitFor()
    const card = applicant.locator('#more-request')
    await card.waitFor()
    expect(await card.textContent()).toContain('The reviewer asks for more')
    expect(await card.locator('[data-field="more-request"]').textContent()).toBe('Please also verify your Stripe payouts.')
    expect(await applicant.evaluate('document.documentElement.scrollWidth') as number).toBeLessThanOrEqual(375)
    await applicant.screenshot({ path: new URL('phone-7-applicant-more-request.png', SCREENS).pathname, fullPage: true })
    // In the applicant's language: the card's title from the catalog, the reviewer's words as written.
    const spanish = await context.newPage()
    await spanish.goto(`${created.verificationLink.manualVerificationLink}&lang=es`)
    await spanish.getByRole('heading', { level: 1, name: 'Verifique cada fuente' }).waitFor()
    await spanish.locator('#more-request').waitFor()
    expect(await spanish.locator('#more-request h2').textContent()).toBe('La persona que revisa le pide más')
    expect(await spanish.locator('#more-request [data-field="more-request"]').textContent()).toBe('Please also verify your Stripe payouts.')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('adds notes and edits tags; the queue filters by tag and shows the tags', async () => {
    const alice = await createKey(app, 'acme', { reviewerId: 'alice' })
    const { session } = await sessionIn(app, team.key, 'REVIEWING', { applicantFirstName: 'Nora', applicantLastName: 'Notes', reviewerId: 'alice' })
    const { context, page, problems } = await phone()
    await signIn(page, alice.key)
    await page.goto(`${base}/console?session=${session.id}`)
    await heading(page, `Nora Notes · #${session.id}`).waitFor()
    expect(await page.locator('#notes').textContent()).toBe('No notes yet.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await page.locator('#note-error', { hasText: 'Write the note first.' }).waitFor()
    await page.getByLabel('New note (the team\'s reviewers see it)').fill('Called the employer: <b>confirmed</b> the salary.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await expect.poll(async () => await page.locator('#notes .note').count()).toBe(1)
    expect(await page.locator('#notes .note p').textContent()).toBe('Called the employer: <b>confirmed</b> the salary.') // text, never markup
    expect(await page.locator('#notes .note strong').textContent()).toBe('reviewer:alice')
    expect(await page.getByLabel('New note (the team\'s reviewers see it)').inputValue()).toBe('')

    const tags = page.getByLabel(/^Tags \(separated by spaces/)
    await tags.fill('VIP! second-look')
    await page.getByRole('button', { name: 'Save tags' }).click()
    await page.locator('#tags-error', { hasText: 'vip! is not' }).waitFor()
    await tags.fill('VIP second-look, vip')
    await page.getByRole('button', { name: 'Save tags' }).click()
    await expect.poll(async () => await page.locator('#tags .chip').allTextContents()).toEqual(['vip', 'second-look'])
    expect((await reviewed(session.id, alice.key)).tags).toEqual(['vip', 'second-look'])
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
    await shot(page, 'phone-8-notes-tags')

    // The queue: a tag filter (in the address too), and the tags on each session.
    const other = await sessionIn(app, team.key, 'REVIEWING', { applicantFirstName: 'Otto', applicantLastName: 'Other', reviewerId: 'alice' })
    expect(other.session.id).toBeGreaterThan(session.id)
    await page.getByRole('link', { name: 'Back to the queue' }).click()
    await heading(page, 'Sessions').waitFor()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Otto Other', 'Nora Notes'])
    await page.getByLabel('Tag', { exact: true }).fill('vip')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Nora Notes'])
    expect(new URL(page.url()).searchParams.get('tag')).toBe('vip')
    expect(await page.locator('.session-tags .chip').allTextContents()).toEqual(['vip', 'second-look'])
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('shows review due dates: overdue sessions marked and filtered, the queue sorted by due date', async () => {
    const key = await createKey(app, 'slow-team')
    // The shortest target (36 s); the first session's due date is then moved a minute back, as time would.
    expect((await api('PATCH', '/partner/settings', { reviewSlaHours: 0.01 }, key.key)).status).toBe(200)
    const late = await sessionIn(app, key.key, 'REVIEWING', { applicantFirstName: 'Lena', applicantLastName: 'Late' })
    expect((await api('PATCH', '/partner/settings', { reviewSlaHours: 48 }, key.key)).status).toBe(200)
    const calm = await sessionIn(app, key.key, 'REVIEWING', { applicantFirstName: 'Carl', applicantLastName: 'Calm' })
    await db.kysely.updateTable('sessions').set({ dueAt: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', late.session.id).execute()
    const { context, page, problems } = await phone()
    await signIn(page, key.key)
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Carl Calm', 'Lena Late'])
    const lateItem = page.locator('.session-link', { hasText: 'Lena Late' })
    expect(await lateItem.locator('.badge').allTextContents()).toEqual(['Reviewing', 'Overdue'])
    expect(await lateItem.locator('.session-meta').textContent()).toContain('review due')
    expect(await page.locator('.session-link', { hasText: 'Carl Calm' }).locator('.badge').allTextContents()).toEqual(['Reviewing'])
    await page.getByLabel('Sort').selectOption('dueAt:asc')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Lena Late', 'Carl Calm'])
    await page.getByLabel('Overdue reviews only').check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(async () => await page.locator('.session-name').allTextContents()).toEqual(['Lena Late'])
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('1')
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
    await shot(page, 'phone-9-overdue')
    await page.getByRole('link', { name: /Lena Late/ }).click()
    await heading(page, `Lena Late · #${late.session.id}`).waitFor()
    expect(await page.locator('#session-status').textContent()).toContain('Overdue')
    expect(await page.locator('#applicant').textContent()).toContain('Review due')
    expect((await reviewed(calm.session.id, key.key)).dueAt).not.toBeNull()
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)
})
