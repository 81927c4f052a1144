import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { auditCsv, csvCell } from '../../src/modules/audit/audit.service.js'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, sessionIn, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../src/plugins/errors.js'
import { GOOD_PASSWORD, signIn } from '../console/support.js'

const t = useTestApp({ ...TEST_ENV })

const call = async (key: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) })

async function log (key: PartnerKey | string, query = '') {
  const res = await call(typeof key === 'string' ? key : key.key, 'GET', `/partner/audit-log${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { success: true, data: Array<Record<string, any>>, hasMore: boolean }
}

const PII = { applicantFirstName: 'Zebulon', applicantLastName: 'Quixote-Marr', applicantEmail: 'zebulon.q@example.test', applicantId: 'appl-PII-77', metadata: { secretOrder: 'ORD-PII-99' } }

describe('what the audit log records', () => {
  it('records decisions, cancellations, redactions, new links, assignments and webhook changes with the key, address and request id', async () => {
    const key = await createKey(t.app, 'audit-records', { name: 'ops' })
    const { session: approved } = await sessionIn(t.app, key.key, 'REVIEWING', PII)
    const decision = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${approved.id}/decision`, headers: { 'x-api-key': key.key, 'x-request-id': 'req-decide-1' }, payload: { decision: 'APPROVE', note: 'Zebulon looks fine' } })
    expect(decision.statusCode, decision.body).toBe(200)
    const canceled = await createSession(t.app, key.key, PII)
    expect((await call(key.key, 'POST', `/partner/session/${canceled.id}/link`)).statusCode).toBe(201)
    expect((await call(key.key, 'POST', `/partner/session/${canceled.id}/assign`, { reviewerId: 'ann' })).statusCode).toBe(200)
    expect((await call(key.key, 'POST', `/partner/session/${canceled.id}/cancel`, { reason: 'Zebulon asked us to stop' })).statusCode).toBe(200)
    expect((await call(key.key, 'POST', `/partner/session/${approved.id}/redact`)).statusCode).toBe(200)
    const hook = await call(key.key, 'POST', '/partner/webhooks', { url: 'https://hooks.example.test/in?token=partner-secret', events: ['session.*'] })
    expect(hook.statusCode, hook.body).toBe(201)
    const hookId = hook.json().data.id as number
    expect((await call(key.key, 'PATCH', `/partner/webhooks/${hookId}`, { enabled: false })).statusCode).toBe(200)
    expect((await call(key.key, 'POST', `/partner/webhooks/${hookId}/rotate-secret`)).statusCode).toBe(200)
    expect((await call(key.key, 'DELETE', `/partner/webhooks/${hookId}`)).statusCode).toBe(204)

    const { data } = await log(key, `?actorId=${key.id}`)
    const actor = { type: 'key', id: String(key.id), label: 'ops' }
    expect(data.map((e) => [e.action, e.sessionId ?? null])).toEqual([
      ['webhook_endpoint.deleted', null],
      ['webhook_endpoint.secret_rotated', null],
      ['webhook_endpoint.updated', null],
      ['webhook_endpoint.created', null],
      ['session.redacted', approved.id],
      ['session.canceled', canceled.id],
      ['session.assigned', canceled.id],
      ['session.link_reissued', canceled.id],
      ['session.approved', approved.id]
    ])
    for (const e of data) {
      expect(e).toMatchObject({ id: expect.stringMatching(/^aud_\d+$/), at: t.clock.iso(), actor, ip: '127.0.0.1', requestId: expect.any(String) })
    }
    const byAction = Object.fromEntries(data.map((e) => [e.action, e]))
    expect(byAction['session.approved']).toMatchObject({ requestId: 'req-decide-1', details: { decision: 'APPROVE' } })
    expect(byAction['session.canceled'].details).toEqual({ reasonGiven: true })
    expect(byAction['session.assigned'].details).toEqual({ reviewerId: 'ann' })
    expect(byAction['webhook_endpoint.created'].details).toEqual({ endpointId: hookId, url: 'https://hooks.example.test/in', events: ['session.*'], apiVersion: '2026-12-01' })
    expect(byAction['webhook_endpoint.updated'].details).toMatchObject({ endpointId: hookId, changed: ['enabled'], enabled: false })

    // Nothing of the applicant's, nor the partner's webhook token or secrets, is in any entry.
    const rows = JSON.stringify((await sql`select * from audit_entries`.execute(t.db.kysely)).rows)
    for (const text of ['Zebulon', 'Quixote', 'zebulon.q@', 'appl-PII-77', 'ORD-PII-99', 'looks fine', 'asked us', 'partner-secret', 'whsec_', key.key]) {
      expect(rows).not.toContain(text)
    }
  })

  it('records nothing for a refused request, nor for an idempotent replay', async () => {
    const key = await createKey(t.app, 'audit-refused')
    const session = await createSession(t.app, key.key)
    await expectNoChange(t.db, async () => {
      expect((await call(key.key, 'POST', `/partner/reviewer/sessions/${session.id}/decision`, { decision: 'APPROVE' })).statusCode).toBe(409)
      expect((await call(key.key, 'POST', `/partner/session/${session.id}/redact`)).statusCode).toBe(409)
    })
    const cancel = async () => await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key, 'idempotency-key': 'cancel-once' }, payload: {} })
    expect((await cancel()).statusCode).toBe(200)
    const replay = await cancel()
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect((await log(key, '?action=session.canceled')).data).toHaveLength(1)
  })

  it('records each read of a session\'s details or facts once per actor, session and minute', async () => {
    const key = await createKey(t.app, 'audit-views', { name: 'first' })
    const other = await createKey(t.app, 'audit-views', { name: 'second' })
    const { session: a } = await sessionIn(t.app, key.key, 'REVIEWING')
    const { session: b } = await sessionIn(t.app, key.key, 'REVIEWING')
    const read = async (k: PartnerKey, id: number) => { expect((await call(k.key, 'GET', `/partner/reviewer/sessions/${id}`)).statusCode).toBe(200) }
    await read(key, a.id)
    await read(key, a.id)
    await read(key, b.id)
    await read(other, a.id)
    // The list without facts shows no verified data: not a view.
    expect((await call(key.key, 'GET', '/partner/reviewer/sessions')).statusCode).toBe(200)
    let views = (await log(key, '?action=session.viewed')).data
    expect(views.map((e) => [e.actor.id, e.sessionId])).toEqual([[String(other.id), a.id], [String(key.id), b.id], [String(key.id), a.id]])

    t.clock.advance(60)
    await read(key, a.id)
    // The list with facts: one entry per session it showed, once a minute too.
    expect((await call(other.key, 'GET', '/partner/reviewer/sessions?include=facts')).statusCode).toBe(200)
    expect((await call(other.key, 'GET', '/partner/reviewer/sessions?include=facts')).statusCode).toBe(200)
    views = (await log(key, '?action=session.viewed')).data
    expect(views.slice(0, 3).map((e) => [e.actor.id, e.sessionId]).sort()).toEqual([[String(other.id), a.id], [String(other.id), b.id], [String(key.id), a.id]].sort())
    expect(views).toHaveLength(6)
    // A refused read is no read.
    const stranger = await createKey(t.app, 'audit-views-other')
    expect((await call(stranger.key, 'GET', `/partner/reviewer/sessions/${a.id}`)).statusCode).toBe(404)
    expect((await log(stranger)).data.filter((e) => e.action === 'session.viewed')).toEqual([])
  })
})

describe('console accounts in the audit log', () => {
  it('records sign-ins and failed ones of known users, user changes and setup links, by a key or a signed-in admin', async () => {
    const key = await createKey(t.app, 'audit-accounts', { name: 'ops' })
    const created = await call(key.key, 'POST', '/partner/users', { email: 'Admin@Audit.example', name: 'Ada', role: 'admin' })
    expect(created.statusCode, created.body).toBe(201)
    const { user: admin, setupUrl } = created.json().data as { user: { id: number }, setupUrl: string }
    const token = new URL(setupUrl).searchParams.get('token') as string
    expect((await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token, password: GOOD_PASSWORD } })).statusCode).toBe(200)

    const before = (await log(key)).data.length
    const wrong = await t.app.inject({ method: 'POST', url: '/console/session', headers: { 'x-request-id': 'req-wrong' }, payload: { email: 'admin@audit.example', password: 'not-the-password-at-all' } })
    expect(wrong.statusCode).toBe(401)
    // An email without an account belongs to no team's log.
    expect((await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'ghost@audit.example', password: 'not-the-password-at-all' } })).statusCode).toBe(401)
    expect((await log(key)).data.length).toBe(before + 1)
    const s = await signIn(t.app, 'admin@audit.example')

    // The signed-in admin makes a viewer, changes them, and issues them a new link.
    const made = await t.app.inject({ method: 'POST', url: '/partner/users', headers: s.headers(true), payload: { email: 'viewer@audit.example', role: 'viewer' } })
    expect(made.statusCode, made.body).toBe(201)
    const viewerId = made.json().data.user.id as number
    expect((await t.app.inject({ method: 'PATCH', url: `/partner/users/${viewerId}`, headers: s.headers(true), payload: { role: 'reviewer' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: `/partner/users/${viewerId}/setup-link`, headers: s.headers(true), payload: {} })).statusCode).toBe(201)
    // A refused change records nothing.
    const last = await t.app.inject({ method: 'PATCH', url: `/partner/users/${admin.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: true } })
    expect(last.statusCode).toBe(409)

    const entries = (await log(key, '?action=user.*')).data
    const asUser = { type: 'user', id: String(admin.id), label: 'Admin@Audit.example' }
    const asKey = { type: 'key', id: String(key.id), label: 'ops' }
    const signer = { type: 'user', id: String(admin.id), label: 'Admin@Audit.example' }
    expect(entries.map((e) => [e.action, e.actor, e.details])).toEqual([
      ['user.setup_link_issued', asUser, { userId: viewerId }],
      ['user.updated', asUser, { userId: viewerId, changed: ['role'], role: 'reviewer', disabled: null }],
      ['user.created', asUser, { userId: viewerId, email: 'viewer@audit.example', role: 'viewer' }],
      ['user.signed_in', signer, { userId: admin.id, method: 'password' }],
      ['user.sign_in_failed', signer, { userId: admin.id, reason: 'wrong_password' }],
      ['user.password_set', signer, { userId: admin.id }],
      ['user.created', asKey, { userId: admin.id, email: 'Admin@Audit.example', role: 'admin' }]
    ])
    expect(entries.find((e) => e.action === 'user.sign_in_failed')).toMatchObject({ ip: '127.0.0.1', requestId: 'req-wrong' })
    // Neither a password nor a setup token is in any entry.
    const rows = JSON.stringify((await sql`select * from audit_entries`.execute(t.db.kysely)).rows)
    for (const text of [GOOD_PASSWORD, 'not-the-password-at-all', token]) expect(rows).not.toContain(text)
  })
})

describe('a change and its entry', () => {
  const status = async (key: PartnerKey, id: number) => (await call(key.key, 'GET', `/partner/session/${id}`)).json().data.status as string
  const canceledEntries = async (key: PartnerKey, id: number) => (await log(key, `?sessionId=${id}&action=session.canceled`)).data

  it('commit together: when the entry cannot be written the change is undone, with or without an Idempotency-Key', async () => {
    const key = await createKey(t.app, 'audit-atomic')
    for (const idempotencyKey of [undefined, 'cancel-atomic']) {
      const session = await createSession(t.app, key.key)
      const before = await status(key, session.id)
      const record = vi.spyOn(t.app.ctx.audit, 'record').mockRejectedValueOnce(new Error('disk full'))
      try {
        const res = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, payload: {} })
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(500)
        expect(record).toHaveBeenCalledTimes(1)
      } finally {
        record.mockRestore()
      }
      expect(await status(key, session.id)).toBe(before)
      expect(await canceledEntries(key, session.id)).toEqual([])
      // Nothing stays held: the same request goes through afterwards, entry and all.
      const again = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, payload: {} })
      expect(again.statusCode, again.body).toBe(200)
      expect(await canceledEntries(key, session.id)).toHaveLength(1)
    }
  })

  it('roll back together: a change whose transaction fails after its entry was written leaves no entry', async () => {
    const key = await createKey(t.app, 'audit-rollback')
    const session = await createSession(t.app, key.key)
    const before = await status(key, session.id)
    // The stored answer, written last in the transaction, fails: the commit never happens.
    const finish = vi.spyOn(t.app.ctx.idempotency, 'finish').mockRejectedValueOnce(new Error('disk full'))
    const record = vi.spyOn(t.app.ctx.audit, 'record')
    try {
      const res = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key, 'idempotency-key': 'cancel-rollback' }, payload: {} })
      expectError(res, 503, DATABASE_UNAVAILABLE_MESSAGE, 'database_unavailable')
      // The entry was written, before the failure, in the transaction that was then rolled back.
      expect(record).toHaveBeenCalledTimes(1)
      await expect(record.mock.results[0].value).resolves.toBe(true)
    } finally {
      finish.mockRestore()
      record.mockRestore()
    }
    expect(await status(key, session.id)).toBe(before)
    expect(await canceledEntries(key, session.id)).toEqual([])
  })
})

describe('append-only', () => {
  it('refuses to update or delete an entry, on this database, and a redaction leaves entries as they were', async () => {
    const key = await createKey(t.app, 'audit-append-only')
    const { session } = await sessionIn(t.app, key.key, 'REVIEWING', PII)
    expect((await call(key.key, 'GET', `/partner/reviewer/sessions/${session.id}`)).statusCode).toBe(200)
    expect((await call(key.key, 'POST', `/partner/reviewer/sessions/${session.id}/decision`, { decision: 'REJECT', reasons: ['income_insufficient'], note: 'no' })).statusCode).toBe(200)
    const before = (await log(key)).data
    await expect(sql`update audit_entries set action = 'forged' where team_id = ${key.teamId}`.execute(t.db.kysely)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_entries where team_id = ${key.teamId}`.execute(t.db.kysely)).rejects.toThrow(/append-only/)
    await expect(sql`update audit_entries set details = '{}'`.execute(t.db.kysely)).rejects.toThrow(/append-only/)
    expect((await call(key.key, 'POST', `/partner/session/${session.id}/redact`)).statusCode).toBe(200)
    const after = (await log(key)).data
    expect(after.slice(1)).toEqual(before)
    expect(after[0]).toMatchObject({ action: 'session.redacted', sessionId: session.id })
  })
})

describe('GET /partner/audit-log', () => {
  async function teamWithEntries (team: string, n: number) {
    const key = await createKey(t.app, team)
    const sessions = []
    for (let i = 0; i < n; i++) {
      const s = await createSession(t.app, key.key)
      sessions.push(s.id)
      expect((await call(key.key, 'POST', `/partner/session/${s.id}/cancel`)).statusCode).toBe(200)
      t.clock.advance(10)
    }
    return { key, sessions }
  }

  it('pages newest first with startingAfter and hasMore', async () => {
    const { key } = await teamWithEntries('audit-pages', 5)
    const all = (await log(key, '?action=session.*')).data.map((e) => e.id)
    expect(all).toHaveLength(5)
    expect([...all].sort((x, y) => Number(y.slice(4)) - Number(x.slice(4)))).toEqual(all)
    const first = await log(key, '?action=session.*&limit=2')
    expect(first.data.map((e) => e.id)).toEqual(all.slice(0, 2))
    expect(first.hasMore).toBe(true)
    const second = await log(key, `?action=session.*&limit=2&startingAfter=${all[1]}`)
    expect(second.data.map((e) => e.id)).toEqual(all.slice(2, 4))
    const last = await log(key, `?action=session.*&limit=2&startingAfter=${all[3]}`)
    expect(last).toEqual({ success: true, data: [expect.objectContaining({ id: all[4] })], hasMore: false })
  })

  it('filters by time, actor, action (or prefix) and session', async () => {
    const { key, sessions } = await teamWithEntries('audit-filters', 3)
    const all = (await log(key, '?action=session.*')).data
    const [newest, middle, oldest] = all
    expect((await log(key, `?from=${encodeURIComponent(middle.at)}`)).data.map((e) => e.id)).toEqual([newest.id, middle.id])
    expect((await log(key, `?action=session.*&to=${encodeURIComponent(middle.at)}`)).data.map((e) => e.id)).toEqual([oldest.id])
    expect((await log(key, `?sessionId=${sessions[0]}`)).data.map((e) => e.id)).toEqual([oldest.id])
    expect((await log(key, `?actorId=${key.id}`)).data).toHaveLength(3)
    expect((await log(key, '?actorId=cli')).data.map((e) => e.action)).toEqual(['api_key.created'])
    expect((await log(key, '?actorId=someone-else')).data).toEqual([])
    expect((await log(key, '?action=session.*')).data).toHaveLength(3)
    expect((await log(key, '?action=session.canceled')).data).toHaveLength(3)
    expect((await log(key, '?action=session.cancel')).data).toEqual([])
    expect((await log(key, '?action=api_key.*')).data).toHaveLength(1) // the factory's key, made with the command
  })

  it('shows a team its own entries only, a test key its mode\'s, and refuses cursors, bad filters and reviewers\' keys', async () => {
    const a = await teamWithEntries('audit-team-a', 1)
    const b = await teamWithEntries('audit-team-b', 1)
    const [bEntry] = (await log(b.key, '?action=session.*')).data
    expect((await log(a.key)).data.map((e) => e.id)).not.toContain(bEntry.id)
    const reviewer = await createKey(t.app, 'audit-team-a', { reviewerId: 'ann' })
    await expectNoChange(t.db, async () => {
      expectError(await call(a.key.key, 'GET', `/partner/audit-log?startingAfter=${bEntry.id}`), 404, 'Audit entry not found', 'audit_entry_not_found')
      expectError(await call(a.key.key, 'GET', '/partner/audit-log?startingAfter=aud_99999999999'), 404, 'Audit entry not found', 'audit_entry_not_found')
      for (const q of ['limit=0', 'limit=101', 'from=yesterday', 'startingAfter=12', 'action=Session', 'sessionId=0', 'format=xml', 'extra=1',
        // Accepted by the date-time format, but no instant Date reads (a leap second) or PostgreSQL stores (year 0).
        'to=2016-12-31T23%3A59%3A60Z', 'from=0000-01-01T00%3A00%3A00Z&format=csv',
        `from=${encodeURIComponent(t.clock.iso())}&to=${encodeURIComponent(t.clock.iso(-1000))}`]) {
        const res = await call(a.key.key, 'GET', `/partner/audit-log?${q}`)
        expect(res.statusCode, q).toBe(400)
      }
      expectError(await call(reviewer.key, 'GET', '/partner/audit-log'), 403, 'This operation needs a team API key; this key is scoped to a reviewer', 'team_key_required')
    })
    const test = await t.app.ctx.keys.create({ team: 'audit-team-a', test: true })
    const testSession = await createSession(t.app, test.key)
    expect((await call(test.key, 'POST', `/partner/session/${testSession.id}/cancel`)).statusCode).toBe(200)
    const testLog = (await log(test.key, '?action=session.*')).data
    expect(testLog.map((e) => e.sessionId)).toEqual([testSession.id])
    expect((await log(a.key, '?action=session.*')).data.map((e) => e.sessionId)).toEqual(a.sessions)
  })

  it('exports the same page as CSV, formulas neutralised', async () => {
    const key = await createKey(t.app, 'audit-csv', { name: '=HYPERLINK("http://evil.test","x")' })
    for (const name of ['  =1+1', '\t@SUM(A1)', '\n-2+3', '+cmd', 'plain "quoted", name']) {
      const res = await call(key.key, 'POST', '/partner/keys', { name })
      expect(res.statusCode, res.body).toBe(201)
    }
    const res = await call(key.key, 'GET', '/partner/audit-log?format=csv&action=api_key.created')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['partner-has-more']).toBe('false')
    const lines = res.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,at,actorType,actorId,actorLabel,action,sessionId,ip,requestId,details')
    expect(lines).toHaveLength(7)
    // The key's label is the formula: every entry's actorLabel cell is neutralised.
    for (const line of lines.slice(1, 6)) expect(line).toContain('"\'=HYPERLINK(""http://evil.test"",""x"")"')
    for (const line of lines.slice(1)) {
      for (const cell of line.match(/"(?:[^"]|"")*"/g) ?? []) expect(cell.slice(1)).not.toMatch(/^[\s]*[=+\-@]/)
    }
    const paged = await call(key.key, 'GET', '/partner/audit-log?format=csv&limit=2')
    expect(paged.headers['partner-has-more']).toBe('true')
    expect(paged.headers['partner-next-starting-after']).toMatch(/^aud_\d+$/)
    expect(paged.body.trimEnd().split('\r\n')).toHaveLength(3)
  })
})

describe('csvCell', () => {
  it.each([
    ['=1+1', '"\'=1+1"'],
    ['+1', '"\'+1"'],
    ['-1', '"\'-1"'],
    ['@A1', '"\'@A1"'],
    ['  =1', '"\'  =1"'],
    ['\t=1', '"\'\t=1"'],
    ['\r\n=1', '"\'\r\n=1"'],
    ['\tplain', '"\'\tplain"'],
    ['\uff1dSUM(A1)', '"\'\uff1dSUM(A1)"'],
    ['a=b', '"a=b"'],
    ['say "hi"', '"say ""hi"""'],
    [null, '""'],
    [12, '"12"'],
    [{ a: '=x' }, '"{""a"":""=x""}"']
  ])('%j -> %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes a header and one row per entry, CRLF-terminated', () => {
    const csv = auditCsv([{ id: 'aud_1', at: '2026-12-06T00:00:00.000Z', actor: { type: 'system', id: 'cli', label: null }, action: 'api_key.created', ip: null, requestId: null, details: { keyId: 1 } }])
    expect(csv).toBe('id,at,actorType,actorId,actorLabel,action,sessionId,ip,requestId,details\r\n' +
      '"aud_1","2026-12-06T00:00:00.000Z","system","cli","","api_key.created","","","","{""keyId"":1}"\r\n')
  })
})

describe('AuditService.recordSignIn (for the accounts module)', () => {
  it('records a sign-in and a failed one in the user\'s team, with the user as actor and no mode', async () => {
    const key = await createKey(t.app, 'audit-sign-ins')
    const user = { id: 41, teamId: key.teamId, email: 'officer@lender.test' }
    await t.app.ctx.audit.recordSignIn({ ip: '203.0.113.9', requestId: 'req-sign-in' }, user, 'sign_in_failed', { reason: 'wrong_password' })
    t.clock.advance(5)
    await t.app.ctx.audit.recordSignIn({ ip: '203.0.113.9', requestId: 'req-sign-in-2' }, user, 'signed_in', { method: 'password' })
    const entries = (await log(key, '?action=user.*')).data
    expect(entries).toEqual([
      { id: expect.stringMatching(/^aud_/), at: t.clock.iso(), actor: { type: 'user', id: '41', label: 'officer@lender.test' }, action: 'user.signed_in', ip: '203.0.113.9', requestId: 'req-sign-in-2', details: { userId: 41, method: 'password' } },
      { id: expect.stringMatching(/^aud_/), at: t.clock.iso(-5000), actor: { type: 'user', id: '41', label: 'officer@lender.test' }, action: 'user.sign_in_failed', ip: '203.0.113.9', requestId: 'req-sign-in', details: { userId: 41, reason: 'wrong_password' } }
    ])
    // No mode: a test key of the team reads them too.
    const test = await t.app.ctx.keys.create({ team: 'audit-sign-ins', test: true })
    expect((await log(test.key, '?action=user.*')).data).toHaveLength(2)
    expect((await log(test.key, '?actorId=41')).data).toHaveLength(2)
  })
})

describe('a redaction by the retention sweep', () => {
  const r = useTestApp({ ...TEST_ENV, RETENTION_DAYS: '30' })

  it('is recorded with the system as actor, and the session\'s earlier entries stay as they were', async () => {
    const key = await createKey(r.app, 'audit-retention')
    const { session } = await sessionIn(r.app, key.key, 'REVIEWING', PII)
    expect((await r.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${session.id}/decision`, headers: { 'x-api-key': key.key }, payload: { decision: 'REJECT', reasons: ['income_insufficient'] } })).statusCode).toBe(200)
    const read = async () => (await r.app.inject({ url: `/partner/audit-log?sessionId=${session.id}`, headers: { 'x-api-key': key.key } })).json().data as Array<Record<string, any>>
    const before = await read()
    r.clock.advance(31 * 86400)
    expect(await r.app.ctx.sessionActions.redactRetained()).toBe(1)
    const after = await read()
    expect(after.slice(1)).toEqual(before)
    expect(after[0]).toMatchObject({ action: 'session.redacted', sessionId: session.id, actor: { type: 'system', id: 'jobs', label: 'background jobs' }, ip: null, details: { reason: 'retention', retentionDays: 30 } })
  })
})

describe('an evidence report read', () => {
  it('is a session.viewed entry, once a minute, like the reviewer detail', async () => {
    const key = await createKey(t.app, 'audit-report')
    const { session } = await sessionIn(t.app, key.key, 'REVIEWING')
    for (let i = 0; i < 2; i++) {
      const res = await call(key.key, 'GET', `/partner/session/${session.id}/report.json`)
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    }
    const views = (await log(key, '?action=session.viewed')).data
    expect(views.map((e) => [e.actor.id, e.sessionId])).toEqual([[String(key.id), session.id]])
  })
})
