import type { SessionRow, SourceRow, StepRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { parseJson } from '../../lib/json.js'
import { hmacHex } from '../../lib/secrets.js'
import { nameMatchScore, nameTokens } from './name-match.js'
import type { NewFingerprint, NewSignal, SignalsRepository } from './signals.repository.js'

/** The parameters a source declares for the account holder's name, in order of preference. */
export const HOLDER_PARAMETERS = ['accountHolder', 'accountHolderName', 'holderName', 'fullName', 'legalName', 'employeeName', 'name']
export const ACCOUNT_ID_PARAMETER = 'accountId'
export const NAME_MATCH_THRESHOLD = 70
const ACCOUNT_WINDOW_MS = 180 * 24 * 60 * 60 * 1000
const MANY_SESSIONS_WINDOW_MS = 30 * 24 * 60 * 60 * 1000
const MANY_SESSIONS_LIMIT = 3

export type SignalCode = 'name_mismatch' | 'account_reused' | 'proof_owner_reused' | 'many_sessions'

/** A signal as the reviewer detail and the events show it. */
export interface SignalView { code: string, stepId: number | null, score: number | null, sentence: string, details: Record<string, unknown>, createdAt: string }

/** What a verified proof brings: its owner key and its signed facts (hashed ones are not compared). */
export interface VerifiedProof { owner: string, extracted: Record<string, unknown>, hashed: string[] }

/** What the signals need of the sessions module. */
export interface ApplicantSessionCounts {
  countForApplicant: (scope: { teamId: number, livemode: number }, applicant: { email: string | null, applicantId: string | null }, since: string) => Promise<number>
}

/**
 * Signals: raised when a step is verified, stored with the step's verification, shown to the
 * reviewer and announced as `session.signal_raised`. They inform; no status ever depends on them.
 * Account identifiers and proof owners are compared by HMAC (the server secret), so no raw value is
 * kept twice; details hold ids, counts and scores only, and sentences never quote a name, so a
 * redacted session's signals keep no personal data.
 */
export class SignalsService {
  constructor (
    private readonly repo: SignalsRepository,
    private readonly sessions: ApplicantSessionCounts,
    private readonly clock: Clock,
    private readonly serverSecret: string
  ) {}

  private hash (kind: string, teamId: number, livemode: number, value: string): string {
    return hmacHex(this.serverSecret, `signal:${kind}:${teamId}:${livemode}:${value}`)
  }

  /** Who the applicant is, keyed: the applicant id, else the email, else the name, else the session alone. */
  private applicantHash (s: SessionRow): string {
    const name = nameTokens(`${s.applicantFirstName ?? ''} ${s.applicantLastName ?? ''}`).join(' ')
    const who = s.applicantId !== null ? `id:${s.applicantId}` : s.applicantEmail !== null ? `email:${s.applicantEmail.toLowerCase()}` : name !== '' ? `name:${name}` : `session:${s.id}`
    return this.hash('applicant', s.teamId, s.livemode, who)
  }

  async list (sessionId: number): Promise<SignalView[]> {
    return (await this.repo.listForSession(sessionId)).map((r) => ({
      code: r.code, stepId: r.stepId, score: r.score, sentence: r.sentence, details: parseJson<Record<string, unknown>>(r.details, {}), createdAt: r.createdAt
    }))
  }

  /** The signals of a step about to be verified, and the fingerprints to keep (reads only; saved with the verification). */
  async assess (session: SessionRow, step: StepRow, source: SourceRow, proofs: VerifiedProof[]): Promise<{ signals: NewSignal[], fingerprints: NewFingerprint[] }> {
    const at = this.clock.iso()
    const signals: NewSignal[] = []
    const fingerprints: NewFingerprint[] = []
    const applicantHash = this.applicantHash(session)
    const scope = { teamId: session.teamId, sessionId: session.id, applicantHash }
    const raise = (code: SignalCode, score: number | null, sentence: string, details: Record<string, unknown>, stepId: number | null = step.id) =>
      signals.push({ sessionId: session.id, stepId, code, score, sentence, details: JSON.stringify(details), createdAt: at })

    for (const proof of proofs) {
      const clear = (name: string): string | null => {
        const v = proof.extracted[name]
        return typeof v === 'string' && v.trim() !== '' && !proof.hashed.includes(name) ? v : null
      }
      const holderParameter = HOLDER_PARAMETERS.find((p) => clear(p) !== null)
      const holder = holderParameter === undefined ? null : clear(holderParameter)
      if (holder !== null && holderParameter !== undefined && session.applicantFirstName !== null && session.applicantLastName !== null) {
        const score = nameMatchScore(holder, session.applicantFirstName, session.applicantLastName)
        if (score < NAME_MATCH_THRESHOLD) {
          raise('name_mismatch', score, `The account holder's name on ${source.sourceName} matches the applicant's name at ${score} of 100 (below ${NAME_MATCH_THRESHOLD}).`,
            { parameter: holderParameter, sourceId: source.id, threshold: NAME_MATCH_THRESHOLD })
        }
      }

      const accountId = clear(ACCOUNT_ID_PARAMETER)
      const account = accountId !== null ? `id:${accountId.trim()}` : holder !== null ? `holder:${nameTokens(holder).join(' ')}` : null
      if (account !== null) {
        const valueHash = this.hash('account', session.teamId, session.livemode, `${source.id}:${account}`)
        const others = await this.repo.otherApplicants({ ...scope, kind: 'account', valueHash, since: this.clock.iso(-ACCOUNT_WINDOW_MS) })
        if (others.length > 0) {
          raise('account_reused', null, `The same ${source.sourceName} account was verified for ${others.length === 1 ? 'another applicant' : `${others.length} other applicants`} of the team in the last 180 days.`,
            { sourceId: source.id, by: accountId !== null ? ACCOUNT_ID_PARAMETER : 'holderName', sessionIds: others, accountHash: valueHash })
        }
        fingerprints.push({ teamId: session.teamId, sessionId: session.id, sourceId: source.id, kind: 'account', valueHash, applicantHash, createdAt: at })
      }

      const ownerHash = this.hash('owner', session.teamId, session.livemode, proof.owner.toLowerCase())
      const owners = await this.repo.otherApplicants({ ...scope, kind: 'owner', valueHash: ownerHash, since: null })
      if (owners.length > 0) {
        raise('proof_owner_reused', null, `The proof's owner key was also used for ${owners.length === 1 ? 'another applicant' : `${owners.length} other applicants`} of the team.`,
          { sessionIds: owners, ownerHash })
      }
      fingerprints.push({ teamId: session.teamId, sessionId: session.id, sourceId: source.id, kind: 'owner', valueHash: ownerHash, applicantHash, createdAt: at })
    }

    // Once per session: on its first verified step.
    const raised = await this.repo.listForSession(session.id)
    if (!raised.some((r) => r.code === 'many_sessions')) {
      const n = await this.sessions.countForApplicant(session, { email: session.applicantEmail, applicantId: session.applicantId }, this.clock.iso(-MANY_SESSIONS_WINDOW_MS))
      if (n > MANY_SESSIONS_LIMIT) {
        raise('many_sessions', null, `The applicant has ${n} sessions with the team in the last 30 days (more than ${MANY_SESSIONS_LIMIT}).`, { sessions: n, windowDays: 30 }, null)
      }
    }
    return { signals, fingerprints }
  }
}

/** A signal's event payload (session.signal_raised). */
export function signalEvent (s: NewSignal): Record<string, unknown> {
  return { code: s.code, stepId: s.stepId, score: s.score, sentence: s.sentence, details: parseJson<Record<string, unknown>>(s.details, {}) }
}
