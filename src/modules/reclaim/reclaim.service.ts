import { randomBytes } from 'node:crypto'
import type { Config } from '../../config.js'
import type { SessionRow, SourceRow, StepRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { badRequest, conflict, gone, HttpError, notFound, unprocessable } from '../../lib/http-errors.js'
import { parseJson } from '../../lib/json.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import { inputProblem } from '../../plugins/input-guard.js'
import { AuditRepository } from '../audit/audit.repository.js'
import { parseProofs, verifyProof, type ProofVerdict, type VerifyOptions } from '../proofs/proof-verifier.js'
import { isUniqueViolation, type ProofsRepository } from '../proofs/proofs.repository.js'
import type { SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import type { StepStatus } from '../sessions/session-status.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import type { ApplicantPrincipal } from '../verification/verification.service.js'
import type { ReclaimRepository } from './reclaim.repository.js'
import type { ReclaimRequests } from './reclaim-request.js'
import { MAX_PROOFS_PER_SUBMISSION, type InitiateResponse, type SubmitBody } from './reclaim.schemas.js'

const INITIATABLE: readonly StepStatus[] = ['PENDING', 'INITIATED', 'FAILED']
const SUBMITTABLE: readonly StepStatus[] = ['INITIATED', 'FAILED']
const BUSY: readonly StepStatus[] = ['IN_PROGRESS', 'VERIFIED', 'COMPLETED']
// Verifying a submission takes milliseconds; a step claimed for longer was abandoned.
const ABANDONED_CLAIM_MS = 60_000
// Verdicts past the signature checks: the claim is genuinely attested, so its identifier is a
// fact about a real proof and a replay of it is answered as such (409), not as a mismatch (422).
const ATTESTED_REJECTIONS = new Set(['binding', 'provider', 'freshness'])

export const PROOF_ALREADY_USED = 'Proof has already been used'

/** Who submits: the applicant through the API, or the Reclaim app through the callback URL. */
type Submitter = 'applicant' | 'reclaim'

export class ReclaimService {
  private readonly audit = new AuditRepository()
  constructor (
    private readonly repo: ReclaimRepository,
    private readonly steps: StepsRepository,
    private readonly proofs: ProofsRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly sources: SourcesRepository,
    private readonly requests: ReclaimRequests,
    private readonly config: Config,
    private readonly clock: Clock
  ) {}

  private now (): string { return new Date(this.clock()).toISOString() }

  async initiate (principal: ApplicantPrincipal, stepId: number): Promise<InitiateResponse> {
    const session = await this.sessions.getForApplicant(principal.sessionId)
    const step = await this.steps.findInSession(stepId, session.id)
    if (!step) throw notFound('Step not found')
    if (session.status !== 'PENDING' && session.status !== 'PROCESSING') {
      throw conflict(`Steps cannot be initiated while the session is ${session.status}`)
    }
    // A claim that outlived any verification (the process died mid-way) must not lock the step for good.
    const abandoned = step.status === 'IN_PROGRESS' && this.clock() - Date.parse(step.updatedAt) > ABANDONED_CLAIM_MS
    if (!INITIATABLE.includes(step.status as StepStatus) && !abandoned) {
      throw conflict(`Step is ${step.status}; only a PENDING, INITIATED or FAILED step can be initiated`)
    }
    const maxAttempts = this.config.maxStepAttempts
    if (step.attempts >= maxAttempts) throw conflict(`Step has no attempts left (${step.attempts} of ${maxAttempts} used)`)
    const source = await this.sourceOf(step)

    const contextMessage = `partner-api:step:${step.id}:${randomBytes(16).toString('hex')}`
    const callbackToken = newSecret()
    const callbackUrl = `${this.config.publicBaseUrl}/partner/reclaim/callback/${callbackToken}`
    // Before any write: a failing Reclaim API leaves the step as it was.
    const request = await this.requests.create({ providerId: source.providerId, contextMessage, callbackUrl, nowMs: this.clock() })
    const attempt = step.attempts + 1
    const at = this.now()

    await this.repo.db.transaction().execute(async (trx) => {
      const moved = await this.repo.initiate(trx, {
        observed: step,
        contextMessage,
        reclaimSessionId: request.sessionId,
        callbackTokenHash: sha256Hex(callbackToken),
        metadata: JSON.stringify({ ...parseJson<Record<string, unknown>>(step.metadata, {}), reclaim: { mode: request.mode, providerId: source.providerId, attempt, resolvedProviderVersion: request.resolvedProviderVersion } }),
        at
      })
      if (!moved) throw conflict('Step changed while it was being initiated; read it again and retry')
      await this.audit.record(trx, {
        sessionId: session.id,
        stepId: step.id,
        actor: 'applicant',
        action: 'step.initiated',
        fromStatus: step.status,
        toStatus: 'INITIATED',
        detail: JSON.stringify({ attempt, reclaimSessionId: request.sessionId, mode: request.mode }),
        at
      })
    })

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
    const step = await this.steps.findInSession(body.stepId, session.id)
    if (!step) throw notFound('Step not found')
    await this.accept(session, step, body.proofs, 'applicant')
  }

  /** The Reclaim app's callback: `body` is the raw form text, or parsed JSON. */
  async callback (callbackToken: string, body: unknown): Promise<void> {
    const step = await this.repo.findByCallbackTokenHash(sha256Hex(callbackToken))
    if (!step) throw notFound('Unknown callback')
    const session = await this.sessions.getForApplicant(step.sessionId)
    const proofs = parseProofs(body)
    if (proofs.length === 0) throw badRequest('Callback body holds no proof: send a proof or an array of proofs as JSON, or URL-encoded JSON')
    if (proofs.length > MAX_PROOFS_PER_SUBMISSION) throw badRequest(`At most ${MAX_PROOFS_PER_SUBMISSION} proofs can be submitted at once`)
    // A URL-encoded body is decoded only here, after the request-level input guard ran.
    const problem = inputProblem('body', proofs)
    if (problem) throw badRequest(problem)
    await this.accept(session, step, proofs, 'reclaim')
  }

  private async sourceOf (step: StepRow): Promise<SourceRow> {
    const source = await this.sources.findById(step.sourceId)
    if (!source) throw notFound('Data source not found')
    return source
  }

  /**
   * Claims the step (INITIATED|FAILED -> IN_PROGRESS: of concurrent submissions exactly one wins),
   * verifies every proof, and settles the step: VERIFIED with its proofs, or FAILED with the
   * attempt counted. Rejections that must change nothing put the step back as it was.
   */
  private async accept (session: SessionRow, step: StepRow, proofs: unknown[], by: Submitter): Promise<void> {
    // The step's own state first: "already VERIFIED" says more than the session's REVIEWING it caused.
    if (BUSY.includes(step.status as StepStatus)) throw conflict(this.busyMessage(step.status))
    if (session.status !== 'PROCESSING') throw conflict(`Proofs cannot be submitted while the session is ${session.status}`)
    if (step.status === 'PENDING' || step.contextMessage === null || step.reclaimSessionId === null || step.initiatedAt === null) {
      throw conflict('Step has not been initiated: call /partner/step/initiate first')
    }
    if (!SUBMITTABLE.includes(step.status as StepStatus)) throw conflict(this.busyMessage(step.status))
    const source = await this.sourceOf(step)

    if (!await this.repo.claim(step, this.now())) {
      const current = await this.repo.findStep(step.id)
      if (current && current.status === 'EXPIRED') throw gone('Verification session has expired')
      throw conflict(current ? this.busyMessage(current.status) : 'Step not found')
    }

    let settled = false
    try {
      const options: VerifyOptions = {
        trustedAttestors: this.config.reclaim.attestors,
        minSignatures: this.config.reclaim.minSignatures,
        expectedContextMessage: step.contextMessage,
        expectedReclaimSessionId: step.reclaimSessionId,
        allowedProviderHashes: parseJson<string[]>(source.providerHashes, []),
        now: Math.floor(this.clock() / 1000),
        notBefore: Math.floor(Date.parse(step.initiatedAt) / 1000)
      }
      const verdicts = proofs.map((proof) => verifyProof(proof, options))
      const label = (i: number) => proofs.length > 1 ? `Proof ${i + 1} of ${proofs.length}: ` : ''

      const malformed = verdicts.findIndex((v) => !v.valid && v.rule === 'shape')
      if (malformed >= 0) {
        const v = verdicts[malformed] as Extract<ProofVerdict, { valid: false }>
        throw badRequest(`${label(malformed) || 'Proof is malformed: '}${v.reason}`)
      }
      const attested = verdicts.flatMap((v) => v.valid || ATTESTED_REJECTIONS.has(v.rule) ? [v.identifier as string] : [])
      if (new Set(attested).size !== attested.length) throw badRequest('The same proof is submitted twice')
      if ((await this.proofs.usedIdentifiers(attested)).length > 0) throw conflict(PROOF_ALREADY_USED)

      const invalid = verdicts.findIndex((v) => !v.valid)
      if (invalid >= 0) {
        const v = verdicts[invalid] as Extract<ProofVerdict, { valid: false }>
        const reason = label(invalid) ? label(invalid) + v.reason : capitalise(v.reason)
        await this.fail(session, step, reason, v.rule, by)
        settled = true
        throw unprocessable(reason)
      }

      await this.verify(session, step, proofs, verdicts as Array<Extract<ProofVerdict, { valid: true }>>, by)
      settled = true
    } catch (err) {
      if (!(err instanceof HttpError) && isUniqueViolation(err)) throw conflict(PROOF_ALREADY_USED)
      throw err
    } finally {
      if (!settled) await this.repo.release(step)
    }
  }

  private busyMessage (status: string): string {
    if (status === 'IN_PROGRESS') return 'A proof for this step is already being verified'
    if (status === 'VERIFIED' || status === 'COMPLETED') return `Step is already ${status}`
    return `Proofs cannot be submitted while the step is ${status}`
  }

  private async verify (session: SessionRow, step: StepRow, proofs: unknown[], verdicts: Array<Extract<ProofVerdict, { valid: true }>>, by: Submitter): Promise<void> {
    const at = this.now()
    await this.repo.db.transaction().execute(async (trx) => {
      await this.repo.lockSession(trx, session.id)
      // The unique identifier index settles a replay racing this one from another step.
      await this.proofs.insertMany(trx, verdicts.map((v, i) => ({
        stepId: step.id,
        identifier: v.identifier,
        owner: v.owner,
        timestampS: v.timestampS,
        providerHash: v.providerHash,
        // Only the signed context's values: the proof's extractedParameterValues is not signed.
        extracted: JSON.stringify(v.extracted),
        raw: JSON.stringify(proofs[i]),
        createdAt: at
      })))
      if (!await this.repo.markVerified(trx, step.id, at)) throw gone('Verification session has expired')
      await this.audit.record(trx, {
        sessionId: session.id,
        stepId: step.id,
        actor: by,
        action: 'step.verified',
        fromStatus: step.status,
        toStatus: 'VERIFIED',
        detail: JSON.stringify({ identifiers: verdicts.map((v) => v.identifier) }),
        at
      })
      await this.audit.emit(trx, { teamId: session.teamId, sessionId: session.id, type: 'step.verified', payload: { sessionId: session.id, stepId: step.id, status: 'VERIFIED' }, createdAt: at })
      if (await this.repo.allStepsVerified(trx, session.id)) {
        await this.sessionsRepo.transition(trx, {
          sessionId: session.id, teamId: session.teamId, from: ['PROCESSING'], to: 'REVIEWING', actor: 'system', action: 'session.reviewing', at
        })
      }
    })
  }

  private async fail (session: SessionRow, step: StepRow, reason: string, rule: string, by: Submitter): Promise<void> {
    const at = this.now()
    const maxAttempts = this.config.maxStepAttempts
    await this.repo.db.transaction().execute(async (trx) => {
      await this.repo.lockSession(trx, session.id)
      const attempts = await this.repo.markFailed(trx, step.id, reason, at)
      if (attempts === null) throw gone('Verification session has expired')
      await this.audit.record(trx, {
        sessionId: session.id,
        stepId: step.id,
        actor: by,
        action: 'step.failed',
        fromStatus: step.status,
        toStatus: 'FAILED',
        detail: JSON.stringify({ rule, reason, attempts, maxAttempts }),
        at
      })
      await this.audit.emit(trx, { teamId: session.teamId, sessionId: session.id, type: 'step.failed', payload: { sessionId: session.id, stepId: step.id, status: 'FAILED', attempts, maxAttempts }, createdAt: at })
      if (attempts >= maxAttempts) {
        await this.sessionsRepo.transition(trx, {
          sessionId: session.id,
          teamId: session.teamId,
          from: ['PROCESSING'],
          to: 'FAILED',
          actor: 'system',
          action: 'session.failed',
          detail: `step ${step.id} used all ${maxAttempts} attempts`,
          at
        })
      }
    })
  }
}

function capitalise (text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
