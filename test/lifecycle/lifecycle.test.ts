import { beforeAll, describe, expect, it } from 'vitest'
import {
  canInitiateStep, canSubmitStep, EVENT_TYPES, FINAL_SESSION_STATUSES, isFinalSession, SESSION_STATUSES, SESSION_TRANSITIONS, STEP_STATUSES, STEP_TRANSITIONS
} from '../../src/modules/lifecycle/lifecycle.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey, sessionIn, stepIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

describe('the status machines as data', () => {
  it('moves only between the guide\'s statuses', () => {
    for (const t of Object.values(SESSION_TRANSITIONS)) {
      for (const s of [...t.from, t.to]) expect(SESSION_STATUSES).toContain(s)
    }
    for (const t of Object.values(STEP_TRANSITIONS)) {
      for (const s of [...t.from, t.to]) expect(STEP_STATUSES).toContain(s)
    }
  })

  it('never leaves a final session status', () => {
    for (const t of Object.values(SESSION_TRANSITIONS)) {
      for (const s of t.from) expect(isFinalSession(s)).toBe(false)
    }
    expect(FINAL_SESSION_STATUSES).toEqual(['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'])
  })

  it('derives the webhook event names from the transitions', () => {
    expect([...EVENT_TYPES].sort()).toEqual(['session.completed', 'session.created', 'session.expired', 'session.failed',
      'session.processing', 'session.redacted', 'session.rejected', 'session.reviewing', 'session.signal_raised', 'step.failed', 'step.verified'])
  })

  it('lets a step be initiated while attempts remain, and an abandoned claim be retried', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z')
    const step = (status: typeof STEP_STATUSES[number], attempts = 0, updatedAt = new Date(now).toISOString()) =>
      ({ status, attempts, updatedAt, contextMessage: status === 'PENDING' ? null : 'ctx' })
    expect(canInitiateStep(step('PENDING'), 3, now)).toBe(true)
    expect(canInitiateStep(step('FAILED', 2), 3, now)).toBe(true)
    expect(canInitiateStep(step('FAILED', 3), 3, now)).toBe(false)
    expect(canInitiateStep(step('VERIFIED'), 3, now)).toBe(false)
    expect(canInitiateStep(step('IN_PROGRESS'), 3, now)).toBe(false)
    expect(canInitiateStep(step('IN_PROGRESS', 0, new Date(now - 61_000).toISOString()), 3, now)).toBe(true)
    expect(canSubmitStep(step('INITIATED'))).toBe(true)
    expect(canSubmitStep(step('PENDING'))).toBe(false)
  })
})

describe('factories reach every status through the repositories, and steps say what comes next', () => {
  const t = useTestApp(TEST_ENV)
  let key: PartnerKey
  beforeAll(async () => { key = await createKey(t.app) })

  it.each(SESSION_STATUSES)('a session in %s, with its audit trail', async (status) => {
    const { row } = await sessionIn(t.app, key.key, status)
    expect(row.status).toBe(status)
    const trail = await t.app.ctx.repos.sessions.auditTrail(row.id)
    expect(trail.at(-1)?.toStatus === status || status === 'PENDING' || status === 'COMPLETED').toBe(true)
  })

  it.each([
    ['PENDING', true, false],
    ['INITIATED', true, true],
    ['IN_PROGRESS', false, false],
    ['FAILED', true, true],
    ['VERIFIED', false, false],
    ['COMPLETED', false, false],
    ['EXPIRED', false, false]
  ] as const)('a %s step: canInitiate %s, canSubmit %s', async (status, canInitiate, canSubmit) => {
    const step = await stepIn(t.app, key.key, status)
    const session = await t.app.ctx.repos.sessions.findById(step.sessionId)
    expect(t.app.ctx.steps.view(step, session!.status)).toMatchObject({ status, canInitiate, canSubmit })
  })
})
