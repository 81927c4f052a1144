import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

/**
 * The console's Outbox page in Chromium, at a phone's 375 px and a desktop's 1280 px: the messages an
 * instance without SMTP_URL / SMS_WEBHOOK_URL kept, with what they say; a reviewer's key is told it
 * may not read them.
 */
const SCREENS = new URL('../../test-results/console/', import.meta.url)

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the console\'s Outbox page', () => {
  const suite = useBrowserApp()
  let app: App
  let db: Db
  let base: string
  let team: PartnerKey
  let reviewer: PartnerKey
  let browser: Browser
  let sessionId: number
  let link: string

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, db, base, browser } = suite)
    team = await createKey(app, 'acme-outbox')
    reviewer = await createKey(app, 'acme-outbox', { reviewerId: 'rev-1' })
    const res = await callApi(base, 'POST', '/partner/session', {
      params: {
        expiryDate: new Date(Date.now() + 86400_000).toISOString(),
        applicantEmail: 'applicant@example.com',
        applicantPhone: '+15551230000',
        applicantFirstName: 'Ana',
        instructions: 'Please verify your monthly income.',
        delivery: { channels: ['email', 'sms'], locale: 'es' }
      }
    }, { 'x-api-key': team.key })
    expect(res.status).toBe(201)
    expect(res.body.data.delivery).toBe('outbox')
    sessionId = res.body.data.id
    link = res.body.data.verificationLink.manualVerificationLink
    await app.ctx.delivery.dispatchDue() // the background job's work, done by hand
  })

  async function signedIn (width: number, key: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await signInWithKey(page, base, key)
    await page.getByRole('link', { name: 'Outbox' }).click()
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor()
    return page
  }

  for (const width of [375, 1280]) {
    it(`shows the kept email and SMS with their text at ${width} px, without sideways scrolling`, async () => {
      const page = await signedIn(width, team.key)
      const items = page.locator('#outbox-list > li')
      await items.first().waitFor()
      expect(await items.count()).toBe(2)
      expect(new URL(page.url()).search).toBe('?view=outbox')
      const email = items.filter({ hasText: 'Email' }).first()
      await expect_(email, 'acme-outbox le pide verificar su información')
      await expect_(email, 'To applicant@example.com')
      await expect_(email, 'Please verify your monthly income.')
      await expect_(email, `${link}&c=e`)
      const sms = items.filter({ hasText: '+15551230000' }).first()
      await expect_(sms, `${link}&c=s`)
      await email.getByText('HTML part').click()
      expect(await email.locator('details pre').textContent()).toContain('<html lang="es">')
      expect(await page.evaluate('document.documentElement.scrollWidth') as number).toBeLessThanOrEqual(width)
      await page.screenshot({ path: new URL(`outbox-${width}.png`, SCREENS).pathname, fullPage: true })
      expect(sessionId).toBeGreaterThan(0)
      await page.context().close()
    })
  }

  it('the emailed link opens the hosted page, and the session is opened from the email', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    const page = await context.newPage()
    await page.goto(`${link}&c=e`)
    const opened = async () => await db.kysely.selectFrom('events').select('payload').where('sessionId', '=', sessionId).where('type', '=', 'session.opened').execute()
    for (let i = 0; i < 50 && (await opened()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await opened()).map((e) => JSON.parse(e.payload).channel)).toEqual(['email'])
    expect(new URL(page.url()).searchParams.has('token')).toBe(false) // the page took the token out of the address
    await context.close()
  })

  it('tells a reviewer\'s key the outbox is the team\'s', async () => {
    const page = await signedIn(1280, reviewer.key)
    await page.getByRole('alert').filter({ hasText: 'The outbox is read with the team\'s API key; this key is a reviewer\'s.' }).waitFor()
    expect(await page.locator('#outbox-list > li').count()).toBe(0)
    await page.context().close()
  })
})

async function expect_ (item: ReturnType<Page['locator']>, text: string): Promise<void> {
  expect(await item.textContent(), text).toContain(text)
}
