import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createUser, signIn } from '../console/support.js'

const t = useTestApp({ ...TEST_ENV })

type Headers = Record<string, string>
const call = async (key: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Headers = {}) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) })

const me = async (key: string) => await call(key, 'GET', '/partner/me')

/** A key made over the API; its body. */
async function created (creator: string, body: Record<string, unknown>) {
  const res = await call(creator, 'POST', '/partner/keys', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data as Record<string, any> & { id: number, key: string }
}

async function eventsOf (key: PartnerKey | string, type = 'api_key.*') {
  const res = await call(typeof key === 'string' ? key : key.key, 'GET', `/partner/events?type=${type}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data as Array<{ type: string, data: Record<string, unknown>, apiVersion: string }>
}

async function auditOf (key: string, query = '') {
  const res = await call(key, 'GET', `/partner/audit-log${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data as Array<Record<string, any>>
}

describe('POST /partner/keys', () => {
  it('makes a key shown once, pinned to the current version, that works at once; event and audit entry name who made it', async () => {
    const admin = await createKey(t.app, 'keys-create', { name: 'admin' })
    const data = await created(admin.key, { name: 'importer', permissions: ['webhooks', 'read', 'decide'] })
    expect(data).toEqual({
      id: expect.any(Number),
      key: expect.stringMatching(/^pa_[A-Za-z0-9_-]{43}$/),
      name: 'importer',
      prefix: data.key.slice(0, 9),
      reviewerId: null,
      livemode: true,
      permissions: ['read', 'decide', 'webhooks'],
      apiVersion: '2026-12-01',
      createdAt: t.clock.iso(),
      lastUsedAt: null,
      expiresAt: null,
      rolledAt: null,
      revokedAt: null
    })
    expect((await me(data.key)).statusCode).toBe(200)

    const list = (await call(admin.key, 'GET', '/partner/keys')).json().data
    expect(list.map((k: { id: number }) => k.id)).toEqual([admin.id, data.id])
    expect(JSON.stringify(list)).not.toContain(data.key)
    expect(list[1]).toEqual({ ...data, key: undefined, lastUsedAt: t.clock.iso() })

    const [event] = await eventsOf(admin)
    expect(event).toMatchObject({
      type: 'api_key.created',
      apiVersion: '2026-12-01',
      data: { keyId: data.id, name: 'importer', prefix: data.prefix, permissions: ['read', 'decide', 'webhooks'], livemode: true, actor: { type: 'key', id: String(admin.id), label: 'admin' } }
    })
    const [entry] = await auditOf(admin.key, '?action=api_key.created')
    expect(entry).toMatchObject({ action: 'api_key.created', actor: { type: 'key', id: String(admin.id), label: 'admin' }, ip: '127.0.0.1', details: { keyId: data.id } })
    expect(JSON.stringify(await auditOf(admin.key))).not.toContain(data.key)
  })

  it('gives a key without a list what its kind may do, within what its creator holds', async () => {
    const admin = await createKey(t.app, 'keys-defaults')
    const full = await created(admin.key, { name: 'full' })
    expect(full.permissions).toEqual(['read', 'create', 'decide', 'resend', 'cancel', 'redact', 'events', 'webhooks', 'redeliver', 'assign', 'users', 'keys:write', 'audit:read', 'settings'])
    const reviewer = await created(admin.key, { name: 'ann', reviewerId: 'ann' })
    expect(reviewer).toMatchObject({ reviewerId: 'ann', permissions: ['read', 'create', 'decide', 'resend', 'cancel'] })
    const narrow = await created(admin.key, { name: 'narrow', permissions: ['keys:write', 'decide', 'events'] })
    const child = await created(narrow.key, { name: 'child' })
    expect(child.permissions).toEqual(['decide', 'events', 'keys:write'])
  })

  it('refuses to grant what the creator lacks, and changes nothing', async () => {
    const admin = await createKey(t.app, 'keys-escalate')
    const narrow = await created(admin.key, { name: 'narrow', permissions: ['keys:write', 'decide'] })
    await expectNoChange(t.db, async () => {
      const res = await call(narrow.key, 'POST', '/partner/keys', { name: 'wider', permissions: ['decide', 'webhooks', 'redact'] })
      expectError(res, 403, 'A key cannot be given permissions its creator lacks: redact, webhooks', 'key_exceeds_creator')
    })
    // keys:write itself cannot be passed on by a key that lacks it (it cannot even call).
    const noKeys = await created(admin.key, { name: 'no-keys', permissions: ['decide'] })
    expectError(await call(noKeys.key, 'POST', '/partner/keys', { name: 'x' }), 403, 'This key was made without the keys:write permission', 'forbidden')
    expectError(await call(noKeys.key, 'GET', '/partner/keys'), 403, 'This key was made without the keys:write permission', 'forbidden')
    // The permission hook holds a narrowed key to its list on every route, not only here.
    expectError(await call(noKeys.key, 'GET', '/partner/events'), 403, 'This key was made without the events permission', 'forbidden')
    expectError(await call(noKeys.key, 'GET', '/partner/me'), 403, 'This key was made without the read permission', 'forbidden')
  })

  it('refuses a reviewer\'s key: it never holds keys:write', async () => {
    const reviewer = await createKey(t.app, 'keys-reviewer', { reviewerId: 'bob' })
    expectError(await call(reviewer.key, 'GET', '/partner/keys'), 403, 'This operation needs a team API key; this key is scoped to a reviewer', 'team_key_required')
    const admin = await createKey(t.app, 'keys-reviewer')
    expectError(await call(admin.key, 'POST', '/partner/keys', { name: 'r', reviewerId: 'bob', permissions: ['decide', 'keys:write'] }), 400,
      'body.permissions.1 (keys:write) is not available to a reviewer\'s key; it may hold read, create, decide, resend, cancel', 'permission_unknown')
    expectError(await call(admin.key, 'POST', '/partner/keys', { name: 'r', permissions: ['decide', 'sudo'] }), 400,
      'body.permissions.1 is not a permission; permissions are read, create, decide, resend, cancel, redact, events, webhooks, redeliver, assign, users, keys:write, audit:read, settings', 'permission_unknown')
  })

  it('makes keys of the creator\'s mode only: a test key cannot make a live key', async () => {
    const test = await t.app.ctx.keys.create({ team: 'keys-modes', test: true })
    const live = await createKey(t.app, 'keys-modes')
    const child = await created(test.key, { name: 'sandbox child' })
    expect(child).toMatchObject({ livemode: false, key: expect.stringMatching(/^pa_test_/) })
    expectError(await call(test.key, 'POST', '/partner/keys', { name: 'x', livemode: true }), 403, 'A test key makes test keys only (livemode: false)', 'key_exceeds_creator')
    expectError(await call(live.key, 'POST', '/partner/keys', { name: 'x', livemode: false }), 403, 'A live key makes live keys only (livemode: true)', 'key_exceeds_creator')
    // Each mode lists its own keys; the other mode's are a 404.
    expect((await call(test.key, 'GET', '/partner/keys')).json().data.map((k: { id: number }) => k.id)).toEqual([test.id, child.id])
    expectError(await call(live.key, 'POST', `/partner/keys/${child.id}/revoke`), 404, 'API key not found', 'api_key_not_found')
  })

  it('keeps a key within its creator\'s life and refuses an expiry in the past', async () => {
    const admin = await createKey(t.app, 'keys-expiry')
    const at = (s: number) => t.clock.iso(s * 1000)
    const temp = await created(admin.key, { name: 'temp', expiresAt: at(3600) })
    expect(temp.expiresAt).toBe(at(3600))
    const child = await created(temp.key, { name: 'child' })
    expect(child.expiresAt).toBe(at(3600))
    expectError(await call(temp.key, 'POST', '/partner/keys', { name: 'longer', expiresAt: at(7200) }), 403, `A key cannot outlive its creator, which expires at ${at(3600)}`, 'key_exceeds_creator')
    expectError(await call(admin.key, 'POST', '/partner/keys', { name: 'past', expiresAt: at(-1) }), 400, 'body.expiresAt must be in the future', 'validation_failed')
    t.clock.advance(3600)
    expectError(await me(temp.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
    expectError(await me(child.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
  })

  it('refuses malformed bodies with a 400 that changes nothing', async () => {
    const admin = await createKey(t.app, 'keys-bad')
    for (const body of [{}, { name: '' }, { name: 'x', extra: 1 }, { name: 'x', permissions: 'decide' }, { name: 'x', expiresAt: 'tomorrow' }, { name: 'x', livemode: 'yes' },
      // The date-time format lets these through; Date cannot read the first, PostgreSQL refuses the year of the second.
      { name: 'x', expiresAt: '2099-12-31T23:59:60Z' }, { name: 'x', expiresAt: '0000-01-01T00:00:00Z' }]) {
      await expectNoChange(t.db, async () => {
        const res = await call(admin.key, 'POST', '/partner/keys', body)
        expect(res.statusCode, JSON.stringify(body)).toBe(400)
        expect(res.json().code).toBe('validation_failed')
      })
    }
  })
})

describe('POST /partner/keys/:id/roll', () => {
  it('makes a successor with the same settings; the old key works until expiresInSeconds, then is refused', async () => {
    const admin = await createKey(t.app, 'keys-roll', { name: 'admin' })
    const old = await created(admin.key, { name: 'server', permissions: ['read', 'decide', 'events'] })
    const res = await call(admin.key, 'POST', `/partner/keys/${old.id}/roll`, { expiresInSeconds: 3600 })
    expect(res.statusCode, res.body).toBe(201)
    const next = res.json().data
    expect(next).toMatchObject({ name: 'server', permissions: ['read', 'decide', 'events'], apiVersion: old.apiVersion, livemode: true, expiresAt: null, rolledAt: null })
    expect(next.id).not.toBe(old.id)
    expect(next.key).not.toBe(old.key)
    const listed = (await call(admin.key, 'GET', '/partner/keys')).json().data.find((k: { id: number }) => k.id === old.id)
    expect(listed).toMatchObject({ rolledAt: t.clock.iso(), expiresAt: t.clock.iso(3600_000), revokedAt: null })

    expect((await me(old.key)).statusCode).toBe(200)
    expect((await me(next.key)).statusCode).toBe(200)
    t.clock.advance(3599)
    expect((await me(old.key)).statusCode).toBe(200)
    t.clock.advance(1)
    expectError(await me(old.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
    expect((await me(next.key)).statusCode).toBe(200)

    const [event] = await eventsOf(admin, 'api_key.rolled')
    expect(event.data).toMatchObject({ keyId: old.id, newKeyId: next.id, oldKeyExpiresAt: listed.expiresAt, actor: { type: 'key', id: String(admin.id) } })
    const [entry] = await auditOf(admin.key, '?action=api_key.rolled')
    expect(entry.details).toMatchObject({ keyId: old.id, newKeyId: next.id })
  })

  it('stops the old key at once by default; a key may roll itself once', async () => {
    const admin = await createKey(t.app, 'keys-roll-self')
    const res = await call(admin.key, 'POST', `/partner/keys/${admin.id}/roll`)
    expect(res.statusCode, res.body).toBe(201)
    expectError(await me(admin.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
    const next = res.json().data.key as string
    expectError(await call(next, 'POST', `/partner/keys/${admin.id}/roll`, { expiresInSeconds: 10 }), 409, 'The key was rolled already; roll its successor', 'api_key_already_rolled')
  })

  it('rolls a key once when two rolls race: one successor, the other 409', async () => {
    const admin = await createKey(t.app, 'keys-roll-race')
    const target = await created(admin.key, { name: 'raced' })
    const answers = await Promise.all([1, 2, 3].map(async () => await call(admin.key, 'POST', `/partner/keys/${target.id}/roll`, { expiresInSeconds: 60 })))
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
    const keys = (await call(admin.key, 'GET', '/partner/keys')).json().data as Array<{ name: string, rolledAt: string | null }>
    expect(keys.filter((k) => k.name === 'raced').map((k) => k.rolledAt !== null).sort()).toEqual([false, true])
    expect((await eventsOf(admin, 'api_key.rolled'))).toHaveLength(1)
  })

  it('refuses a grace over 7 days, a revoked key, another team\'s key and a key with more permissions than the caller', async () => {
    const admin = await createKey(t.app, 'keys-roll-refusals')
    const other = await createKey(t.app, 'keys-roll-other')
    const target = await created(admin.key, { name: 'target' })
    const narrow = await t.app.ctx.keys.create({ team: 'keys-roll-refusals', permissions: ['keys:write'] })
    await expectNoChange(t.db, async () => {
      expect((await call(admin.key, 'POST', `/partner/keys/${target.id}/roll`, { expiresInSeconds: 604801 })).statusCode).toBe(400)
      expect((await call(admin.key, 'POST', `/partner/keys/${target.id}/roll`, { expiresInSeconds: -1 })).statusCode).toBe(400)
      expect((await call(admin.key, 'POST', `/partner/keys/${target.id}/roll`, { expiresInSeconds: 1.5 })).statusCode).toBe(400)
      expectError(await call(other.key, 'POST', `/partner/keys/${target.id}/roll`, {}), 404, 'API key not found', 'api_key_not_found')
      expectError(await call(narrow.key, 'POST', `/partner/keys/${target.id}/roll`, {}), 403,
        'Rolling this key would give its successor permissions you lack: read, create, decide, resend, cancel, redact, events, webhooks, redeliver, assign, users, audit:read, settings', 'key_exceeds_creator')
    })
    expect((await call(admin.key, 'POST', `/partner/keys/${target.id}/roll`, { expiresInSeconds: 604800 })).statusCode).toBe(201)
    const revoked = await created(admin.key, { name: 'gone' })
    expect((await call(admin.key, 'POST', `/partner/keys/${revoked.id}/revoke`)).statusCode).toBe(200)
    expectError(await call(admin.key, 'POST', `/partner/keys/${revoked.id}/roll`), 409, 'The key is revoked; create a new one', 'api_key_revoked')
  })
})

describe('POST /partner/keys/:id/revoke', () => {
  it('refuses the key from the very next request, and answers a second revocation as it is', async () => {
    const admin = await createKey(t.app, 'keys-revoke', { name: 'admin' })
    const doomed = await created(admin.key, { name: 'doomed' })
    const session = await createSession(t.app, doomed.key)
    expect((await call(doomed.key, 'GET', `/partner/session/${session.id}`)).statusCode).toBe(200)
    const res = await call(admin.key, 'POST', `/partner/keys/${doomed.id}/revoke`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toMatchObject({ id: doomed.id, revokedAt: t.clock.iso() })
    // Same instant (the test clock does not move): refused at once.
    expectError(await call(doomed.key, 'GET', `/partner/session/${session.id}`), 401, 'Invalid or revoked API key', 'api_key_invalid')
    const again = await call(admin.key, 'POST', `/partner/keys/${doomed.id}/revoke`)
    expect(again.json().data).toEqual(res.json().data)
    expect((await eventsOf(admin, 'api_key.revoked')).map((e) => e.data.keyId)).toEqual([doomed.id])
    expect((await auditOf(admin.key, '?action=api_key.revoked')).length).toBe(1)
  })

  it('lets a key revoke itself', async () => {
    const admin = await createKey(t.app, 'keys-revoke-self')
    expect((await call(admin.key, 'POST', `/partner/keys/${admin.id}/revoke`, {})).statusCode).toBe(200)
    expectError(await me(admin.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
  })

  it('refuses to revoke a key holding a permission the caller lacks (403, nothing changes); keys within its own it revokes', async () => {
    const admin = await createKey(t.app, 'keys-revoke-fuller')
    const narrow = await t.app.ctx.keys.create({ team: 'keys-revoke-fuller', permissions: ['keys:write', 'decide'] })
    const full = await created(admin.key, { name: 'full' })
    const sibling = await created(admin.key, { name: 'sibling', permissions: ['keys:write', 'events'] })
    await expectNoChange(t.db, async () => {
      expectError(await call(narrow.key, 'POST', `/partner/keys/${full.id}/revoke`), 403,
        'Revoking this key needs every permission it holds; you lack: read, create, resend, cancel, redact, events, webhooks, redeliver, assign, users, audit:read, settings', 'key_exceeds_creator')
      expectError(await call(narrow.key, 'POST', `/partner/keys/${admin.id}/revoke`), 403,
        'Revoking this key needs every permission it holds; you lack: read, create, resend, cancel, redact, events, webhooks, redeliver, assign, users, audit:read, settings', 'key_exceeds_creator')
      expectError(await call(narrow.key, 'POST', `/partner/keys/${sibling.id}/revoke`), 403, 'Revoking this key needs every permission it holds; you lack: events', 'key_exceeds_creator')
    })
    expect((await me(full.key)).statusCode).toBe(200)
    expect((await me(admin.key)).statusCode).toBe(200)

    const child = await created(narrow.key, { name: 'child', permissions: ['decide'] })
    expect((await call(narrow.key, 'POST', `/partner/keys/${child.id}/revoke`)).statusCode).toBe(200)
    expect((await call(narrow.key, 'POST', `/partner/keys/${narrow.id}/revoke`)).statusCode).toBe(200)
    expectError(await me(narrow.key), 401, 'Invalid or revoked API key', 'api_key_invalid')
    expect((await eventsOf(admin, 'api_key.revoked')).map((e) => e.data.keyId as number).sort((a, b) => a - b)).toEqual([narrow.id, child.id])
  })

  it('lets a console admin revoke any key of the team; a reviewer or viewer user may not', async () => {
    const admin = await createKey(t.app, 'keys-revoke-console')
    const full = await created(admin.key, { name: 'full' })
    await createUser(t.app, 'keys-revoke-console', 'ada@acme.example', 'admin')
    await createUser(t.app, 'keys-revoke-console', 'rex@acme.example', 'reviewer')
    await createUser(t.app, 'keys-revoke-console', 'val@acme.example', 'viewer')
    const [ada, rex, val] = await Promise.all(['ada', 'rex', 'val'].map(async (name) => await signIn(t.app, `${name}@acme.example`)))
    const revoke = async (user: typeof ada, id: number) =>
      await t.app.inject({ method: 'POST', url: `/partner/keys/${id}/revoke`, headers: user.headers(true), payload: {} })
    await expectNoChange(t.db, async () => {
      expect((await revoke(rex, full.id)).statusCode).toBe(403)
      expect((await revoke(val, full.id)).statusCode).toBe(403)
    })
    const res = await revoke(ada, full.id)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toMatchObject({ id: full.id, revokedAt: t.clock.iso() })
  })

  it('answers another team\'s key as missing and changes nothing', async () => {
    const admin = await createKey(t.app, 'keys-revoke-a')
    const other = await createKey(t.app, 'keys-revoke-b')
    await expectNoChange(t.db, async () => {
      expectError(await call(admin.key, 'POST', `/partner/keys/${other.id}/revoke`), 404, 'API key not found', 'api_key_not_found')
      expectError(await call(admin.key, 'POST', '/partner/keys/2147483647/revoke'), 404, 'API key not found', 'api_key_not_found')
    })
    expect((await me(other.key)).statusCode).toBe(200)
    expect((await call(admin.key, 'GET', '/partner/keys')).json().data.map((k: { id: number }) => k.id)).toEqual([admin.id])
  })
})

describe('the command line', () => {
  it('creates keys with a permission list and audits them as the command, without an event', async () => {
    const made = await t.app.ctx.keys.create({ team: 'keys-cli', permissions: ['audit:read', 'decide'] })
    expect(made.permissions).toEqual(['decide', 'audit:read'])
    const entries = await auditOf(made.key)
    expect(entries).toEqual([expect.objectContaining({ action: 'api_key.created', actor: { type: 'system', id: 'cli', label: 'partner-api command' }, ip: null, details: expect.objectContaining({ keyId: made.id }) })])
    const admin = await createKey(t.app, 'keys-cli')
    expect(await eventsOf(admin)).toEqual([])
  })
})
