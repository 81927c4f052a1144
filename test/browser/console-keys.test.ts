import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { App } from '../../src/types.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { GOOD_PASSWORD } from '../console/support.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

/**
 * The console's Keys page (pages/keys.js) in Debian's headless Chromium against a real server: a
 * team key lists, creates (with fewer permissions), rolls (the old key keeps working for the grace
 * chosen) and revokes keys; a reviewer's key is told it may not; a phone (375 px) never scrolls
 * sideways. What the page shows is checked against the API.
 */

const SCREENS = new URL('../../test-results/console-keys/', import.meta.url)
const EXPECTED_LOADS = /Failed to load resource: the server responded with a status of (401|403)/

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the console\'s Keys page in Chromium', () => {
  const suite = useBrowserApp()
  let app: App
  let base: string
  let team: PartnerKey
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, base, browser } = suite)
    team = await createKey(app, 'acme', { name: 'ops console' })
  })

  const api = async (method: string, path: string, key: string, body?: unknown) => await callApi(base, method, path, body, { 'x-api-key': key })

  /** Script errors, CSP violations, requests elsewhere, and any key in a URL. */
  function watch (context: BrowserContext, page: Page, secrets: () => string[]) {
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => { if (msg.type() === 'error' && !EXPECTED_LOADS.test(msg.text())) problems.push(`console: ${msg.text()}`) })
    context.on('request', (req) => {
      const url = new URL(req.url())
      if (url.origin !== base) problems.push(`external request: ${req.url()}`)
      if (secrets().some((k) => req.url().includes(k))) problems.push(`key in a URL: ${req.url()}`)
    })
    return problems
  }

  async function open (options: { width?: number, colorScheme?: 'light' | 'dark' } = {}, secrets: () => string[] = () => [team.key]) {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    return { context, page, problems: watch(context, page, secrets) }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const inPage = async <T>(page: Page, expression: string): Promise<T> => await page.evaluate(expression) as T
  const scrollWidth = async (page: Page) => await inPage<number>(page, 'document.documentElement.scrollWidth')
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }

  async function openKeys (page: Page, key = team.key) {
    await signInWithKey(page, base, key)
    await heading(page, 'Sessions').waitFor()
    await page.getByRole('link', { name: 'Keys' }).click()
    await heading(page, 'API keys').waitFor()
  }

  const item = (page: Page, name: string) => page.locator('li.key', { has: page.locator('strong', { hasText: name }) })

  it('creates a key with fewer permissions, shows it once, rolls it with a grace and revokes its successor', async () => {
    const made: string[] = []
    const { context, page, problems } = await open({}, () => [team.key, ...made])
    await openKeys(page)
    await item(page, 'ops console').waitFor()
    expect(await item(page, 'ops console').textContent()).toContain('(this key)')

    await page.getByLabel('Name', { exact: true }).fill('payroll importer')
    for (const p of ['create', 'resend', 'cancel', 'redact', 'webhooks', 'redeliver', 'assign', 'users', 'keys:write', 'audit:read', 'settings']) await page.getByRole('checkbox', { name: p, exact: true }).uncheck()
    await page.getByRole('button', { name: 'Create key' }).click()
    const secret = page.locator('#key-secret-value')
    await page.getByText('Key “payroll importer” created.').first().waitFor()
    const key = await secret.inputValue()
    made.push(key)
    expect(key).toMatch(/^pa_[A-Za-z0-9_-]{43}$/)
    const me = await api('GET', '/partner/keys', team.key)
    const listed = me.body.data.find((k: { name: string }) => k.name === 'payroll importer')
    expect(listed).toMatchObject({ permissions: ['read', 'decide', 'events'], apiVersion: '2026-12-01', revokedAt: null })
    expect(await item(page, 'payroll importer').locator('.chips li').allTextContents()).toEqual(['read', 'decide', 'events'])
    expect((await api('GET', '/partner/me', key)).status).toBe(200)
    await shot(page, 'desktop-1-created')

    // Dismissed: the key is gone from the page for good.
    await page.getByRole('button', { name: 'I have stored it' }).click()
    expect(await page.locator('#key-secret').isHidden()).toBe(true)
    expect(await inPage<string>(page, 'document.body.innerText + Array.from(document.querySelectorAll("input")).map((i) => i.value).join(" ")')).not.toContain(key)

    // Roll with an hour of grace: both keys work, the old one shows Rolled.
    await item(page, 'payroll importer').getByLabel('When payroll importer is rolled, the old key').selectOption('3600')
    await page.getByRole('button', { name: 'Roll payroll importer' }).click()
    await page.getByRole('dialog').getByText('The old key works 1 more hour, then stops.').waitFor()
    await page.getByRole('button', { name: 'Roll key' }).click()
    await page.getByText('Key “payroll importer” rolled.').first().waitFor()
    const next = await secret.inputValue()
    made.push(next)
    expect(next).not.toBe(key)
    expect((await api('GET', '/partner/me', key)).status).toBe(200)
    expect((await api('GET', '/partner/me', next)).status).toBe(200)
    await page.locator('li.key-rolled').waitFor()
    expect(await page.locator('li.key-active', { hasText: 'payroll importer' }).count()).toBe(1)

    // Revoke the successor: refused by the API at once.
    await page.locator('li.key-active', { hasText: 'payroll importer' }).getByRole('button', { name: 'Revoke payroll importer' }).click()
    await page.getByRole('button', { name: 'Revoke key' }).click()
    await page.getByText('Key “payroll importer” revoked.').first().waitFor()
    expect((await api('GET', '/partner/me', next)).status).toBe(401)
    await page.locator('li.key-revoked').waitFor()
    await shot(page, 'desktop-2-revoked')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('tells a reviewer\'s key it may not manage keys, and signs out a key that revokes itself', async () => {
    const reviewer = await createKey(app, 'acme', { reviewerId: 'ann', name: 'ann' })
    const doomed = await createKey(app, 'acme', { name: 'doomed' })
    const { context, page, problems } = await open({}, () => [team.key, reviewer.key, doomed.key])
    await openKeys(page, reviewer.key)
    await page.getByText('This API key may not manage keys').waitFor()
    expect(await page.locator('#key-form').isHidden()).toBe(true)
    await page.getByRole('button', { name: 'Sign out' }).click()

    await openKeys(page, doomed.key)
    await page.getByRole('button', { name: 'Revoke doomed' }).click()
    await page.getByRole('dialog').getByText('It is the key you are signed in with: you will be signed out.').waitFor()
    await page.getByRole('button', { name: 'Revoke key' }).click()
    await heading(page, 'Sign in').waitFor()
    expect((await api('GET', '/partner/me', doomed.key)).status).toBe(401)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('lets a signed-in admin create a key with what they hold, recorded in the audit log as theirs', async () => {
    const { user, setupUrl } = await app.ctx.users.createInTeam('acme', { email: 'keys-admin@acme.example', role: 'admin', name: 'Kim' })
    expect((await callApi(base, 'POST', '/console/setup', { token: new URL(setupUrl).searchParams.get('token'), password: GOOD_PASSWORD })).status).toBe(200)
    const made: string[] = []
    const { context, page, problems } = await open({}, () => [team.key, ...made])
    await page.goto(`${base}/console`)
    await heading(page, 'Sign in').waitFor()
    await page.getByLabel('Email').fill('keys-admin@acme.example')
    await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await heading(page, 'Sessions').waitFor()
    await page.getByRole('link', { name: 'Keys' }).click()
    await heading(page, 'API keys').waitFor()
    await item(page, 'ops console').waitFor()
    // An admin holds every permission: every box is offered, none marks "(this key)".
    for (const p of ['read', 'keys:write', 'audit:read', 'users']) expect(await page.getByRole('checkbox', { name: p, exact: true }).isChecked()).toBe(true)
    expect(await page.getByText('(this key)').count()).toBe(0)
    await page.getByLabel('Name', { exact: true }).fill('made by kim')
    for (const p of ['users', 'keys:write', 'settings']) await page.getByRole('checkbox', { name: p, exact: true }).uncheck()
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByText('Key “made by kim” created.').first().waitFor()
    const key = await page.locator('#key-secret-value').inputValue()
    made.push(key)
    const listed = (await api('GET', '/partner/keys', team.key)).body.data.find((k: { name: string }) => k.name === 'made by kim')
    expect(listed.permissions).not.toContain('keys:write')
    expect(listed.permissions).toContain('audit:read')
    const entries = (await api('GET', '/partner/audit-log?action=api_key.created', team.key)).body.data as Array<{ actor: unknown, details: { name: string } }>
    expect(entries.find((e) => e.details.name === 'made by kim')?.actor).toEqual({ type: 'user', id: String(user.id), label: 'keys-admin@acme.example' })
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('fits a 375 px phone without sideways scrolling, list, new key and dialog, in both schemes', async () => {
    await api('POST', '/partner/keys', team.key, { name: 'a-very-long-key-name-without-any-breaks-for-the-integration-of-payroll', reviewerId: 'reviewer-with-a-long-identifier@example.com' })
    for (const colorScheme of ['light', 'dark'] as const) {
      const made: string[] = []
      const { context, page, problems } = await open({ width: 375, colorScheme }, () => [team.key, ...made])
      await openKeys(page)
      await page.locator('li.key').first().waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await page.getByLabel('Name', { exact: true }).fill(`phone ${colorScheme}`)
      await page.getByRole('button', { name: 'Create key' }).click()
      await page.getByText(`Key “phone ${colorScheme}” created.`).first().waitFor()
      made.push(await page.locator('#key-secret-value').inputValue())
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await shot(page, `phone-keys-${colorScheme}`)
      await page.getByRole('button', { name: `Roll phone ${colorScheme}` }).click()
      await page.getByRole('dialog').waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375)
      await page.keyboard.press('Escape')
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      expect(problems).toEqual([])
      await context.close()
    }
  }, 60_000)
})
