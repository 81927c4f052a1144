import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CATALOG } from '../../src/app.js'
import { buildTestApp, useTestApp } from '../support/harness.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { countRows, expectError, expectNoChange, TEST_ENV } from './helpers.js'

const RECLAIM_APP_ID = '0x' + 'ab'.repeat(20)
const RECLAIM_APP_SECRET = '0x' + '01'.repeat(32)

interface CatalogEntry { name: string, sourceName: string, providerId: string, loginFlow: unknown[] | null }
const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8')) as CatalogEntry[]
const paypal = catalog.find((c) => c.sourceName === 'PayPal')!
const withoutLoginFlow = catalog.find((c) => c.loginFlow === null)!

describe('POST /partner/sdk/session', () => {
  const t = useTestApp({ ...TEST_ENV, RECLAIM_APP_ID, RECLAIM_APP_SECRET })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const sdkSession = async (payload: unknown, app = t.app, apiKey = key.key) =>
    await app.inject({ method: 'POST', url: '/partner/sdk/session', headers: { 'x-api-key': apiKey }, payload: payload as any })

  it('starts an SDK session: providerId of the source, appId from RECLAIM_APP_ID, steps = the source\'s login flow', async () => {
    const res = await sdkSession({ sourceName: 'PayPal' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({
      success: true,
      data: {
        sessionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        providerId: paypal.providerId,
        appId: RECLAIM_APP_ID,
        steps: paypal.loginFlow
      }
    })
    const row = await t.db.kysely.selectFrom('sdkSessions').selectAll().where('id', '=', res.json().data.sessionId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ teamId: key.teamId, sourceId: 1, providerId: paypal.providerId, appId: RECLAIM_APP_ID, createdAt: t.clock.iso() })
  })

  it('gives every SDK session its own id', async () => {
    const a = (await sdkSession({ sourceName: 'PayPal' })).json().data.sessionId
    const b = (await sdkSession({ sourceName: 'PayPal' })).json().data.sessionId
    expect(a).not.toBe(b)
  })

  it.each(['paypal', 'PAYPAL', 'pAyPaL'])('finds the source by sourceName case-insensitively (%s)', async (sourceName) => {
    const res = await sdkSession({ sourceName })
    expect(res.statusCode).toBe(201)
    expect(res.json().data).toMatchObject({ providerId: paypal.providerId, steps: paypal.loginFlow })
  })

  it('finds a source whose sourceName differs from its display name', async () => {
    const flex = catalog.find((c) => c.sourceName === 'AmazonFlex')!
    const res = await sdkSession({ sourceName: 'amazonflex' })
    expect(res.statusCode).toBe(201)
    expect(res.json().data).toMatchObject({ providerId: flex.providerId, steps: flex.loginFlow })
  })

  it('404 "Verification source not found" for an unknown sourceName, and records nothing', async () => {
    const res = await expectNoChange(t.db, async () => await sdkSession({ sourceName: 'NoSuchBank' }))
    expectError(res, 404, 'Verification source not found', 'source_not_found')
  })

  it(`404 "Login flow not found" for a source without an SDK login flow (${withoutLoginFlow.sourceName}), and records nothing`, async () => {
    const res = await expectNoChange(t.db, async () => await sdkSession({ sourceName: withoutLoginFlow.sourceName }))
    expect(res.statusCode).toBe(404)
    expectError(res, 404, 'Login flow not found', 'login_flow_not_found')
  })

  it('404 "Verification source not found" for a disabled source', async () => {
    await t.app.ctx.sources.repo.upsert([{
      name: 'Retired Pay',
      description: 'No longer offered.',
      sourceName: 'RetiredPay',
      logoUrl: '/assets/logos/paypal.svg',
      category: 'payments',
      providerId: 'retired-provider',
      providerHashes: [],
      verificationTypeIds: [1],
      loginFlow: [{ step: 1, action: 'login', description: 'Log in' }],
      enabled: false
    }], t.clock.iso())
    const res = await expectNoChange(t.db, async () => await sdkSession({ sourceName: 'RetiredPay' }))
    expectError(res, 404, 'Verification source not found')
  })

  it.each([
    ['sourceName is missing', {}, 'body is missing required field "sourceName"'],
    ['sourceName is empty', { sourceName: '' }, 'body.sourceName must not be empty'],
    ['sourceName is not a string', { sourceName: 1 }, 'body.sourceName must be of type string'],
    ['an unknown field is sent', { sourceName: 'PayPal', providerId: 'x' }, 'body has an unknown field "providerId"']
  ])('400 when %s, and records nothing', async (_name, payload, message) => {
    const res = await expectNoChange(t.db, async () => await sdkSession(payload))
    expectError(res, 400, message)
  })

  it('answers an empty appId (the guide types it a string) when the operator has not configured a Reclaim app', async () => {
    const bare = await buildTestApp({ ...TEST_ENV })
    try {
      const bareKey = await createKey(bare.app, 'acme')
      const res = await sdkSession({ sourceName: 'PayPal' }, bare.app, bareKey.key)
      expect(res.statusCode).toBe(201)
      expect(res.json().data.appId).toBe('')
      expect(await countRows(bare.db, 'sdk_sessions')).toBe(1)
    } finally {
      await bare.close()
    }
  })
})
