import { randomBytes, randomUUID } from 'node:crypto'
import type { SessionRow, StepRow } from '../../src/db/types.js'
import type { SessionStatus, StepStatus } from '../../src/modules/lifecycle/lifecycle.js'
import type { App } from '../../src/types.js'

export interface PartnerKey { id: number, key: string, teamId: number, reviewerId: string | null }

export async function createKey (app: App, team = 'acme', opts: { reviewerId?: string | null, name?: string } = {}): Promise<PartnerKey> {
  return await app.ctx.keys.create({ team, reviewerId: opts.reviewerId ?? null, name: opts.name ?? null })
}

export function futureIso (app: App, seconds = 7 * 24 * 3600): string {
  return new Date(app.ctx.clock.ms() + seconds * 1000).toISOString()
}

export async function createSession (app: App, key: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/partner/session',
    headers: { 'x-api-key': key, ...headers },
    payload: { params: { expiryDate: futureIso(app), ...params } }
  })
  if (res.statusCode !== 201) throw new Error(`createSession: ${res.statusCode} ${res.body}`)
  return res.json().data as { id: number, status: string, verificationLink: { token: string, manualVerificationLink: string, deeplinkVerificationLink: string } } & Record<string, any>
}

export async function exchange (app: App, sessionId: number, token: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token, sessionId } })
  if (res.statusCode !== 200) throw new Error(`exchange: ${res.statusCode} ${res.body}`)
  return res.json().data.csrfToken as string
}

/** A session and its applicant's CSRF token. */
export async function applicantSession (app: App, key: string, params: Record<string, unknown> = {}) {
  const session = await createSession(app, key, params)
  const csrf = await exchange(app, session.id, session.verificationLink.token)
  return { session, csrf }
}

const REACHED_THROUGH: Record<SessionStatus, SessionStatus[]> = {
  PENDING: [],
  PROCESSING: ['PROCESSING'],
  REVIEWING: ['PROCESSING', 'REVIEWING'],
  COMPLETED: ['PROCESSING', 'REVIEWING', 'COMPLETED'],
  REJECTED: ['PROCESSING', 'REVIEWING', 'REJECTED'],
  FAILED: ['PROCESSING', 'FAILED'],
  EXPIRED: ['EXPIRED']
}

async function sessionRow (app: App, sessionId: number): Promise<SessionRow> {
  const row = await app.ctx.repos.sessions.findById(sessionId)
  if (!row) throw new Error(`no session ${sessionId}`)
  return row
}

/** Initiates (bound to a fresh context) and claims a step, as a submission would, through the lifecycle repository. */
async function claimedStep (app: App, session: SessionRow, step: StepRow): Promise<StepRow> {
  const { lifecycle, steps } = app.ctx.repos
  const at = app.ctx.clock.iso()
  const initiated = await lifecycle.initiateStep({
    observed: step, session, contextMessage: `test:${randomUUID()}`, reclaimSessionId: randomUUID(), callbackTokenHash: randomUUID(), metadata: null, detail: '{}', at
  })
  if (initiated.refused) throw new Error(`initiate: ${initiated.refused}`)
  const fresh = await steps.find(step.id) as StepRow
  if (!await lifecycle.claimStep(fresh, at)) throw new Error('claim refused')
  return await steps.find(step.id) as StepRow
}

/**
 * Moves an existing session forward to `status` along the status machine, through the repositories
 * (no HTTP walk, no proofs signed): sources are selected (source 1 when none is), each open step
 * is verified (or, for FAILED, the first one fails its last attempt), a decision is made.
 */
export async function moveSessionTo (app: App, sessionId: number, status: SessionStatus): Promise<SessionRow> {
  const { lifecycle, steps } = app.ctx.repos
  const at = () => app.ctx.clock.iso()
  for (const next of REACHED_THROUGH[status]) {
    const session = await sessionRow(app, sessionId)
    if (session.status === next) continue
    const open = (await steps.listForSession(sessionId)).filter((s) => s.status !== 'VERIFIED')
    if (next === 'PROCESSING') {
      const refused = (await lifecycle.selectSources(sessionId, [1], at())).refused
      if (refused) throw new Error(`select: ${refused}`)
    } else if (next === 'REVIEWING') {
      for (const step of open) {
        const claimed = await claimedStep(app, session, step)
        const proof = { stepId: step.id, identifier: `0x${randomBytes(32).toString('hex')}`, owner: `0x${'11'.repeat(20)}`, timestampS: Math.floor(app.ctx.clock.ms() / 1000), providerHash: null, extracted: JSON.stringify({ monthlyIncome: '5400.00' }), raw: '{}', createdAt: at() }
        const verified = await lifecycle.verifyStep(session, claimed, [proof], 'test', '{}', at())
        if (verified.refused) throw new Error(`verify: ${verified.refused}`)
      }
    } else if (next === 'FAILED') {
      const claimed = await claimedStep(app, session, open[0])
      const failed = await lifecycle.failStep(session, claimed, 'Test failure', 'test', 'test', claimed.attempts + 1, at())
      if (failed.refused) throw new Error(`fail: ${failed.refused}`)
    } else if (next === 'COMPLETED' || next === 'REJECTED') {
      const decided = await lifecycle.decide(session, next === 'COMPLETED', 'test', null, at())
      if (decided.refused) throw new Error(`decide: ${decided.refused}`)
    } else if (next === 'EXPIRED') {
      if (!await lifecycle.expireSession(session, at())) throw new Error('expire refused')
    }
  }
  const reached = await sessionRow(app, sessionId)
  if (reached.status !== status) throw new Error(`moveSessionTo: reached ${reached.status}, not ${status}`)
  return reached
}

/** A new session of `key`'s team in `status`, in one line. */
export async function sessionIn (app: App, key: string, status: SessionStatus, params: Record<string, unknown> = {}) {
  const session = await createSession(app, key, params)
  const row = await moveSessionTo(app, session.id, status)
  return { session, row, link: session.verificationLink }
}

/** A step of a new session in `status` (source 1), in one line. */
export async function stepIn (app: App, key: string, status: StepStatus): Promise<StepRow> {
  const { session } = await sessionIn(app, key, 'PROCESSING')
  const { lifecycle, steps } = app.ctx.repos
  const row = await sessionRow(app, session.id)
  const [step] = await steps.listForSession(session.id)
  const at = app.ctx.clock.iso()
  if (status === 'PENDING') return step
  if (status === 'EXPIRED') {
    await lifecycle.expireSession(row, at)
  } else if (status === 'COMPLETED' || status === 'VERIFIED') {
    await moveSessionTo(app, session.id, status === 'COMPLETED' ? 'COMPLETED' : 'REVIEWING')
  } else {
    const claimed = await claimedStep(app, row, step)
    if (status === 'INITIATED') await lifecycle.releaseStep({ ...claimed, status: 'INITIATED' })
    if (status === 'FAILED') await lifecycle.failStep(row, claimed, 'Test failure', 'test', 'test', 99, at)
  }
  const reached = await steps.find(step.id) as StepRow
  if (reached.status !== status) throw new Error(`stepIn: reached ${reached.status}, not ${status}`)
  return reached
}
