import type { SessionRow } from '../../db/types.js'
import { SYSTEM_JOBS, type AuditService } from '../audit/audit.service.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { Principal } from '../../lib/permissions.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { FINAL_SESSION_STATUSES, isFinalSession, isOpenSession, OPEN_SESSION_STATUSES, statusList } from '../lifecycle/lifecycle.js'
import type { SessionReader } from './session-read.js'
import type { DeliveryService } from '../delivery/delivery.service.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { RetentionTeams, SessionsRepository } from './sessions.repository.js'
import type { SessionsService } from './sessions.service.js'
import { sessionAsOf, viewSession } from './sessions.view.js'
import type {
  AssignBody, CancelBody, LinkBody, LinkResponse, PartnerSessionResponse, SessionDetailResponse, TagsBody
} from './session-actions.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** The partner's side of one session: look it up, send a new link, cancel, redact, assign. */
export class SessionActionsService {
  constructor (
    private readonly sessions: SessionsService,
    private readonly reader: SessionReader,
    private readonly sessionsRepo: SessionsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly settings: SettingsService,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock,
    private readonly retentionDays: number | null,
    /** The team audit log: a redaction by the retention sweep is recorded there (actor system/jobs). */
    private readonly audit: AuditService | null = null
  ) {}

  async get (principal: Principal, sessionId: number): Promise<SessionDetailResponse> {
    const { session, allowedSources, steps, source } = await this.reader.read(principal, sessionId)
    const deliveries = await this.delivery.listForSession(session.id)
    return {
      success: true,
      data: {
        ...viewSession(session),
        allowedSources,
        steps: steps.map((s) => ({ id: s.id, dataSourceId: s.sourceId, sourceName: source(s.sourceId).sourceName, status: s.status, attempts: s.attempts })),
        deliveries
      }
    }
  }

  async cancel (principal: Principal, sessionId: number, body: CancelBody): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw fail('conflict', `Only a ${statusList(OPEN_SESSION_STATUSES)} session can be canceled; it is ${session.status}`)
    const reason = body.reason?.trim() || null
    if (!await this.lifecycle.cancelSession(session, principal.label, reason, this.clock.iso())) {
      throw fail('concurrent_update', 'The session changed while it was canceled; read it again')
    }
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  async reissueLink (principal: Principal, sessionId: number, body: LinkBody = {}): Promise<LinkResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw fail('conflict', `A new link can only be issued for an open session; it is ${session.status}`)
    const prepared = await this.delivery.prepareReissue(session, body.delivery)
    const token = newSecret()
    if (!await this.lifecycle.reissueLink(session, sha256Hex(token), principal.label, this.clock.iso())) {
      throw fail('concurrent_update', 'The session changed while the link was issued; read it again')
    }
    const delivery = await this.delivery.linkReissued(session, token, prepared)
    return { success: true, data: { verificationLink: this.sessions.links(session.id, token), ...(delivery ? { delivery } : {}) } }
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

  /** Replaces the tags of one of the caller's sessions (any status). */
  async setTags (principal: Principal, sessionId: number, body: TagsBody): Promise<PartnerSessionResponse> {
    const { stored } = await this.sessions.readForPrincipal(principal, sessionId)
    await this.lifecycle.setTags(stored, [...body.tags], principal.label, this.clock.iso())
    return { success: true, data: viewSession(sessionAsOf(await this.reread(stored), this.clock.ms())) }
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
        if (await this.lifecycle.redactSession(row, 'system', FINAL_SESSION_STATUSES, this.clock.iso())) {
          redacted++
          await this.audit?.record(SYSTEM_JOBS, { teamId: row.teamId, livemode: row.livemode === 1, action: 'session.redacted', sessionId: row.id, details: { reason: 'retention', retentionDays: days } })
        }
      }
      if (due.length < batch) return redacted
    }
  }

  private async reread (session: SessionRow): Promise<SessionRow> {
    return await this.sessionsRepo.findById(session.id) ?? session
  }
}
