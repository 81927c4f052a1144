import { matchLocale, SUPPORTED_LOCALES } from '../../lib/locales.js'
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { Config } from '../../config.js'
import type { SessionRow, SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { can, type Principal } from '../../lib/permissions.js'
import { hmacHex, newSecret, seal, sha256Hex, unseal } from '../../lib/secrets.js'
import type { DeliveryService } from '../delivery/delivery.service.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { canReverify, isExpiredSession, isFinalSession, NEW_SESSION_STATUS } from '../lifecycle/lifecycle.js'
import type { PartnerScope, SessionsRepository } from './sessions.repository.js'
import type { CreateSessionParams, CreateSessionResponse, ReverifyBody } from './sessions.schemas.js'
import { linkQuery, manualVerificationLink } from '../../lib/verification-links.js'
import { sessionAsOf, viewSession } from './sessions.view.js'

const MAX_JSON_BYTES = 16 * 1024
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000
const MAX_EXPIRY_MS = Date.parse('9999-12-31T23:59:59.999Z')
/** The PostgreSQL advisory lock the expiry sweep holds while it runs (any constant of this service's own). */
const SWEEP_LOCK_ID = 0x70615357 // "paSW"

export class SessionsService {
  constructor (
    private readonly repo: SessionsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly sources: SourcesRepository,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly serverSecret: string,
    private readonly delivery: DeliveryService
  ) {}

  // Keyed with the server secret, so guessable keys (order ids) cannot be matched in a dump. A test
  // key's records are its mode's own: one Idempotency-Key of a live and a test key names two requests.
  private idempotencyKeyHash (principal: Principal, idempotencyKey: string): string {
    return hmacHex(this.serverSecret, `${principal.livemode ? 'live' : 'test'}:${idempotencyKey}`)
  }

  private now (): string { return this.clock.iso() }

  /** The new session, or (`replayed`) the answer of an earlier request with the same Idempotency-Key. */
  /**
   * Re-verification (issue 21): a new session for the parent's applicant (names, email, applicant
   * id), with its allowed sources and reviewer, linked by parentSessionId. The parent must be
   * REVIEWING or final (409), and not redacted (410): its applicant is what is copied.
   */
  async reverify (principal: Principal, sessionId: number, body: ReverifyBody): Promise<CreateSessionResponse> {
    const parent = await this.getForPrincipal(principal, sessionId)
    if (parent.redactedAt !== null) throw fail('session_redacted', 'The session was redacted: its applicant can no longer be re-verified from it')
    if (!canReverify(parent.status)) throw fail('session_status_conflict', `A session can be re-verified once it is REVIEWING or final; it is ${parent.status}`)
    const allowedSources = (await this.repo.allowedSourceIds(parent.id)).map((id) => ({ id }))
    // The applicant's phone and language as the parent's link was sent (its delivery plan), if it was.
    const contact = await this.delivery.contactOf(parent.id)
    // Issue 21 item 7, "sends the link": without `delivery`, on the channels the parent's link was last sent on (none when the service never sent it).
    const delivery = body.delivery ?? (contact.channels.length > 0 ? { channels: contact.channels } : undefined)
    const locale = delivery?.locale ?? contact.locale ?? parent.locale ?? undefined
    if (delivery?.channels.includes('sms') && contact.phone === null) {
      throw fail('validation_failed', 'body.delivery.channels: sms needs the applicant\'s phone number, and the session\'s link was never planned for one')
    }
    if (delivery?.channels.includes('email') && parent.applicantEmail === null) {
      throw fail('validation_failed', 'body.delivery.channels: email needs the session\'s applicantEmail, and it has none')
    }
    const params: CreateSessionParams = {
      expiryDate: body.expiryDate,
      applicantId: parent.applicantId,
      applicantFirstName: parent.applicantFirstName,
      applicantLastName: parent.applicantLastName,
      applicantEmail: parent.applicantEmail,
      allowedSources,
      reviewerId: parent.reviewerId,
      ...(parent.locale === null ? {} : { locale: parent.locale }),
      ...(delivery === undefined ? {} : { delivery: { ...delivery, ...(locale === undefined ? {} : { locale }) }, applicantPhone: contact.phone })
    }
    return (await this.create(principal, params, undefined, parent.id)).response
  }

  async create (principal: Principal, params: CreateSessionParams, idempotencyKey?: string, parentSessionId: number | null = null): Promise<{ response: CreateSessionResponse, replayed: boolean }> {
    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length < 1 || idempotencyKey.length > 255) throw fail('idempotency_key_invalid')
      const replay = await this.replay(principal, idempotencyKey, params)
      if (replay) return { response: replay, replayed: true }
    }
    // Naming another reviewer is assigning the session to them.
    if (params.reviewerId != null && params.reviewerId !== principal.reviewerId && !can(principal, 'assign')) {
      throw fail('forbidden', 'Only a team key (without a reviewer) may create a session for another reviewer')
    }
    const expiry = Date.parse(params.expiryDate)
    if (Number.isNaN(expiry)) throw fail('validation_failed', 'params.expiryDate must be an ISO 8601 date-time')
    if (expiry <= this.clock.ms()) throw fail('validation_failed', 'params.expiryDate must be in the future')
    // A four-digit year with an offset can be year 10000 in UTC: toISOString() would write
    // "+010000-...", which PostgreSQL refuses and SQLite compares as text before every real date.
    if (expiry > MAX_EXPIRY_MS) throw fail('validation_failed', 'params.expiryDate must be at most 9999-12-31T23:59:59.999Z')
    for (const field of ['metadata', 'applicantData'] as const) {
      const value = params[field]
      if (value && Buffer.byteLength(JSON.stringify(value)) > MAX_JSON_BYTES) {
        throw fail('validation_failed', `params.${field} must be at most ${MAX_JSON_BYTES} bytes as JSON`)
      }
    }

    // The applicant's language: params.delivery.locale (the messages' language, issue 20 item 1) when given, else params.locale.
    const deliveryLocale = (params as { delivery?: { locale?: string | null } }).delivery?.locale
    const asked = deliveryLocale ?? params.locale
    const field = deliveryLocale != null ? 'params.delivery.locale' : 'params.locale'
    const locale = asked == null ? null : matchLocale(asked)
    if (asked != null && locale === null) throw fail('validation_failed', `${field} must name one of the supported languages (${SUPPORTED_LOCALES.join(', ')}), got "${asked}"`)
    const purposeText = params.purposeText?.trim() || null
    if (params.purpose === 'other' && purposeText === null) throw fail('validation_failed', 'params.purposeText must say the purpose when params.purpose is "other"')
    const allowed = await this.resolveAllowedSources(params)
    const delivery = await this.delivery.prepare(principal.teamId, params, expiry)
    const token = newSecret()
    const now = this.now()
    const actor = principal.label
    const email = params.applicantEmail?.trim() || null
    const build = (row: SessionRow): CreateSessionResponse => ({
      success: true,
      message: 'Verification session created successfully',
      data: {
        ...viewSession(row),
        allowedSources: allowed.map((s) => ({ id: s.id, name: s.name })),
        verificationLink: this.links(row.id, token),
        ...(delivery?.mode ? { delivery: delivery.mode } : {})
      }
    })
    try {
      const row = await this.lifecycle.createSession({
        teamId: principal.teamId,
        livemode: principal.livemode ? 1 : 0,
        reviewerId: params.reviewerId ?? principal.reviewerId,
        verificationTypeId: null,
        userId: params.applicantId ?? null,
        applicantId: params.applicantId ?? null,
        applicantFirstName: params.applicantFirstName ?? null,
        applicantLastName: params.applicantLastName ?? null,
        applicantEmail: email,
        applicantData: params.applicantData ? JSON.stringify(params.applicantData) : null,
        instructions: params.instructions ?? null,
        metadata: params.metadata ? JSON.stringify(params.metadata) : null,
        selectedPlatform: params.selectedPlatform ?? null,
        locale,
        purpose: params.purpose ?? null,
        purposeText,
        consent: null,
        status: NEW_SESSION_STATUS,
        expiryDate: new Date(expiry).toISOString(),
        linkTokenHash: sha256Hex(token),
        parentSessionId,
        createdAt: now,
        updatedAt: now
      }, allowed.map((s) => s.id), actor, delivery === null && idempotencyKey === undefined
        ? undefined
        : async (trx, row) => {
          if (delivery) await this.delivery.plan(trx, row, token, delivery)
          if (idempotencyKey === undefined) return
          await this.repo.saveIdempotent(trx, {
            teamId: principal.teamId,
            keyHash: this.idempotencyKeyHash(principal, idempotencyKey),
            requestHash: requestHash(params, principal.reviewerId),
            sessionId: row.id,
            response: seal(JSON.stringify(build(row)), idempotencyKey, principal.teamId, this.serverSecret),
            createdAt: now
          })
        })
      return { response: build(row), replayed: false }
    } catch (err) {
      // A concurrent request with the same Idempotency-Key won the race; answer as it did.
      if (idempotencyKey !== undefined) {
        const replay = await this.replay(principal, idempotencyKey, params)
        if (replay) return { response: replay, replayed: true }
      }
      throw err
    }
  }

  private async replay (principal: Principal, idempotencyKey: string, params: CreateSessionParams): Promise<CreateSessionResponse | null> {
    const { teamId } = principal
    const keyHash = this.idempotencyKeyHash(principal, idempotencyKey)
    const since = this.clock.iso(-IDEMPOTENCY_WINDOW_MS)
    await this.repo.deleteStaleIdempotent(teamId, keyHash, since)
    const row = await this.repo.findIdempotent(teamId, keyHash, since)
    if (!row) return null
    if (row.requestHash !== requestHash(params, principal.reviewerId)) {
      throw fail('idempotency_key_reused')
    }
    const stored = unseal(row.response, idempotencyKey, teamId, this.serverSecret)
    if (stored === null) throw fail('idempotency_key_reused')
    const response = JSON.parse(stored) as CreateSessionResponse
    // The session may have moved on since; answer with its current state and the original link.
    const current = await this.repo.findForTeam(row.sessionId, principal)
    if (current) Object.assign(response.data, viewSession(await this.expireIfDue(current)))
    return response
  }

  private async resolveAllowedSources (params: CreateSessionParams): Promise<SourceRow[]> {
    const requested = params.allowedSources ?? []
    const ids = [...new Set(requested.map((s) => s.id))]
    if (ids.length !== requested.length) throw fail('validation_failed', 'params.allowedSources lists a source twice')
    const rows = await this.sources.findByIds(ids)
    const usable = new Map(rows.filter((r) => r.enabled === 1).map((r) => [r.id, r]))
    const unknown = ids.filter((id) => !usable.has(id))
    if (unknown.length > 0) throw fail('source_unknown', `params.allowedSources has unknown source id(s): ${unknown.join(', ')}`)
    if (params.selectedPlatform != null) {
      if (ids.length > 0 && !usable.has(params.selectedPlatform)) {
        throw fail('validation_failed', 'params.selectedPlatform must be one of params.allowedSources')
      }
      if (ids.length === 0) {
        const selected = await this.sources.findById(params.selectedPlatform)
        if (!selected || selected.enabled !== 1) throw fail('source_unknown', `params.selectedPlatform is an unknown source id: ${params.selectedPlatform}`)
      }
    }
    return ids.map((id) => usable.get(id) as SourceRow)
  }

  links (sessionId: number, token: string) {
    return {
      manualVerificationLink: manualVerificationLink(this.config.publicBaseUrl, sessionId, token),
      deeplinkVerificationLink: `${this.config.appDeeplinkBaseUrl}/verification-request?${linkQuery(sessionId, token)}`,
      token
    }
  }

  /** A session of the caller's team, expired on access when its date has passed; 404 otherwise. */
  async getForTeam (scope: PartnerScope, sessionId: number): Promise<SessionRow> {
    const row = await this.repo.findForTeam(sessionId, scope)
    if (!row) throw fail('session_not_found')
    return await this.expireIfDue(row)
  }

  /** Like the reviewer list: the key's team, and only its reviewer's sessions when it has one; else 404. */
  async getForPrincipal (principal: Principal, sessionId: number): Promise<SessionRow> {
    const session = await this.getForTeam(principal, sessionId)
    if (principal.reviewerId !== null && session.reviewerId !== principal.reviewerId) throw fail('session_not_found')
    return session
  }

  /** Like getForPrincipal, for reads: writes nothing, a session past its expiry reads EXPIRED (sessionAsOf). */
  async readForPrincipal (principal: Principal, sessionId: number): Promise<{ stored: SessionRow, session: SessionRow }> {
    const stored = await this.repo.findForTeam(sessionId, principal)
    if (!stored || (principal.reviewerId !== null && stored.reviewerId !== principal.reviewerId)) throw fail('session_not_found')
    return { stored, session: sessionAsOf(stored, this.clock.ms()) }
  }

  /** The applicant's session: 404 if missing, 410 once expired. */
  async getForApplicant (sessionId: number): Promise<SessionRow> {
    const row = await this.repo.findById(sessionId)
    if (!row) throw fail('session_not_found')
    const current = await this.expireIfDue(row)
    if (isExpiredSession(current.status)) throw fail('session_expired')
    return current
  }

  async expireIfDue (row: SessionRow): Promise<SessionRow> {
    if (isFinalSession(row.status)) return row
    if (Date.parse(row.expiryDate) > this.clock.ms()) return row
    await this.lifecycle.expireSession(row, this.now())
    return (await this.repo.findById(row.id)) ?? row
  }

  /**
   * Expires overdue sessions in batches; returns how many moved. With several processes on one
   * PostgreSQL (serve --workers) one of them sweeps at a time, the others skip the round; each
   * expiry is a conditional transition besides, so a session expires (and its event is written) once.
   */
  async sweepExpired (batch = 500, teamId?: number): Promise<number> {
    return await this.repo.exclusively(SWEEP_LOCK_ID, async () => {
      let moved = 0
      for (;;) {
        const due = await this.repo.findOverdue(this.now(), batch, teamId)
        for (const row of due) if (await this.lifecycle.expireSession(row, this.now())) moved++
        if (due.length < batch) return moved
      }
    }) ?? 0
  }

  /**
   * session.review_overdue for REVIEWING sessions past their due date, once each (a conditional
   * mark; several workers may sweep at once). Returns how many were announced.
   */
  async sweepReviewOverdue (batch = 500): Promise<number> {
    let announced = 0
    for (;;) {
      const due = await this.repo.findReviewOverdue(this.now(), batch)
      for (const row of due) if (await this.lifecycle.markReviewOverdue(row, this.now())) announced++
      if (due.length < batch) return announced
    }
  }

  async purgeIdempotencyKeys (): Promise<number> {
    return await this.repo.purgeIdempotent(this.clock.iso(-IDEMPOTENCY_WINDOW_MS))
  }
}

// The reviewer is part of the request: a reviewer's key must not replay (and so read) a session
// created for another reviewer of the team under the same Idempotency-Key.
function requestHash (params: CreateSessionParams, reviewerId: string | null): string {
  return createHash('sha256').update(canonicalize({ params, reviewerId }) ?? '').digest('hex')
}
