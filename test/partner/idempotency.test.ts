import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, sessionIn, type PartnerKey } from '../support/factories.js'
import { countRows, dumpDatabase, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'

const t = useTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })

const post = async (key: PartnerKey, url: string, payload: unknown, idempotencyKey?: string) =>
  await t.app.inject({
    method: 'POST',
    url,
    headers: { 'x-api-key': key.key, ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }) },
    ...(payload === undefined ? {} : { payload: payload as any })
  })

interface RouteCase {
  name: string
  /** A fresh target for the call: its URL, a body, and another body. */
  /** `otherBody` null: the route takes no body, so no other request can reuse its key (a body with fields is a 400). */
  setup: (key: PartnerKey) => Promise<{ url: string, body?: unknown, otherBody: unknown }>
}

const ROUTES: RouteCase[] = [
  { name: 'POST /partner/webhooks', setup: async () => ({ url: '/partner/webhooks', body: { url: 'http://127.0.0.1:9/a' }, otherBody: { url: 'http://127.0.0.1:9/b' } }) },
  {
    name: 'POST /partner/reviewer/sessions/:id/decision',
    setup: async (key) => ({ url: `/partner/reviewer/sessions/${(await sessionIn(t.app, key.key, 'REVIEWING')).session.id}/decision`, body: { decision: 'APPROVE' }, otherBody: { decision: 'REJECT' } })
  },
  { name: 'POST /partner/session/:id/link', setup: async (key) => ({ url: `/partner/session/${(await createSession(t.app, key.key)).id}/link`, otherBody: null }) },
  { name: 'POST /partner/session/:id/cancel', setup: async (key) => ({ url: `/partner/session/${(await createSession(t.app, key.key)).id}/cancel`, body: { reason: 'a' }, otherBody: { reason: 'b' } }) },
  { name: 'POST /partner/session/:id/redact', setup: async (key) => ({ url: `/partner/session/${(await sessionIn(t.app, key.key, 'EXPIRED')).session.id}/redact`, otherBody: null }) },
  { name: 'POST /partner/session/:id/assign', setup: async (key) => ({ url: `/partner/session/${(await createSession(t.app, key.key)).id}/assign`, body: { reviewerId: 'rita' }, otherBody: { reviewerId: 'bob' } }) }
]

describe('Idempotency-Key', () => {
  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    it('replays the first answer with Idempotent-Replayed: true and changes nothing more', async () => {
      const key = await createKey(t.app, `idem-${route.name}`)
      const { url, body } = await route.setup(key)
      const first = await post(key, url, body, 'key-1')
      expect(first.statusCode).toBeLessThan(300)
      expect(first.headers['idempotent-replayed']).toBeUndefined()
      const replay = await expectNoChange(t.db, async () => await post(key, url, body, 'key-1'))
      expect(replay.statusCode).toBe(first.statusCode)
      expect(replay.headers['idempotent-replayed']).toBe('true')
      expect(replay.json()).toEqual(first.json())
    })

    it('answers 409 idempotency_key_reused to the same key with another body, and changes nothing', async () => {
      const key = await createKey(t.app, `idem-reuse-${route.name}`)
      const { url, body, otherBody } = await route.setup(key)
      expect((await post(key, url, body, 'key-2')).statusCode).toBeLessThan(300)
      if (otherBody === null) {
        const res = await expectNoChange(t.db, async () => await post(key, url, { unexpected: true }, 'key-2'))
        expectError(res, 400, 'body has an unknown field "unexpected"', 'validation_failed')
        return
      }
      const res = await expectNoChange(t.db, async () => await post(key, url, otherBody, 'key-2'))
      expectError(res, 409, 'Idempotency-Key was already used with a different request body', 'idempotency_key_reused')
    })
  })

  it('is scoped to the route and its path, the team, the mode and the reviewer', async () => {
    const key = await createKey(t.app, 'idem-scope')
    const [a, b] = [await createSession(t.app, key.key), await createSession(t.app, key.key)]
    const linkA = await post(key, `/partner/session/${a.id}/link`, undefined, 'shared')
    const linkB = await post(key, `/partner/session/${b.id}/link`, undefined, 'shared')
    expect([linkA.statusCode, linkB.statusCode]).toEqual([201, 201])
    expect(linkB.headers['idempotent-replayed']).toBeUndefined()
    expect(linkB.json().data.verificationLink.token).not.toBe(linkA.json().data.verificationLink.token)
    const cancelA = await post(key, `/partner/session/${a.id}/cancel`, {}, 'shared')
    expect(cancelA.statusCode).toBe(200)
    expect(cancelA.headers['idempotent-replayed']).toBeUndefined()

    const other = await createKey(t.app, 'idem-scope-other')
    const test = await t.app.ctx.keys.create({ team: 'idem-scope', reviewerId: null, name: null, test: true })
    for (const k of [key, other, test]) {
      const res = await post(k, '/partner/webhooks', { url: 'http://127.0.0.1:9/scope' }, 'hook')
      expect(res.statusCode).toBe(201)
      expect(res.headers['idempotent-replayed']).toBeUndefined()
    }
    // A reviewer's key of the team does not read the team key's answer under the same key.
    const rita = await createKey(t.app, 'idem-scope', { reviewerId: 'rita' })
    const c = await createSession(t.app, key.key, { reviewerId: 'rita' })
    expect((await post(key, `/partner/session/${c.id}/link`, undefined, 'rk')).statusCode).toBe(201)
    expectError(await post(rita, `/partner/session/${c.id}/link`, undefined, 'rk'), 409, 'Idempotency-Key was already used with a different request body')
  })

  it('keeps secrets sealed: neither the webhook secret nor the new link token is stored in clear', async () => {
    const key = await createKey(t.app, 'idem-sealed')
    const hook = await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/sealed' }, 'sealed-1')
    const session = await createSession(t.app, key.key)
    const link = await post(key, `/partner/session/${session.id}/link`, undefined, 'sealed-2')
    const dump = await dumpDatabase(t.db)
    expect(dump).not.toContain(link.json().data.verificationLink.token)
    expect(dump).not.toContain('sealed-1')
    expect(dump).not.toContain('sealed-2')
    // The webhook secret is stored once, in its endpoint row (to sign deliveries), never in the replay.
    expect(dump.split(hook.json().data.secret.slice(6)).length - 1).toBe(1)
    expect((await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/sealed' }, 'sealed-1')).json()).toEqual(hook.json())
  })

  it('keeps no record of a refusal: the same key runs the request again, and a later success is kept', async () => {
    const key = await createKey(t.app, 'idem-refusal')
    const { session } = await sessionIn(t.app, key.key, 'COMPLETED')
    const first = await expectNoChange(t.db, async () => await post(key, `/partner/session/${session.id}/link`, undefined, 'final'))
    expect(first.statusCode).toBe(409)
    const again = await post(key, `/partner/session/${session.id}/link`, undefined, 'final')
    expectError(again, 409, first.json().message, first.json().code)
    expect(again.headers['idempotent-replayed']).toBeUndefined()
  })

  it('runs one of concurrent identical requests; the others get its answer or a 409 in progress', async () => {
    const key = await createKey(t.app, 'idem-race')
    const answers = await Promise.all(Array.from({ length: 4 }, async () => await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/race' }, 'race')))
    const created = answers.filter((a) => a.statusCode === 201)
    expect(created.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1)
    for (const a of created) expect(a.json()).toEqual(created[0].json())
    for (const a of answers.filter((x) => x.statusCode !== 201)) {
      expectError(a, 409, 'A request with this Idempotency-Key is still being handled; retry shortly', 'idempotency_key_in_progress')
    }
    const hooks = await t.app.inject({ url: '/partner/webhooks', headers: { 'x-api-key': key.key } })
    expect(hooks.json().data).toHaveLength(1)
  })

  it('binds a key for 24 hours, and the sweep purges it after', async () => {
    const key = await createKey(t.app, 'idem-window')
    const first = await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/window' }, 'window')
    t.clock.advance(24 * 3600 - 1)
    expect((await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/window' }, 'window')).json()).toEqual(first.json())
    t.clock.advance(2)
    const later = await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/window' }, 'window')
    expect(later.statusCode).toBe(201)
    expect(later.json().data.id).not.toBe(first.json().data.id)
    const before = await countRows(t.db, 'idempotent_requests')
    t.clock.advance(24 * 3600 + 1)
    expect(await t.app.ctx.idempotency.purge()).toBeGreaterThanOrEqual(1)
    expect(await countRows(t.db, 'idempotent_requests')).toBeLessThan(before)
  })

  it('redaction erases the session\'s stored replays, which hold its data as it was', async () => {
    const key = await createKey(t.app, 'idem-redact')
    const session = await createSession(t.app, key.key, { applicantFirstName: 'Zed' })
    expect((await post(key, `/partner/session/${session.id}/cancel`, {}, 'cancel-1')).json().data.applicantFirstName).toBe('Zed')
    expect((await post(key, `/partner/session/${session.id}/redact`, undefined, 'redact-1')).statusCode).toBe(200)
    const rows = await t.db.kysely.selectFrom('idempotentRequests').select('statusCode').where('sessionId', '=', session.id).execute()
    expect(rows).toEqual([{ statusCode: 200 }]) // the redaction's own answer, already without the data
    const again = await post(key, `/partner/session/${session.id}/cancel`, {}, 'cancel-1')
    expect(again.statusCode).toBe(409) // runs again: the session is final now
  })

  it('refuses a key over 255 characters with 400 and changes nothing', async () => {
    const key = await createKey(t.app, 'idem-long')
    const res = await expectNoChange(t.db, async () => await post(key, '/partner/webhooks', { url: 'http://127.0.0.1:9/long' }, 'k'.repeat(256)))
    expectError(res, 400, 'Idempotency-Key must be 1 to 255 characters', 'idempotency_key_invalid')
  })

  it('marks replays of POST /partner/session too', async () => {
    const key = await createKey(t.app, 'idem-session')
    const first = await createSession(t.app, key.key, {}, { 'idempotency-key': 'create-1' })
    const replay = await t.app.inject({
      method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key, 'idempotency-key': 'create-1' }, payload: { params: { expiryDate: first.expiryDate } }
    })
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json().data.id).toBe(first.id)
  })
})
