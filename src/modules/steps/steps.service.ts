import type { Clock } from '../../lib/clock.js'
import { badRequest, conflict, forbidden, gone, notFound } from '../../lib/http-errors.js'
import { AuditRepository } from '../audit/audit.repository.js'
import type { SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import { STEP_TYPE } from '../sessions/session-status.js'
import type { SourcesService } from '../sources/sources.service.js'
import type { ApplicantPrincipal } from '../verification/verification.service.js'
import type { StepsRepository } from './steps.repository.js'
import type { SelectDataSourceBody, StepView } from './steps.schemas.js'
import { viewStep } from './steps.view.js'

/** 403 when a CSRF token of one session is used for another (the request names the session). */
export function assertOwnSession (principal: ApplicantPrincipal, sessionId: number): void {
  if (principal.sessionId !== sessionId) throw forbidden('CSRF token does not belong to this session')
}

export class StepsService {
  private readonly audit = new AuditRepository()
  constructor (
    private readonly repo: StepsRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly sources: SourcesService,
    private readonly clock: Clock,
    private readonly maxAttempts: number
  ) {}

  view (row: Parameters<typeof viewStep>[0]): StepView { return viewStep(row, this.maxAttempts) }

  async select (principal: ApplicantPrincipal, body: SelectDataSourceBody): Promise<void> {
    assertOwnSession(principal, body.sessionId)
    const session = await this.sessions.getForApplicant(body.sessionId)
    if (session.status !== 'PENDING' && session.status !== 'PROCESSING') {
      throw conflict(`Sources cannot be selected while the session is ${session.status}`)
    }
    const ids = [...new Set(body.dataSourceIds)]
    const allowed = new Set((await this.sources.ofSession(session.id)).map((s) => s.id))
    const refused = ids.filter((id) => !allowed.has(id))
    if (refused.length > 0) throw badRequest(`Data source(s) not available for this session: ${refused.join(', ')}`)

    const now = new Date(this.clock()).toISOString()
    await this.repo.db.transaction().execute(async (trx) => {
      // The status read above may be stale by now (a proof verified, the session expired): check it
      // again under the session's lock, or steps could be added to a REVIEWING or final session.
      const current = await this.sessionsRepo.lockForUpdate(trx, session.id)
      if (!current) throw notFound('Session not found')
      if (current.status === 'EXPIRED') throw gone('Verification session has expired')
      if (current.status !== 'PENDING' && current.status !== 'PROCESSING') {
        throw conflict(`Sources cannot be selected while the session is ${current.status}`)
      }
      const fresh = await this.repo.insertMissing(trx, session.id, ids, STEP_TYPE, now)
      if (fresh.length > 0) {
        await this.audit.record(trx, { sessionId: session.id, actor: 'applicant', action: 'sources.selected', detail: JSON.stringify({ dataSourceIds: fresh }), at: now })
      }
      await this.sessionsRepo.transition(trx, {
        sessionId: session.id, teamId: session.teamId, from: ['PENDING'], to: 'PROCESSING', actor: 'applicant', action: 'session.processing', at: now
      })
    })
  }

  async list (principal: ApplicantPrincipal, sessionId: number): Promise<StepView[]> {
    assertOwnSession(principal, sessionId)
    await this.sessions.getForApplicant(sessionId)
    return (await this.repo.listForSession(sessionId)).map((s) => this.view(s))
  }

  async get (principal: ApplicantPrincipal, stepId: number): Promise<StepView> {
    await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.repo.findInSession(stepId, principal.sessionId)
    if (!step) throw notFound('Step not found')
    return this.view(step)
  }
}
