import type { SessionRow, SourceRow, StepRow } from '../../db/types.js'
import type { Principal } from '../../lib/permissions.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import type { SessionsRepository } from './sessions.repository.js'
import type { SessionsService } from './sessions.service.js'
import { stepAsOf } from './sessions.view.js'

/**
 * One session as a partner reads it: the one read model behind `GET /partner/session/:id`, the
 * reviewer detail (`GET /partner/reviewer/sessions/:id`, which the console shows), and whatever
 * else shows one session. It writes nothing: a session past its expiry, and its open steps, read
 * EXPIRED (sessionAsOf, stepAsOf).
 */
export interface SessionRead {
  /** The row as stored. */
  stored: SessionRow
  /** The session as it reads now. */
  session: SessionRow
  /** The sources the session allows, in their order. */
  allowedSources: Array<{ id: number, name: string }>
  /** Its steps as they read now. */
  steps: StepRow[]
  /** A source the session allows or one of its steps uses. */
  source: (id: number) => SourceRow
}

export class SessionReader {
  constructor (
    private readonly sessions: SessionsService,
    private readonly sessionsRepo: SessionsRepository,
    private readonly stepsRepo: StepsRepository,
    private readonly sources: SourcesRepository
  ) {}

  /** The caller's session (its team's; its reviewer's only, for a key scoped to one), else 404. */
  async read (principal: Principal, sessionId: number): Promise<SessionRead> {
    const { stored, session } = await this.sessions.readForPrincipal(principal, sessionId)
    const [allowedIds, storedSteps] = await Promise.all([
      this.sessionsRepo.allowedSourceIds(session.id),
      this.stepsRepo.listForSession(session.id)
    ])
    const steps = storedSteps.map((s) => stepAsOf(s, stored, session))
    const sourceRows = await this.sources.findByIds([...new Set([...allowedIds, ...steps.map((s) => s.sourceId)])])
    const byId = new Map(sourceRows.map((s) => [s.id, s]))
    const source = (id: number) => byId.get(id) as SourceRow
    return { stored, session, allowedSources: allowedIds.map((id) => ({ id, name: source(id).name })), steps, source }
  }
}
