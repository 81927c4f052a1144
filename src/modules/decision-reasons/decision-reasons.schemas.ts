import { Type, type Static } from 'typebox'

export const REASON_KINDS = ['reject', 'approve', 'more'] as const
export type ReasonKind = typeof REASON_KINDS[number]

export const ReasonCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,47}$', description: 'snake_case, 1 to 48 characters' })

export const DecisionReasonSchema = Type.Object({
  code: ReasonCode,
  label: Type.String({ minLength: 1, maxLength: 200, description: 'What people read (console, report, adverse-action notice)' }),
  kind: Type.Union([Type.Literal('reject'), Type.Literal('approve'), Type.Literal('more')], { description: 'The decision it may be given for: reject, approve or more (REQUEST_MORE)' })
}, { $id: 'DecisionReason', additionalProperties: false, description: 'A reason a reviewer may give for a decision' })
export type DecisionReason = Static<typeof DecisionReasonSchema>

export const DecisionReasonsResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(DecisionReasonSchema),
  isDefault: Type.Boolean({ description: 'True while the team has not set its own list (these are the service\'s defaults)' })
})
export type DecisionReasonsResponse = Static<typeof DecisionReasonsResponse>

export const PutDecisionReasonsBody = Type.Object({
  reasons: Type.Array(Type.Object({
    code: ReasonCode,
    label: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('reject'), Type.Literal('approve'), Type.Literal('more')])
  }, { additionalProperties: false }), { minItems: 1, maxItems: 100, description: 'The whole list, in the order the console shows it: codes unique, at least one reject reason (a REQUEST_MORE takes more and reject reasons)' })
}, {
  additionalProperties: false,
  examples: [{
    reasons: [
      { code: 'income_insufficient', label: 'Income below the required amount', kind: 'reject' },
      { code: 'income_verified', label: 'Income verified', kind: 'approve' },
      { code: 'more_recent_proof_needed', label: 'A more recent proof is needed', kind: 'more' }
    ]
  }]
})
export type PutDecisionReasonsBody = Static<typeof PutDecisionReasonsBody>

/** A reason as a decision keeps it: its code and the label it had then (labels may be changed later). */
export const ChosenReasonSchema = Type.Object({ code: Type.String(), label: Type.String() }, { $id: 'ChosenReason', description: 'A reason given with a decision, with its label at the time' })
export type ChosenReason = Static<typeof ChosenReasonSchema>
