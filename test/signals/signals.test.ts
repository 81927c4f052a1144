import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nameMatchScore } from '../../src/modules/signals/name-match.js'
import { comparisonText, relativeChange } from '../../src/modules/reviewer/reviewer.service.js'
import { createKey, futureIso, sessionIn } from '../support/factories.js'
import { INCOME, initiatedStep, PARAMETERS, proofFor, reclaimTestApp, submit, type ReclaimTestApp } from '../reclaim/support.js'

describe('name matching', () => {
  it('scores nicknames, initials and middle names as the same person, and another name low', () => {
    expect(nameMatchScore('Bob Smith', 'Robert', 'Smith')).toBe(100)
    expect(nameMatchScore('SMITH, Elizabeth A.', 'Liz', 'Smith')).toBe(100)
    expect(nameMatchScore('R. Smith', 'Robert', 'Smith')).toBeGreaterThanOrEqual(90)
    expect(nameMatchScore('José Álvarez', 'Jose', 'Alvarez')).toBe(100)
    expect(nameMatchScore('Jon Smyth', 'John', 'Smith')).toBeGreaterThanOrEqual(70)
    expect(nameMatchScore('Alice Johnson', 'Robert', 'Smith')).toBeLessThan(70)
    expect(nameMatchScore('', 'Robert', 'Smith')).toBe(0)
  })

  it('writes a fact\'s relative change with one decimal, null when not numbers', () => {
    expect(relativeChange('4950.00', '5400.00')).toBe('-8.3%')
    expect(relativeChange('5400.00', '4950.00')).toBe('+9.1%')
    expect(relativeChange('USD', 'USD')).toBeNull()
    expect(relativeChange('1', null)).toBeNull()
    expect(relativeChange('1', '0')).toBeNull()
  })

  it('writes a comparison as issue 21 item 7 does: "monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%"', () => {
    expect(comparisonText('monthlyIncome', '5400.00', '4950.00', '-8.3%', 'USD')).toBe('monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%')
    expect(comparisonText('monthlyIncome', '1200', '12000', '+900.0%')).toBe('monthlyIncome 1,200 -> 12,000, +900.0%')
    expect(comparisonText('monthlyIncome', null, '4950.00', null, 'USD')).toBe('monthlyIncome none -> 4,950.00 USD')
    expect(comparisonText('employer', 'Acme', 'Globex', null, 'USD')).toBe('employer Acme -> Globex')
    // A fact carried as a JSON number keeps its decimals; more than 20 (Intl's bound) are printed as carried.
    expect(comparisonText('monthlyIncome', 5400.5, 5401.25, null)).toBe('monthlyIncome 5,400.5 -> 5,401.25')
    expect(comparisonText('ratio', '1', `0.${'3'.repeat(30)}`, null)).toBe(`ratio 1 -> 0.${'3'.repeat(30)}`)
  })
})

describe('signals and re-verification', () => {
  let r: ReclaimTestApp
  let key: string
  const HOLDER = { ...INCOME, accountHolder: 'Bob Smith', accountId: 'ACC-1001' }
  beforeAll(async () => {
    r = await reclaimTestApp()
    key = (await createKey(r.t.app)).key
    // Source 2 declares the holder's name and the account id beside the income.
    await r.t.db.kysely.updateTable('sources').set({ proofParameters: JSON.stringify(Object.keys(HOLDER).sort()) }).where('id', '=', 2).execute()
  })
  afterAll(async () => { await r.t.close() })

  const detail = async (id: number, k = key) => await r.t.app.inject({ url: `/partner/reviewer/sessions/${id}`, headers: { 'x-api-key': k } })
  const verified = async (params: Record<string, unknown>, extracted: Record<string, unknown>, owner?: string, sourceId = 2) => {
    const { session, csrf, stepId, formData } = await initiatedStep(r.t, key, sourceId, params)
    const res = await submit(r.t, csrf, stepId, [proofFor(r.t, formData, [r.attestor.privateKey], { extracted, owner })])
    expect(res.statusCode, res.body).toBe(200)
    return session
  }
  const reverify = async (id: number, body: Record<string, unknown> = { expiryDate: futureIso(r.t.app) }, k = key) =>
    await r.t.app.inject({ method: 'POST', url: `/partner/session/${id}/reverify`, headers: { 'x-api-key': k }, payload: body })

  it('raises name_mismatch, account_reused and proof_owner_reused for another applicant, with events, and none for the holder', async () => {
    const owner = '0x' + 'ab'.repeat(20)
    const a = await verified({ applicantFirstName: 'Robert', applicantLastName: 'Smith', applicantEmail: 'robert@example.org' }, HOLDER, owner)
    const da = (await detail(a.id)).json().data
    expect(da.signals).toEqual([])

    const b = await verified({ applicantFirstName: 'Alice', applicantLastName: 'Jones', applicantEmail: 'alice@example.org' }, HOLDER, owner)
    const db = (await detail(b.id)).json().data
    const byCode = Object.fromEntries(db.signals.map((s: { code: string }) => [s.code, s]))
    expect(Object.keys(byCode).sort()).toEqual(['account_reused', 'name_mismatch', 'proof_owner_reused'])
    expect(byCode.name_mismatch.score).toBeLessThan(70)
    expect(byCode.name_mismatch.stepId).toBe(db.steps[0].id)
    expect(byCode.name_mismatch.details).toMatchObject({ parameter: 'accountHolder', threshold: 70 })
    expect(byCode.account_reused.details).toMatchObject({ sessionIds: [a.id], by: 'accountId' })
    expect(byCode.proof_owner_reused.details.sessionIds).toEqual([a.id])
    for (const s of db.signals) expect(s.sentence).toMatch(/\.$/)
    // No name, no account id and no owner in clear in what a signal keeps.
    const text = JSON.stringify(db.signals)
    for (const pii of ['Bob', 'Smith', 'Alice', 'Jones', 'ACC-1001', owner.slice(2)]) expect(text).not.toContain(pii)
    // Signals inform: the session moved on as it would have.
    expect(db.status).toBe('REVIEWING')

    const events = await r.t.db.kysely.selectFrom('events').select(['type', 'payload']).where('sessionId', '=', b.id).where('type', '=', 'session.signal_raised').execute()
    expect(events.map((e) => JSON.parse(e.payload).code).sort()).toEqual(['account_reused', 'name_mismatch', 'proof_owner_reused'])
    // The fingerprints are keyed hashes: no raw account id or name stored.
    const prints = await r.t.db.kysely.selectFrom('signalFingerprints').selectAll().where('sessionId', 'in', [a.id, b.id]).execute()
    expect(prints.length).toBe(4)
    for (const p of prints) expect(p.valueHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('compares accounts by the holder name when no accountId is declared, and not for the same applicant', async () => {
    const extracted = { ...INCOME, accountHolder: 'Carol Diaz', accountId: '' }
    await r.t.db.kysely.updateTable('sources').set({ proofParameters: JSON.stringify(['accountHolder', 'currency', 'monthlyIncome']) }).where('id', '=', 3).execute()
    const first = await verified({ applicantFirstName: 'Carol', applicantLastName: 'Diaz', applicantId: 'app-carol' }, extracted, undefined, 3)
    const again = await verified({ applicantFirstName: 'Carol', applicantLastName: 'Diaz', applicantId: 'app-carol' }, extracted, undefined, 3)
    expect((await detail(again.id)).json().data.signals).toEqual([])
    const other = await verified({ applicantFirstName: 'Dan', applicantLastName: 'Diaz', applicantId: 'app-dan' }, { ...extracted, accountHolder: 'carol  diaz' }, undefined, 3)
    const signals = (await detail(other.id)).json().data.signals as Array<{ code: string, details: { sessionIds?: number[], by?: string } }>
    const reused = signals.find((s) => s.code === 'account_reused')
    expect(reused?.details).toMatchObject({ by: 'holderName' })
    expect(reused?.details.sessionIds?.sort()).toEqual([first.id, again.id].sort())
  })

  it('raises many_sessions past 3 sessions of one applicant email in 30 days', async () => {
    const params = { applicantEmail: 'many@example.org' }
    for (let i = 0; i < 3; i++) await sessionIn(r.t.app, key, 'PENDING', params)
    const fourth = await verified(params, INCOME, undefined, 1)
    const signals = (await detail(fourth.id)).json().data.signals as Array<{ code: string, score: number | null, stepId: number | null, details: object }>
    expect(signals).toEqual([expect.objectContaining({ code: 'many_sessions', score: null, stepId: null, details: { sessions: 4, windowDays: 30 } })])
    expect(JSON.stringify(signals)).not.toContain('many@example.org')
  })

  it('keeps a redacted session\'s signals, with no personal data', async () => {
    const owner = '0x' + 'cd'.repeat(20)
    await verified({ applicantFirstName: 'Eve', applicantLastName: 'Stone', applicantId: 'eve' }, { ...HOLDER, accountId: 'ACC-2' }, owner)
    const s = await verified({ applicantFirstName: 'Frank', applicantLastName: 'Moss', applicantId: 'frank' }, { ...HOLDER, accountId: 'ACC-2' }, owner)
    const decided = await r.t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${s.id}/decision`, headers: { 'x-api-key': key }, payload: { decision: 'REJECT', note: 'no', reasons: ['identity_mismatch'] } })
    expect(decided.statusCode, decided.body).toBe(200)
    const redacted = await r.t.app.inject({ method: 'POST', url: `/partner/session/${s.id}/redact`, headers: { 'x-api-key': key }, payload: {} })
    expect(redacted.statusCode, redacted.body).toBe(200)
    const d = (await detail(s.id)).json().data
    expect(d.signals.map((x: { code: string }) => x.code).sort()).toEqual(['account_reused', 'name_mismatch', 'proof_owner_reused'])
    const text = JSON.stringify(d.signals)
    for (const pii of ['Frank', 'Moss', 'Bob', 'ACC-2', 'frank']) expect(text).not.toContain(pii)
  })

  it('re-verifies a REVIEWING session: a new session for the applicant, compared fact by fact with the parent', async () => {
    const parent = await verified({ applicantFirstName: 'Grace', applicantLastName: 'Hill', applicantEmail: 'grace@example.org', applicantId: 'grace' }, { ...INCOME }, undefined, 1)
    const res = await reverify(parent.id)
    expect(res.statusCode, res.body).toBe(201)
    const child = res.json().data
    expect(child).toMatchObject({ status: 'PENDING', parentSessionId: parent.id, applicantFirstName: 'Grace', applicantLastName: 'Hill', applicantEmail: 'grace@example.org', applicantId: 'grace', reviewerId: null })
    expect(child.allowedSources).toEqual(parent.allowedSources)
    expect(child.verificationLink.manualVerificationLink).toContain(`sessionId=${child.id}`)
    const read = await r.t.app.inject({ url: `/partner/session/${child.id}`, headers: { 'x-api-key': key } })
    expect(read.json().data.parentSessionId).toBe(parent.id)

    // The applicant proves again through the new link: income went down 8.3 %.
    const { exchange } = await import('../support/factories.js')
    const csrf = await exchange(r.t.app, child.id, child.verificationLink.token)
    const sel = await r.t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: child.id } })
    expect(sel.statusCode).toBe(200)
    const stepId = (await r.t.app.inject({ url: `/partner/steps/session/${child.id}`, headers: { 'x-csrf-token': csrf } })).json().data.steps[0].id as number
    const init = await r.t.app.inject({ method: 'POST', url: '/partner/step/initiate', headers: { 'x-csrf-token': csrf }, payload: { stepId } })
    const formData = init.json().data.formData
    const sub = await submit(r.t, csrf, stepId, [proofFor(r.t, formData, [r.attestor.privateKey], { extracted: { monthlyIncome: '4950.00', currency: 'USD' } })])
    expect(sub.statusCode, sub.body).toBe(200)
    const d = (await detail(child.id)).json().data
    expect(d.comparison).toEqual(expect.arrayContaining([
      { name: 'monthlyIncome', sourceName: 'PayPal', value: '4950.00', parentValue: '5400.00', change: '-8.3%', hashed: false, text: 'monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%' },
      { name: 'currency', sourceName: 'PayPal', value: 'USD', parentValue: 'USD', change: null, hashed: false, text: 'currency USD -> USD' }
    ]))
    expect((await detail(parent.id)).json().data.comparison).toBeUndefined()
  })

  it('compares an OPRF-hashed fact as a hash (hashed: true, no change computed), never as a clear value (issue 23, rule 5.9)', async () => {
    // Source 1 reads currency through a redaction with `hash`: its value is an OPRF hash.
    const parameters = {
      ...PARAMETERS,
      responseMatches: [...PARAMETERS.responseMatches, { type: 'regex', value: '"currency":"(?<currency>[^"]+)"' }],
      responseRedactions: [...PARAMETERS.responseRedactions, { jsonPath: '$.currency', regex: '', xPath: '', hash: 'oprf' }]
    }
    const { session: parent, csrf, stepId, formData } = await initiatedStep(r.t, key, 1, { applicantFirstName: 'Hana', applicantId: 'hana' })
    const first = await submit(r.t, csrf, stepId, [proofFor(r.t, formData, [r.attestor.privateKey], { parameters, extracted: { monthlyIncome: '5400.00', currency: '1000' } })])
    expect(first.statusCode, first.body).toBe(200)
    const child = (await reverify(parent.id)).json().data
    const { exchange } = await import('../support/factories.js')
    const childCsrf = await exchange(r.t.app, child.id, child.verificationLink.token)
    expect((await r.t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': childCsrf }, payload: { dataSourceIds: [1], sessionId: child.id } })).statusCode).toBe(200)
    const childStep = (await r.t.app.inject({ url: `/partner/steps/session/${child.id}`, headers: { 'x-csrf-token': childCsrf } })).json().data.steps[0].id as number
    const childForm = (await r.t.app.inject({ method: 'POST', url: '/partner/step/initiate', headers: { 'x-csrf-token': childCsrf }, payload: { stepId: childStep } })).json().data.formData
    const second = await submit(r.t, childCsrf, childStep, [proofFor(r.t, childForm, [r.attestor.privateKey], { parameters, extracted: { monthlyIncome: '4950.00', currency: '1200' } })])
    expect(second.statusCode, second.body).toBe(200)
    const d = (await detail(child.id)).json().data
    expect(d.comparison).toEqual(expect.arrayContaining([
      // The hashed currency is not printed as the amount's unit.
      { name: 'monthlyIncome', sourceName: 'PayPal', value: '4950.00', parentValue: '5400.00', change: '-8.3%', hashed: false, text: 'monthlyIncome 5,400.00 -> 4,950.00, -8.3%' },
      { name: 'currency', sourceName: 'PayPal', value: '1200', parentValue: '1000', change: null, hashed: true, text: 'currency: OPRF hashes, different' }
    ]))
  })

  it('answers 409 for an open session, 410 for a redacted one, 404 for another team\'s, 400 for a bad body', async () => {
    const pending = await sessionIn(r.t.app, key, 'PENDING', { applicantId: 'p' })
    const conflict = await reverify(pending.session.id)
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json().code).toBe('session_status_conflict')

    const done = await sessionIn(r.t.app, key, 'COMPLETED', { applicantId: 'q' })
    expect((await reverify(done.session.id)).statusCode).toBe(201)
    await r.t.app.inject({ method: 'POST', url: `/partner/session/${done.session.id}/redact`, headers: { 'x-api-key': key }, payload: {} })
    const gone = await reverify(done.session.id)
    expect(gone.statusCode).toBe(410)
    expect(gone.json().code).toBe('session_redacted')

    // With an Idempotency-Key a retry answers the same new session, with the same link.
    const retried = await sessionIn(r.t.app, key, 'REJECTED', { applicantId: 'retry' })
    const body = { expiryDate: futureIso(r.t.app) }
    const once = await r.t.app.inject({ method: 'POST', url: `/partner/session/${retried.session.id}/reverify`, headers: { 'x-api-key': key, 'idempotency-key': 'rv-1' }, payload: body })
    const twice = await r.t.app.inject({ method: 'POST', url: `/partner/session/${retried.session.id}/reverify`, headers: { 'x-api-key': key, 'idempotency-key': 'rv-1' }, payload: body })
    expect(once.statusCode).toBe(201)
    expect(twice.statusCode).toBe(201)
    expect(twice.headers['idempotent-replayed']).toBe('true')
    expect(twice.json().data.id).toBe(once.json().data.id)
    expect(twice.json().data.verificationLink).toEqual(once.json().data.verificationLink)

    const other = (await createKey(r.t.app, 'other-team')).key
    expect((await reverify(pending.session.id, undefined, other)).statusCode).toBe(404)
    expect((await reverify(done.session.id, { expiryDate: 'soon' })).statusCode).toBe(400)
    expect((await reverify(done.session.id, { expiryDate: futureIso(r.t.app), extra: 1 })).statusCode).toBe(400)
    const count = await r.t.db.kysely.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('parentSessionId', '=', done.session.id).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
  })
})
