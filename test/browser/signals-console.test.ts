import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import { INCOME, PARAMETERS, PROVIDER_HASH, TEST_HOST } from '../reclaim/support.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

// Issue 21 in the console: a session's signals, each with its sentence, and a re-verification's
// facts beside the previous values, at 375 px and 1280 px without sideways scrolling.
const PAYPAL = 1

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('signals and re-verification in the console', () => {
  const attestor = generateAttestor()
  const suite = useBrowserApp({
    env: { RECLAIM_ATTESTORS: attestor.address },
    prepare: async (_app, db) => {
      await db.kysely.updateTable('sources')
        .set({ proofHosts: JSON.stringify([TEST_HOST]), proofParameters: JSON.stringify(['accountHolder', 'currency', 'monthlyIncome']), providerHashes: '[]', proofPaths: '[]', proofExtraction: '{}' })
        .where('id', '=', PAYPAL).execute()
    }
  })
  let base: string
  let team: PartnerKey
  let browser: Browser

  beforeAll(async () => {
    ;({ base, browser } = suite)
    team = await createKey(suite.app, 'acme')
  })

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => await callApi(base, method, path, body, headers)
  const reviewed = async (id: number) => (await api('GET', `/partner/reviewer/sessions/${id}`, undefined, { 'x-api-key': team.key })).body.data

  /** The applicant of `session` proves PayPal with `extracted`, over the API and the callback. */
  async function prove (session: { id: number, verificationLink: { token: string } }, extracted: Record<string, string>) {
    const csrf = (await api('POST', '/partner/verification/verify', { token: session.verificationLink.token, sessionId: session.id })).body.data.csrfToken as string
    const h = { 'x-csrf-token': csrf }
    expect((await api('POST', '/partner/step/select-data-source', { dataSourceIds: [PAYPAL], sessionId: session.id }, h)).status).toBe(200)
    const stepId = (await api('GET', `/partner/steps/session/${session.id}`, undefined, h)).body.data.steps[0].id as number
    const { formData } = (await api('POST', '/partner/step/initiate', { stepId }, h)).body.data
    const proof = signClaim({
      parameters: PARAMETERS,
      timestampS: Math.floor(Date.now() / 1000),
      context: { ...JSON.parse(formData.context), extractedParameters: extracted, providerHash: PROVIDER_HASH, reclaimSessionId: formData.sessionId }
    }, [attestor.privateKey])
    const posted = await fetch(formData.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(proof) })
    expect(posted.status).toBe(200)
    expect((await reviewed(session.id)).status).toBe('REVIEWING')
  }

  const scrollWidth = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth') as number

  it('shows each signal with its sentence, and the re-verification\'s changes, at 375 px and 1280 px', async () => {
    const created = await api('POST', '/partner/session', { params: { expiryDate: new Date(Date.now() + 3600_000).toISOString(), applicantFirstName: 'Robert', applicantLastName: 'Smith', allowedSources: [{ id: PAYPAL }] } }, { 'x-api-key': team.key })
    const parent = created.body.data
    await prove(parent, { ...INCOME, accountHolder: 'Quentin Zaragoza' })
    const again = await api('POST', `/partner/session/${parent.id}/reverify`, { expiryDate: new Date(Date.now() + 3600_000).toISOString() }, { 'x-api-key': team.key })
    expect(again.status).toBe(201)
    const child = again.body.data
    await prove(child, { ...INCOME, monthlyIncome: '4950.00', accountHolder: 'Bob Smith' })

    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (err) => errors.push(err.message))
      // Signed in at the re-verification's address: the console opens it.
      await signInWithKey(page, base, team.key, `/console?session=${child.id}`)
      const rows = page.locator('#comparison li')
      await rows.first().waitFor()
      const all = (await rows.allInnerTexts()).join('\n')
      expect(all).toContain('-8.3%')
      expect(all).toMatch(/5400\.00 → 4950\.00/)
      expect(await page.locator('#signals-card').isHidden()).toBe(true)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width)

      // Its parent, by the link the applicant panel shows.
      await page.getByRole('link', { name: `Session #${parent.id}` }).click()
      const signals = page.locator('#signals li')
      await signals.first().waitFor()
      expect(await signals.count()).toBe(1)
      const text = await signals.first().innerText()
      expect(text).toContain('Name mismatch')
      expect(text).toMatch(/account holder's name on PayPal matches the applicant's name at \d+ of 100 \(below 70\)/)
      expect(await page.locator('#comparison-card').isHidden()).toBe(true)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width)
      await page.screenshot({ path: `test-results/console/signals-${width}.png`, fullPage: true })
      expect(errors).toEqual([])
      await context.close()
    }
  }, 60_000)
})
