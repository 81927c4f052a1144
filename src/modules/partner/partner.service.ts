import type { SessionRow, SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import { permissionsOf, type Principal } from '../../lib/permissions.js'
import type { ApiKeyPrincipal } from '../keys/keys.service.js'
import type { KeysRepository } from '../keys/keys.repository.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { FINAL_SESSION_STATUSES, isFinalSession, isOpenSession } from '../lifecycle/lifecycle.js'
import type { RetentionTeams, SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import type { SettingsService } from '../settings/settings.service.js'
import { stepAsOf, viewSession } from '../sessions/sessions.view.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import type {
  AssignBody, CancelBody, LinkResponse, MeResponse, PartnerSessionResponse, SessionDetailResponse
} from './partner.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** The partner's side of one session: look it up, send a new link, cancel, redact, assign. */
export class PartnerService {
  constructor (
    private readonly sessions: SessionsService,
    private readonly sessionsRepo: SessionsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly stepsRepo: StepsRepository,
    private readonly sources: SourcesRepository,
    private readonly keys: KeysRepository,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly retentionDays: number | null
  ) {}

  async me (principal: ApiKeyPrincipal): Promise<MeResponse> {
    const key = await this.keys.findByIdWithTeam(principal.keyId)
    if (!key) throw fail('not_found', 'API key not found')
    return {
      success: true,
      data: {
        kind: 'key',
        keyId: key.id,
        keyName: key.name,
        teamId: key.teamId,
        teamName: key.teamName,
        reviewerId: key.reviewerId,
        livemode: principal.livemode,
        role: principal.role,
        user: null,
        permissions: permissionsOf(principal)
      }
    }
  }

  async get (principal: Principal, sessionId: number): Promise<SessionDetailResponse> {
    const { stored, session } = await this.sessions.readForPrincipal(principal, sessionId)
    const [allowedIds, storedSteps] = await Promise.all([
      this.sessionsRepo.allowedSourceIds(session.id),
      this.stepsRepo.listForSession(session.id)
    ])
    const steps = storedSteps.map((s) => stepAsOf(s, stored, session))
    const sourceRows = await this.sources.findByIds([...new Set([...allowedIds, ...steps.map((s) => s.sourceId)])])
    const sources = new Map(sourceRows.map((s) => [s.id, s]))
    const source = (id: number) => sources.get(id) as SourceRow
    return {
      success: true,
      data: {
        ...viewSession(session),
        allowedSources: allowedIds.map((id) => ({ id, name: source(id).name })),
        steps: steps.map((s) => ({ id: s.id, dataSourceId: s.sourceId, sourceName: source(s.sourceId).sourceName, status: s.status, attempts: s.attempts }))
      }
    }
  }

  async cancel (principal: Principal, sessionId: number, body: CancelBody): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw fail('conflict', `Only a PENDING, PROCESSING or REVIEWING session can be canceled; it is ${session.status}`)
    const reason = body.reason?.trim() || null
    if (!await this.lifecycle.cancelSession(session, principal.label, reason, this.clock.iso())) {
      throw fail('concurrent_update', 'The session changed while it was canceled; read it again')
    }
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  async reissueLink (principal: Principal, sessionId: number): Promise<LinkResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw fail('conflict', `A new link can only be issued for an open session; it is ${session.status}`)
    const token = newSecret()
    if (!await this.lifecycle.reissueLink(session, sha256Hex(token), principal.label, this.clock.iso())) {
      throw fail('concurrent_update', 'The session changed while the link was issued; read it again')
    }
    return { success: true, data: { verificationLink: this.sessions.links(session.id, token) } }
  }

  async redact (principal: Principal, sessionId: number): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isFinalSession(session.status)) throw fail('conflict', `Only a session in a final status can be redacted; it is ${session.status}`)
    if (!await this.lifecycle.redactSession(session, principal.label, FINAL_SESSION_STATUSES, this.clock.iso())) {
      throw fail('concurrent_update', 'The session changed while it was redacted; read it again')
    }
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  async assign (principal: Principal, sessionId: number, body: AssignBody): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    await this.lifecycle.assignSession(session, body.reviewerId, principal.label, this.clock.iso())
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  /**
   * Retention: redacts the sessions that reached a final status longer ago than their team's
   * `retentionDays` setting, or RETENTION_DAYS for a team without one; returns how many.
   */
  async redactRetained (batch = 200): Promise<number> {
    const overrides = await this.settings.retentionOverrides()
    let redacted = 0
    for (const { teamId, retentionDays } of overrides) {
      redacted += await this.redactDue(retentionDays, batch, { teamId })
    }
    if (this.retentionDays !== null) {
      redacted += await this.redactDue(this.retentionDays, batch, { exceptTeamIds: overrides.map((o) => o.teamId) })
    }
    return redacted
  }

  private async redactDue (days: number, batch: number, teams: RetentionTeams): Promise<number> {
    let redacted = 0
    for (;;) {
      const due = await this.sessionsRepo.findRetentionDue(this.clock.iso(-days * DAY_MS), batch, teams)
      for (const row of due) {
        if (await this.lifecycle.redactSession(row, 'system', FINAL_SESSION_STATUSES, this.clock.iso())) redacted++
      }
      if (due.length < batch) return redacted
    }
  }

  private async reread (session: SessionRow): Promise<SessionRow> {
    return await this.sessionsRepo.findById(session.id) ?? session
  }
}
