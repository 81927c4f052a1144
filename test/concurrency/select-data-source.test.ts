import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createKey } from '../support/factories.js'
import { initiated, proofFor, reclaimTestApp, selectedSession, sessionStatus, snapshot, submit, type ReclaimTestApp } from '../reclaim/support.js'

/**
 * select-data-source reads the session's status, then (later, in its own transaction) inserts
 * steps. Whatever moves the session in between must win: the selection may not add a step to a
 * session that is no longer PENDING or PROCESSING.
 */
describe('select-data-source racing other transitions of its session', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => { r = await reclaimTestApp(); key = (await createKey(r.t.app)).key })
  afterAll(async () => { await r.t.close() })
  afterEach(() => { vi.restoreAllMocks() })

  /** Pauses the next select-data-source after its status check, until `release` is called. */
  function pauseNextSelection () {
    const repo = r.t.app.ctx.repos.sessions
    const original = repo.allowedSourceIds.bind(repo)
    let release!: () => void
    const gate = new Promise<void>((resolve) => { release = resolve })
    let reached!: () => void
    const atGate = new Promise<void>((resolve) => { reached = resolve })
    vi.spyOn(repo, 'allowedSourceIds').mockImplementationOnce(async (sessionId: number) => {
      reached()
      await gate
      return await original(sessionId)
    })
    return { atGate, release }
  }

  const select = async (csrf: string, sessionId: number, dataSourceIds: number[]) =>
    await r.t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds, sessionId } })

  it('does not add a PENDING step to a session that moved to REVIEWING meanwhile', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [paypal] } = await selectedSession(t, key, [1])
    const form = await initiated(t, csrf, paypal)

    const { atGate, release } = pauseNextSelection()
    const selecting = select(csrf, session.id, [2])
    await atGate
    // Meanwhile the only selected step is verified: the session goes to REVIEWING.
    expect((await submit(t, csrf, paypal, [proofFor(t, form, [attestor.privateKey])])).statusCode).toBe(200)
    expect(await sessionStatus(t, session.id)).toBe('REVIEWING')
    release()

    const res = await selecting
    expect(res.statusCode, res.body).toBe(409)
    const after = await snapshot(t, session.id)
    expect(after.session?.status).toBe('REVIEWING')
    expect(after.steps.map((s) => [s.sourceId, s.status])).toEqual([[1, 'VERIFIED']])
  })

  it('does not add a step to a session that expired meanwhile', async () => {
    const { t } = r
    const { session, csrf } = await selectedSession(t, key, [1])

    const { atGate, release } = pauseNextSelection()
    const selecting = select(csrf, session.id, [2])
    await atGate
    t.clock.advance(8 * 24 * 3600) // past the default 7-day expiry
    expect(await t.app.ctx.sessions.sweepExpired()).toBeGreaterThanOrEqual(1)
    t.clock.advance(-8 * 24 * 3600)
    release()

    const res = await selecting
    expect([409, 410], res.body).toContain(res.statusCode)
    const after = await snapshot(t, session.id)
    expect(after.session?.status).toBe('EXPIRED')
    expect(after.steps.map((s) => [s.sourceId, s.status])).toEqual([[1, 'EXPIRED']])
  })

  it('records one sources.selected audit row per newly selected source when two selections race', async () => {
    const { t } = r
    const { session, csrf } = await selectedSession(t, key, [1])
    const answers = await Promise.all([select(csrf, session.id, [2]), select(csrf, session.id, [2]), select(csrf, session.id, [2, 3])])
    for (const a of answers) expect(a.statusCode, a.body).toBe(200)
    const after = await snapshot(t, session.id)
    expect(after.steps.map((s) => s.sourceId).sort()).toEqual([1, 2, 3])
    const selected = after.audit.filter((a) => a.action === 'sources.selected')
      .flatMap((a) => JSON.parse(a.detail as string).dataSourceIds as number[]).sort()
    expect(selected).toEqual([1, 2, 3])
  })
})
