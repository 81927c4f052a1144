import { Type, type Static } from 'typebox'
import { Nullable } from '../../schemas/common.js'
import { SessionSchema } from '../sessions/sessions.schemas.js'
import { StepSchema } from '../steps/steps.schemas.js'

export const ProofSummarySchema = Type.Object({
  identifier: Type.String(),
  owner: Type.String(),
  timestampS: Type.Integer({ description: 'When the attestor signed the claim, unix seconds' }),
  providerHash: Nullable(Type.String()),
  extracted: Type.Object({}, { additionalProperties: true, description: 'Values from the proof\'s signed context' }),
  host: Nullable(Type.String({ description: 'The host the proof\'s request went to (null for proofs accepted before source binding)' })),
  pinned: Type.Boolean({ description: 'Whether its provider hash is one the source pins (else it is bound by host alone)' }),
  attestors: Type.Array(Type.String(), { description: 'The trusted attestors whose signatures counted' }),
  createdAt: Type.String({ description: 'When the proof was accepted' })
})

export const SourceRefSchema = Type.Object({ id: Type.Integer(), name: Type.String(), sourceName: Type.String() })

export const ReviewerStepSchema = Type.Object({
  ...StepSchema.properties,
  source: SourceRefSchema,
  proofs: Type.Array(ProofSummarySchema)
})

export const FactSchema = Type.Object({
  name: Type.String({ description: 'The extracted parameter\'s name' }),
  value: Type.Unknown({ description: 'Its value, as signed (usually a string)' }),
  sourceId: Type.Integer(),
  sourceName: Type.String(),
  stepId: Type.Integer(),
  proofIdentifier: Type.String(),
  provenAt: Type.String({ description: 'When the attestor signed it (ISO 8601)' }),
  host: Nullable(Type.String({ description: 'The host its proof\'s request went to' })),
  pinned: Type.Boolean({ description: 'Whether its proof\'s provider hash was pinned by the source; false = bound by host alone (weaker)' }),
  attestor: Nullable(Type.String({ description: 'The attestor that signed its proof' }))
}, { description: 'One verified value, taken only from a signed proof context' })
export type Fact = Static<typeof FactSchema>

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  stepId: Nullable(Type.Integer()),
  actor: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  at: Type.String()
})

export const ReviewerSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    ...SessionSchema.properties,
    allowedSources: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    steps: Type.Array(ReviewerStepSchema),
    facts: Type.Array(FactSchema),
    auditTrail: Type.Array(AuditEntrySchema)
  })
})
export type ReviewerSessionResponse = Static<typeof ReviewerSessionResponse>

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('APPROVE'), Type.Literal('REJECT')]),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 })))
}, { additionalProperties: false })
export type DecisionBody = Static<typeof DecisionBody>

export const DecisionResponse = Type.Object({
  success: Type.Literal(true),
  message: Type.String(),
  data: SessionSchema
})
export type DecisionResponse = Static<typeof DecisionResponse>
