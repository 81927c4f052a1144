import type { SessionRow, SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { conflict, gone, notFound } from '../../lib/http-errors.js'
import { parseJson } from '../../lib/json.js'
import { AuditRepository } from '../audit/audit.repository.js'
import type { ApiKeyPrincipal } from '../keys/keys.service.js'
import type { ProofsRepository } from '../proofs/proofs.repository.js'
import type { SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import { viewSession } from '../sessions/sessions.view.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import { viewStep } from '../steps/steps.view.js'
import type { ReviewerRepository } from './reviewer.repository.js'
import type { DecisionBody, DecisionResponse, Fact, ReviewerSessionResponse } from './reviewer.schemas.js'

const PROVEN_STEP_STATUSES = new Set(['VERIFIED', 'COMPLETED'])

export class ReviewerService {
  private readonly audit = new AuditRepository()
  constructor (
    private readonly repo: ReviewerRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly steps: StepsRepository,
    private readonly proofs: ProofsRepository,
    private readonly sources: SourcesRepository,
    private readonly clock: Clock,
    private readonly maxAttempts: number
  ) {}

  /** Like the list: the key's team, and only its reviewer's sessions when it has one; else 404. */
  private async own (principal: ApiKeyPrincipal, sessionId: number): Promise<SessionRow> {
    const session = await this.sessions.getForTeam(principal.teamId, sessionId)
    if (principal.reviewerId !== null && session.reviewerId !== principal.reviewerId) throw notFound('Session not found')
    return session
  }

  async detail (principal: ApiKeyPrincipal, sessionId: number): Promise<ReviewerSessionResponse> {
    const session = await this.own(principal, sessionId)
    const [allowedIds, steps, auditTrail] = await Promise.all([
      this.sessionsRepo.allowedSourceIds(session.id),
      this.steps.listForSession(session.id),
      this.repo.auditTrail(session.id)
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
      if (PROVEN_STEP_STATUSES.has(step.status)) {
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
      return { ...viewStep(step, this.maxAttempts), source: sourceRef(step.sourceId), proofs }
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
    if (session.status !== 'REVIEWING') {
      throw conflict(`A decision can only be made while the session is REVIEWING; it is ${session.status}`)
    }
    const approve = body.decision === 'APPROVE'
    const note = body.note?.trim() || null
    const at = new Date(this.clock()).toISOString()
    const actor = principal.reviewerId !== null ? `reviewer:${principal.reviewerId}` : `partner:key:${principal.keyId}`
    await this.repo.db.transaction().execute(async (trx) => {
      const moved = await this.sessionsRepo.transition(trx, {
        sessionId: session.id,
        teamId: session.teamId,
        from: ['REVIEWING'],
        to: approve ? 'COMPLETED' : 'REJECTED',
        actor,
        action: approve ? 'session.approved' : 'session.rejected',
        detail: note,
        at,
        extra: { decidedAt: at, decisionNote: note }
      })
      if (!moved) throw conflict('The session changed while the decision was made; read it again')
      if (approve) {
        const completed = await this.repo.completeVerifiedSteps(trx, session.id, at)
        await this.audit.record(trx, { sessionId: session.id, actor, action: 'steps.completed', fromStatus: 'VERIFIED', toStatus: 'COMPLETED', detail: JSON.stringify({ steps: completed }), at })
      }
    })
    const updated = await this.sessionsRepo.findById(session.id) as SessionRow
    return {
      success: true,
      message: approve ? 'Session approved' : 'Session rejected',
      data: viewSession(updated)
    }
  }
}
