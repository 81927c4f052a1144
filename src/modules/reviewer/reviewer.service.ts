import type { FastifyBaseLogger } from 'fastify'
import type { ProofRow, SessionRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { isoInstant } from '../../lib/instants.js'
import { parseJson } from '../../lib/json.js'
import type { Principal } from '../../lib/permissions.js'
import type { DecisionReasonsService } from '../decision-reasons/decision-reasons.service.js'
import type { DeliveryService } from '../delivery/delivery.service.js'
import type { ChosenReason, LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { canDecide, isExpiredSession, isStepProven, MAX_MORE_REQUESTS, SESSION_STATUSES, type SessionStatus } from '../lifecycle/lifecycle.js'
import type { ProofBindings } from '../proofs/proof-verifier.js'
import type { ProofsRepository } from '../proofs/proofs.repository.js'
import { MAX_ID_ORDER_LAG_MS, type SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionRead, SessionReader } from '../sessions/session-read.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import { sessionAsOf, viewSession } from '../sessions/sessions.view.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import type { StepsService } from '../steps/steps.service.js'
import type { SignalsService } from '../signals/signals.service.js'
import type {
  DecisionBody, DecisionResponse, Fact, ListedFact, NoteBody, NoteResponse, ReviewerListQuery, ReviewerListResponse, ReviewerSessionResponse
} from './reviewer.schemas.js'

/** The partner's reviewers: their list of sessions, one session in full, and the decision. */
export class ReviewerService {
  constructor (
    private readonly sessionsRepo: SessionsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly sessions: SessionsService,
    private readonly reader: SessionReader,
    private readonly steps: StepsService,
    private readonly proofs: ProofsRepository,
    private readonly clock: Clock,
    private readonly stepsRepo: StepsRepository,
    private readonly sources: SourcesRepository,
    private readonly reasons: DecisionReasonsService,
    /** Sends the link again when a reviewer asks for more (on the channels it was sent on). */
    private readonly delivery: DeliveryService | null = null,
    private readonly signals: SignalsService | null = null,
    /** The server's log: a search that finds the id order turned off says so (noteIdOrder). */
    private readonly log: Pick<FastifyBaseLogger, 'warn'> | null = null
  ) {}

  /** Whether searches could read in id order when one last asked (SQLite): its loss is logged once per change. */
  private idOrderAvailable = true

  /**
   * A warning when a search sorted by creation first finds it cannot read in id order (SQLite): the
   * creation times strayed past MAX_ID_ORDER_LAG_MS (an edited created_at, a clock stepped back) or
   * session_order missed sessions. Searches still answer, by the other plans, slower in a large list,
   * until `partner-api search order --recompute`. Read from what the list's plan read: no query. Once
   * per change from available to not (not per request); no applicant data.
   */
  private noteIdOrder (): void {
    const seen = this.sessionsRepo.creationOrderSeen()
    if (seen === null || seen.idOrder === this.idOrderAvailable) return
    this.idOrderAvailable = seen.idOrder
    if (seen.idOrder) return
    this.log?.warn({
      lagMs: seen.lagMs === null ? null : Math.round(seen.lagMs), // null: unbounded
      maxLagMs: MAX_ID_ORDER_LAG_MS,
      reason: seen.tracked ? 'lag' : 'untracked'
    }, 'reviewer search: sessions\' creation times stray too far from their ids\' order (or the bound missed sessions), so searches sorted by creation no longer read in id order and cost more in a large list; correct any wrong created_at, then run partner-api search order --recompute')
  }

  async list (principal: Principal, q: ReviewerListQuery): Promise<ReviewerListResponse> {
    if (q.startingAfter !== undefined && q.offset !== undefined) throw fail('bad_request', 'querystring.startingAfter cannot be used together with offset')
    const filters = {
      teamId: principal.teamId,
      livemode: principal.livemode,
      reviewerId: principal.reviewerId,
      statuses: q.status === undefined ? undefined : parseStatuses(q.status),
      applicantId: q.applicantId,
      q: q.q,
      createdAfter: q.createdAfter === undefined ? undefined : isoOf(q.createdAfter, 'createdAfter'),
      createdBefore: q.createdBefore === undefined ? undefined : isoOf(q.createdBefore, 'createdBefore'),
      overdue: q.overdue === undefined ? undefined : { overdue: q.overdue, now: this.clock.iso() },
      tag: q.tag
    }
    // No sweep and no write here: a session past its date reads EXPIRED (sessionAsOf) at once, and
    // counts as EXPIRED in filters and totals once the periodic sweep has moved it.
    const after = q.startingAfter === undefined ? undefined : (await this.sessions.readForPrincipal(principal, q.startingAfter)).stored
    const limit = q.limit ?? 20
    const offset = q.offset ?? 0
    const { rows, total, totalExact, hasMore, byStatus } = await this.sessionsRepo.list({
      ...filters,
      limit,
      offset,
      sortBy: q.sortBy ?? 'createdAt',
      sortOrder: q.sortOrder ?? 'desc',
      after
    }, { counts: q.counts === true })
    this.noteIdOrder()
    const now = this.clock.ms()
    const answer: ReviewerListResponse = { success: true, data: rows.map((r) => viewSession(sessionAsOf(r, now))), total, limit, offset, hasMore }
    if (q.include === 'facts') {
      const facts = await this.listedFacts(rows.map((r) => r.id))
      answer.data = answer.data.map((s) => ({ ...s, facts: facts.get(s.id) ?? [] }))
    }
    if (byStatus !== undefined) {
      const counts = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>
      for (const { status, n } of byStatus.counts) counts[status] = n
      answer.counts = counts
      if (!byStatus.exact) answer.totalExact = false
    }
    // Said only when it is so: a guide client's answer stays as the guide shows it.
    if (!totalExact) answer.totalExact = false
    return answer
  }

  /** Verified facts of a page of sessions, by session id, in one query. */
  private async listedFacts (sessionIds: number[]): Promise<Map<number, ListedFact[]>> {
    const out = new Map<number, ListedFact[]>()
    for (const p of await this.steps.provenProofs(sessionIds)) {
      const list = out.get(p.sessionId) ?? []
      const bindings = parseJson<ProofBindings | null>(p.bindings, null)
      for (const [name, value] of Object.entries(parseJson<Record<string, unknown>>(p.extracted, {}))) {
        list.push({ name, value, sourceName: p.sourceName, stepId: p.stepId, proofIdentifier: p.identifier, hashed: bindings?.facts[name]?.hashed ?? false, teeNonce: bindings?.teeNonce ?? 'absent' })
      }
      out.set(p.sessionId, list)
    }
    return out
  }

  /** Like the list: the key's team, and only its reviewer's sessions when it has one; else 404. */
  private async own (principal: Principal, sessionId: number): Promise<SessionRow> {
    return await this.sessions.getForPrincipal(principal, sessionId)
  }

  async detail (principal: Principal, sessionId: number): Promise<ReviewerSessionResponse> {
    const read = await this.reader.read(principal, sessionId)
    return await this.detailOf(read, await this.proofs.listForSteps(read.steps.map((s) => s.id)))
  }

  /** The detail of a session already read (SessionReader), with its steps' proofs: for a caller that needs them too (the report). */
  async detailOf (read: SessionRead, proofRows: ProofRow[]): Promise<ReviewerSessionResponse> {
    const { session, allowedSources, steps, source } = read
    const [auditTrail, notes] = await Promise.all([
      this.lifecycle.auditTrail(session.id),
      this.sessionsRepo.notes(session.id)
    ])
    const sourceRef = (id: number) => {
      const s = source(id)
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
        host: p.host,
        pinned: p.pinned === 1,
        attestors: parseJson<string[]>(p.signers, []),
        bindings: parseJson<ProofBindings | null>(p.bindings, null),
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
              provenAt: new Date(proof.timestampS * 1000).toISOString(),
              host: proof.host,
              pinned: proof.pinned,
              attestor: proof.attestors[0] ?? null,
              hashed: proof.bindings?.facts[name]?.hashed ?? false,
              extraction: proof.bindings?.facts[name]?.extraction ?? 'none',
              pathBound: proof.bindings?.path?.bound ?? 'none',
              teeNonce: proof.bindings?.teeNonce ?? 'absent'
            })
          }
        }
      }
      return { ...this.steps.view(step, session.status), source: sourceRef(step.sourceId), proofs }
    })

    const signals = this.signals === null ? [] : await this.signals.list(session.id)
    const comparison = session.parentSessionId === null ? undefined : await this.compare(session.parentSessionId, facts)
    return {
      success: true,
      data: {
        ...viewSession(session),
        allowedSources,
        steps: viewSteps,
        facts,
        signals,
        ...(comparison === undefined ? {} : { comparison }),
        auditTrail: auditTrail.map((a) => ({
          id: a.id, stepId: a.stepId, actor: a.actor, action: a.action, fromStatus: a.fromStatus, toStatus: a.toStatus, detail: a.detail, at: a.at
        })),
        notes: notes.map((n) => ({ id: n.id, author: n.author, body: n.body, createdAt: n.createdAt }))
      }
    }
  }

  /** Each fact of a re-verification beside the parent session's value of the same name (and source, when it has it). */
  private async compare (parentId: number, facts: Fact[]): Promise<ComparisonRow[]> {
    const parent = (await this.listedFacts([parentId])).get(parentId) ?? []
    return facts.map((f) => {
      const before = parent.find((p) => p.name === f.name && p.sourceName === f.sourceName) ?? parent.find((p) => p.name === f.name)
      const parentValue = before === undefined ? null : before.value
      // Rule 5.9: an OPRF hash on either side is no number: equal or not, never a relative change.
      const hashed = f.hashed || before?.hashed === true
      const change = hashed ? null : relativeChange(f.value, parentValue)
      // The amount's currency: the same proof's `currency` fact, when it has one in clear.
      const currency = facts.find((c) => c.name === 'currency' && !c.hashed && c.stepId === f.stepId && c.proofIdentifier === f.proofIdentifier)?.value
      const text = hashed
        ? `${f.name}: OPRF ${before === undefined ? 'hash, none before' : `hashes, ${JSON.stringify(parentValue) === JSON.stringify(f.value) ? 'the same' : 'different'}`}`
        : comparisonText(f.name, parentValue, f.value, change, currency)
      return { name: f.name, sourceName: f.sourceName, value: f.value, parentValue, change, hashed, text }
    })
  }

  /** A note on one of the caller's sessions (any status; 409 once redacted). */
  async addNote (principal: Principal, sessionId: number, body: NoteBody): Promise<NoteResponse> {
    const text = body.body.trim()
    if (text === '') throw fail('validation_failed', 'body.body must not be blank')
    const { stored } = await this.sessions.readForPrincipal(principal, sessionId)
    const note = await this.lifecycle.addNote(stored, principal.label, text, this.clock.iso())
    if (note === null) throw fail('session_redacted', 'Notes cannot be added to a redacted session')
    return { success: true, data: { id: note.id, author: note.author, body: note.body, createdAt: note.createdAt } }
  }

  async decide (principal: Principal, sessionId: number, body: DecisionBody): Promise<DecisionResponse> {
    const session = await this.own(principal, sessionId)
    // 410 once the session has expired (it may expire while REVIEWING), as every session route answers.
    if (isExpiredSession(session.status)) throw fail('session_expired')
    if (!canDecide(session.status)) {
      throw fail('session_status_conflict', `A decision can only be made while the session is REVIEWING; it is ${session.status}`)
    }
    if (body.decision !== 'REQUEST_MORE') {
      for (const field of ['message', 'sourceIds'] as const) {
        if (body[field] !== undefined) throw fail('validation_failed', `body.${field} is for REQUEST_MORE only`)
      }
    }
    const reasons = await this.reasons.choose(session.teamId, body.decision, body.reasons)
    const note = body.note?.trim() || null
    const actor = principal.label
    if (body.decision === 'REQUEST_MORE') return await this.requestMore(session, body, reasons, actor)
    const approve = body.decision === 'APPROVE'
    const outcome = await this.lifecycle.decide(session, approve, actor, note, this.clock.iso(), reasons)
    if (outcome.refused) throw fail('concurrent_update', 'The session changed while the decision was made; read it again')
    const updated = await this.sessionsRepo.findById(session.id) as SessionRow
    return {
      success: true,
      message: approve ? 'Session approved' : 'Session rejected',
      data: viewSession(updated)
    }
  }

  /**
   * REQUEST_MORE: the session goes back to PROCESSING with new steps for the sources asked for that
   * it has none of, and a new proof of those it has; without sourceIds, the steps that had failed
   * attempts (every step if none had). At most MAX_MORE_REQUESTS times (then 409).
   */
  private async requestMore (session: SessionRow, body: DecisionBody, reasons: ChosenReason[], actor: string): Promise<DecisionResponse> {
    const message = body.message?.trim() ?? ''
    if (message === '') throw fail('validation_failed', 'body.message is required for REQUEST_MORE: what the applicant is asked for')
    const limit = `More can be requested at most ${MAX_MORE_REQUESTS} times per session`
    if ((session.moreRequests ?? 0) >= MAX_MORE_REQUESTS) throw fail('more_request_limit_reached', limit)
    const steps = await this.stepsRepo.listForSession(session.id)
    const sourceIds = [...new Set(body.sourceIds ?? [])]
    let addSourceIds: number[] = []
    let reopenStepIds: number[] = []
    let allowSourceIds: number[] = []
    if (sourceIds.length > 0) {
      const usable = new Set((await this.sources.findByIds(sourceIds)).filter((s) => s.enabled === 1).map((s) => s.id))
      const unknown = sourceIds.filter((id) => !usable.has(id))
      if (unknown.length > 0) throw fail('source_unknown', `body.sourceIds has unknown source id(s): ${unknown.join(', ')}`)
      const bySource = new Map(steps.map((s) => [s.sourceId, s.id]))
      addSourceIds = sourceIds.filter((id) => !bySource.has(id))
      reopenStepIds = sourceIds.filter((id) => bySource.has(id)).map((id) => bySource.get(id) as number)
      // A session limited to some sources is widened by the ones the reviewer asks for.
      const allowed = await this.sessionsRepo.allowedSourceIds(session.id)
      if (allowed.length > 0) allowSourceIds = addSourceIds.filter((id) => !allowed.includes(id))
    } else {
      const failedBefore = steps.filter((s) => s.attempts > 0)
      reopenStepIds = (failedBefore.length > 0 ? failedBefore : steps).map((s) => s.id)
    }
    const outcome = await this.lifecycle.requestMore(session, { message, reasons, sourceIds, addSourceIds, reopenStepIds, allowSourceIds }, actor, this.clock.iso())
    if (outcome.refused === 'limit') throw fail('more_request_limit_reached', limit)
    if (outcome.refused) throw fail('concurrent_update', 'The session changed while the decision was made; read it again')
    const updated = await this.sessionsRepo.findById(session.id) as SessionRow
    // The link again, on the channels it was sent on (none when the partner shares it themselves).
    const sent = this.delivery === null ? null : await this.delivery.resendLink(updated)
    return { success: true, message: sent === null ? 'More was requested from the applicant' : 'More was requested from the applicant; the link was sent again', data: viewSession(updated) }
  }
}

interface ComparisonRow { name: string, sourceName: string, value: unknown, parentValue: unknown, change: string | null, hashed: boolean, text: string }

/** A number as a fact carries it ("5400.00", "1,200"), or null. */
function factNumber (v: unknown): { n: number, decimals: number } | null {
  if (typeof v === 'number') return Number.isFinite(v) ? { n: v, decimals: /\.([0-9]+)$/.exec(String(v))?.[1].length ?? 0 } : null
  if (typeof v !== 'string' || !/^\s*-?[0-9][0-9,]*(\.[0-9]+)?\s*$/.test(v)) return null
  return { n: Number(v.replace(/,/g, '')), decimals: /\.([0-9]+)/.exec(v)?.[1].length ?? 0 }
}

const factText = (v: unknown): string => {
  if (v === null || v === undefined) return 'none'
  const num = factNumber(v)
  if (num === null) return typeof v === 'string' ? v : JSON.stringify(v)
  // At most 20 decimals (Intl's bound); a longer fraction is printed as the fact carries it.
  if (num.decimals > 20) return typeof v === 'string' ? v.trim() : String(v)
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: num.decimals, maximumFractionDigits: num.decimals }).format(num.n)
}

/** Issue 21 item 7's line: "monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%" (the currency for numbers, when the proof has one). */
export function comparisonText (name: string, parentValue: unknown, value: unknown, change: string | null, currency?: unknown): string {
  const unit = typeof currency === 'string' && currency !== '' && factNumber(value) !== null ? ` ${currency}` : ''
  return `${name} ${factText(parentValue)} -> ${factText(value)}${unit}${change === null ? '' : `, ${change}`}`
}

/** "-8.3%" from 5400.00 to 4950.00; null when either is not a number, or the parent's is 0. */
export function relativeChange (value: unknown, parentValue: unknown): string | null {
  const num = (v: unknown): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null
    if (typeof v !== 'string' || !/^\s*-?[0-9][0-9,]*(\.[0-9]+)?\s*$/.test(v)) return null
    return Number(v.replace(/,/g, ''))
  }
  const a = num(value)
  const b = num(parentValue)
  if (a === null || b === null || b === 0) return null
  const pct = (a - b) / Math.abs(b) * 100
  const rounded = Math.round(pct * 10) / 10
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}%`
}

function parseStatuses (text: string): SessionStatus[] {
  const parts = text.split(',').map((p) => p.trim())
  const valid = new Set<string>(SESSION_STATUSES)
  if (parts.some((p) => !valid.has(p))) {
    throw fail('validation_failed', `querystring.status must be one of ${SESSION_STATUSES.join(', ')}`)
  }
  return [...new Set(parts)] as SessionStatus[]
}

const isoOf = (text: string, name: string): string => isoInstant(text, `querystring.${name}`)
