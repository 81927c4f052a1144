import { beforeAll, describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../../src/modules/lifecycle/lifecycle.js'
import { useTestApp } from '../support/harness.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { countRows, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'

const SECRET = /^whsec_[A-Za-z0-9+/]{32}$/ // base64 of 24 bytes: 32 characters, no padding
const URL_ERROR = 'body.url must be an absolute http or https URL'
const HOST_ERROR = 'body.url must name a valid host (labels of 1 to 63 letters, digits or hyphens, separated by single dots)'

describe('webhook endpoints', () => {
  const t = useTestApp({ ...TEST_ENV })
  let acme: PartnerKey
  let globex: PartnerKey
  let reviewer: PartnerKey

  beforeAll(async () => {
    acme = await createKey(t.app, 'acme')
    globex = await createKey(t.app, 'globex')
    reviewer = await createKey(t.app, 'acme', { reviewerId: 'alice' })
  })

  const call = async (key: PartnerKey, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': key.key }, ...(payload === undefined ? {} : { payload: payload as any }) })

  type Request = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown]
  /** Every request that names one endpoint. */
  const requestsOn = (id: number): Request[] => [
    ['GET', `/partner/webhooks/${id}`],
    ['PATCH', `/partner/webhooks/${id}`, { url: 'https://evil.test/steal', enabled: false }],
    ['DELETE', `/partner/webhooks/${id}`],
    ['POST', `/partner/webhooks/${id}/rotate-secret`],
    ['GET', `/partner/webhooks/${id}/deliveries`]
  ]

  const create = async (key: PartnerKey, body: Record<string, unknown> = {}) => {
    const res = await call(key, 'POST', '/partner/webhooks', { url: 'https://hooks.acme.test/partner', ...body })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().data as { id: number, secret: string, url: string, events: string[] }
  }

  it('creates an endpoint for every event and shows its secret once', async () => {
    const res = await call(acme, 'POST', '/partner/webhooks', { url: 'https://hooks.acme.test/partner' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    const now = t.clock.iso()
    expect(body).toEqual({
      success: true,
      data: { id: expect.any(Number), url: 'https://hooks.acme.test/partner', events: ['*'], enabled: true, apiVersion: '2026-12-01', createdAt: now, updatedAt: now, secret: expect.stringMatching(SECRET) }
    })
    expect(Buffer.from(body.data.secret.slice('whsec_'.length), 'base64')).toHaveLength(24)
    // Stored recoverable: the dispatcher signs deliveries with it.
    const row = await t.db.kysely.selectFrom('webhookEndpoints').selectAll().where('id', '=', body.data.id).executeTakeFirstOrThrow()
    expect(row.secret).toBe(body.data.secret)

    const list = await call(acme, 'GET', '/partner/webhooks')
    expect(list.statusCode).toBe(200)
    const { secret: _secret, ...withoutSecret } = body.data
    expect(list.json().data).toContainEqual(withoutSecret)
    const one = await call(acme, 'GET', `/partner/webhooks/${body.data.id}`)
    expect(one.json()).toEqual({ success: true, data: withoutSecret })
    expect(list.body + one.body).not.toContain(body.data.secret)
  })

  it('keeps the subscribed events, without duplicates', async () => {
    const created = await create(acme, { events: ['session.completed', 'session.*', 'session.completed', 'step.verified'] })
    expect(created.events).toEqual(['session.completed', 'session.*', 'step.verified'])
  })

  it('gives every endpoint its own secret', async () => {
    const a = await create(acme)
    const b = await create(acme)
    expect(a.secret).not.toBe(b.secret)
  })

  describe('refuses a malformed request with 400, and changes nothing', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a missing url', {}, 'body is missing required field "url"'],
      ['an unknown field', { url: 'https://a.test/x', secret: 'mine' }, 'body has an unknown field "secret"'],
      ['a url that is not a string', { url: 42 }, 'body.url must be of type string'],
      ['an empty url', { url: '' }, 'body.url must not be empty'],
      ['a url over 2000 characters', { url: `https://a.test/${'x'.repeat(1990)}` }, 'body.url must be at most 2000 characters long'],
      ['a relative url', { url: '/hooks' }, URL_ERROR],
      ['a url without scheme', { url: 'hooks.acme.test/partner' }, URL_ERROR],
      ['an ftp url', { url: 'ftp://hooks.acme.test/partner' }, URL_ERROR],
      ['a javascript url', { url: 'javascript:alert(1)' }, URL_ERROR],
      ['a scheme without slashes', { url: 'https:hooks.acme.test' }, URL_ERROR],
      ['a url without host', { url: 'https:///partner' }, URL_ERROR],
      ['a url with spaces', { url: 'https://hooks.acme.test/a b' }, URL_ERROR],
      ['a url with a bad port', { url: 'https://hooks.acme.test:99999/' }, URL_ERROR],
      ['a host with an empty label', { url: 'http://a..b/' }, HOST_ERROR],
      ['a host starting with a dot', { url: 'https://.acme.test/' }, HOST_ERROR],
      ['a label starting with a hyphen', { url: 'https://-hooks.acme.test/' }, HOST_ERROR],
      ['a label of 64 characters', { url: `https://${'a'.repeat(64)}.test/` }, HOST_ERROR],
      ['a url with credentials', { url: 'https://user:pass@hooks.acme.test/' }, 'body.url must not contain credentials'],
      ['a url with a fragment', { url: 'https://hooks.acme.test/#x' }, 'body.url must not contain a fragment'],
      ['no events', { url: 'https://a.test/x', events: [] }, 'body.events must NOT have fewer than 1 items'],
      ['an events string', { url: 'https://a.test/x', events: '*' }, 'body.events must be of type array'],
      ['an empty event type', { url: 'https://a.test/x', events: [''] }, 'body.events.0 must not be empty'],
      ['a malformed event type', { url: 'https://a.test/x', events: ['session.created', 'Session Created'] },
        'body.events.1 must be "*", an event type such as session.completed, or a prefix such as session.*'],
      ['a wildcard inside a type', { url: 'https://a.test/x', events: ['session.*.x'] },
        'body.events.0 must be "*", an event type such as session.completed, or a prefix such as session.*'],
      ['an event type the service never emits (a typo)', { url: 'https://a.test/x', events: ['session.complete'] },
        `body.events.0 matches no event; events are ${EVENT_TYPES.join(', ')}`],
      ['a prefix that covers no event', { url: 'https://a.test/x', events: ['payment.*'] },
        `body.events.0 matches no event; events are ${EVENT_TYPES.join(', ')}`]
    ]
    it.each(cases)('%s', async (_name, payload, message) => {
      const res = await expectNoChange(t.db, async () => await call(acme, 'POST', '/partner/webhooks', payload))
      expectError(res, 400, message)
    })
  })

  it('refuses a key scoped to a reviewer with 403', async () => {
    const endpoint = await create(acme)
    const requests: Request[] = [['POST', '/partner/webhooks', { url: 'https://a.test/x' }], ['GET', '/partner/webhooks'], ...requestsOn(endpoint.id)]
    for (const [method, url, payload] of requests) {
      const res = await expectNoChange(t.db, async () => await call(reviewer, method, url, payload))
      expectError(res, 403, 'Webhook endpoints are managed with a team API key; this key is scoped to a reviewer')
    }
  })

  it('answers another team\'s endpoint with 404, and changes nothing', async () => {
    const endpoint = await create(acme)
    const before = await t.db.kysely.selectFrom('webhookEndpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow()
    for (const [method, url, payload] of requestsOn(endpoint.id)) {
      const res = await expectNoChange(t.db, async () => await call(globex, method, url, payload))
      expectError(res, 404, 'Webhook endpoint not found')
    }
    expect(await t.db.kysely.selectFrom('webhookEndpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow()).toEqual(before)
    const list = await call(globex, 'GET', '/partner/webhooks')
    expect(list.json()).toEqual({ success: true, data: [] })
  })

  it('answers an unknown endpoint with 404 and a malformed id with 400', async () => {
    expectError(await call(acme, 'GET', '/partner/webhooks/999999'), 404, 'Webhook endpoint not found')
    expectError(await call(acme, 'DELETE', '/partner/webhooks/999999'), 404, 'Webhook endpoint not found')
    expectError(await call(acme, 'GET', '/partner/webhooks/abc'), 400, 'params.id must be an integer')
    expectError(await call(acme, 'GET', '/partner/webhooks/0'), 400, 'params.id must be >= 1')
  })

  it('deletes an endpoint with 204, after which it is gone', async () => {
    const endpoint = await create(acme)
    const res = await call(acme, 'DELETE', `/partner/webhooks/${endpoint.id}`)
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expectError(await call(acme, 'GET', `/partner/webhooks/${endpoint.id}`), 404, 'Webhook endpoint not found')
    expect((await call(acme, 'GET', '/partner/webhooks')).json().data.map((e: { id: number }) => e.id)).not.toContain(endpoint.id)
    expectError(await call(acme, 'DELETE', `/partner/webhooks/${endpoint.id}`), 404, 'Webhook endpoint not found')
  })

  it('rotates the secret: a new one, shown once, the old one kept for the grace period', async () => {
    const endpoint = await create(acme)
    t.clock.advance(5)
    const res = await call(acme, 'POST', `/partner/webhooks/${endpoint.id}/rotate-secret`)
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data).toMatchObject({ id: endpoint.id, url: endpoint.url, enabled: true, updatedAt: t.clock.iso(), secret: expect.stringMatching(SECRET) })
    expect(data.secret).not.toBe(endpoint.secret)
    const row = await t.db.kysely.selectFrom('webhookEndpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow()
    expect({ secret: row.secret, previousSecret: row.previousSecret, previousSecretExpiresAt: row.previousSecretExpiresAt })
      .toEqual({ secret: data.secret, previousSecret: endpoint.secret, previousSecretExpiresAt: new Date(t.clock.ms() + 24 * 3600 * 1000).toISOString() })
    expect((await call(acme, 'GET', `/partner/webhooks/${endpoint.id}`)).body).not.toContain(data.secret)
  })

  it('updates the url, the events and whether the endpoint is enabled', async () => {
    const endpoint = await create(acme)
    t.clock.advance(1)
    const res = await call(acme, 'PATCH', `/partner/webhooks/${endpoint.id}`, { url: 'http://hooks.acme.test:8080/v2?x=1', events: ['session.completed'], enabled: false })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ id: endpoint.id, url: 'http://hooks.acme.test:8080/v2?x=1', events: ['session.completed'], enabled: false, updatedAt: t.clock.iso() })
    const back = await call(acme, 'PATCH', `/partner/webhooks/${endpoint.id}`, { enabled: true })
    expect(back.json().data).toMatchObject({ url: 'http://hooks.acme.test:8080/v2?x=1', events: ['session.completed'], enabled: true })
    expectError(await expectNoChange(t.db, async () => await call(acme, 'PATCH', `/partner/webhooks/${endpoint.id}`, {})), 400, 'body must set at least one of url, events, enabled')
    expectError(await expectNoChange(t.db, async () => await call(acme, 'PATCH', `/partner/webhooks/${endpoint.id}`, { url: 'ftp://x.test/' })), 400, URL_ERROR)
  })

  it('accepts a fully qualified host (trailing dot), an international name (as punycode) and underscores', async () => {
    expect((await create(acme, { url: 'https://hooks.acme.test./in' })).url).toBe('https://hooks.acme.test./in')
    expect((await create(acme, { url: 'https://bücher.acme.test/in' })).url).toBe('https://xn--bcher-kva.acme.test/in')
    expect((await create(acme, { url: 'https://hooks_1.acme.test/in' })).url).toBe('https://hooks_1.acme.test/in')
  })

  it('lists an endpoint\'s deliveries, empty at first', async () => {
    const endpoint = await create(acme)
    const res = await call(acme, 'GET', `/partner/webhooks/${endpoint.id}/deliveries`)
    expect(res.json()).toEqual({ success: true, data: [] })
    expectError(await call(acme, 'GET', `/partner/webhooks/${endpoint.id}/deliveries?status=LOST`), 400, 'querystring.status must be one of PENDING, DELIVERED, FAILED')
    expectError(await call(acme, 'GET', `/partner/webhooks/${endpoint.id}/deliveries?limit=101`), 400, 'querystring.limit must be <= 100')
  })

  it('refuses a 21st endpoint of a team with 409', async () => {
    const team = await createKey(t.app, 'initech')
    for (let i = 0; i < 20; i++) await create(team, { url: `https://hooks.initech.test/${i}` })
    const res = await expectNoChange(t.db, async () => await call(team, 'POST', '/partner/webhooks', { url: 'https://hooks.initech.test/21' }))
    expectError(res, 409, 'A team can have at most 20 webhook endpoints; delete one first')
  })

  it('keeps the cap under 60 concurrent creates: exactly 20 endpoints, the rest 409', async () => {
    const team = await createKey(t.app, 'hooli')
    const answers = await Promise.all(Array.from({ length: 60 }, async (_v, i) =>
      await call(team, 'POST', '/partner/webhooks', { url: `https://93.184.216.34/hooli/${i}` })))
    const statuses = answers.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(20)
    expect(statuses.filter((s) => s === 409)).toHaveLength(40)
    for (const r of answers.filter((a) => a.statusCode === 409)) expectError(r, 409, 'A team can have at most 20 webhook endpoints; delete one first')
    const teamId = (await t.app.ctx.keys.authenticate(team.key))!.teamId
    const { n } = await t.db.kysely.selectFrom('webhookEndpoints').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('teamId', '=', teamId).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(20)
  })

  it('counts the cap per mode: a test key filling its cap leaves live endpoints of the team creatable, and the other way round', async () => {
    const live = await createKey(t.app, 'umbrella')
    const test = await t.app.ctx.keys.create({ team: 'umbrella', reviewerId: null, name: null, test: true })
    for (let i = 0; i < 20; i++) await create(test, { url: `https://hooks.umbrella.test/test/${i}` })
    const refused = await expectNoChange(t.db, async () => await call(test, 'POST', '/partner/webhooks', { url: 'https://hooks.umbrella.test/test/21' }))
    expectError(refused, 409, 'A team can have at most 20 webhook endpoints; delete one first')
    for (let i = 0; i < 20; i++) await create(live, { url: `https://hooks.umbrella.test/live/${i}` })
    expect((await call(live, 'POST', '/partner/webhooks', { url: 'https://hooks.umbrella.test/live/21' })).statusCode).toBe(409)
    expect((await call(test, 'GET', '/partner/webhooks')).json().data).toHaveLength(20)
    expect((await call(live, 'GET', '/partner/webhooks')).json().data).toHaveLength(20)
  })

  it('documents the routes in OpenAPI, saying why the secret is stored recoverable', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/partner/webhooks')).sort())
      .toEqual(['/partner/webhooks', '/partner/webhooks/{id}', '/partner/webhooks/{id}/deliveries',
        '/partner/webhooks/{id}/deliveries/{deliveryId}/redeliver', '/partner/webhooks/{id}/rotate-secret', '/partner/webhooks/{id}/test'])
    const created = doc.paths['/partner/webhooks'].post.responses['201'].content['application/json'].schema
    expect(created.properties.data).toEqual({ $ref: '#/components/schemas/WebhookEndpointWithSecret' })
    expect(doc.components.schemas.WebhookEndpointWithSecret.properties.secret.description).toContain('stored recoverable')
  })

  it('requires an API key on every webhook route', async () => {
    const routes = t.app.routeCatalog.filter((r) => r.url.startsWith('/partner/webhooks') && r.method !== 'HEAD')
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /partner/webhooks/:id', 'GET /partner/webhooks', 'GET /partner/webhooks/:id', 'GET /partner/webhooks/:id/deliveries',
      'PATCH /partner/webhooks/:id', 'POST /partner/webhooks', 'POST /partner/webhooks/:id/deliveries/:deliveryId/redeliver',
      'POST /partner/webhooks/:id/rotate-secret', 'POST /partner/webhooks/:id/test'
    ])
    const before = await countRows(t.db, 'webhook_endpoints')
    for (const r of routes) {
      expect(r.auth).toBe('apiKey')
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(':id', '1').replace(':deliveryId', '1'), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : { url: 'https://a.test/' } })
      expectError(res, 401, 'Missing API key: send it in the x-api-key header')
    }
    expect(await countRows(t.db, 'webhook_endpoints')).toBe(before)
  })
})
