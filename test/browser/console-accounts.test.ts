import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { App } from '../../src/types.js'
import type { Idp } from '../console/oidc-provider.js'
import { createKey, sessionIn, type PartnerKey } from '../support/factories.js'
import { CHROMIUM, useBrowserApp } from './support.js'

/**
 * People in the console, in Debian's headless Chromium at a phone's width (375 px) and a desktop's
 * (1280 px): a setup link, email and password, "Sign in with SSO" through a real OpenID Connect
 * provider on loopback, the roles as the page shows them, and signing out.
 */

const SCREENS = new URL('../../test-results/console-accounts/', import.meta.url)
const PASSWORD = 'orchid-tunnel-basalt-77'
// Refusals these tests cause on purpose (a common password, a wrong password, GET /console/session before signing in).
const EXPECTED_LOADS = /Failed to load resource: the server responded with a status of (400|401|403)/

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the console\'s sign-in in Chromium', () => {
  const suite = useBrowserApp({ oidc: { team: 'acme', roleMap: 'risk-admins=admin,credit-officers=reviewer,auditors=viewer' } })
  let app: App
  let base: string
  let idp: Idp
  let browser: Browser
  let team: PartnerKey

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, base, browser, idp } = suite)
    team = await createKey(app, 'acme')
  })

  async function open (width: number) {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    context.setDefaultTimeout(10_000)
    const problems: string[] = []
    await context.route((url) => url.origin !== base && url.origin !== idp.issuer, async (route) => { await route.abort() })
    const page = await context.newPage()
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => { if (msg.type() === 'error' && !EXPECTED_LOADS.test(msg.text())) problems.push(`console: ${msg.text()}`) })
    return { context, page, problems }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  const overflows = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth') as boolean
  const cookies = async (page: Page) => (await page.context().cookies(base)).map((c) => c.name)

  async function userWithLink (email: string, role: 'admin' | 'reviewer' | 'viewer', name: string, reviewerId?: string) {
    return await app.ctx.users.createInTeam('acme', { email, role, name, ...(reviewerId ? { reviewerId } : {}) })
  }

  async function signIn (page: Page, email: string, password = PASSWORD) {
    await page.goto(`${base}/console`)
    await heading(page, 'Sign in').waitFor()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  for (const width of [375, 1280]) {
    const size = width < 600 ? 'phone' : 'desktop'

    it(`${size}: a setup link sets a password; the user then signs in with it and signs out`, async () => {
      const { setupUrl } = await userWithLink(`ana-${width}@acme.example`, 'admin', 'Ana Admin')
      const { context, page, problems } = await open(width)
      await page.goto(setupUrl)
      await heading(page, 'Set your password').waitFor()
      await page.getByLabel('New password').fill('password1234')
      await page.getByLabel('The same password again').fill('password1234')
      await page.getByRole('button', { name: 'Set password' }).click()
      await page.getByText('This password is too common or too short: choose another').waitFor()
      await page.getByLabel('New password').fill(PASSWORD)
      await page.getByLabel('The same password again').fill(PASSWORD)
      await page.getByRole('button', { name: 'Set password' }).click()
      await page.getByText('Your password is set. Sign in with it now.').waitFor()
      expect(new URL(page.url()).search).toBe('') // the token left the address
      expect(await page.getByLabel('Email').inputValue()).toBe(`ana-${width}@acme.example`)
      await shot(page, `${size}-1-password-set`)

      await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await heading(page, 'Sessions').waitFor()
      await expect.poll(async () => await page.locator('#whoami').textContent()).toBe('acme · Ana Admin · Admin · Live')
      expect(await cookies(page)).toEqual(['partner_console'])
      expect(await overflows(page)).toBe(false)
      await shot(page, `${size}-2-signed-in`)

      // A reload keeps the session (the cookie), with no key anywhere in the page's storage.
      await page.reload()
      await heading(page, 'Sessions').waitFor()
      expect(await page.evaluate('sessionStorage.length')).toBe(0)

      await page.getByRole('button', { name: 'Sign out' }).click()
      await heading(page, 'Sign in').waitFor()
      expect(await cookies(page)).toEqual([])
      await page.reload()
      await heading(page, 'Sign in').waitFor()
      expect(problems).toEqual([])
      await context.close()
    }, 60_000)

    it(`${size}: says plainly when the password is wrong`, async () => {
      const { setupUrl } = await userWithLink(`bo-${width}@acme.example`, 'viewer', 'Bo')
      await app.ctx.users.setup(new URL(setupUrl).searchParams.get('token') as string, PASSWORD)
      const { context, page, problems } = await open(width)
      await signIn(page, `bo-${width}@acme.example`, 'not-the-password-at-all')
      await page.getByText('Wrong email or password.').waitFor()
      expect(await cookies(page)).toEqual([])
      expect(await overflows(page)).toBe(false)
      await shot(page, `${size}-3-wrong-password`)
      expect(problems).toEqual([])
      await context.close()
    }, 30_000)

    it(`${size}: "Sign in with SSO" goes through the provider and back, signed in with the role of the user's group`, async () => {
      idp.accounts.set(`sso-${width}`, { sub: `sso-${width}`, email: `cy-${width}@acme.example`, name: 'Cy Officer', groups: ['credit-officers'] })
      idp.signInAs(`sso-${width}`)
      const { context, page, problems } = await open(width)
      await page.goto(`${base}/console`)
      await heading(page, 'Sign in').waitFor()
      await shot(page, `${size}-4-sign-in-page`)
      await page.getByRole('link', { name: 'Sign in with SSO' }).click()
      await heading(page, 'Sessions').waitFor()
      await expect.poll(async () => await page.locator('#whoami').textContent()).toBe('acme · Cy Officer · Reviewer · Live')
      expect(await overflows(page)).toBe(false)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await heading(page, 'Sign in').waitFor()

      // Removed from the group at the provider: refused with a page that says why.
      idp.accounts.set(`sso-${width}`, { sub: `sso-${width}`, email: `cy-${width}@acme.example`, name: 'Cy Officer', groups: [] })
      await page.getByRole('link', { name: 'Sign in with SSO' }).click()
      await page.getByText('Your account is in no group that gives access to this console: ask your administrator').waitFor()
      expect(await overflows(page)).toBe(false)
      await shot(page, `${size}-5-sso-refused`)
      expect(problems.filter((p) => !p.includes('403'))).toEqual([])
      await context.close()
    }, 60_000)
  }

  it('a viewer reads the team\'s sessions and is offered no decision; a reviewer sees only their queue', async () => {
    const mine = await sessionIn(app, team.key, 'REVIEWING', { reviewerId: 'queue-dee' })
    const other = await sessionIn(app, team.key, 'REVIEWING')
    const viewer = await userWithLink('vi@acme.example', 'viewer', 'Vi Viewer')
    await app.ctx.users.setup(new URL(viewer.setupUrl).searchParams.get('token') as string, PASSWORD)
    const reviewer = await userWithLink('dee@acme.example', 'reviewer', 'Dee', 'queue-dee')
    await app.ctx.users.setup(new URL(reviewer.setupUrl).searchParams.get('token') as string, PASSWORD)

    const { context, page, problems } = await open(1280)
    await signIn(page, 'vi@acme.example')
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${other.session.id}`)
    await heading(page, new RegExp(`#${other.session.id}$`)).waitFor()
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0)
    await shot(page, 'desktop-6-viewer-session')
    await page.getByRole('button', { name: 'Sign out' }).click()

    await signIn(page, 'dee@acme.example')
    await heading(page, 'Sessions').waitFor()
    await page.goto(`${base}/console?session=${mine.session.id}`)
    await heading(page, new RegExp(`#${mine.session.id}$`)).waitFor()
    await page.getByRole('button', { name: 'Approve' }).waitFor()
    await page.goto(`${base}/console?session=${other.session.id}`)
    await page.getByText('This session does not exist, or it is not in your queue.').waitFor()
    expect(problems.filter((p) => !/404/.test(p))).toEqual([])
    await context.close()
  }, 60_000)
})
