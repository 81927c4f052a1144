import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { catalogs } from '../../src/lib/i18n.js'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import type { App } from '../../src/types.js'
import { MailServer } from '../delivery/support.js'
import type { Db } from '../../src/db/database.js'
import { CHROMIUM, callApi, signInWithKey, useBrowserApp } from './support.js'

/**
 * The hosted page's languages and the consent, in Debian's headless Chromium: a Spanish applicant on
 * a 375 px phone from the email a real SMTP server received (smtp-server, the message parsed: its
 * headers and both parts), through the consent to a verified sandbox step, with the consent
 * recorded (its hash is the hash of the text the page showed); the language's order (the session's,
 * ?lang=, the browser's, the switcher's kept choice); declining; and no screen showing a raw key.
 */

const SCREENS = new URL('../../test-results/i18n/', import.meta.url)
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'
const PAYPAL = 1
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the applicant page\'s languages and consent in Chromium', () => {
  const mail = new MailServer()
  const suite = useBrowserApp({
    mail,
    env: {
      RECLAIM_ATTESTORS: generateAttestor().address,
      SANDBOX_ATTESTOR_KEY: generateAttestor().privateKey,
      RETENTION_DAYS: '30',
      MAIL_FROM: 'Acme Verify <verify@acme.example>',
      DELIVERY_DISPATCH_INTERVAL_S: '3600' // the test sends when it wants to
    }
  })
  let app: App
  let base: string
  let testKey: string
  let liveKey: string
  let browser: Browser
  let keys: string[]
  let db: Db

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    ;({ app, db, base, browser } = suite)
    testKey = (await app.ctx.keys.create({ team: 'acme', test: true })).key
    liveKey = (await app.ctx.keys.create({ team: 'acme' })).key
    const patched = await callApi(base, 'PATCH', '/partner/settings', { displayName: 'Acme Leasing' }, { 'x-api-key': liveKey })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    keys = Object.keys((await catalogs()).CATALOGS.en)
  })

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => await callApi(base, method, path, body, headers)

  async function createSession (key: string, params: Record<string, unknown>) {
    const res = await api('POST', '/partner/session', { params: { expiryDate: new Date(Date.now() + 3600_000).toISOString(), applicantFirstName: 'Ada', allowedSources: [{ id: PAYPAL }], ...params } }, { 'x-api-key': key })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.data as { id: number, verificationLink: { manualVerificationLink: string } }
  }

  async function newPage (options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PHONE_UA, locale: 'en-US', ...options })
    await context.route((url) => url.origin !== base, async (route) => { await route.abort() })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return
      problems.push(`console: ${msg.text()}`)
    })
    return { context, page, problems }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const shot = async (page: Page, name: string) => { await page.screenshot({ path: new URL(`${name}.png`, SCREENS).pathname, fullPage: true }) }
  const fitsWidth = async (page: Page) => await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')
  /** Catalog keys showing on the page (text, titles, labels, placeholders): none may. */
  async function rawKeys (page: Page): Promise<string[]> {
    const shown = await page.evaluate(`(() => {
      const parts = [document.body.innerText, document.title]
      for (const el of document.querySelectorAll('[aria-label], [placeholder]')) parts.push(el.getAttribute('aria-label') || '', el.getAttribute('placeholder') || '')
      return parts.join('\\n')
    })()`) as string
    return keys.filter((k) => shown.includes(k))
  }

  /** Texts of the English catalog (those another language writes differently) showing on the page: none may in Spanish. */
  async function englishShown (page: Page): Promise<string[]> {
    const { CATALOGS } = await catalogs()
    const shown = await page.evaluate('document.body.innerText') as string
    return Object.entries(CATALOGS.en)
      .filter(([key, text]) => !text.includes('{') && text.length >= 8 && CATALOGS.es[key] !== text && shown.includes(text))
      .map(([key, text]) => `${key}: …${shown.slice(Math.max(0, shown.indexOf(text) - 80), shown.indexOf(text) + 40)}…`)
  }

  it('takes a Spanish applicant at 375 px from the emailed link through the consent to a verified sandbox step, the consent recorded with the hash of the text shown', async () => {
    const session = await createSession(testKey, { purpose: 'tenant_screening', applicantEmail: 'ada@example.com', delivery: { channels: ['email'], locale: 'es' } })
    const before = mail.received.length
    expect(await app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1, failed: 0 })
    expect(mail.received.length).toBe(before + 1)

    // The message as the SMTP server received it: the envelope, the headers, both parts, in Spanish.
    const m = mail.received[mail.received.length - 1]
    expect(m.to).toEqual(['ada@example.com'])
    expect(m.from).toBe('verify@acme.example')
    expect(m.parsed.subject).toBe('Acme Leasing le pide verificar su información')
    expect(m.parsed.from?.value).toEqual([{ name: 'Acme Verify', address: 'verify@acme.example' }])
    expect(m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.value.map((a) => a.address) : []).toEqual(['ada@example.com'])
    expect(m.parsed.messageId).toMatch(/^<.+@.+>$/)
    expect(m.raw).toMatch(/^Content-Type: multipart\/alternative/im)
    expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
    const text = m.parsed.text ?? ''
    const html = typeof m.parsed.html === 'string' ? m.parsed.html : ''
    expect(text).toContain('Hola, Ada:')
    expect(text).toContain('Acme Leasing le pide verificar parte de su información mediante un enlace seguro.')
    expect(text).toMatch(/El enlace funciona hasta el \d{1,2} de [a-z]+ de \d{4}/)
    expect(html).toContain('<html lang="es">')
    // The link from the HTML part: the button's href, the one the text part gives too.
    const button = /<a href="([^"]+)"[^>]*>Comenzar la verificación<\/a>/.exec(html)
    expect(button, html).not.toBeNull()
    const link = (button as RegExpExecArray)[1].replace(/&amp;/g, '&')
    expect(link).toBe(`${session.verificationLink.manualVerificationLink}&c=e`)
    expect(text).toContain(`Comenzar la verificación: ${link}`)
    expect((await api('GET', `/partner/session/${session.id}`, undefined, { 'x-api-key': testKey })).body.data.deliveries).toMatchObject([{ channel: 'email', to: 'a***@example.com', status: 'sent', transport: 'smtp' }])

    const { context, page, problems } = await newPage({ locale: 'es-ES' })
    await page.goto(link)
    await heading(page, 'Hola, Ada').waitFor()
    expect(await page.evaluate('document.documentElement.lang')).toBe('es')
    expect(await page.title()).toBe('Verifique sus ingresos (modo de prueba)')
    const consent = page.locator('#consent-text')
    await expect.poll(async () => await consent.textContent()).toContain('Acme Leasing le pide que verifique sus ingresos para la evaluación de inquilinos.')
    const shown = await consent.textContent() ?? ''
    expect(shown).toContain('• PayPal: ingresos mensuales, moneda y nombre del titular de la cuenta.')
    expect(shown).toContain('Acme Leasing conserva estos datos durante 30 días')
    expect(await page.locator('#lang-select').inputValue()).toBe('es')
    expect(await rawKeys(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, 'es-1-consent')

    expect(await englishShown(page)).toEqual([])
    await page.getByRole('button', { name: 'Acepto y continúo' }).click()
    await heading(page, 'Elija sus fuentes').waitFor()
    await page.getByText('1 fuente disponible').waitFor()
    expect(await englishShown(page)).toEqual([])
    await page.getByRole('checkbox', { name: /^PayPal/ }).check()
    expect(await rawKeys(page)).toEqual([])
    await shot(page, 'es-2-sources')
    await page.getByRole('button', { name: 'Continuar con 1 fuente' }).click()
    await heading(page, 'Verifique cada fuente').waitFor()
    const card = page.locator('li.step', { has: page.getByRole('heading', { name: 'PayPal' }) })
    expect(await card.locator('.badge').textContent()).toBe('Sin comenzar')
    expect(await card.locator('.step-share p').allInnerTexts()).toEqual(['Compartirá: ingresos mensuales, moneda y nombre del titular de la cuenta.', 'Iniciará sesión en www.paypal.com'])
    expect(await page.locator('#steps-summary').textContent()).toBe('0 de 1 fuente verificada')
    expect(await rawKeys(page)).toEqual([])
    expect(await englishShown(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, 'es-3-steps')

    await page.getByRole('button', { name: 'Simular una verificación correcta de PayPal' }).click()
    await heading(page, 'En revisión').waitFor({ timeout: 15_000 })
    expect(await page.getByText('Gracias, Ada.').isVisible()).toBe(true)
    expect(await rawKeys(page)).toEqual([])
    expect(await englishShown(page)).toEqual([])
    await shot(page, 'es-4-review')

    // Recorded: the hash of exactly the text the page showed, in Spanish, from this browser; the partner and the reviewer see it.
    const view = (await api('GET', `/partner/session/${session.id}`, undefined, { 'x-api-key': testKey })).body.data
    expect(view).toMatchObject({ status: 'REVIEWING', locale: 'es', steps: [{ status: 'VERIFIED' }] })
    // Opened from the email: the message's status, and the event with its channel.
    expect(view.deliveries).toMatchObject([{ channel: 'email', status: 'opened', transport: 'smtp' }])
    const opened = await db.kysely.selectFrom('events').select(['payload']).where('sessionId', '=', session.id).where('type', '=', 'session.opened').execute()
    expect(opened.map((e) => JSON.parse(e.payload).channel)).toEqual(['email'])
    expect(view.consent).toMatchObject({ textHash: sha256(shown), locale: 'es', userAgent: PHONE_UA, ip: '127.0.0.1', version: expect.stringMatching(/^c1-/) })
    const reviewer = (await api('GET', `/partner/reviewer/sessions/${session.id}`, undefined, { 'x-api-key': testKey })).body.data
    expect(reviewer.consent.textHash).toBe(sha256(shown))
    expect(reviewer.auditTrail.map((a: any) => a.action)).toContain('session.consent_accepted')
    expect(problems).toEqual([])
    await context.close()

    // The reviewers' console shows the record and the audit trail's entry.
    const desk = await newPage({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, userAgent: undefined })
    await signInWithKey(desk.page, base, testKey)
    await heading(desk.page, 'Sessions').waitFor()
    await desk.page.goto(`${base}/console?session=${session.id}`)
    const record = desk.page.locator('.consent-record')
    await record.waitFor()
    expect(await record.innerText()).toContain(`in es, version ${view.consent.version}, text sha256 ${sha256(shown).slice(0, 12)}…`)
    expect(await record.getAttribute('title')).toBe(`text sha256 ${sha256(shown)}`)
    expect(await desk.page.locator('#audit').innerText()).toMatch(/consent/i)
    await shot(desk.page, 'console-consent')
    expect(desk.problems).toEqual([])
    await desk.context.close()
  }, 90_000)

  it('picks ?lang= over the browser\'s language, the browser\'s without it, and keeps the switcher\'s choice across a reload', async () => {
    const session = await createSession(liveKey, {})
    const { context, page, problems } = await newPage({ locale: 'fr-FR' })
    await page.goto(session.verificationLink.manualVerificationLink)
    await heading(page, 'Bonjour Ada').waitFor()
    await expect.poll(async () => await page.locator('#consent-text').textContent()).toContain('Acme Leasing vous demande de vérifier vos revenus')
    expect(await rawKeys(page)).toEqual([])
    await context.close()

    const other = await createSession(liveKey, {})
    const second = await newPage({ locale: 'fr-FR' })
    await second.page.goto(`${other.verificationLink.manualVerificationLink}&lang=pt-BR`)
    await heading(second.page, 'Olá, Ada').waitFor()
    await expect.poll(async () => await second.page.locator('#consent-text').textContent()).toContain('Acme Leasing pede que você comprove sua renda')
    expect(await second.page.getByRole('button', { name: 'Concordo e continuo' }).isVisible()).toBe(true)
    // The switcher: everything drawn again in the chosen language, the consent text read again in it.
    await second.page.getByLabel('Idioma').selectOption('es')
    await heading(second.page, 'Hola, Ada').waitFor()
    await expect.poll(async () => await second.page.locator('#consent-text').textContent()).toContain('Acme Leasing le pide que verifique sus ingresos')
    expect(await second.page.locator('#consent-text').getAttribute('lang')).toBe('es')
    expect(second.page.url()).toContain('lang=es')
    expect(await rawKeys(second.page)).toEqual([])
    await shot(second.page, 'switcher-es')
    await second.page.reload()
    await heading(second.page, 'Hola, Ada').waitFor()
    // Accepting records the language of the text shown.
    await expect.poll(async () => await second.page.locator('#consent-text').textContent()).toContain('Acme Leasing le pide')
    await second.page.getByRole('button', { name: 'Acepto y continúo' }).click()
    await heading(second.page, 'Elija sus fuentes').waitFor()
    expect((await api('GET', `/partner/session/${other.id}`, undefined, { 'x-api-key': liveKey })).body.data.consent.locale).toBe('es')
    // Back to the welcome screen: the consent is shown as given.
    await second.page.getByRole('button', { name: 'Atrás' }).click()
    await second.page.getByText(/^Dio su consentimiento el /).waitFor()
    expect(await second.page.getByRole('button', { name: 'No acepto' }).isVisible()).toBe(false)
    expect(problems.concat(second.problems)).toEqual([])
    await second.context.close()
  }, 90_000)

  it('speaks the link\'s ?lang= before any session is known: the broken-link screen in French, Portuguese after a switch', async () => {
    const { context, page, problems } = await newPage()
    await page.goto(`${base}/partner/verification/verify?sessionId=12345&lang=fr`)
    await heading(page, 'Ce lien ne fonctionne pas').waitFor()
    expect(await page.getByText('Le lien de vérification est incomplet : son jeton manque.').isVisible()).toBe(true)
    expect(await page.title()).toBe('Le lien ne fonctionne pas')
    expect(await rawKeys(page)).toEqual([])
    await page.getByLabel('Langue').selectOption('pt-BR')
    await heading(page, 'Este link não funciona').waitFor()
    expect(await page.getByText('O link de verificação está incompleto: falta o código.').isVisible()).toBe(true)
    expect(await page.evaluate('document.documentElement.lang')).toBe('pt-BR')
    expect(await rawKeys(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('a consent answered for an older wording is refused: the page says so in Spanish and shows the current text to agree to', async () => {
    const session = await createSession(liveKey, { locale: 'es' })
    const { context, page, problems } = await newPage()
    // The first text read claims an older version, as if the wording changed while the page was open.
    let stale = true
    await page.route((url) => url.pathname === '/partner/verification/consent', async (route) => {
      if (route.request().method() !== 'GET' || !stale) { await route.fallback(); return }
      stale = false
      const res = await route.fetch()
      const body = await res.json()
      body.data.version = 'c1-000000000000'
      await route.fulfill({ response: res, json: body })
    })
    await page.goto(session.verificationLink.manualVerificationLink)
    await heading(page, 'Hola, Ada').waitFor()
    await expect.poll(async () => await page.locator('#consent-text').textContent()).toContain('Acme Leasing le pide')
    await page.getByRole('button', { name: 'Acepto y continúo' }).click()
    await expect.poll(async () => await page.locator('#consent-error').textContent()).toBe('El texto de consentimiento ha cambiado. Léalo de nuevo.')
    expect((await api('GET', `/partner/session/${session.id}`, undefined, { 'x-api-key': liveKey })).body.data.consent).toBeNull()
    await page.getByRole('button', { name: 'Acepto y continúo' }).click()
    await heading(page, 'Elija sus fuentes').waitFor()
    expect((await api('GET', `/partner/session/${session.id}`, undefined, { 'x-api-key': liveKey })).body.data.consent).toMatchObject({ locale: 'es', version: expect.stringMatching(/^c1-(?!000000000000)/) })
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('declining ends the verification: the expired screen says why, the session is EXPIRED consent_declined', async () => {
    const session = await createSession(liveKey, {})
    const { context, page, problems } = await newPage()
    await page.goto(session.verificationLink.manualVerificationLink)
    await heading(page, 'Hi Ada').waitFor()
    await expect.poll(async () => await page.locator('#consent-text').textContent()).toContain('Acme Leasing asks you to verify your income for its review of your application.')
    await page.getByRole('button', { name: 'I do not agree' }).click()
    await heading(page, 'This verification has expired').waitFor()
    expect(await page.getByText('You did not give your consent, so this verification has ended. Nothing was shared.').isVisible()).toBe(true)
    expect(await rawKeys(page)).toEqual([])
    await shot(page, 'declined')
    const view = (await api('GET', `/partner/session/${session.id}`, undefined, { 'x-api-key': liveKey })).body.data
    expect(view).toMatchObject({ status: 'EXPIRED', statusReason: 'consent_declined', consent: null })
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)
})
