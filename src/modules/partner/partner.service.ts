import type { SessionRow, SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { conflict, forbidden, notFound } from '../../lib/http-errors.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { DeliveryService } from '../delivery/delivery.service.js'
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
  AssignBody, CancelBody, LinkBody, LinkResponse, MeResponse, PartnerSessionResponse, Permissions, SessionDetailResponse
} from './partner.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** What a key may do: a team key everything; a reviewer's key reads, resends, cancels and decides its own sessions. */
export function permissionsOf (principal: ApiKeyPrincipal): Permissions {
  const team = principal.reviewerId === null
  return { decide: true, resend: true, cancel: true, redact: team, events: team, webhooks: team, redeliver: team, assign: team }
}

const actorOf = (principal: ApiKeyPrincipal) =>
  principal.reviewerId !== null ? `reviewer:${principal.reviewerId}` : `partner:key:${principal.keyId}`

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
    private readonly delivery: DeliveryService,
    private readonly clock: Clock,
    private readonly retentionDays: number | null
  ) {}

  async me (principal: ApiKeyPrincipal): Promise<MeResponse> {
    const key = await this.keys.findByIdWithTeam(principal.keyId)
    if (!key) throw notFound('API key not found')
    return {
      success: true,
      data: {
        keyId: key.id,
        keyName: key.name,
        teamId: key.teamId,
        teamName: key.teamName,
        reviewerId: key.reviewerId,
        livemode: principal.livemode,
        permissions: permissionsOf(principal)
      }
    }
  }

  async get (principal: ApiKeyPrincipal, sessionId: number): Promise<SessionDetailResponse> {
    const { stored, session } = await this.sessions.readForPrincipal(principal, sessionId)
    const [allowedIds, storedSteps, deliveries] = await Promise.all([
      this.sessionsRepo.allowedSourceIds(session.id),
      this.stepsRepo.listForSession(session.id),
      this.delivery.listForSession(session.id)
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
        steps: steps.map((s) => ({ id: s.id, dataSourceId: s.sourceId, sourceName: source(s.sourceId).sourceName, status: s.status, attempts: s.attempts })),
        deliveries
      }
    }
  }

  async cancel (principal: ApiKeyPrincipal, sessionId: number, body: CancelBody): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw conflict(`Only a PENDING, PROCESSING or REVIEWING session can be canceled; it is ${session.status}`)
    const reason = body.reason?.trim() || null
    if (!await this.lifecycle.cancelSession(session, actorOf(principal), reason, this.clock.iso())) {
      throw conflict('The session changed while it was canceled; read it again')
    }
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  async reissueLink (principal: ApiKeyPrincipal, sessionId: number, body: LinkBody = {}): Promise<LinkResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (!isOpenSession(session.status)) throw conflict(`A new link can only be issued for an open session; it is ${session.status}`)
    const prepared = await this.delivery.prepareReissue(session, body.delivery)
    const token = newSecret()
    if (!await this.lifecycle.reissueLink(session, sha256Hex(token), actorOf(principal), this.clock.iso())) {
      throw conflict('The session changed while the link was issued; read it again')
    }
    const delivery = await this.delivery.linkReissued(session, token, prepared)
    return { success: true, data: { verificationLink: this.sessions.links(session.id, token), ...(delivery ? { delivery } : {}) } }
  }

  async redact (principal: ApiKeyPrincipal, sessionId: number): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (principal.reviewerId !== null) throw forbidden('Only a team key (without a reviewer) may redact a session')
    if (!isFinalSession(session.status)) throw conflict(`Only a session in a final status can be redacted; it is ${session.status}`)
    if (!await this.lifecycle.redactSession(session, actorOf(principal), FINAL_SESSION_STATUSES, this.clock.iso())) {
      throw conflict('The session changed while it was redacted; read it again')
    }
    return { success: true, data: viewSession(await this.reread(session)) }
  }

  async assign (principal: ApiKeyPrincipal, sessionId: number, body: AssignBody): Promise<PartnerSessionResponse> {
    const session = await this.sessions.getForPrincipal(principal, sessionId)
    if (principal.reviewerId !== null) throw forbidden('Only a team key (without a reviewer) may assign a session')
    await this.lifecycle.assignSession(session, body.reviewerId, actorOf(principal), this.clock.iso())
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
