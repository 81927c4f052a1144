import { randomBytes } from 'node:crypto'
import type { Config } from '../../config.js'
import type { SessionRow, SourceRow, StepRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { HttpError } from '../../lib/http-errors.js'
import { parseJson } from '../../lib/json.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import { inputError } from '../../lib/input-check.js'
import type { LifecycleRepository, Refusal } from '../lifecycle/lifecycle.repository.js'
import {
  canInitiateInSession, canInitiateStep, canSelectSources, canSubmitInSession, canSubmitStep, isStepBusy, isStepClaimed, isStepNew,
  isStepProven, STEP_TRANSITIONS, statusList, type SessionStatus, type StepStatus
} from '../lifecycle/lifecycle.js'
import { checkShape, parseProofs, verifyProof, type ProofVerdict, type VerifyOptions } from '../proofs/proof-verifier.js'
import { sandboxProof } from '../sandbox/sandbox-proof.js'
import { isUniqueViolation, type ProofsRepository } from '../proofs/proofs.repository.js'
import type { ReclaimRequests } from '../reclaim/reclaim-request.js'
import { proofRequirementsOf, type SourcesService } from '../sources/sources.service.js'
import { assertOwnSession, type ApplicantPrincipal } from '../../lib/principals.js'
import { signalEvent, type SignalsService } from '../signals/signals.service.js'
import type { SignalsRepository } from '../signals/signals.repository.js'
import type { InitiateResponse, SimulateBody, SubmitBody } from './step-proofs.schemas.js'
import type { StepsRepository } from './steps.repository.js'
import type { SelectDataSourceBody, StepView } from './steps.schemas.js'

// Verdicts past the signature checks: the claim is genuinely attested, so its identifier is a
// fact about a real proof and a replay of it is answered as such (409), not as a mismatch (422).
const ATTESTED_REJECTIONS = new Set(['binding', 'provider', 'freshness'])

/** What the steps need of the sessions module (its SessionsService): the applicant's session, 404 if missing, 410 once expired. */
/** What the steps need of the team's settings (its SettingsService): whether consent comes before any source. */
export interface TeamConsentSettings { forTeam: (teamId: number) => Promise<{ requireConsent: boolean }> }

export interface ApplicantSessions {
  getForApplicant: (sessionId: number) => Promise<SessionRow>
}

/** A proof of a proven step, as a list of sessions shows its facts. */
export interface ProvenProof { sessionId: number, stepId: number, sourceName: string, identifier: string, extracted: string, bindings: string | null }

/** Who submits: the applicant through the API, or the Reclaim app through the callback URL. */
type Submitter = 'applicant' | 'reclaim' | 'sandbox'

/** Every operation on a session's steps: selection, reading, initiation, and proofs (submit or callback). */
export class StepsService {
  constructor (
    private readonly repo: StepsRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly proofs: ProofsRepository,
    private readonly sessions: ApplicantSessions,
    private readonly sources: SourcesService,
    private readonly settings: TeamConsentSettings,
    private readonly requests: ReclaimRequests,
    private readonly config: Config,
    private readonly clock: Clock,
    /** The instance's sandbox attestor: signs simulated proofs, trusted for test sessions only; null with SANDBOX_ENABLED=false. */
    private readonly sandbox: { address: string, privateKey: string } | null,
    /** Issue 21: signals raised as a step is verified (they inform, never decide). */
    private readonly signals: { service: SignalsService, repo: SignalsRepository } | null = null
  ) {}

  /** A step as its client sees it, with what the client may do next. */
  view (row: StepRow, sessionStatus: SessionStatus): StepView {
    const maxAttempts = this.config.maxStepAttempts
    return {
      id: row.id,
      status: row.status,
      type: row.type,
      sessionId: row.sessionId,
      dataSourceId: row.sourceId,
      attempts: row.attempts,
      maxAttempts,
      canInitiate: canInitiateInSession(sessionStatus) && canInitiateStep(row, maxAttempts, this.clock.ms()),
      canSubmit: canSubmitInSession(sessionStatus) && canSubmitStep(row),
      metadata: parseJson(row.metadata, null),
      failureReason: row.failureReason,
      initiatedAt: row.initiatedAt,
      verifiedAt: row.verifiedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt
    }
  }

  /**
   * The proofs of the proven steps of these sessions, with their step and source, in step order (a
   * page of sessions in three reads: its proven steps, their proofs, their sources).
   */
  async provenProofs (sessionIds: number[]): Promise<ProvenProof[]> {
    const steps = await this.repo.listProvenForSessions(sessionIds)
    const [proofs, sources] = await Promise.all([
      this.proofs.listForSteps(steps.map((s) => s.id)),
      this.sources.findByIds([...new Set(steps.map((s) => s.sourceId))])
    ])
    const stepById = new Map(steps.map((s) => [s.id, s]))
    const sourceName = new Map(sources.map((s) => [s.id, s.sourceName]))
    return proofs.map((p) => {
      const step = stepById.get(p.stepId) as StepRow
      return { sessionId: step.sessionId, stepId: step.id, sourceName: sourceName.get(step.sourceId) as string, identifier: p.identifier, extracted: p.extracted, bindings: p.bindings }
    })
  }

  async select (principal: ApplicantPrincipal, body: SelectDataSourceBody): Promise<void> {
    assertOwnSession(principal, body.sessionId)
    const session = await this.sessions.getForApplicant(body.sessionId)
    if (!canSelectSources(session.status)) throw fail('session_status_conflict', `Sources cannot be selected while the session is ${session.status}`)
    // A team that requires consent: no source before the applicant accepted the consent text.
    if (session.consent === null && (await this.settings.forTeam(session.teamId)).requireConsent) throw fail('consent_required')
    const ids = [...new Set(body.dataSourceIds)]
    const allowed = new Set((await this.sources.ofSession(session.id)).map((s) => s.id))
    const refused = ids.filter((id) => !allowed.has(id))
    if (refused.length > 0) throw fail('source_not_allowed', `Data source(s) not available for this session: ${refused.join(', ')}`)
    const outcome = await this.lifecycle.selectSources(session.id, ids, this.clock.iso())
    if (outcome.refused) throw refusal(outcome, 'Sources cannot be selected')
  }

  async list (principal: ApplicantPrincipal, sessionId: number): Promise<StepView[]> {
    assertOwnSession(principal, sessionId)
    const session = await this.sessions.getForApplicant(sessionId)
    return (await this.repo.listForSession(sessionId)).map((s) => this.view(s, session.status))
  }

  async get (principal: ApplicantPrincipal, stepId: number): Promise<StepView> {
    const session = await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.repo.findInSession(stepId, principal.sessionId)
    if (!step) throw fail('step_not_found')
    return this.view(step, session.status)
  }

  async initiate (principal: ApplicantPrincipal, stepId: number): Promise<InitiateResponse> {
    const session = await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.repo.findInSession(stepId, session.id)
    if (!step) throw fail('step_not_found')
    if (!canInitiateInSession(session.status)) throw fail('session_status_conflict', `Steps cannot be initiated while the session is ${session.status}`)
    const maxAttempts = this.config.maxStepAttempts
    if (!canInitiateStep({ ...step, attempts: 0 }, maxAttempts, this.clock.ms())) {
      throw fail('step_status_conflict', `Step is ${step.status}; only a ${statusList(STEP_TRANSITIONS.initiate.from)} step can be initiated`)
    }
    if (step.attempts >= maxAttempts) throw fail('step_attempts_exhausted', `Step has no attempts left (${step.attempts} of ${maxAttempts} used)`)
    const source = await this.sourceOf(step)

    const contextMessage = `partner-api:step:${step.id}:${randomBytes(16).toString('hex')}`
    const callbackToken = newSecret()
    const callbackUrl = `${this.config.publicBaseUrl}/partner/reclaim/callback/${callbackToken}`
    // Before any write: a failing Reclaim API leaves the step as it was.
    const request = await this.requests.create({ providerId: source.providerId, contextMessage, callbackUrl, nowMs: this.clock.ms() })
    const attempt = step.attempts + 1

    const outcome = await this.lifecycle.initiateStep({
      observed: step,
      session,
      contextMessage,
      reclaimSessionId: request.sessionId,
      callbackTokenHash: sha256Hex(callbackToken),
      metadata: JSON.stringify({ ...parseJson<Record<string, unknown>>(step.metadata, {}), reclaim: { mode: request.mode, providerId: source.providerId, attempt, resolvedProviderVersion: request.resolvedProviderVersion } }),
      detail: JSON.stringify({ attempt, reclaimSessionId: request.sessionId, mode: request.mode }),
      at: this.clock.iso()
    })
    if (outcome.refused) throw fail('concurrent_update', 'Step changed while it was being initiated; read it again and retry')

    return {
      status: 'success',
      data: {
        redirectUrl: request.redirectUrl,
        formData: {
          appId: request.appId,
          providerId: request.providerId,
          sessionId: request.sessionId,
          callbackUrl: request.callbackUrl,
          context: request.context,
          timestamp: request.timestamp,
          signature: request.signature
        },
        metadata: { stepId: step.id, sourceId: source.id, sourceName: source.sourceName, attempt, maxAttempts, expiresAt: session.expiryDate }
      }
    }
  }

  async submit (principal: ApplicantPrincipal, body: SubmitBody): Promise<void> {
    const session = await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.repo.findInSession(body.stepId, session.id)
    if (!step) throw fail('step_not_found')
    await this.accept(session, step, body.proofs, 'applicant')
  }

  /** The Reclaim app's callback: `body` is the raw form text, or parsed JSON. */
  async callback (callbackToken: string, body: unknown): Promise<void> {
    const step = await this.repo.findByCallbackTokenHash(sha256Hex(callbackToken))
    if (!step) throw fail('callback_not_found')
    const session = await this.sessions.getForApplicant(step.sessionId)
    const proofs = parseProofs(body)
    if (proofs.length === 0) throw fail('proof_missing')
    // A URL-encoded body is decoded only here, after the request-level input guard ran.
    const problem = inputError('body', proofs)
    if (problem) throw problem
    await this.accept(session, step, proofs, 'reclaim')
  }

  /**
   * The sandbox (test sessions only; a live session reads as missing): completes an INITIATED step
   * as a real proof would. Success makes a proof signed by the sandbox attestor about the source's
   * first host and declared parameters and submits it through the same checks as any proof;
   * failure fails the step as an invalid proof does (422, an attempt used).
   */
  async simulate (principal: ApplicantPrincipal, body: SimulateBody): Promise<void> {
    const sandbox = this.sandbox
    if (!this.config.sandbox.enabled || sandbox === null) throw fail('session_not_found')
    const session = await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.repo.findInSession(body.stepId, session.id)
    if (!step) throw fail('step_not_found')
    if (session.livemode === 1) throw fail('session_not_found')
    if (body.outcome === 'failure') {
      await this.accept(session, step, [], 'sandbox', 'Simulated failure: the sandbox was asked for a failed verification')
      return
    }
    if (step.contextMessage === null || step.reclaimSessionId === null) {
      throw fail('step_not_initiated')
    }
    const source = await this.sourceOf(step)
    const { hosts, parameters, paths, extraction } = proofRequirementsOf(source)
    const proof = sandboxProof({
      sourceName: source.sourceName,
      hosts,
      parameters,
      paths,
      extraction,
      contextMessage: step.contextMessage,
      reclaimSessionId: step.reclaimSessionId,
      timestampS: Math.floor(this.clock.ms() / 1000),
      values: body.extractedParameters
    }, sandbox.privateKey)
    await this.accept(session, step, [proof], 'sandbox')
  }

  private async sourceOf (step: StepRow): Promise<SourceRow> {
    const source = await this.sources.findById(step.sourceId)
    if (!source) throw fail('source_not_found')
    return source
  }

  /**
   * Claims the step (INITIATED|FAILED -> IN_PROGRESS: of concurrent submissions exactly one wins),
   * verifies every proof, and settles the step: VERIFIED with its proofs, or FAILED with the
   * attempt counted. Rejections that must change nothing put the step back as it was.
   */
  private async accept (session: SessionRow, step: StepRow, proofs: unknown[], by: Submitter, simulatedFailure?: string): Promise<void> {
    const max = this.config.proofs.maxPerSubmission
    if (proofs.length > max) throw fail('too_many_proofs', `At most ${max} proofs can be submitted at once`)
    // The step's own state first: "already VERIFIED" says more than the session's REVIEWING it caused.
    if (isStepBusy(step.status)) throw fail('step_status_conflict', busyMessage(step.status))
    if (!canSubmitInSession(session.status)) throw fail('session_status_conflict', `Proofs cannot be submitted while the session is ${session.status}`)
    if (isStepNew(step.status) || step.contextMessage === null || step.reclaimSessionId === null || step.initiatedAt === null) {
      throw fail('step_not_initiated')
    }
    if (!canSubmitStep(step)) throw fail('step_status_conflict', busyMessage(step.status))
    const source = await this.sourceOf(step)

    if (!await this.lifecycle.claimStep(step, this.clock.iso())) {
      const current = await this.repo.find(step.id)
      if (current && current.status === STEP_TRANSITIONS.expire.to) throw fail('session_expired')
      throw current ? fail('step_status_conflict', busyMessage(current.status)) : fail('step_not_found')
    }

    let settled = false
    try {
      if (simulatedFailure !== undefined) {
        const failed = await this.lifecycle.failStep(session, step, simulatedFailure, 'sandbox', by, this.config.maxStepAttempts, this.clock.iso())
        settled = true
        if (failed.refused) throw refusal(failed, 'Proofs cannot be submitted')
        throw fail('proof_simulated_failure', simulatedFailure)
      }
      const label = (i: number) => proofs.length > 1 ? `Proof ${i + 1} of ${proofs.length}: ` : ''
      // Every proof's shape before any cryptography: a malformed last proof costs no recoveries.
      const shapes = proofs.map((proof) => checkShape(proof))
      const malformed = shapes.findIndex((r) => r !== null)
      if (malformed >= 0) {
        const shape = shapes[malformed] as Extract<ProofVerdict, { valid: false }>
        const message = `${label(malformed) || 'Proof is malformed: '}${shape.reason}`
        // Refused before any cryptography, nothing changed. Rules 1.1-1.4 (an error field, no
        // signature, fewer witnesses than signatures, a witness twice) also name the field in
        // `errors`: its path in the proofs as submitted (the callback's body is the proof or an array).
        if (shape.field === undefined) throw fail('proof_malformed', message)
        throw fail('proof_malformed', message, {}, [{ path: `proofs.${malformed}.${shape.field}`, message: shape.reason }])
      }
      const live = session.livemode === 1
      const options: VerifyOptions = {
        trustedAttestors: this.config.reclaim.attestors,
        minSignatures: this.config.reclaim.minSignatures,
        expectedContextMessage: step.contextMessage,
        expectedReclaimSessionId: step.reclaimSessionId,
        tee: { applicationId: this.config.reclaim.appId, appSecret: this.config.reclaim.appSecret },
        source: { name: source.name, ...proofRequirementsOf(source) },
        // Pinning is for live proofs; a test session's sandbox proofs are bound by host alone.
        requirePinned: live && this.config.reclaimRequirePinned,
        // Sandbox proofs count on test sessions only; on a live session they are refused. With the
        // sandbox off there is no sandbox attestor: its proofs are signed by no trusted attestor.
        ...(this.sandbox !== null ? { sandbox: { attestors: [this.sandbox.address], accept: !live } } : {}),
        now: Math.floor(this.clock.ms() / 1000),
        notBefore: Math.floor(Date.parse(step.initiatedAt) / 1000)
      }
      const verdicts = proofs.map((proof) => verifyProof(proof, options))
      const attested = verdicts.flatMap((v) => v.valid || ATTESTED_REJECTIONS.has(v.rule) ? [v.identifier as string] : [])
      if (new Set(attested).size !== attested.length) throw fail('proof_duplicate')
      if ((await this.proofs.usedIdentifiers(attested)).length > 0) throw fail('proof_already_used')

      const invalid = verdicts.findIndex((v) => !v.valid)
      if (invalid >= 0) {
        const v = verdicts[invalid] as Extract<ProofVerdict, { valid: false }>
        const reason = label(invalid) ? label(invalid) + v.reason : capitalise(v.reason)
        const failed = await this.lifecycle.failStep(session, step, reason, v.rule, by, this.config.maxStepAttempts, this.clock.iso())
        settled = true
        if (failed.refused) throw refusal(failed, 'Proofs cannot be submitted')
        throw fail(v.code ?? 'proof_invalid', reason)
      }

      const valid = verdicts as Array<Extract<ProofVerdict, { valid: true }>>
      const assessed = this.signals === null
        ? null
        : await this.signals.service.assess(session, step, source, valid.map((v) => ({ owner: v.owner, extracted: v.extracted, hashed: v.hashed })))
      const signals = this.signals
      const at = this.clock.iso()
      const verified = await this.lifecycle.verifyStep(session, step, valid.map((v, i) => ({
        stepId: step.id,
        identifier: v.identifier,
        owner: v.owner,
        timestampS: v.timestampS,
        providerHash: v.providerHash,
        // Only the signed context's values: the proof's extractedParameterValues is not signed.
        extracted: JSON.stringify(v.extracted),
        raw: JSON.stringify(proofs[i]),
        host: v.host,
        pinned: v.pinned ? 1 : 0,
        signers: JSON.stringify(v.signers),
        bindings: JSON.stringify(v.bindings),
        // The requirements it was verified against: the report names them "at the time", whatever the source becomes.
        requirements: JSON.stringify(proofRequirementsOf(source)),
        createdAt: at
      })), by, JSON.stringify({ identifiers: valid.map((v) => v.identifier) }), at, assessed === null || signals === null
        ? undefined
        : async (trx) => {
          await signals.repo.save(trx, assessed.signals, assessed.fingerprints)
          return assessed.signals.map(signalEvent)
        })
      settled = true
      if (verified.refused) throw refusal(verified, 'Proofs cannot be submitted')
    } catch (err) {
      if (!(err instanceof HttpError) && isUniqueViolation(err)) throw fail('proof_already_used')
      throw err
    } finally {
      if (!settled) await this.lifecycle.releaseStep(step)
    }
  }
}

/** A refused lifecycle change as the API answers it. */
export function refusal (r: Refusal, doing: string): HttpError {
  switch (r.refused) {
    case 'not_found': return fail('session_not_found')
    case 'expired': return fail('session_expired')
    case 'status': return fail('session_status_conflict', `${doing} while the session is ${r.status}`)
    case 'moved': return fail('concurrent_update', 'The session changed meanwhile; read it again')
  }
}

function busyMessage (status: StepStatus): string {
  if (isStepClaimed(status)) return 'A proof for this step is already being verified'
  if (isStepProven(status)) return `Step is already ${status}`
  return `Proofs cannot be submitted while the step is ${status}`
}

function capitalise (text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
