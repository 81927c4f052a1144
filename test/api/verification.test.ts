import { beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/lib/secrets.js'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, exchange, futureIso, type PartnerKey } from '../support/factories.js'
import { dumpDatabase, expectError, expectNoChange, TEST_ENV } from './helpers.js'

const CSRF_TTL_S = 15 * 60

describe('POST|GET /partner/verification/verify', () => {
  const t = useTestApp({ ...TEST_ENV })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const verifyPost = async (payload: unknown) =>
    await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: payload as any })
  const verifyGet = async (query: string) =>
    await t.app.inject({ method: 'GET', url: `/partner/verification/verify?${query}` })
  /** A CSRF-protected read of the session, to see whether a CSRF token works. */
  const readSteps = async (sessionId: number, csrf: string) =>
    await t.app.inject({ url: `/partner/steps/session/${sessionId}`, headers: { 'x-csrf-token': csrf } })

  it('exchanges the link token for a CSRF token valid 15 minutes, with what the applicant may see of the session', async () => {
    const session = await createSession(t.app, key.key, { instructions: 'Prove your income', applicantFirstName: 'John', applicantLastName: 'Doe', applicantEmail: 'john@example.com', selectedPlatform: 1, metadata: { internal: 'partner-only' } })
    const res = await verifyPost({ token: session.verificationLink.token, sessionId: session.id })

    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toEqual({
      success: true,
      data: {
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: new Date(t.clock.now + CSRF_TTL_S * 1000).toISOString(),
        sessionId: session.id,
        session: {
          id: session.id,
          status: 'PENDING',
          expiryDate: session.expiryDate,
          instructions: 'Prove your income',
          applicantFirstName: 'John',
          applicantLastName: 'Doe',
          selectedPlatform: 1,
          livemode: true,
          canContinue: true,
          locale: null,
          defaultLocale: 'en',
          requester: 'acme',
          requireConsent: false,
          consent: null,
          moreRequest: null
        }
      }
    })
    expect((await readSteps(session.id, body.data.csrfToken)).statusCode).toBe(200)
  })

  it('says whether the session is live: false for a session made with a test key, true for a live one, on POST and GET', async () => {
    const testKey = await t.app.ctx.keys.create({ team: 'acme', test: true })
    expect(testKey.key).toMatch(/^pa_test_/)
    const test = await createSession(t.app, testKey.key)
    const live = await createSession(t.app, key.key)
    for (const [session, livemode] of [[test, false], [live, true]] as const) {
      const posted = await verifyPost({ token: session.verificationLink.token, sessionId: session.id })
      expect(posted.statusCode).toBe(200)
      expect(posted.json().data.session).toMatchObject({ id: session.id, livemode })
      const link = new URL(session.verificationLink.manualVerificationLink)
      const got = await t.app.inject({ method: 'GET', url: link.pathname + link.search })
      expect(got.statusCode).toBe(200)
      expect(got.json().data.session).toMatchObject({ id: session.id, livemode })
    }
  })

  it('exchanges through GET on the manual verification link itself', async () => {
    const session = await createSession(t.app, key.key)
    const link = new URL(session.verificationLink.manualVerificationLink)
    const res = await t.app.inject({ method: 'GET', url: link.pathname + link.search })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, data: { sessionId: session.id, session: { id: session.id, status: 'PENDING' } } })
    expect((await readSteps(session.id, res.json().data.csrfToken)).statusCode).toBe(200)
  })

  it('stores CSRF tokens only as their SHA-256', async () => {
    const session = await createSession(t.app, key.key)
    const csrf = await exchange(t.app, session.id, session.verificationLink.token)
    expect(await dumpDatabase(t.db)).not.toContain(csrf)
    const row = await t.db.kysely.selectFrom('csrfTokens').selectAll().where('tokenHash', '=', sha256Hex(csrf)).executeTakeFirst()
    expect(row).toMatchObject({ sessionId: session.id })
  })

  describe('refusals change nothing', () => {
    it('401 for a wrong token', async () => {
      const session = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await verifyPost({ token: 'not-the-token', sessionId: session.id }))
      expectError(res, 401, 'Invalid verification token')
    })

    it('401 for the token of another session', async () => {
      const mine = await createSession(t.app, key.key)
      const other = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await verifyPost({ token: other.verificationLink.token, sessionId: mine.id }))
      expectError(res, 401, 'Invalid verification token')
    })

    it('401 for a token and a session id that does not exist', async () => {
      const session = await createSession(t.app, key.key)
      const res = await expectNoChange(t.db, async () => await verifyGet(`token=${session.verificationLink.token}&sessionId=999999`))
      expectError(res, 401, 'Invalid verification token')
    })

    it.each([
      ['token is missing', { sessionId: 1 }, 'body is missing required field "token"'],
      ['sessionId is missing', { token: 'abc' }, 'body is missing required field "sessionId"'],
      ['token is empty', { token: '', sessionId: 1 }, 'body.token must not be empty'],
      ['sessionId is a string', { token: 'abc', sessionId: '1' }, 'body.sessionId must be an integer'],
      ['an unknown field is sent', { token: 'abc', sessionId: 1, csrf: true }, 'body has an unknown field "csrf"']
    ])('400 on POST when %s', async (_name, payload, message) => {
      const res = await expectNoChange(t.db, async () => await verifyPost(payload))
      expectError(res, 400, message)
    })

    it.each([
      ['token is missing', 'sessionId=1', 'querystring is missing required field "token"'],
      ['sessionId is missing', 'token=abc', 'querystring is missing required field "sessionId"'],
      ['sessionId is not a number', 'token=abc&sessionId=abc', 'querystring.sessionId must be an integer']
    ])('400 on GET when %s', async (_name, query, message) => {
      const res = await expectNoChange(t.db, async () => await verifyGet(query))
      expectError(res, 400, message)
    })
  })

  describe('CSRF lifetime', () => {
    it('accepts a CSRF token for 15 minutes and refuses it after', async () => {
      const session = await createSession(t.app, key.key)
      const csrf = await exchange(t.app, session.id, session.verificationLink.token)
      t.clock.advance(CSRF_TTL_S - 1)
      expect((await readSteps(session.id, csrf)).statusCode).toBe(200)
      t.clock.advance(2)
      const res = await expectNoChange(t.db, async () => await readSteps(session.id, csrf))
      expectError(res, 401, 'Invalid or expired CSRF token')
    })

    it('issues a new CSRF token from the same link after the old one expired', async () => {
      const session = await createSession(t.app, key.key)
      const old = await exchange(t.app, session.id, session.verificationLink.token)
      t.clock.advance(CSRF_TTL_S + 1)
      const fresh = await exchange(t.app, session.id, session.verificationLink.token)
      expect(fresh).not.toBe(old)
      expect((await readSteps(session.id, fresh)).statusCode).toBe(200)
      expectError(await readSteps(session.id, old), 401, 'Invalid or expired CSRF token')
    })

    it('leaves an earlier live CSRF token working when a new one is issued', async () => {
      const session = await createSession(t.app, key.key)
      const first = await exchange(t.app, session.id, session.verificationLink.token)
      const second = await exchange(t.app, session.id, session.verificationLink.token)
      expect((await readSteps(session.id, first)).statusCode).toBe(200)
      expect((await readSteps(session.id, second)).statusCode).toBe(200)
    })

    it('purges expired CSRF tokens and keeps live ones', async () => {
      const session = await createSession(t.app, key.key)
      const old = await exchange(t.app, session.id, session.verificationLink.token)
      t.clock.advance(CSRF_TTL_S + 1)
      const live = await exchange(t.app, session.id, session.verificationLink.token)
      expect(await t.app.ctx.verification.purgeExpired()).toBeGreaterThanOrEqual(1)
      const hashes = (await t.db.kysely.selectFrom('csrfTokens').select('tokenHash').execute()).map((r) => r.tokenHash)
      expect(hashes).toContain(sha256Hex(live))
      expect(hashes).not.toContain(sha256Hex(old))
    })
  })

  describe('expired sessions', () => {
    it('answers 410 on POST and GET once the session has expired, and marks it EXPIRED', async () => {
      const session = await createSession(t.app, key.key, { expiryDate: futureIso(t.app, 60) })
      t.clock.advance(61)
      const csrfBefore = await t.db.kysely.selectFrom('csrfTokens').select('tokenHash').where('sessionId', '=', session.id).execute()
      expectError(await verifyPost({ token: session.verificationLink.token, sessionId: session.id }), 410, 'Verification session has expired')
      expectError(await verifyGet(`token=${session.verificationLink.token}&sessionId=${session.id}`), 410, 'Verification session has expired')
      const row = await t.db.kysely.selectFrom('sessions').select('status').where('id', '=', session.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('EXPIRED')
      const csrfAfter = await t.db.kysely.selectFrom('csrfTokens').select('tokenHash').where('sessionId', '=', session.id).execute()
      expect(csrfAfter).toEqual(csrfBefore)
    })

    it('answers 410 to a CSRF token still live when its session expired', async () => {
      const session = await createSession(t.app, key.key, { expiryDate: futureIso(t.app, 60) })
      const csrf = await exchange(t.app, session.id, session.verificationLink.token)
      t.clock.advance(61)
      expectError(await readSteps(session.id, csrf), 410, 'Verification session has expired')
    })
  })
})
