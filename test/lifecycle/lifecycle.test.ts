import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SessionRow, StepRow } from '../../src/db/types.js'
import { ROOT_DIR } from '../../src/lib/paths.js'
import {
  ABANDONED_CLAIM_MS,
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
      for (const s of [...t.from, t.to].flat()) expect(STEP_STATUSES).toContain(s)
    }
  })

  it('never leaves a final session status', () => {
    for (const t of Object.values(SESSION_TRANSITIONS)) {
      for (const s of t.from) expect(isFinalSession(s)).toBe(false)
    }
    expect(FINAL_SESSION_STATUSES).toEqual(['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'])
  })

  it('derives the webhook event names from the transitions', () => {
    expect([...EVENT_TYPES].sort()).toEqual(['api_key.created', 'api_key.revoked', 'api_key.rolled', 'session.completed', 'session.consent_accepted', 'session.created', 'session.expired',
      'session.failed', 'session.link_delivery_failed', 'session.link_sent', 'session.more_requested', 'session.opened', 'session.processing', 'session.redacted', 'session.rejected',
      'session.reminder_sent', 'session.review_overdue', 'session.reviewing', 'session.signal_raised', 'step.failed', 'step.verified'])
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
    const trail = await t.app.ctx.repos.lifecycle.auditTrail(row.id)
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

describe('the table is the law: the repository moves only from the statuses it lists', () => {
  const t = useTestApp(TEST_ENV)
  let key: PartnerKey
  beforeAll(async () => { key = await createKey(t.app) })

  const initiate = async (step: StepRow, at = t.app.ctx.clock.iso()) => {
    const session = await t.app.ctx.repos.sessions.findById(step.sessionId) as SessionRow
    return await t.app.ctx.repos.lifecycle.initiateStep({
      observed: step, session, contextMessage: `test:${randomUUID()}`, reclaimSessionId: randomUUID(), callbackTokenHash: randomUUID(), metadata: null, detail: '{}', at
    })
  }

  it.each(['VERIFIED', 'COMPLETED', 'EXPIRED', 'IN_PROGRESS'] as const)('refuses to initiate a %s step (a status initiate does not list), whatever the caller checked, and changes nothing', async (status) => {
    const step = await stepIn(t.app, key.key, status)
    expect(await initiate(step)).toEqual({ refused: 'moved' })
    expect(await t.app.ctx.repos.steps.find(step.id)).toEqual(step)
  })

  it('re-initiates a claim abandoned for longer than ABANDONED_CLAIM_MS (reinitiateAbandoned), audited as an initiation', async () => {
    const step = await stepIn(t.app, key.key, 'IN_PROGRESS')
    const later = new Date(Date.parse(step.updatedAt) + ABANDONED_CLAIM_MS + 1000).toISOString()
    expect(await initiate(step, later)).toEqual({ refused: null, value: undefined })
    const after = await t.app.ctx.repos.steps.find(step.id) as StepRow
    expect(after.status).toBe(STEP_TRANSITIONS.reinitiateAbandoned.to)
    const trail = await t.app.ctx.repos.lifecycle.auditTrail(step.sessionId)
    expect(trail.at(-1)).toMatchObject({ stepId: step.id, action: STEP_TRANSITIONS.reinitiateAbandoned.action, fromStatus: 'IN_PROGRESS', toStatus: 'INITIATED' })
  })

  it('releases a claim back to the status it was claimed from, and only a claimed step', async () => {
    const failed = await stepIn(t.app, key.key, 'FAILED')
    expect(await t.app.ctx.repos.lifecycle.claimStep(failed, t.app.ctx.clock.iso())).toBe(true)
    await t.app.ctx.repos.lifecycle.releaseStep(failed)
    expect((await t.app.ctx.repos.steps.find(failed.id))?.status).toBe('FAILED')
    const verified = await stepIn(t.app, key.key, 'VERIFIED')
    await t.app.ctx.repos.lifecycle.releaseStep({ ...verified, status: 'INITIATED' })
    expect((await t.app.ctx.repos.steps.find(verified.id))?.status).toBe('VERIFIED')
  })
})

describe('no session or step status is spelled outside src/modules/lifecycle/', () => {
  // Webhook deliveries have statuses of their own (PENDING, DELIVERED, FAILED): src/modules/webhooks/ is theirs.
  const STATUS_LITERAL = new RegExp(`'(${[...new Set([...SESSION_STATUSES, ...STEP_STATUSES])].join('|')})'`)
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])

  it('finds none in src/ outside the lifecycle module (and the webhook deliveries\' own)', () => {
    const src = join(ROOT_DIR, 'src')
    const found = files(src)
      .filter((f) => !f.startsWith(join(src, 'modules', 'lifecycle')) && !f.startsWith(join(src, 'modules', 'webhooks')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => STATUS_LITERAL.test(line) ? [`${f.slice(src.length + 1)}:${i + 1}: ${line.trim()}`] : []))
    expect(found).toEqual([])
  })
})
