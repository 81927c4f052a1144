import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CATALOG } from '../../src/app.js'
import { useTestApp } from '../support/harness.js'
import { applicantSession, createKey, createSession, exchange, futureIso, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from './helpers.js'

const PUBLIC_BASE_URL = 'https://verify.acme.test'

interface CatalogEntry { name: string, description: string, sourceName: string, logoUrl: string, category: string, providerId: string, verificationTypeIds?: number[], loginFlow?: unknown, enabled?: boolean }
const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8')) as CatalogEntry[]
const enabledIds = catalog.map((c, i) => ({ c, id: i + 1 })).filter(({ c }) => c.enabled !== false).map(({ id }) => id)

describe('sources, data source selection and steps', () => {
  const t = useTestApp({ ...TEST_ENV, PUBLIC_BASE_URL })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const get = async (url: string, csrf: string) => await t.app.inject({ url, headers: { 'x-csrf-token': csrf } })
  const select = async (csrf: string, payload: unknown) =>
    await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: payload as any })
  const sessionRow = async (id: number) => await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  describe('GET /partner/sources/session/:sessionId', () => {
    it('lists the session\'s allowed sources in the guide\'s shape, logo URLs absolute', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key, { allowedSources: [{ id: 1, name: 'PayPal' }, { id: 5, name: 'Payoneer' }] })
      const res = await get(`/partner/sources/session/${session.id}`, csrf)
      expect(res.statusCode).toBe(200)
      const paypal = catalog[0]
      expect(res.json().map((s: any) => s.id)).toEqual([1, 5])
      expect(res.json()[0]).toEqual({
        id: 1,
        name: 'PayPal',
        description: paypal.description,
        sourceName: 'PayPal',
        logoUrl: `${PUBLIC_BASE_URL}/assets/logos/paypal.svg`,
        category: 'payments',
        providerId: paypal.providerId,
        verificationTypeIds: paypal.verificationTypeIds,
        loginFlow: paypal.loginFlow,
        enabled: true,
        proofRequirements: { hosts: ['www.paypal.com'], providerHashes: [], parameters: ['monthlyIncome', 'currency', 'accountHolder'], paths: ['/myaccount/*'], extraction: {} }
      })
    })

    it('lists every enabled source when the session set none, each logo URL absolute', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const res = await get(`/partner/sources/session/${session.id}`, csrf)
      expect(res.statusCode).toBe(200)
      expect(res.json().map((s: any) => s.id)).toEqual(enabledIds)
      for (const s of res.json()) expect(s.logoUrl).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/assets/logos/[a-z0-9-]+\\.svg$`))
    })

    it('403 for another session\'s id, and changes nothing', async () => {
      const { csrf } = await applicantSession(t.app, key.key)
      const other = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await get(`/partner/sources/session/${other.id}`, csrf))
      expectError(res, 403, 'CSRF token does not belong to this session')
    })

    it('400 for a session id that is not a number', async () => {
      const { csrf } = await applicantSession(t.app, key.key)
      expectError(await get('/partner/sources/session/abc', csrf), 400, 'params.sessionId must be an integer')
    })
  })

  describe('GET /partner/sources/search', () => {
    const search = async (csrf: string, query: string) => await get(`/partner/sources/search?${query}`, csrf)
    let csrf: string
    beforeAll(async () => { csrf = (await applicantSession(t.app, key.key)).csrf })

    it('ranks name matches first: "pay" gives PayPal, Payoneer and Paychex before category and description matches', async () => {
      const res = await search(csrf, 'text=pay')
      expect(res.statusCode).toBe(200)
      const found = res.json() as Array<{ name: string, sourceName: string, category: string, description: string }>
      expect(found.slice(0, 3).map((s) => s.name).sort()).toEqual(['PayPal', 'Paychex', 'Payoneer'])
      const rank = (match: (s: typeof found[number]) => boolean) => found.map((s, i) => (match(s) ? i : -1)).filter((i) => i >= 0)
      const byName = rank((s) => /pay/i.test(s.name + s.sourceName))
      const byCategoryOnly = rank((s) => !/pay/i.test(s.name + s.sourceName) && /pay/i.test(s.category))
      const byDescriptionOnly = rank((s) => !/pay/i.test(s.name + s.sourceName + s.category))
      expect(byName).toEqual([0, 1, 2])
      expect(byCategoryOnly.length).toBeGreaterThan(0)
      expect(byDescriptionOnly.length).toBeGreaterThan(0)
      expect(Math.max(...byCategoryOnly)).toBeLessThan(Math.min(...byDescriptionOnly))
      // Every result matches somewhere, and every catalog entry that matches is found.
      const expected = catalog.filter((c) => /pay/i.test(c.name + c.sourceName + c.category + c.description)).map((c) => c.name).sort()
      expect(found.map((s) => s.name).sort()).toEqual(expected)
    })

    it('is case-insensitive', async () => {
      const lower = (await search(csrf, 'text=pay')).json()
      const upper = (await search(csrf, 'text=PAY')).json()
      expect(upper).toEqual(lower)
    })

    it.each([
      ['sourceName', 'cashapp', 'Cash App'],
      ['description', 'dasher', 'DoorDash'],
      ['category', 'payroll', 'ADP'],
      ['name with spaces around the text', '%20%20Bank%20of%20America%20', 'Bank of America']
    ])('finds a source by its %s', async (_field, text, name) => {
      const res = await search(csrf, `text=${text}`)
      expect(res.statusCode).toBe(200)
      expect(res.json().map((s: any) => s.name)).toContain(name)
    })

    it('puts an exact name match first', async () => {
      const res = await search(csrf, 'text=upwork')
      expect(res.json()[0].name).toBe('Upwork')
    })

    it('answers an empty list when nothing matches', async () => {
      const res = await search(csrf, 'text=zzzz-no-such-source')
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual([])
    })

    it('searches only the session\'s sources when sessionId is given', async () => {
      const { session, csrf: own } = await applicantSession(t.app, key.key, { allowedSources: [{ id: 2 }, { id: 1 }, { id: 20 }] })
      const res = await search(own, `text=pay&sessionId=${session.id}`)
      expect(res.statusCode).toBe(200)
      expect(res.json().map((s: any) => s.name)).toEqual(['PayPal', 'ADP', 'Stripe'])
    })

    it.each([
      ['text is missing', '', 'querystring is missing required field "text"'],
      ['text is empty', 'text=', 'querystring.text must not be empty'],
      ['text is blank', 'text=%20%20%20', 'querystring.text must not be blank'],
      ['text is over 100 characters', `text=${'a'.repeat(101)}`, 'querystring.text must be at most 100 characters long'],
      ['sessionId is not a number', 'text=pay&sessionId=abc', 'querystring.sessionId must be an integer']
    ])('400 when %s', async (_name, query, message) => {
      expectError(await search(csrf, query), 400, message)
    })

    it('403 for the sessionId of another session', async () => {
      const other = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await search(csrf, `text=pay&sessionId=${other.id}`))
      expectError(res, 403, 'CSRF token does not belong to this session')
    })
  })

  describe('POST /partner/step/select-data-source', () => {
    it('creates one PENDING step per source and moves the session from PENDING to PROCESSING', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key, { allowedSources: [{ id: 1 }, { id: 2 }, { id: 3 }] })
      t.clock.advance(5)
      const res = await select(csrf, { dataSourceIds: [1, 2], sessionId: session.id })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'success' })
      const steps = await t.db.kysely.selectFrom('steps').selectAll().where('sessionId', '=', session.id).orderBy('id').execute()
      expect(steps.map((s) => [s.sourceId, s.status, s.type])).toEqual([[1, 'PENDING', 'RECLAIM_PROOF'], [2, 'PENDING', 'RECLAIM_PROOF']])
      const row = await sessionRow(session.id)
      expect(row.status).toBe('PROCESSING')
      expect(row.updatedAt).toBe(t.clock.iso())
      const audit = await t.db.kysely.selectFrom('auditLog').select(['action', 'fromStatus', 'toStatus']).where('sessionId', '=', session.id).orderBy('id').execute()
      expect(audit).toEqual([
        { action: 'session.created', fromStatus: null, toStatus: 'PENDING' },
        { action: 'sources.selected', fromStatus: null, toStatus: null },
        { action: 'session.processing', fromStatus: 'PENDING', toStatus: 'PROCESSING' }
      ])
    })

    it('is idempotent: selecting a source again changes nothing', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      expect((await select(csrf, { dataSourceIds: [1, 2], sessionId: session.id })).statusCode).toBe(200)
      t.clock.advance(5)
      const res = await expectNoChange(t.db, async () => await select(csrf, { dataSourceIds: [2, 1, 1], sessionId: session.id }))
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'success' })
    })

    it('adds steps only for sources not selected yet', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      await select(csrf, { dataSourceIds: [1], sessionId: session.id })
      const first = await t.db.kysely.selectFrom('steps').selectAll().where('sessionId', '=', session.id).execute()
      expect((await select(csrf, { dataSourceIds: [1, 3], sessionId: session.id })).statusCode).toBe(200)
      const steps = await t.db.kysely.selectFrom('steps').selectAll().where('sessionId', '=', session.id).orderBy('id').execute()
      expect(steps.map((s) => s.sourceId)).toEqual([1, 3])
      expect(steps[0]).toEqual(first[0])
    })

    it('400 for a source the session does not allow, and changes nothing', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key, { allowedSources: [{ id: 1 }, { id: 2 }] })
      const res = await expectNoChange(t.db, async () => await select(csrf, { dataSourceIds: [1, 3], sessionId: session.id }))
      expectError(res, 400, 'Data source(s) not available for this session: 3')
      expect((await sessionRow(session.id)).status).toBe('PENDING')
    })

    it('400 for a source that does not exist', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await select(csrf, { dataSourceIds: [9999], sessionId: session.id }))
      expectError(res, 400, 'Data source(s) not available for this session: 9999')
    })

    it.each([
      ['dataSourceIds is empty', { dataSourceIds: [] }, 'body.dataSourceIds must NOT have fewer than 1 items'],
      ['dataSourceIds is missing', {}, 'body is missing required field "dataSourceIds"'],
      ['an id is a string', { dataSourceIds: ['1'] }, 'body.dataSourceIds.0 must be an integer']
    ])('400 when %s', async (_name, fields, message) => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await select(csrf, { sessionId: session.id, ...fields }))
      expectError(res, 400, message)
    })

    it.each(['REVIEWING', 'COMPLETED', 'REJECTED', 'FAILED'] as const)('409 once the session is %s, and changes nothing', async (status) => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      await select(csrf, { dataSourceIds: [1], sessionId: session.id })
      await moveSessionTo(t.app, session.id, status)
      const res = await expectNoChange(t.db, async () => await select(csrf, { dataSourceIds: [2], sessionId: session.id }))
      expectError(res, 409, `Sources cannot be selected while the session is ${status}`)
    })

    it('403 for another session\'s id in the body, and changes nothing', async () => {
      const { csrf } = await applicantSession(t.app, key.key)
      const other = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await select(csrf, { dataSourceIds: [1], sessionId: other.id }))
      expectError(res, 403, 'CSRF token does not belong to this session')
    })
  })

  describe('GET /partner/steps/session/:sessionId and /partner/steps/:stepId', () => {
    it('lists the session\'s steps in the guide\'s envelope', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      await select(csrf, { dataSourceIds: [2, 1], sessionId: session.id })
      const now = t.clock.iso()
      const res = await get(`/partner/steps/session/${session.id}`, csrf)
      expect(res.statusCode).toBe(200)
      const step = (dataSourceId: number) => ({
        id: expect.any(Number),
        status: 'PENDING',
        type: 'RECLAIM_PROOF',
        sessionId: session.id,
        dataSourceId,
        attempts: 0,
        maxAttempts: 3,
        canInitiate: true,
        canSubmit: false,
        metadata: null,
        failureReason: null,
        initiatedAt: null,
        verifiedAt: null,
        createdAt: now,
        updatedAt: now
      })
      expect(res.json()).toEqual({ status: 'success', data: { steps: [step(2), step(1)] } })
    })

    it('answers an empty list before any source is selected', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      expect((await get(`/partner/steps/session/${session.id}`, csrf)).json()).toEqual({ status: 'success', data: { steps: [] } })
    })

    it('answers a step\'s details', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      await select(csrf, { dataSourceIds: [1], sessionId: session.id })
      const [listed] = (await get(`/partner/steps/session/${session.id}`, csrf)).json().data.steps
      const res = await get(`/partner/steps/${listed.id}`, csrf)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual(listed)
    })

    it('404 for another session\'s step, as for one that does not exist', async () => {
      const mine = await applicantSession(t.app, key.key)
      const theirs = await applicantSession(t.app, key.key)
      await select(theirs.csrf, { dataSourceIds: [1], sessionId: theirs.session.id })
      const [step] = (await get(`/partner/steps/session/${theirs.session.id}`, theirs.csrf)).json().data.steps
      expectError(await expectNoChange(t.db, async () => await get(`/partner/steps/${step.id}`, mine.csrf)), 404, 'Step not found')
      expectError(await get('/partner/steps/999999', mine.csrf), 404, 'Step not found')
    })

    it('403 for another session\'s step list', async () => {
      const mine = await applicantSession(t.app, key.key)
      const theirs = await createSession(t.app, key.key)
      expectError(await get(`/partner/steps/session/${theirs.id}`, mine.csrf), 403, 'CSRF token does not belong to this session')
    })
  })

  describe('expiry', () => {
    it('answers 410 to every applicant call once the session has expired', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key, { expiryDate: futureIso(t.app, 120) })
      await select(csrf, { dataSourceIds: [1], sessionId: session.id })
      const [step] = (await get(`/partner/steps/session/${session.id}`, csrf)).json().data.steps
      t.clock.advance(121)
      const gone = 'Verification session has expired'
      expectError(await get(`/partner/sources/session/${session.id}`, csrf), 410, gone)
      expectError(await get(`/partner/sources/search?text=pay&sessionId=${session.id}`, csrf), 410, gone)
      expectError(await get('/partner/sources/search?text=pay', csrf), 410, gone)
      expectError(await select(csrf, { dataSourceIds: [2], sessionId: session.id }), 410, gone)
      expectError(await get(`/partner/steps/session/${session.id}`, csrf), 410, gone)
      expectError(await get(`/partner/steps/${step.id}`, csrf), 410, gone)
      expect((await sessionRow(session.id)).status).toBe('EXPIRED')
      const steps = await t.db.kysely.selectFrom('steps').select(['sourceId', 'status']).where('sessionId', '=', session.id).execute()
      expect(steps).toEqual([{ sourceId: 1, status: 'EXPIRED' }])
    })

    it('the periodic sweep marks overdue sessions and their open steps EXPIRED, and leaves the others', async () => {
      const due = await applicantSession(t.app, key.key, { expiryDate: futureIso(t.app, 60) })
      await select(due.csrf, { dataSourceIds: [1, 2], sessionId: due.session.id })
      const dueIdle = await createSession(t.app, key.key, { expiryDate: futureIso(t.app, 90) })
      const live = await applicantSession(t.app, key.key, { expiryDate: futureIso(t.app, 3600) })
      await select(live.csrf, { dataSourceIds: [1], sessionId: live.session.id })
      t.clock.advance(91)

      expect(await t.app.ctx.sessions.sweepExpired()).toBeGreaterThanOrEqual(2)
      const at = t.clock.iso()

      expect(await sessionRow(due.session.id)).toMatchObject({ status: 'EXPIRED', updatedAt: at })
      expect(await sessionRow(dueIdle.id)).toMatchObject({ status: 'EXPIRED', updatedAt: at })
      expect((await sessionRow(live.session.id)).status).toBe('PROCESSING')
      const stepsOf = async (id: number) => (await t.db.kysely.selectFrom('steps').select('status').where('sessionId', '=', id).execute()).map((s) => s.status)
      expect(await stepsOf(due.session.id)).toEqual(['EXPIRED', 'EXPIRED'])
      expect(await stepsOf(live.session.id)).toEqual(['PENDING'])
      const audit = await t.db.kysely.selectFrom('auditLog').select(['actor', 'action', 'fromStatus', 'toStatus']).where('sessionId', '=', dueIdle.id).orderBy('id').execute()
      expect(audit.at(-1)).toEqual({ actor: 'system', action: 'session.expired', fromStatus: null, toStatus: 'EXPIRED' })
      // A second sweep finds nothing left to do.
      expect(await t.app.ctx.sessions.sweepExpired()).toBe(0)
    })

    it('a new link exchange is refused once the sweep expired the session', async () => {
      const session = await createSession(t.app, key.key, { expiryDate: futureIso(t.app, 30) })
      t.clock.advance(31)
      await t.app.ctx.sessions.sweepExpired()
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: session.verificationLink.token, sessionId: session.id } }))
      expectError(res, 410, 'Verification session has expired')
      await expect(exchange(t.app, session.id, session.verificationLink.token)).rejects.toThrow(/410/)
    })
  })
})
