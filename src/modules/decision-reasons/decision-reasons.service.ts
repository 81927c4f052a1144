import { fail } from '../../lib/error-codes.js'
import type { Principal } from '../../lib/permissions.js'
import type { DecisionReasonsRepository } from './decision-reasons.repository.js'
import type { ChosenReason, DecisionReason, DecisionReasonsResponse, PutDecisionReasonsBody, ReasonKind } from './decision-reasons.schemas.js'

/** What a team starts with: the reasons adverse-action notices and examiners ask for most. */
export const DEFAULT_DECISION_REASONS: readonly DecisionReason[] = [
  { code: 'income_insufficient', label: 'Income is below what is required', kind: 'reject' },
  { code: 'income_unverifiable', label: 'Income could not be verified', kind: 'reject' },
  { code: 'identity_mismatch', label: 'The accounts do not belong to the applicant', kind: 'reject' },
  { code: 'data_inconsistent', label: 'The proven data is inconsistent', kind: 'reject' },
  { code: 'fraud_suspected', label: 'Fraud is suspected', kind: 'reject' },
  { code: 'other', label: 'Other reason (see the note)', kind: 'reject' },
  { code: 'income_verified', label: 'Income verified', kind: 'approve' },
  { code: 'identity_verified', label: 'Identity and accounts match the applicant', kind: 'approve' },
  { code: 'more_recent_proof_needed', label: 'A more recent proof is needed', kind: 'more' },
  { code: 'additional_source_needed', label: 'Another income source is needed', kind: 'more' },
  { code: 'proof_incomplete', label: 'The proof does not show what is needed', kind: 'more' }
]

/** Which kind of reason each decision takes. */
export const REASON_KIND_OF = { APPROVE: 'approve', REJECT: 'reject', REQUEST_MORE: 'more' } as const satisfies Record<string, ReasonKind>

/**
 * The kinds of reason each decision accepts: its own, and for REQUEST_MORE the reject reasons too
 * (more is asked because of what would otherwise reject: income_unverifiable, data_inconsistent,
 * other...; issue 21 names only those as defaults).
 */
const ACCEPTED_KINDS: Record<keyof typeof REASON_KIND_OF, readonly ReasonKind[]> = { APPROVE: ['approve'], REJECT: ['reject'], REQUEST_MORE: ['more', 'reject'] }

/** A team's decision reasons (GET/PUT /partner/settings/decision-reasons) and the check of the reasons a decision gives. */
export class DecisionReasonsService {
  constructor (private readonly repo: DecisionReasonsRepository) {}

  async of (teamId: number): Promise<{ reasons: DecisionReason[], isDefault: boolean }> {
    const stored = await this.repo.list(teamId)
    return stored.length > 0 ? { reasons: stored, isDefault: false } : { reasons: [...DEFAULT_DECISION_REASONS], isDefault: true }
  }

  async get (principal: Principal): Promise<DecisionReasonsResponse> {
    const { reasons, isDefault } = await this.of(principal.teamId)
    return { success: true, data: reasons, isDefault }
  }

  /** Replaces the team's list (the route requires the settings permission). */
  async put (principal: Principal, body: PutDecisionReasonsBody): Promise<DecisionReasonsResponse> {
    const seen = new Set<string>()
    body.reasons.forEach((r, i) => {
      if (seen.has(r.code)) throw fail('validation_failed', `body.reasons.${i}.code lists ${r.code} twice`)
      seen.add(r.code)
    })
    // A REJECT needs one of its own; a REQUEST_MORE takes reject reasons too.
    if (!body.reasons.some((r) => r.kind === 'reject')) {
      throw fail('validation_failed', 'body.reasons must have at least one reason of kind reject (a REJECT needs one)')
    }
    await this.repo.replace(principal.teamId, body.reasons.map((r) => ({ code: r.code, label: r.label.trim() || r.code, kind: r.kind })))
    return await this.get(principal)
  }

  /**
   * The reasons of a decision, as it keeps them (code and label at the time): every code must be a
   * reason of the team of a kind the decision accepts (ACCEPTED_KINDS). None for a REJECT or a REQUEST_MORE: 422
   * decision_reason_required (an adverse action needs its reasons).
   */
  async choose (teamId: number, decision: keyof typeof REASON_KIND_OF, codes: readonly string[] | undefined): Promise<ChosenReason[]> {
    const kind = REASON_KIND_OF[decision]
    const unique = [...new Set(codes ?? [])]
    if (unique.length === 0) {
      if (kind === 'approve') return []
      throw fail('decision_reason_required', `A ${decision} decision needs at least one reason: send reasons with codes of kind ${kind} (GET /partner/settings/decision-reasons)`)
    }
    const { reasons } = await this.of(teamId)
    const byCode = new Map(reasons.map((r) => [r.code, r]))
    const accepted = ACCEPTED_KINDS[decision]
    const unknown = unique.filter((c) => { const r = byCode.get(c); return r === undefined || !accepted.includes(r.kind) })
    if (unknown.length > 0) {
      throw fail('decision_reason_unknown', `body.reasons has code(s) that are not ${accepted.join(' or ')} reasons of the team: ${unknown.join(', ')}`)
    }
    return unique.map((c) => ({ code: c, label: (byCode.get(c) as DecisionReason).label }))
  }
}
