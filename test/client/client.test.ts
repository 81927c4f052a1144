import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { freePort } from '../../src/lib/net.js'
import type { App } from '../../src/types.js'
import { openTestDb, TestClock } from '../support/harness.js'
import { TEST_ENV } from '../api/helpers.js'
import { API_VERSION, createApplicantClient, createPartnerClient, PartnerApiError } from '../../clients/typescript/src/index.js'

/**
 * The contract of clients/typescript, imported from its source: the whole workflow through the
 * typed client against a real server on a free port (SQLite), from a test key to COMPLETED.
 */
describe('the TypeScript client against a running instance', () => {
  let app: App
  let base: string
  let apiKey: string
  let drop: () => Promise<void>
  const clock = new TestClock()
  // Every request the clients send, as "METHOD path".
  const sent: string[] = []
  const countingFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    sent.push(`${request.method} ${new URL(request.url).pathname}`)
    return await fetch(request)
  }

  beforeAll(async () => {
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const opened = await openTestDb()
    drop = opened.drop
    const config = loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: base, SERVER_SECRET: 's'.repeat(32), SANDBOX_ATTESTOR_KEY: '0x' + '11'.repeat(32) })
    app = await buildApp({ db: opened.db, config, clock })
    await app.listen({ port, host: '127.0.0.1' })
    apiKey = (await app.ctx.keys.create({ team: 'Contract', test: true })).key
  })

  afterAll(async () => {
    await app?.close()
    await drop?.()
  })

  const expiryDate = () => new Date(clock.ms() + 7 * 24 * 3600 * 1000).toISOString()

  it('drives a session from creation to COMPLETED through the sandbox', async () => {
    const partner = createPartnerClient({ baseUrl: base, apiKey, fetch: countingFetch })
    const { data: created } = await partner.POST('/partner/session', {
      body: { params: { expiryDate: expiryDate(), applicantFirstName: 'John', instructions: 'Please verify your monthly income' } },
      headers: { 'Idempotency-Key': 'contract-1' }
    })
    const session = created!.data
    expect(session).toMatchObject({ status: 'PENDING', livemode: false })

    const applicant = createApplicantClient({ baseUrl: base, token: session.verificationLink.token, sessionId: session.id, fetch: countingFetch })
    const { data: sources } = await applicant.GET('/partner/sources/session/{sessionId}', { params: { path: { sessionId: session.id } } })
    expect(sources!.length).toBeGreaterThan(0)
    const { data: found } = await applicant.GET('/partner/sources/search', { params: { query: { text: 'paypal', sessionId: session.id } } })
    const paypal = found![0]
    expect(paypal.name).toBe('PayPal')
    // One exchange served both calls: the token is kept while it is valid.
    expect(sent.filter((s) => s === 'POST /partner/verification/verify')).toHaveLength(1)

    await applicant.POST('/partner/step/select-data-source', { body: { dataSourceIds: [paypal.id], sessionId: session.id } })
    const { data: steps } = await applicant.GET('/partner/steps/session/{sessionId}', { params: { path: { sessionId: session.id } } })
    const stepId = steps!.data.steps[0].id
    const { data: initiated } = await applicant.POST('/partner/step/initiate', { body: { stepId } })
    expect(initiated!.data.metadata).toMatchObject({ stepId, attempt: 1 })

    // The server's clock passes the CSRF token's 15 minutes while the client still trusts it: the
    // 401 renews the token and the call is sent again, body and all, once.
    clock.advance(16 * 60)
    sent.length = 0
    await applicant.POST('/partner/sandbox/step/simulate', { body: { stepId, outcome: 'success', extractedParameters: { monthlyIncome: '5400.00' } } })
    expect(sent).toEqual(['POST /partner/sandbox/step/simulate', 'POST /partner/verification/verify', 'POST /partner/sandbox/step/simulate'])
    const { data: step } = await applicant.GET('/partner/steps/{stepId}', { params: { path: { stepId } } })
    expect(step!.status).toBe('VERIFIED')

    const reviewing: number[] = []
    for await (const s of partner.reviewerSessions({ status: 'REVIEWING' })) reviewing.push(s.id)
    expect(reviewing).toEqual([session.id])

    const { data: detail } = await partner.GET('/partner/reviewer/sessions/{sessionId}', { params: { path: { sessionId: session.id } } })
    expect(detail!.data.facts).toContainEqual(expect.objectContaining({ name: 'monthlyIncome', value: '5400.00', sourceName: 'PayPal' }))
    const { data: decided } = await partner.POST('/partner/reviewer/sessions/{sessionId}/decision', {
      params: { path: { sessionId: session.id } },
      body: { decision: 'APPROVE', note: 'Income verified' }
    })
    expect(decided!.data).toMatchObject({ id: session.id, status: 'COMPLETED', decisionNote: 'Income verified' })
  })

  it('renews the CSRF token before its expiresAt', async () => {
    const partner = createPartnerClient({ baseUrl: base, apiKey })
    const { data } = await partner.POST('/partner/session', { body: { params: { expiryDate: expiryDate() } } })
    // Renewing an hour before expiry, longer than a token lives: every call finds it about to lapse.
    const applicant = createApplicantClient({ baseUrl: base, token: data!.data.verificationLink.token, sessionId: data!.data.id, renewBeforeMs: 3600_000, fetch: countingFetch })
    sent.length = 0
    const first = await applicant.csrfToken()
    await applicant.GET('/partner/steps/session/{sessionId}', { params: { path: { sessionId: data!.data.id } } })
    expect(await applicant.csrfToken()).not.toBe(first)
    expect(sent).toEqual(['POST /partner/verification/verify', 'POST /partner/verification/verify', 'GET /partner/steps/session/' + data!.data.id, 'POST /partner/verification/verify'])
  })

  it('pages through the reviewer list with startingAfter while hasMore', async () => {
    const partner = createPartnerClient({ baseUrl: base, apiKey: (await app.ctx.keys.create({ team: 'Paging', test: true })).key, fetch: countingFetch })
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const { data } = await partner.POST('/partner/session', { body: { params: { expiryDate: expiryDate() } } })
      ids.push(data!.data.id)
    }
    sent.length = 0
    const listed: number[] = []
    for await (const s of partner.reviewerSessions({ limit: 2, sortBy: 'createdAt', sortOrder: 'asc' })) listed.push(s.id)
    expect(listed).toEqual(ids)
    expect(sent.filter((s) => s === 'GET /partner/reviewer/sessions')).toHaveLength(3)
  })

  it('sends its API version, manages keys and pages through the audit log', async () => {
    const admin = createPartnerClient({ baseUrl: base, apiKey: (await app.ctx.keys.create({ team: 'Keys', test: true })).key, fetch: countingFetch })
    const { data, response } = await admin.POST('/partner/keys', { body: { name: 'ci', permissions: ['read', 'decide'] } })
    expect(response.headers.get('partner-version')).toBe(API_VERSION)
    expect(data!.data).toMatchObject({ name: 'ci', permissions: ['read', 'decide'], apiVersion: API_VERSION, livemode: false })
    const { data: rolled } = await admin.POST('/partner/keys/{id}/roll', { params: { path: { id: data!.data.id } }, body: { expiresInSeconds: 60 } })
    await admin.POST('/partner/keys/{id}/revoke', { params: { path: { id: rolled!.data.id } }, body: {} })
    const { data: keys } = await admin.GET('/partner/keys')
    expect(keys!.data.map((k) => [k.name, k.revokedAt !== null, k.rolledAt !== null])).toEqual([[null, false, false], ['ci', false, true], ['ci', true, false]])
    const actions: string[] = []
    for await (const entry of admin.auditLog({ limit: 1, action: 'api_key.*' })) actions.push(entry.action)
    expect(actions).toEqual(['api_key.revoked', 'api_key.rolled', 'api_key.created', 'api_key.created'])
    const unpinned = createPartnerClient({ baseUrl: base, apiKey: 'pa_test_x', apiVersion: '1999-01-01' })
    await expect(unpinned.GET('/partner/me')).rejects.toMatchObject({ status: 400, code: 'api_version_unknown' })
  })

  it('throws PartnerApiError with the status, code, message and request id', async () => {
    const partner = createPartnerClient({ baseUrl: base, apiKey })
    const err = await partner.GET('/partner/session/{sessionId}', { params: { path: { sessionId: 999999 } }, headers: { 'X-Request-Id': 'contract-test-404' } })
      .then(() => null, (e: unknown) => e)
    expect(err).toBeInstanceOf(PartnerApiError)
    expect(err).toMatchObject({ status: 404, code: 'session_not_found', message: 'Session not found', requestId: 'contract-test-404' })

    const invalid = await partner.POST('/partner/session', { body: { params: {} as never } }).then(() => null, (e: unknown) => e as PartnerApiError)
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' })
    expect(invalid!.errors).toContainEqual(expect.objectContaining({ path: 'body.params.expiryDate' }))
    expect(invalid!.requestId).toMatch(/^[0-9a-f-]{36}$/)

    const wrongKey = createPartnerClient({ baseUrl: base, apiKey: 'pa_test_not-a-key' })
    await expect(wrongKey.GET('/partner/me')).rejects.toMatchObject({ name: 'PartnerApiError', status: 401 })
  })
})
