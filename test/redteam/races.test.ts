// Red team: a submission in flight while the session ends (attempts exhausted on another step,
// canceled) and is redacted. Each interleaving is played through the lifecycle repository in the
// order a race would produce it; the answer must never be a VERIFIED step, proofs or facts in a
// session that has ended, nor REVIEWING after the end.
import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { SessionRow, StepRow } from '../../src/db/types.js'
import type { App } from '../../src/types.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey, createSession } from '../support/factories.js'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { bindTestSources, initiatedStep, proofFor, submit } from '../reclaim/support.js'
import { buildTestApp, useTestApp } from '../support/harness.js'

async function initiateAndClaim (app: App, session: SessionRow, step: StepRow, claim: boolean): Promise<StepRow> {
  const { lifecycle, steps } = app.ctx.repos
  const at = app.ctx.clock.iso()
  const initiated = await lifecycle.initiateStep({
    observed: step, session, contextMessage: `test:${randomUUID()}`, reclaimSessionId: randomUUID(), callbackTokenHash: randomUUID(), metadata: null, detail: '{}', at
  })
  expect(initiated.refused).toBe(null)
  const fresh = await steps.find(step.id) as StepRow
  if (!claim) return fresh
  expect(await lifecycle.claimStep(fresh, at)).toBe(true)
  return await steps.find(step.id) as StepRow
}

/** A PROCESSING session with two steps (sources 1 and 2), both initiated; B claimed by a submission in flight. */
async function twoSteps (app: App, key: string) {
  const created = await createSession(app, key)
  const { lifecycle, steps, sessions } = app.ctx.repos
  expect((await lifecycle.selectSources(created.id, [1, 2], app.ctx.clock.iso())).refused).toBe(null)
  const session = await sessions.findById(created.id) as SessionRow
  const [a, b] = await steps.listForSession(created.id)
  const stepA = await initiateAndClaim(app, session, a, true)
  const stepB = await initiateAndClaim(app, session, b, true)
  return { session, stepA, stepB }
}

function proofRow (app: App, stepId: number) {
  return {
    stepId,
    identifier: `0x${randomBytes(32).toString('hex')}`,
    owner: `0x${'11'.repeat(20)}`,
    timestampS: Math.floor(app.ctx.clock.ms() / 1000),
    providerHash: null,
    extracted: JSON.stringify({ monthlyIncome: '999999.00' }),
    raw: '{"secret":"applicant data"}',
    createdAt: app.ctx.clock.iso()
  }
}

describe('red team: a submission racing the end of its session', () => {
  const t = useTestApp(TEST_ENV)

  it('a step whose claim outlived its session ending FAILED (another step out of attempts) and its redaction gets no proof, no fact, no VERIFIED', async () => {
    const key = await createKey(t.app, 'race-a')
    const { session, stepA, stepB } = await twoSteps(t.app, key.key)
    const { lifecycle, steps } = t.app.ctx.repos
    // Step A uses its last attempt: the session FAILS.
    const failed = await lifecycle.failStep(session, stepA, 'bad proof', 'signature', 'applicant', stepA.attempts + 1, t.app.ctx.clock.iso())
    expect(failed.refused).toBe(null)
    expect((await t.app.ctx.repos.sessions.findById(session.id))?.status).toBe('FAILED')
    // The partner redacts the failed session.
    const redacted = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/redact`, headers: { 'x-api-key': key.key } })
    expect(redacted.statusCode, redacted.body).toBe(200)
    // B's submission, verified meanwhile, now settles.
    const verified = await lifecycle.verifyStep(session, stepB, [proofRow(t.app, stepB.id)], 'applicant', '{}', t.app.ctx.clock.iso())
    expect(verified.refused).not.toBe(null)
    expect((await steps.find(stepB.id))?.status).not.toBe('VERIFIED')
    const proofs = await t.db.kysely.selectFrom('proofs').selectAll().where('stepId', '=', stepB.id).execute()
    expect(proofs).toEqual([])
    const detail = (await t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': key.key } })).json().data
    expect(detail.status).toBe('FAILED')
    expect(detail.facts).toEqual([])
    expect(JSON.stringify(detail)).not.toContain('999999')
  })

  it('a session that FAILED leaves no step open: a late submission for its other step is refused', async () => {
    const key = await createKey(t.app, 'race-b')
    const { session, stepA, stepB } = await twoSteps(t.app, key.key)
    const { lifecycle, steps } = t.app.ctx.repos
    await lifecycle.failStep(session, stepA, 'bad proof', 'signature', 'applicant', stepA.attempts + 1, t.app.ctx.clock.iso())
    expect((await steps.find(stepA.id))?.status).toBe('FAILED')
    const failedB = await lifecycle.failStep(session, stepB, 'bad proof', 'signature', 'applicant', 3, t.app.ctx.clock.iso())
    expect(failedB.refused).not.toBe(null)
    expect((await steps.find(stepB.id))?.status).toBe('EXPIRED')
  })

  it('a claim that outlived a cancellation gets no proof and the session stays EXPIRED (canceled), never REVIEWING', async () => {
    const key = await createKey(t.app, 'race-c')
    const created = await createSession(t.app, key.key)
    const { lifecycle, steps, sessions } = t.app.ctx.repos
    await lifecycle.selectSources(created.id, [1], t.app.ctx.clock.iso())
    const session = await sessions.findById(created.id) as SessionRow
    const [step] = await steps.listForSession(created.id)
    const claimed = await initiateAndClaim(t.app, session, step, true)
    const canceled = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key }, payload: {} })
    expect(canceled.statusCode, canceled.body).toBe(200)
    const verified = await lifecycle.verifyStep(session, claimed, [proofRow(t.app, claimed.id)], 'applicant', '{}', t.app.ctx.clock.iso())
    expect(verified.refused).toBe('expired')
    expect(await sessions.findById(session.id)).toMatchObject({ status: 'EXPIRED', statusReason: 'canceled' })
    expect(await t.db.kysely.selectFrom('proofs').selectAll().where('stepId', '=', claimed.id).execute()).toEqual([])
  })
})

describe('red team: submit, cancel and redact at once, through the API', () => {
  it('a canceled and redacted session never turns REVIEWING and keeps no fact, whoever wins', async () => {
    const attestor = generateAttestor()
    const t = await buildTestApp({ ...TEST_ENV, RECLAIM_ATTESTORS: attestor.address })
    try {
      await bindTestSources(t, [1])
      const key = await createKey(t.app, 'racer')
      const outcomes = new Set<string>()
      for (let i = 0; i < 8; i++) {
        const { session, csrf, stepId, formData } = await initiatedStep(t, key.key)
        const proof = proofFor(t, formData, [attestor.privateKey], { extracted: { monthlyIncome: '999999.00', currency: 'USD' } })
        const endIt = async () => {
          const canceled = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': key.key }, payload: {} })
          const redacted = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/redact`, headers: { 'x-api-key': key.key } })
          return [canceled.statusCode, redacted.statusCode]
        }
        const [submitted, [canceled, redacted]] = await Promise.all([submit(t, csrf, stepId, [proof]).then((r) => r.statusCode), endIt()])
        outcomes.add(`${submitted}/${canceled}/${redacted}`)
        const row = await t.app.ctx.repos.sessions.findById(session.id)
        expect([200, 409, 410]).toContain(submitted)
        expect(canceled).toBe(200) // PROCESSING or REVIEWING: cancel always ends it
        expect(redacted).toBe(200)
        expect(row).toMatchObject({ status: 'EXPIRED', statusReason: 'canceled' })
        expect(row?.redactedAt).not.toBe(null)
        const kept = await t.db.kysely.selectFrom('proofs').select(['extracted', 'raw']).where('stepId', '=', stepId).execute()
        expect(kept.every((p) => p.extracted === '{}' && p.raw === '{}')).toBe(true)
        const detail = (await t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': key.key } })).json().data
        expect(JSON.stringify(detail)).not.toContain('999999')
        // Once ended, a late submission of another proof changes nothing.
        expect((await submit(t, csrf, stepId, [proof])).statusCode).toBeGreaterThanOrEqual(400)
        expect((await t.app.ctx.repos.sessions.findById(session.id))?.status).toBe('EXPIRED')
      }
      console.info(`submit/cancel/redact outcomes: ${[...outcomes].join(', ')}`)
    } finally {
      await t.close()
    }
  })
})
