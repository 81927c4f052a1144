import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { STEP_STATUSES } from '../lifecycle/lifecycle.js'

export const StepSchema = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(STEP_STATUSES),
  type: Type.String(),
  sessionId: Type.Integer(),
  dataSourceId: Type.Integer(),
  attempts: Type.Integer({ description: 'Proof submissions that failed verification or were made so far' }),
  maxAttempts: Type.Integer(),
  canInitiate: Type.Boolean({ description: 'Whether /partner/step/initiate would start an attempt now (status, attempts left, session open)' }),
  canSubmit: Type.Boolean({ description: 'Whether proofs for the current attempt are accepted now' }),
  metadata: Nullable(Type.Object({}, { additionalProperties: true })),
  failureReason: Nullable(Type.String()),
  initiatedAt: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String()
}, { $id: 'Step', description: 'One data source of a session and the state of its proof' })
export type StepView = Static<typeof StepSchema>

export const StepsResponse = Type.Object({
  status: Type.Literal('success'),
  data: Type.Object({ steps: Type.Array(StepSchema) })
})

export const SelectDataSourceBody = Type.Object({
  dataSourceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
  sessionId: Id
}, { additionalProperties: false, examples: [{ dataSourceIds: [1, 2], sessionId: 1 }] })
export type SelectDataSourceBody = Static<typeof SelectDataSourceBody>

export const StatusSuccess = Type.Object({ status: Type.Literal('success') })
