import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_VERSIONS, CURRENT_API_VERSION } from '../../src/lib/api-versions.js'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from './helpers.js'
import { Receiver } from '../webhooks/receiver.js'

const t = useTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
const receiver = new Receiver()
beforeAll(async () => { await receiver.start() })
afterAll(async () => { await receiver.close() })

describe('Partner-Version', () => {
  it('is 2026-12-01 today, the only version', () => {
    expect(API_VERSIONS).toEqual(['2026-12-01'])
    expect(CURRENT_API_VERSION).toBe('2026-12-01')
  })

  it('says on every answer which version served it: success, error, unknown route, public route', async () => {
    const key = await createKey(t.app, 'versions-headers')
    const answers = [
      await t.app.inject({ url: '/partner/me', headers: { 'x-api-key': key.key } }),
      await t.app.inject({ url: '/partner/me', headers: { 'x-api-key': key.key, 'partner-version': '2026-12-01' } }),
      await t.app.inject({ url: '/partner/me' }),
      await t.app.inject({ url: '/partner/nothing-here' }),
      await t.app.inject({ url: '/healthz' }),
      await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: 'x', sessionId: 1 } })
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 200, 401])
    for (const r of answers) expect(r.headers['partner-version']).toBe('2026-12-01')
  })

  it('refuses an unknown or malformed version with a 400 naming the supported ones, before anything else, changing nothing', async () => {
    const key = await createKey(t.app, 'versions-unknown')
    await expectNoChange(t.db, async () => {
      for (const version of ['2025-01-01', '2026-12-02', 'latest', '2026-12-1', '', '2026-12-01,2026-12-01']) {
        const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key, 'partner-version': version }, payload: { params: { expiryDate: '2099-01-01T00:00:00.000Z' } } })
        expectError(res, 400, `Unknown Partner-Version "${version}"; supported versions: 2026-12-01 (YYYY-MM-DD)`, 'api_version_unknown')
        expect(res.headers['partner-version']).toBe('2026-12-01')
      }
      // Before authentication: a request with no key gets the 400, not a 401.
      expectError(await t.app.inject({ url: '/partner/me', headers: { 'partner-version': 'v2' } }), 400,
        'Unknown Partner-Version "v2"; supported versions: 2026-12-01 (YYYY-MM-DD)', 'api_version_unknown')
    })
  })

  it('pins keys, webhook endpoints, events and webhook payloads to a version, shown on each', async () => {
    const admin = await createKey(t.app, 'versions-pinned')
    const made = await t.app.inject({ method: 'POST', url: '/partner/keys', headers: { 'x-api-key': admin.key }, payload: { name: 'pinned' } })
    expect(made.json().data.apiVersion).toBe('2026-12-01')
    const listed = (await t.app.inject({ url: '/partner/keys', headers: { 'x-api-key': admin.key } })).json().data
    for (const k of listed) expect(k.apiVersion).toBe('2026-12-01')

    const hook = await t.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': admin.key, 'partner-version': '2026-12-01' }, payload: { url: receiver.url('/versions') } })
    expect(hook.statusCode, hook.body).toBe(201)
    expect(hook.json().data.apiVersion).toBe('2026-12-01')
    const secret = hook.json().data.secret as string
    expect((await t.app.inject({ url: `/partner/webhooks/${hook.json().data.id}`, headers: { 'x-api-key': admin.key } })).json().data.apiVersion).toBe('2026-12-01')

    const session = await createSession(t.app, admin.key)
    const events = (await t.app.inject({ url: '/partner/events', headers: { 'x-api-key': admin.key } })).json().data
    expect(events.map((e: { type: string }) => e.type)).toEqual(['session.created', 'api_key.created'])
    for (const e of events) expect(e.apiVersion).toBe('2026-12-01')

    await t.app.ctx.webhooks.dispatchDue()
    // The endpoint was made in the same instant as the key (the test clock stands still): both events reach it.
    const delivered = receiver.received.filter((r) => r.path === '/versions')
      .map((r) => new Webhook(secret).verify(r.body, Receiver.headers(r)) as Record<string, any>)
      .sort((a, b) => String(a.type).localeCompare(String(b.type)))
    expect(delivered).toEqual([
      expect.objectContaining({ type: 'api_key.created', apiVersion: '2026-12-01' }),
      expect.objectContaining({ type: 'session.created', apiVersion: '2026-12-01', data: expect.objectContaining({ sessionId: session.id }) })
    ])
  })
})
