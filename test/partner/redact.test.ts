import { beforeAll, describe, expect, it } from 'vitest'
import { dumpDatabase, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, moveSessionTo, sessionIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

const PERSONAL = {
  applicantFirstName: 'Adalind',
  applicantLastName: 'Quistgaard',
  applicantEmail: 'adalind.quistgaard@example.com',
  applicantId: 'applicant-7731',
  applicantData: { passportNo: 'P-99812' },
  metadata: { crmRef: 'crm-55120' },
  instructions: 'Bring your payslip from Zyxwarehouse'
}
const MARKERS = ['Adalind', 'Quistgaard', 'adalind.quistgaard', 'applicant-7731', 'P-99812', 'crm-55120', 'Zyxwarehouse', '5400.00', 'Looks fine to Zed']

describe('POST /partner/session/:sessionId/redact', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let alice: PartnerKey
  let globex: PartnerKey
  beforeAll(async () => {
    team = await createKey(t.app, 'acme')
    alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    globex = await createKey(t.app, 'globex')
  })
  const redact = async (key: PartnerKey, id: number) =>
    await t.app.inject({ method: 'POST', url: `/partner/session/${id}/redact`, headers: { 'x-api-key': key.key } })

  it('erases the applicant\'s data everywhere, keeps ids, statuses, dates, actions and proof identifiers, and is idempotent', async () => {
    const created = await createSession(t.app, team.key, PERSONAL, { 'idempotency-key': 'redact-me-1' })
    await moveSessionTo(t.app, created.id, 'REVIEWING')
    const decided = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${created.id}/decision`, headers: { 'x-api-key': team.key }, payload: { decision: 'APPROVE', note: 'Looks fine to Zed' } })
    expect(decided.statusCode).toBe(200)
    const before = await dumpDatabase(t.db)
    for (const m of MARKERS) expect(before).toContain(m)
    const proofsBefore = await t.db.kysely.selectFrom('proofs').innerJoin('steps', 'steps.id', 'proofs.stepId')
      .select(['proofs.identifier', 'proofs.stepId', 'proofs.timestampS']).where('steps.sessionId', '=', created.id).execute()
    expect(proofsBefore).toHaveLength(1)
    const auditBefore = await t.app.ctx.repos.sessions.auditTrail(created.id)

    t.clock.advance(60)
    const res = await redact(team, created.id)
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data).toMatchObject({
      id: created.id,
      status: 'COMPLETED',
      statusReason: 'approved',
      redactedAt: t.clock.iso(),
      applicantFirstName: null,
      applicantLastName: null,
      applicantEmail: null,
      applicantId: null,
      userId: null,
      applicantData: null,
      metadata: null,
      instructions: null,
      decisionNote: null,
      createdAt: created.createdAt
    })
    const after = await dumpDatabase(t.db)
    for (const m of MARKERS) expect(after, m).not.toContain(m)

    const proofsAfter = await t.db.kysely.selectFrom('proofs').innerJoin('steps', 'steps.id', 'proofs.stepId')
      .select(['proofs.identifier', 'proofs.stepId', 'proofs.timestampS', 'proofs.extracted', 'proofs.raw', 'proofs.owner']).where('steps.sessionId', '=', created.id).execute()
    expect(proofsAfter).toEqual([{ ...proofsBefore[0], extracted: '{}', raw: '{}', owner: '[redacted]' }])
    const auditAfter = await t.app.ctx.repos.sessions.auditTrail(created.id)
    expect(auditAfter.slice(0, -1).map((a) => ({ ...a, detail: null }))).toEqual(auditBefore.map((a) => ({ ...a, detail: null })))
    expect(auditAfter.every((a) => a.detail === null)).toBe(true)
    expect(auditAfter.at(-1)).toMatchObject({ action: 'session.redacted', actor: `partner:key:${team.id}` })
    expect(await t.db.kysely.selectFrom('idempotencyKeys').selectAll().where('sessionId', '=', created.id).execute()).toEqual([])
    const events = await t.db.kysely.selectFrom('events').selectAll().where('sessionId', '=', created.id).orderBy('id').execute()
    expect(events.map((e) => e.type)).toEqual(['session.created', 'session.processing', 'step.verified', 'session.reviewing', 'session.completed', 'session.redacted'])
    expect(JSON.parse(events.at(-1)!.payload)).toEqual({
      sessionId: created.id, applicantId: null, metadata: null, status: 'COMPLETED', previousStatus: 'COMPLETED', statusReason: 'approved', redactedAt: t.clock.iso(), livemode: true
    })

    // Idempotent: the same answer, nothing written again.
    t.clock.advance(60)
    const again = await expectNoChange(t.db, async () => await redact(team, created.id))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(res.json())
    // The same Idempotency-Key no longer replays the erased answer: it makes a new session.
    const replayed = await createSession(t.app, team.key, PERSONAL, { 'idempotency-key': 'redact-me-1' })
    expect(replayed.id).not.toBe(created.id)
  })

  it.each(['PENDING', 'PROCESSING', 'REVIEWING'] as const)('refuses an open (%s) session with 409 and changes nothing', async (status) => {
    const { session } = await sessionIn(t.app, team.key, status, PERSONAL)
    const res = await expectNoChange(t.db, async () => await redact(team, session.id))
    expectError(res, 409, `Only a session in a final status can be redacted; it is ${status}`)
  })

  it('refuses a reviewer\'s key with 403, even on its own session, and another team with 404', async () => {
    const created = await createSession(t.app, alice.key, PERSONAL)
    await moveSessionTo(t.app, created.id, 'EXPIRED')
    expectError(await expectNoChange(t.db, async () => await redact(alice, created.id)), 403, 'Only a team key (without a reviewer) may redact a session')
    expectError(await expectNoChange(t.db, async () => await redact(globex, created.id)), 404, 'Session not found')
    expect((await redact(team, created.id)).statusCode).toBe(200)
  })
})

describe('RETENTION_DAYS', () => {
  const t = useTestApp({ ...TEST_ENV, RETENTION_DAYS: '30' })

  it('redacts in the sweep the sessions that ended more than that many days ago, and only those', async () => {
    const team = await createKey(t.app, 'acme')
    const old = await sessionIn(t.app, team.key, 'REJECTED', PERSONAL)
    const oldOpen = await sessionIn(t.app, team.key, 'REVIEWING', { ...PERSONAL, expiryDate: new Date(t.clock.ms() + 90 * 86400_000).toISOString() })
    t.clock.advance(20 * 86400)
    const recent = await sessionIn(t.app, team.key, 'FAILED', PERSONAL)
    t.clock.advance(11 * 86400)
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(1)
    const read = async (id: number) => await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(await read(old.session.id)).toMatchObject({ redactedAt: t.clock.iso(), applicantEmail: null, status: 'REJECTED' })
    expect(await read(recent.session.id)).toMatchObject({ redactedAt: null, applicantEmail: PERSONAL.applicantEmail })
    expect(await read(oldOpen.session.id)).toMatchObject({ redactedAt: null, applicantEmail: PERSONAL.applicantEmail })
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(0)
  })

  it('is off unless set', async () => {
    expect(t.config.retentionDays).toBe(30)
    const { loadConfig } = await import('../../src/config.js')
    expect(loadConfig({}).retentionDays).toBe(null)
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow('RETENTION_DAYS must be between 1 and 36500, got 0')
  })
})
