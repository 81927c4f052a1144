import type { SessionRow, SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { conflict, gone } from '../../lib/http-errors.js'
import { parseJson } from '../../lib/json.js'
import type { ApiKeyPrincipal } from '../keys/keys.service.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { canDecide, isStepProven } from '../lifecycle/lifecycle.js'
import type { ProofsRepository } from '../proofs/proofs.repository.js'
import type { SessionsRepository } from '../sessions/sessions.repository.js'
import type { ListSessionsQuery } from '../sessions/sessions.schemas.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import { viewSession } from '../sessions/sessions.view.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import type { StepsService } from '../steps/steps.service.js'
import type { DecisionBody, DecisionResponse, Fact, ReviewerSessionResponse } from './reviewer.schemas.js'

/** The partner's reviewers: their list of sessions, one session in full, and the decision. */
export class ReviewerService {
  constructor (
    private readonly sessionsRepo: SessionsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly sessions: SessionsService,
    private readonly stepsRepo: StepsRepository,
    private readonly steps: StepsService,
    private readonly proofs: ProofsRepository,
    private readonly sources: SourcesRepository,
    private readonly clock: Clock
  ) {}

  async list (principal: ApiKeyPrincipal, q: ListSessionsQuery) {
    // The list must show EXPIRED for sessions past their date even between two periodic sweeps.
    await this.sessions.sweepExpired(500, principal.teamId)
    const limit = q.limit ?? 20
    const offset = q.offset ?? 0
    const { rows, total } = await this.sessionsRepo.list({
      teamId: principal.teamId,
      reviewerId: principal.reviewerId,
      status: q.status,
      limit,
      offset,
      sortBy: q.sortBy ?? 'createdAt',
      sortOrder: q.sortOrder ?? 'desc'
    })
    return { success: true as const, data: rows.map(viewSession), total, limit, offset }
  }

  /** Like the list: the key's team, and only its reviewer's sessions when it has one; else 404. */
  private async own (principal: ApiKeyPrincipal, sessionId: number): Promise<SessionRow> {
    return await this.sessions.getForPrincipal(principal, sessionId)
  }

  async detail (principal: ApiKeyPrincipal, sessionId: number): Promise<ReviewerSessionResponse> {
    const session = await this.own(principal, sessionId)
    const [allowedIds, steps, auditTrail] = await Promise.all([
      this.sessionsRepo.allowedSourceIds(session.id),
      this.stepsRepo.listForSession(session.id),
      this.sessionsRepo.auditTrail(session.id)
    ])
    const [sourceRows, proofRows] = await Promise.all([
      this.sources.findByIds([...new Set([...allowedIds, ...steps.map((s) => s.sourceId)])]),
      this.proofs.listForSteps(steps.map((s) => s.id))
    ])
    const sources = new Map(sourceRows.map((s) => [s.id, s]))
    const sourceRef = (id: number) => {
      const s = sources.get(id) as SourceRow
      return { id: s.id, name: s.name, sourceName: s.sourceName }
    }

    const facts: Fact[] = []
    const viewSteps = steps.map((step) => {
      const proofs = proofRows.filter((p) => p.stepId === step.id).map((p) => ({
        identifier: p.identifier,
        owner: p.owner,
        timestampS: Number(p.timestampS),
        providerHash: p.providerHash,
        extracted: parseJson<Record<string, unknown>>(p.extracted, {}),
        createdAt: p.createdAt
      }))
      if (isStepProven(step.status)) {
        for (const proof of proofs) {
          for (const [name, value] of Object.entries(proof.extracted)) {
            facts.push({
              name,
              value,
              sourceId: step.sourceId,
              sourceName: sourceRef(step.sourceId).sourceName,
              stepId: step.id,
              proofIdentifier: proof.identifier,
              provenAt: new Date(proof.timestampS * 1000).toISOString()
            })
          }
        }
      }
      return { ...this.steps.view(step, session.status), source: sourceRef(step.sourceId), proofs }
    })

    return {
      success: true,
      data: {
        ...viewSession(session),
        allowedSources: allowedIds.map((id) => ({ id, name: (sources.get(id) as SourceRow).name })),
        steps: viewSteps,
        facts,
        auditTrail: auditTrail.map((a) => ({
          id: a.id, stepId: a.stepId, actor: a.actor, action: a.action, fromStatus: a.fromStatus, toStatus: a.toStatus, detail: a.detail, at: a.at
        }))
      }
    }
  }

  async decide (principal: ApiKeyPrincipal, sessionId: number, body: DecisionBody): Promise<DecisionResponse> {
    const session = await this.own(principal, sessionId)
    // DESIGN's error list: "410 the session has expired" (it may expire while REVIEWING).
    if (session.status === 'EXPIRED') throw gone('Verification session has expired')
    if (!canDecide(session.status)) {
      throw conflict(`A decision can only be made while the session is REVIEWING; it is ${session.status}`)
    }
    const approve = body.decision === 'APPROVE'
    const note = body.note?.trim() || null
    const actor = principal.reviewerId !== null ? `reviewer:${principal.reviewerId}` : `partner:key:${principal.keyId}`
    const outcome = await this.lifecycle.decide(session, approve, actor, note, this.clock.iso())
    if (outcome.refused) throw conflict('The session changed while the decision was made; read it again')
    const updated = await this.sessionsRepo.findById(session.id) as SessionRow
    return {
      success: true,
      message: approve ? 'Session approved' : 'Session rejected',
      data: viewSession(updated)
    }
  }
}
