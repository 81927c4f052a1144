import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { codeAt } from '../../src/modules/users/totp.js'
import type { App } from '../../src/types.js'
import { TestClock } from '../support/harness.js'
import { CHROMIUM, useBrowserApp } from './support.js'

/**
 * Two-step sign-in in Debian's headless Chromium, at a phone's width (375 px) and a desktop's
 * (1280 px): a user turns it on from the Account page (with their password, a wrong one refused
 * first; scans the QR code: here, the test decodes nothing and reads the key shown as text, as a
 * user without a camera would), signs out, is asked for a code at the next sign-in, and turns it
 * off again with their password and a code. The service runs on a test clock, so
 * the codes of the test and the service agree to the step.
 */

const SCREENS = new URL('../../test-results/console-totp/', import.meta.url)
const PASSWORD = 'orchid-tunnel-basalt-77'
// Refusals these tests cause on purpose (GET /console/session before signing in, a wrong password, the code asked for).
const EXPECTED_LOADS = /Failed to load resource: the server responded with a status of (401|403|422)/

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('two-step sign-in in Chromium', () => {
  const clock = new TestClock()
  const suite = useBrowserApp({ clock })
  let app: App
  let base: string
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, base, browser } = suite)
  })

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  const overflows = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth') as boolean

  for (const width of [375, 1280]) {
    const size = width < 600 ? 'phone' : 'desktop'

    it(`${size}: turns two-step sign-in on, is asked for a code at sign-in, and turns it off`, async () => {
      const email = `tia-${width}@acme.example`
      const { setupUrl } = await app.ctx.users.createInTeam('acme', { email, role: 'reviewer', name: 'Tia' })
      await app.ctx.users.setup(new URL(setupUrl).searchParams.get('token') as string, PASSWORD)

      const context = await browser.newContext({ viewport: { width, height: 800 } })
      context.setDefaultTimeout(10_000)
      await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
      page.on('console', (msg) => { if (msg.type() === 'error' && !EXPECTED_LOADS.test(msg.text())) problems.push(`console: ${msg.text()}`) })

      const signIn = async () => {
        await page.getByLabel('Email').fill(email)
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
        await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      }
      await page.goto(`${base}/console`)
      await heading(page, 'Sign in').waitFor()
      await signIn()
      await heading(page, 'Sessions').waitFor()

      await page.getByRole('link', { name: 'Account' }).click()
      await heading(page, 'Account').waitFor()
      await page.getByText('Off: signing in takes your password only.').waitFor()
      const startForm = page.locator('#totp-off')
      // Without the password nothing is sent; a wrong one is refused, and the user stays signed in.
      await startForm.getByRole('button', { name: 'Set up an authenticator app' }).click()
      await page.getByText('Enter your current password.').waitFor()
      await startForm.getByLabel('Your current password').fill('not-the-password-9')
      await startForm.getByRole('button', { name: 'Set up an authenticator app' }).click()
      await page.getByText('That password is not right.').waitFor()
      await heading(page, 'Account').waitFor()
      await startForm.getByLabel('Your current password').fill(PASSWORD)
      await startForm.getByRole('button', { name: 'Set up an authenticator app' }).click()
      const qr = page.getByRole('img', { name: 'QR code of the authenticator secret' })
      await qr.waitFor()
      expect(await qr.evaluate((img) => (img as unknown as { complete: boolean, naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true)
      const secret = (await page.locator('#totp-secret').textContent() ?? '').replace(/\s/g, '')
      expect(secret).toMatch(/^[A-Z2-7]{32}$/)
      expect(await overflows(page)).toBe(false)
      await shot(page, `${size}-1-enroll`)

      await page.getByLabel('The 6-digit code the app shows now').fill(codeAt(secret, clock.ms()) === '000000' ? '111111' : '000000')
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
      await page.getByText('That code is not right').waitFor()
      await page.getByLabel('The 6-digit code the app shows now').fill(codeAt(secret, clock.ms()))
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
      await page.getByText('On: signing in takes your password and a code from your authenticator app.').waitFor()
      expect(await page.locator('#totp-qr').getAttribute('src')).toBeNull() // the secret left the page
      expect(await startForm.getByLabel('Your current password').inputValue()).toBe('') // and so did the password
      await shot(page, `${size}-2-on`)

      await page.getByRole('button', { name: 'Sign out' }).click()
      await heading(page, 'Sign in').waitFor()
      clock.advance(30)
      await signIn()
      const codeField = page.getByLabel('Code from your authenticator app')
      await codeField.waitFor()
      await page.getByText('Two-step sign-in is on for this account').waitFor()
      expect(await codeField.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true)
      expect(await overflows(page)).toBe(false)
      await shot(page, `${size}-3-code-asked`)
      await codeField.fill(codeAt(secret, clock.ms()))
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      // Signed in, back on the page the address names (the Account page, where the user signed out).
      await heading(page, 'Account').waitFor()
      await expect.poll(async () => await page.locator('#whoami').textContent()).toBe('acme · Tia · Reviewer · Live')

      clock.advance(30)
      const offForm = page.locator('#totp-on')
      await offForm.getByLabel('To turn it off, enter a current code from your app').fill(codeAt(secret, clock.ms()))
      await offForm.getByRole('button', { name: 'Turn off two-step sign-in' }).click()
      await page.getByText('Enter your current password.').waitFor()
      await offForm.getByLabel('Your current password').fill(PASSWORD)
      await offForm.getByRole('button', { name: 'Turn off two-step sign-in' }).click()
      await page.getByText('Off: signing in takes your password only.').waitFor()
      expect((await app.ctx.repos.users.findByEmailInTeam((await app.ctx.repos.users.teamByName('acme'))!.id, email))?.totpEnabledAt).toBeNull()
      expect(problems).toEqual([])
      await context.close()
    }, 60_000)
  }
})
