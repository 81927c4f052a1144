import { beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/lib/secrets.js'
import { useTestApp } from '../support/harness.js'
import { createKey, futureIso, type PartnerKey } from '../support/factories.js'
import { countRows, dumpDatabase, expectError, expectNoChange, TEST_ENV } from './helpers.js'

const PUBLIC_BASE_URL = 'https://verify.acme.test'
const APP_DEEPLINK_BASE_URL = 'https://app.acme.test'
const DAY_S = 24 * 3600

describe('POST /partner/session', () => {
  const t = useTestApp({ ...TEST_ENV, PUBLIC_BASE_URL, APP_DEEPLINK_BASE_URL })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const create = async (payload: unknown, headers: Record<string, string> = {}, apiKey = key.key) =>
    await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': apiKey, ...headers }, payload: payload as any })
  const withParams = (params: Record<string, unknown> = {}) => ({ params: { expiryDate: futureIso(t.app), ...params } })

  describe('happy path', () => {
    it('creates a PENDING session and answers with the guide\'s envelope, both verification links and the token', async () => {
      const expiryDate = futureIso(t.app, 30 * DAY_S)
      const params = {
        expiryDate,
        metadata: { customField1: 'value1', customField2: 'value2' },
        applicantId: 'unique-applicant-identifier',
        applicantData: { age: 30, location: 'New York' },
        instructions: 'Please complete income verification using your latest pay stubs',
        applicantFirstName: 'John',
        applicantLastName: 'Doe',
        applicantEmail: 'john.doe@example.com',
        allowedSources: [{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }],
        selectedPlatform: 1
      }
      const res = await create({ params })

      expect(res.statusCode).toBe(201)
      const body = res.json()
      const id = body.data.id
      const token = body.data.verificationLink.token
      const now = t.clock.iso()
      expect(id).toEqual(expect.any(Number))
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 32 random bytes, base64url
      expect(body).toEqual({
        success: true,
        message: 'Verification session created successfully',
        data: {
          id,
          status: 'PENDING',
          livemode: true,
          teamId: key.teamId,
          reviewerId: null,
          verificationTypeId: null,
          userId: 'unique-applicant-identifier',
          expiryDate,
          applicantId: 'unique-applicant-identifier',
          applicantFirstName: 'John',
          applicantLastName: 'Doe',
          applicantEmail: 'john.doe@example.com',
          applicantData: { age: 30, location: 'New York' },
          instructions: 'Please complete income verification using your latest pay stubs',
          metadata: { customField1: 'value1', customField2: 'value2' },
          selectedPlatform: 1,
          createdAt: now,
          updatedAt: now,
          decidedAt: null,
          decisionNote: null,
          statusReason: null,
          redactedAt: null,
          locale: null,
          purpose: null,
          purposeText: null,
          consent: null,
          parentSessionId: null,
          decisionReasons: [],
          tags: [],
          dueAt: null,
          moreRequest: null,
          canDecide: false,
          canCancel: true,
          canReissueLink: true,
          canRedact: false,
          allowedSources: [{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }],
          verificationLink: {
            manualVerificationLink: `${PUBLIC_BASE_URL}/partner/verification/verify?token=${token}&sessionId=${id}`,
            deeplinkVerificationLink: `${APP_DEEPLINK_BASE_URL}/verification-request?token=${token}&sessionId=${id}`,
            token
          }
        }
      })
    })

    it('fills every optional field with null when only expiryDate is given', async () => {
      const expiryDate = futureIso(t.app)
      const res = await create({ params: { expiryDate } })
      expect(res.statusCode).toBe(201)
      expect(res.json().data).toMatchObject({
        status: 'PENDING',
        expiryDate,
        applicantId: null,
        applicantFirstName: null,
        applicantLastName: null,
        applicantEmail: null,
        applicantData: null,
        instructions: null,
        metadata: null,
        selectedPlatform: null,
        allowedSources: []
      })
    })

    it('stores expiryDate in UTC whatever offset it was given with', async () => {
      const res = await create({ params: { expiryDate: '2099-06-01T12:00:00+02:00' } })
      expect(res.statusCode).toBe(201)
      expect(res.json().data.expiryDate).toBe('2099-06-01T10:00:00.000Z')
    })

    it('accepts a selectedPlatform without allowedSources when it is a known source', async () => {
      const res = await create(withParams({ selectedPlatform: 3 }))
      expect(res.statusCode).toBe(201)
      expect(res.json().data).toMatchObject({ selectedPlatform: 3, allowedSources: [] })
    })

    it('accepts metadata of exactly 16 KiB as JSON', async () => {
      const metadata = { a: 'x'.repeat(16 * 1024 - '{"a":""}'.length) }
      expect(Buffer.byteLength(JSON.stringify(metadata))).toBe(16 * 1024)
      const res = await create(withParams({ metadata }))
      expect(res.statusCode).toBe(201)
      expect(res.json().data.metadata).toEqual(metadata)
    })

    it('assigns the session to the key\'s reviewer', async () => {
      const reviewerKey = await createKey(t.app, 'acme', { reviewerId: 'reviewer-7' })
      const res = await create(withParams(), {}, reviewerKey.key)
      expect(res.statusCode).toBe(201)
      expect(res.json().data).toMatchObject({ teamId: key.teamId, reviewerId: 'reviewer-7' })
    })

    it('stores the link token only as its SHA-256: no column of any table holds it', async () => {
      const res = await create(withParams({ applicantFirstName: 'Hashed' }), { 'Idempotency-Key': 'hash-check-key-1' })
      expect(res.statusCode).toBe(201)
      const { id, verificationLink: { token } } = res.json().data
      const dump = await dumpDatabase(t.db)
      expect(dump).not.toContain(token)
      expect(dump).not.toContain('hash-check-key-1')
      const row = await t.db.kysely.selectFrom('sessions').select('linkTokenHash').where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.linkTokenHash).toBe(sha256Hex(token))
    })
  })

  describe('validation: a rejected request creates nothing', () => {
    const past = () => new Date(t.clock.now - 1000).toISOString()
    const now = () => t.clock.iso()
    const big = (bytes: number) => ({ a: 'x'.repeat(bytes) })

    const rows: Array<[string, () => unknown, string]> = [
      ['expiryDate is missing', () => ({ params: {} }), 'body.params is missing required field "expiryDate"'],
      ['expiryDate is not a date', () => withParams({ expiryDate: 'tomorrow' }), 'body.params.expiryDate must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T23:59:59Z'],
      ['expiryDate is a date without a time', () => withParams({ expiryDate: '2099-01-01' }), 'body.params.expiryDate must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T23:59:59Z'],
      ['expiryDate has no time zone', () => withParams({ expiryDate: '2099-01-01T00:00:00' }), 'body.params.expiryDate must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T23:59:59Z'],
      ['expiryDate is a number', () => withParams({ expiryDate: 4102444800000 }), 'body.params.expiryDate must be of type string'],
      ['expiryDate is in the past', () => withParams({ expiryDate: past() }), 'params.expiryDate must be in the future'],
      ['expiryDate is now', () => withParams({ expiryDate: now() }), 'params.expiryDate must be in the future'],
      ['applicantEmail is not an email', () => withParams({ applicantEmail: 'john.doe' }), 'body.params.applicantEmail must be a valid email'],
      ['allowedSources names an unknown source id', () => withParams({ allowedSources: [{ id: 1 }, { id: 9999 }] }), 'params.allowedSources has unknown source id(s): 9999'],
      ['allowedSources lists a source twice', () => withParams({ allowedSources: [{ id: 1 }, { id: 1 }] }), 'params.allowedSources lists a source twice'],
      ['allowedSources has an id that is not an integer', () => withParams({ allowedSources: [{ id: '1' }] }), 'body.params.allowedSources.0.id must be an integer'],
      ['selectedPlatform is not among allowedSources', () => withParams({ allowedSources: [{ id: 1 }, { id: 2 }], selectedPlatform: 3 }), 'params.selectedPlatform must be one of params.allowedSources'],
      ['selectedPlatform is an unknown source id', () => withParams({ selectedPlatform: 9999 }), 'params.selectedPlatform is an unknown source id: 9999'],
      ['selectedPlatform is a string', () => withParams({ selectedPlatform: '1' }), 'body.params.selectedPlatform must be an integer'],
      ['metadata is a string', () => withParams({ metadata: 'customField1=value1' }), 'body.params.metadata must be of type object'],
      ['metadata is an array', () => withParams({ metadata: ['value1'] }), 'body.params.metadata must be of type object'],
      ['metadata is over 16 KiB as JSON', () => withParams({ metadata: big(16 * 1024) }), 'params.metadata must be at most 16384 bytes as JSON'],
      ['applicantData is over 16 KiB as JSON', () => withParams({ applicantData: big(16 * 1024) }), 'params.applicantData must be at most 16384 bytes as JSON'],
      ['an unknown param is sent', () => withParams({ applicantFax: '+1 555 0100' }), 'body.params has an unknown field "applicantFax"'],
      ['an unknown top-level field is sent', () => ({ ...withParams(), expiryDate: futureIso(t.app) }), 'body has an unknown field "expiryDate"'],
      ['params is missing', () => ({}), 'body is missing required field "params"'],
      ['params is not an object', () => ({ params: 'expiryDate=2099-01-01' }), 'body.params must be of type object'],
      ['the body is a JSON array', () => [withParams()], 'body must be of type object']
    ]

    it.each(rows)('400 when %s', async (_name, payload, message) => {
      const res = await expectNoChange(t.db, async () => await create(payload()))
      expectError(res, 400, message)
    })

    it('400 for a disabled source in allowedSources or as selectedPlatform', async () => {
      await t.app.ctx.sources.repo.upsert([{
        name: 'Retired Pay',
        description: 'No longer offered.',
        sourceName: 'RetiredPay',
        logoUrl: '/assets/logos/paypal.svg',
        category: 'payments',
        providerId: 'retired-provider',
        providerHashes: [],
        verificationTypeIds: [1],
        loginFlow: null,
        enabled: false
      }], t.clock.iso())
      const retired = (await t.app.ctx.sources.repo.findBySourceName('RetiredPay'))!
      expectError(await expectNoChange(t.db, async () => await create(withParams({ allowedSources: [{ id: 1 }, { id: retired.id }] }))), 400, `params.allowedSources has unknown source id(s): ${retired.id}`)
      expectError(await expectNoChange(t.db, async () => await create(withParams({ selectedPlatform: retired.id }))), 400, `params.selectedPlatform is an unknown source id: ${retired.id}`)
    })

    it('400 for malformed JSON', async () => {
      const res = await expectNoChange(t.db, async () => await create('{"params": {"expiryDate": ', { 'content-type': 'application/json' }))
      expectError(res, 400, 'Body is not valid JSON')
    })

    it('400 for an empty JSON body', async () => {
      const res = await expectNoChange(t.db, async () => await create('', { 'content-type': 'application/json' }))
      expectError(res, 400, 'Body cannot be empty when content-type is application/json')
    })

    it.each([
      ['text/plain'],
      ['application/x-www-form-urlencoded'],
      ['application/xml']
    ])('415 for a %s body', async (contentType) => {
      const res = await expectNoChange(t.db, async () => await create(JSON.stringify(withParams()), { 'content-type': contentType }))
      expectError(res, 415, 'Unsupported Content-Type; send application/json')
    })

    it('413 for a body over 1 MiB', async () => {
      const payload = JSON.stringify(withParams({ metadata: big(1024 * 1024) }))
      const res = await expectNoChange(t.db, async () => await create(payload, { 'content-type': 'application/json' }))
      expectError(res, 413, 'Request body is larger than 1 MiB')
    })

    it('400 for an Idempotency-Key over 255 characters', async () => {
      const res = await expectNoChange(t.db, async () => await create(withParams(), { 'Idempotency-Key': 'k'.repeat(256) }))
      expectError(res, 400, 'Idempotency-Key must be 1 to 255 characters')
    })
  })

  describe('Idempotency-Key', () => {
    it('the periodic purge removes sealed responses past their 24 h window, and only those', async () => {
      await create(withParams({ applicantId: 'idem-purge-old' }), { 'Idempotency-Key': 'idem-purge-old' })
      t.clock.advance(24 * 3600 + 1)
      await create(withParams({ applicantId: 'idem-purge-new' }), { 'Idempotency-Key': 'idem-purge-new' })
      const before = await countRows(t.db, 'idempotency_keys')
      expect(await t.app.ctx.sessions.purgeIdempotencyKeys()).toBeGreaterThanOrEqual(1)
      const left = await t.db.kysely.selectFrom('idempotencyKeys').select('sessionId').execute()
      expect(left.length).toBeLessThan(before)
      const newest = await create(withParams({ applicantId: 'idem-purge-new' }), { 'Idempotency-Key': 'idem-purge-new' })
      expect(newest.statusCode).toBe(201)
      expect(await countRows(t.db, 'idempotency_keys')).toBe(left.length) // the recent key still replays
    })

    it('a reviewer\'s key cannot replay (and so read) a session created for another reviewer of the team', async () => {
      const alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
      const bob = await createKey(t.app, 'acme', { reviewerId: 'bob' })
      const payload = withParams({ applicantId: 'idem-reviewers' })
      const first = await create(payload, { 'Idempotency-Key': 'idem-reviewers' }, alice.key)
      expect(first.statusCode).toBe(201)
      const before = await countRows(t.db, 'sessions')
      const replay = await create(payload, { 'Idempotency-Key': 'idem-reviewers' }, bob.key)
      expectError(replay, 409, 'Idempotency-Key was already used with a different request body')
      expect(await countRows(t.db, 'sessions')).toBe(before)
    })

    it('answers the same key and body with the same session and token, creating one session', async () => {
      const payload = withParams({ applicantId: 'idem-1' })
      const before = await countRows(t.db, 'sessions')
      const first = await create(payload, { 'Idempotency-Key': 'idem-key-1' })
      const second = await create(payload, { 'Idempotency-Key': 'idem-key-1' })
      expect(first.statusCode).toBe(201)
      expect(second.statusCode).toBe(201)
      expect(second.json()).toEqual(first.json())
      expect(second.json().data.verificationLink.token).toBe(first.json().data.verificationLink.token)
      expect(await countRows(t.db, 'sessions')).toBe(before + 1)
    })

    it('treats the same params in another key order as the same body', async () => {
      const expiryDate = futureIso(t.app)
      const first = await create({ params: { expiryDate, applicantId: 'idem-order', instructions: 'x' } }, { 'Idempotency-Key': 'idem-order' })
      const second = await create({ params: { instructions: 'x', applicantId: 'idem-order', expiryDate } }, { 'Idempotency-Key': 'idem-order' })
      expect(first.statusCode).toBe(201)
      expect(second.statusCode).toBe(201)
      expect(second.json().data.id).toBe(first.json().data.id)
    })

    it('answers 409 to the same key with a different body, and changes nothing', async () => {
      const first = await create(withParams({ applicantId: 'idem-2' }), { 'Idempotency-Key': 'idem-key-2' })
      expect(first.statusCode).toBe(201)
      const res = await expectNoChange(t.db, async () => await create(withParams({ applicantId: 'someone-else' }), { 'Idempotency-Key': 'idem-key-2' }))
      expectError(res, 409, 'Idempotency-Key was already used with a different request body')
    })

    it('keeps keys apart between teams', async () => {
      const other = await createKey(t.app, 'globex')
      const payload = withParams({ applicantId: 'idem-3' })
      const mine = await create(payload, { 'Idempotency-Key': 'shared-key' })
      const theirs = await create(payload, { 'Idempotency-Key': 'shared-key' }, other.key)
      expect(mine.statusCode).toBe(201)
      expect(theirs.statusCode).toBe(201)
      expect(theirs.json().data.id).not.toBe(mine.json().data.id)
      expect(theirs.json().data.teamId).toBe(other.teamId)
    })

    it('replays with the session\'s current status and the original link', async () => {
      const payload = withParams({ applicantId: 'idem-4' })
      const first = (await create(payload, { 'Idempotency-Key': 'idem-key-4' })).json().data
      const csrf = (await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: first.verificationLink.token, sessionId: first.id } })).json().data.csrfToken
      const sel = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: first.id } })
      expect(sel.statusCode).toBe(200)
      const replay = await create(payload, { 'Idempotency-Key': 'idem-key-4' })
      expect(replay.statusCode).toBe(201)
      expect(replay.json().data).toMatchObject({ id: first.id, status: 'PROCESSING', verificationLink: first.verificationLink })
    })

    it('replays a session that has expired since as EXPIRED', async () => {
      const payload = { params: { expiryDate: futureIso(t.app, 60), applicantId: 'idem-expired' } }
      const first = await create(payload, { 'Idempotency-Key': 'idem-key-expired' })
      t.clock.advance(61)
      const replay = await create(payload, { 'Idempotency-Key': 'idem-key-expired' })
      expect(replay.statusCode).toBe(201)
      expect(replay.json().data).toMatchObject({ id: first.json().data.id, status: 'EXPIRED' })
    })

    it('creates a new session once 24 hours have passed', async () => {
      const payload = { params: { expiryDate: futureIso(t.app, 7 * DAY_S), applicantId: 'idem-5' } }
      const first = await create(payload, { 'Idempotency-Key': 'idem-key-5' })
      t.clock.advance(DAY_S - 1)
      const within = await create(payload, { 'Idempotency-Key': 'idem-key-5' })
      t.clock.advance(2)
      const after = await create(payload, { 'Idempotency-Key': 'idem-key-5' })
      expect([first.statusCode, within.statusCode, after.statusCode]).toEqual([201, 201, 201])
      expect(within.json().data.id).toBe(first.json().data.id)
      expect(after.json().data.id).not.toBe(first.json().data.id)
      expect(after.json().data.verificationLink.token).not.toBe(first.json().data.verificationLink.token)
      // The new session now owns the key.
      const again = await create(payload, { 'Idempotency-Key': 'idem-key-5' })
      expect(again.json().data.id).toBe(after.json().data.id)
    })

    it('creates exactly one session for concurrent requests with the same key', async () => {
      const payload = withParams({ applicantId: 'idem-6' })
      const before = await countRows(t.db, 'sessions')
      const answers = await Promise.all(Array.from({ length: 5 }, async () => await create(payload, { 'Idempotency-Key': 'idem-key-6' })))
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201])
      const ids = new Set(answers.map((a) => a.json().data.id))
      const tokens = new Set(answers.map((a) => a.json().data.verificationLink.token))
      expect(ids.size).toBe(1)
      expect(tokens.size).toBe(1)
      expect(await countRows(t.db, 'sessions')).toBe(before + 1)
    })

    it('lets one of two concurrent requests with the same key and different bodies win; the other is a 409', async () => {
      const before = await countRows(t.db, 'sessions')
      const answers = await Promise.all([
        create(withParams({ applicantId: 'idem-7a' }), { 'Idempotency-Key': 'idem-key-7' }),
        create(withParams({ applicantId: 'idem-7b' }), { 'Idempotency-Key': 'idem-key-7' })
      ])
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
      expectError(answers.find((a) => a.statusCode === 409)!, 409, 'Idempotency-Key was already used with a different request body')
      expect(await countRows(t.db, 'sessions')).toBe(before + 1)
    })
  })
})
