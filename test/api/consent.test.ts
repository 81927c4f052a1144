import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { applicantSession, createKey, createSession, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from './helpers.js'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('consent: GET|POST /partner/verification/consent', () => {
  const t = useTestApp({ ...TEST_ENV, RETENTION_DAYS: '30' })
  let key: PartnerKey
  let other: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
    other = await createKey(t.app, 'globex')
    const res = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': key.key }, payload: { displayName: 'Acme Leasing' } })
    expect(res.statusCode).toBe(200)
  })

  const setRequireConsent = async (k: PartnerKey, requireConsent: boolean) => {
    const res = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': k.key }, payload: { requireConsent } })
    expect(res.statusCode).toBe(200)
  }
  const getText = async (sessionId: number, csrf: string, query = '', headers: Record<string, string> = {}) =>
    await t.app.inject({ url: `/partner/verification/consent?sessionId=${sessionId}${query}`, headers: { 'x-csrf-token': csrf, ...headers } })
  const answer = async (csrf: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    await t.app.inject({ method: 'POST', url: '/partner/verification/consent', headers: { 'x-csrf-token': csrf, 'user-agent': 'ConsentTest/1.0', ...headers }, payload })
  const select = async (sessionId: number, csrf: string) =>
    await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { sessionId, dataSourceIds: [1] } })
  const partnerView = async (sessionId: number, k = key) =>
    (await t.app.inject({ url: `/partner/session/${sessionId}`, headers: { 'x-api-key': k.key } })).json().data

  it('renders who asks, why, what each selectable source shares and how long it is kept, in the session\'s language, with the sha256 of the text', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key, { locale: 'es-MX', purpose: 'tenant_screening', allowedSources: [{ id: 1 }, { id: 2 }] })
    const res = await getText(session.id, csrf)
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data.locale).toBe('es')
    expect(data.version).toMatch(/^c1-[0-9a-f]{12}$/)
    expect(data.textHash).toBe(sha256(data.text))
    expect(data.acceptedAt).toBeNull()
    const lines = data.text.split('\n')
    expect(lines[0]).toBe('Acme Leasing le pide que verifique sus ingresos para la evaluación de inquilinos.')
    const sources = await t.app.ctx.sources.ofSession(session.id)
    expect(sources).toHaveLength(2)
    for (const s of sources) expect(lines.some((l: string) => l.startsWith(`• ${s.name}: `))).toBe(true)
    expect(data.text).toContain('ingresos mensuales')
    expect(data.text).toContain('30 días')
    // The locale asked for wins; then Accept-Language for a session without one.
    const fr = (await getText(session.id, csrf, '&locale=fr')).json().data
    expect(fr.locale).toBe('fr')
    expect(fr.text).toContain('Acme Leasing vous demande de vérifier vos revenus')
    expect(fr.textHash).toBe(sha256(fr.text))
    const plain = await applicantSession(t.app, key.key, { purpose: 'other', purposeText: 'Verificar un préstamo' })
    const pt = (await getText(plain.session.id, plain.csrf, '', { 'accept-language': 'de-DE, pt;q=0.8, en;q=0.5' })).json().data
    expect(pt.locale).toBe('pt-BR')
    expect(pt.text.split('\n')[0]).toBe('Acme Leasing pede que você comprove sua renda para Verificar un préstamo.')
    // No locale anywhere: the team's defaultLocale.
    expect((await getText(plain.session.id, plain.csrf)).json().data.locale).toBe('en')
    await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': key.key }, payload: { defaultLocale: 'es' } })
    try {
      expect((await getText(plain.session.id, plain.csrf)).json().data.locale).toBe('es')
    } finally {
      await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': key.key }, payload: { defaultLocale: 'en' } })
    }
  })

  it('accepting records version, textHash, locale, acceptedAt, ip and userAgent; the partner, the reviewer and the audit trail see it; the exchange says so', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key, { locale: 'es', purpose: 'credit' })
    const text = (await getText(session.id, csrf)).json().data
    const res = await answer(csrf, { sessionId: session.id, accepted: true, version: text.version })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toEqual({
      accepted: true,
      status: 'PENDING',
      statusReason: null,
      consent: { version: text.version, textHash: sha256(text.text), locale: 'es', acceptedAt: t.app.ctx.clock.iso() }
    })
    const view = await partnerView(session.id)
    expect(view.consent).toEqual({ version: text.version, textHash: text.textHash, locale: 'es', acceptedAt: expect.any(String), ip: '127.0.0.1', userAgent: 'ConsentTest/1.0' })
    expect(view.locale).toBe('es')
    expect(view.purpose).toBe('credit')
    const reviewer = (await t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': key.key } })).json().data
    expect(reviewer.consent.textHash).toBe(text.textHash)
    const entry = reviewer.auditTrail.find((a: any) => a.action === 'session.consent_accepted')
    expect(entry).toBeDefined()
    expect(JSON.parse(entry.detail)).toMatchObject({ version: text.version, textHash: text.textHash, locale: 'es' })
    const events = (await t.app.inject({ url: `/partner/events?sessionId=${session.id}`, headers: { 'x-api-key': key.key } })).json()
    expect(JSON.stringify(events)).toContain('session.consent_accepted')
    // Accepting again keeps the first record.
    const again = await answer(csrf, { sessionId: session.id, accepted: true, version: text.version, locale: 'fr' })
    expect(again.json().data.consent.locale).toBe('es')
    expect((await getText(session.id, csrf)).json().data.acceptedAt).toBe(view.consent.acceptedAt)
    const exchanged = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: session.verificationLink.token, sessionId: session.id } })
    expect(exchanged.json().data.session).toMatchObject({ locale: 'es', requester: 'Acme Leasing', requireConsent: false, consent: { version: text.version, locale: 'es' } })
  })

  it('declining ends the session as EXPIRED with statusReason consent_declined and its event', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key)
    const { version } = (await getText(session.id, csrf)).json().data
    const res = await answer(csrf, { sessionId: session.id, accepted: false, version })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toEqual({ accepted: false, status: 'EXPIRED', statusReason: 'consent_declined', consent: null })
    const view = await partnerView(session.id)
    expect(view).toMatchObject({ status: 'EXPIRED', statusReason: 'consent_declined', consent: null })
    const events = (await t.app.inject({ url: `/partner/events?sessionId=${session.id}`, headers: { 'x-api-key': key.key } })).json().data
    const expired = events.find((e: any) => e.type === 'session.expired')
    expect(expired).toBeDefined()
    expect(JSON.stringify(expired)).toContain('consent_declined')
    // The link now answers 410, as for any expired session.
    expect((await getText(session.id, csrf)).statusCode).toBe(410)
  })

  it('requireConsent: select-data-source answers 409 consent_required until the applicant accepts; off (the default) a guide client selects without it', async () => {
    const plain = await applicantSession(t.app, key.key)
    expect((await select(plain.session.id, plain.csrf)).statusCode).toBe(200)
    await setRequireConsent(key, true)
    try {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const refused = await expectNoChange(t.app.ctx.db, async () => await select(session.id, csrf))
      expectError(refused, 409, 'The applicant must accept the consent text first (POST /partner/verification/consent)', 'consent_required')
      const { version } = (await getText(session.id, csrf)).json().data
      expect((await answer(csrf, { sessionId: session.id, accepted: true, version })).statusCode).toBe(200)
      expect((await select(session.id, csrf)).statusCode).toBe(200)
    } finally {
      await setRequireConsent(key, false)
    }
  })

  it('refuses a stale version, another session\'s token, a final session, bad input; changes nothing', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key)
    const mine = await applicantSession(t.app, other.key)
    const stale = await expectNoChange(t.app.ctx.db, async () => await answer(csrf, { sessionId: session.id, accepted: true, version: 'c1-000000000000' }))
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('consent_version_mismatch')
    const { version } = (await getText(session.id, csrf)).json().data
    const foreign = await expectNoChange(t.app.ctx.db, async () => await answer(mine.csrf, { sessionId: session.id, accepted: true, version }))
    expect(foreign.statusCode).toBe(403)
    expect((await getText(session.id, mine.csrf)).statusCode).toBe(403)
    for (const payload of [{}, { sessionId: session.id, accepted: 'yes', version }, { sessionId: session.id, accepted: true }, { sessionId: session.id, accepted: true, version, extra: 1 }, { sessionId: session.id, accepted: true, version, locale: '<script>' }]) {
      const res = await expectNoChange(t.app.ctx.db, async () => await answer(csrf, payload))
      expect(res.statusCode).toBe(400)
    }
    expect((await getText(session.id, csrf, '&locale=%00')).statusCode).toBe(400)
    expect((await t.app.inject({ url: `/partner/verification/consent?sessionId=${session.id}` })).statusCode).toBe(401)
    await moveSessionTo(t.app, session.id, 'REVIEWING')
    const late = await expectNoChange(t.app.ctx.db, async () => await answer(csrf, { sessionId: session.id, accepted: false, version }))
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('session_status_conflict')
  })

  it('redaction keeps the consent record as the legal record, without the IP', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key, { applicantFirstName: 'Ana' })
    const { version, textHash } = (await getText(session.id, csrf)).json().data
    await answer(csrf, { sessionId: session.id, accepted: true, version })
    await moveSessionTo(t.app, session.id, 'COMPLETED')
    const res = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/redact`, headers: { 'x-api-key': key.key } })
    expect(res.statusCode).toBe(200)
    const view = await partnerView(session.id)
    expect(view.applicantFirstName).toBeNull()
    expect(view.consent).toEqual({ version, textHash, locale: 'en', acceptedAt: expect.any(String), userAgent: 'ConsentTest/1.0' })
  })

  it('params.locale must be a supported language and purpose other needs purposeText; the partner sees what was asked', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: new Date(Date.now() + 864e5).toISOString(), locale: 'de' } } })
    expectError(bad, 400, 'params.locale must name one of the supported languages (en, es, fr, pt-BR), got "de"', 'validation_failed')
    const noText = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: new Date(Date.now() + 864e5).toISOString(), purpose: 'other' } } })
    expect(noText.statusCode).toBe(400)
    const s = await createSession(t.app, key.key, { locale: 'PT-br', purpose: 'employment', purposeText: ' Hiring ' })
    expect(s).toMatchObject({ locale: 'pt-BR', purpose: 'employment', purposeText: 'Hiring', consent: null })
  })
})
