import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'
import { STEP_STATUSES, STEP_TRANSITIONS, type StepStatus, type StepTransitionName } from '../../src/modules/lifecycle/lifecycle.js'
import { moveStep } from '../../src/modules/lifecycle/step-moves.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey, stepIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

/** Statuses a factory can leave a step in (every status but the ones a step only passes through with its session). */
const REACHABLE: StepStatus[] = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'FAILED', 'VERIFIED', 'COMPLETED', 'EXPIRED']

describe('one entry point moves a step: moveStep, from the statuses the table lists', () => {
  const t = useTestApp(TEST_ENV)
  let key: PartnerKey
  beforeAll(async () => { key = await createKey(t.app) })

  const moves = (Object.keys(STEP_TRANSITIONS) as StepTransitionName[]).filter((name) => STEP_TRANSITIONS[name].from.length > 0)
  const unlisted = moves.flatMap((name) => REACHABLE.filter((s) => !(STEP_TRANSITIONS[name].from as readonly StepStatus[]).includes(s)).map((s) => [name, s] as const))

  it('covers every step status the table names', () => {
    expect([...REACHABLE].sort()).toEqual([...STEP_STATUSES].sort())
    expect(unlisted.length).toBeGreaterThan(10)
  })

  it.each(unlisted)('refuses %s from a %s step, as the caller saw it or not, and changes nothing', async (name, status) => {
    const step = await stepIn(t.app, key.key, status)
    const to = (Array.isArray(STEP_TRANSITIONS[name].to) ? STEP_TRANSITIONS[name].to[0] : undefined) as StepStatus | undefined
    const k = t.db.kysely
    // Refused before any SQL: the table does not list the status the caller saw.
    expect(await moveStep(k, name, { stepId: step.id }, { observed: { status }, to })).toEqual([])
    // And by the UPDATE's own from-statuses when the caller says nothing of what it saw.
    expect(await moveStep(k, name, { stepId: step.id }, { to })).toEqual([])
    expect(await moveStep(k, name, { sessionId: step.sessionId }, { to })).toEqual([])
    expect(await t.app.ctx.repos.steps.find(step.id)).toEqual(step)
  })

  it('refuses a creation (select has no from-status) and a move back to a status the table does not return to', async () => {
    const step = await stepIn(t.app, key.key, 'IN_PROGRESS')
    expect(await moveStep(t.db.kysely, 'select', { stepId: step.id })).toEqual([])
    expect(await moveStep(t.db.kysely, 'release', { stepId: step.id })).toEqual([])
    expect(await moveStep(t.db.kysely, 'release', { stepId: step.id }, { to: 'VERIFIED' })).toEqual([])
    expect(await t.app.ctx.repos.steps.find(step.id)).toEqual(step)
  })

  it('moves a step the table lets leave, to the table\'s status, and answers it with its attempts', async () => {
    const step = await stepIn(t.app, key.key, 'IN_PROGRESS')
    const at = t.app.ctx.clock.iso()
    expect(await moveStep(t.db.kysely, 'fail', { stepId: step.id }, { observed: { status: 'IN_PROGRESS' }, countAttempt: true, set: { updatedAt: at } }))
      .toEqual([{ id: step.id, attempts: step.attempts + 1 }])
    expect(await t.app.ctx.repos.steps.find(step.id)).toMatchObject({ status: STEP_TRANSITIONS.fail.to, attempts: step.attempts + 1, updatedAt: at })
  })

  it('is the only place in src/ that writes a step\'s status', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])
    const writers = files(join(ROOT_DIR, 'src')).filter((f) => {
      const text = readFileSync(f, 'utf8')
      return [...text.matchAll(/updateTable\(\s*'steps'\s*\)/g)].some((m) => /\bstatus\s*:/.test(text.slice(m.index, m.index + 400).split(/\.execute|\.returning/)[0]))
    }).map((f) => relative(ROOT_DIR, f))
    expect(writers).toEqual(['src/modules/lifecycle/step-moves.ts'])
  })
})
