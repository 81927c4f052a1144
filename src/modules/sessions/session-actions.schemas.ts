import { Type, type Static } from 'typebox'
import { Nullable } from '../../schemas/common.js'
import { STEP_STATUSES } from '../lifecycle/lifecycle.js'
import { SessionSchema, VerificationLinkSchema } from './sessions.schemas.js'

export const SessionStepSummarySchema = Type.Object({
  id: Type.Integer(),
  dataSourceId: Type.Integer(),
  sourceName: Type.String(),
  status: Type.Enum(STEP_STATUSES),
  attempts: Type.Integer()
}, { $id: 'SessionStepSummary' })

export const SessionDetailResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    ...SessionSchema.properties,
    allowedSources: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    steps: Type.Array(SessionStepSummarySchema)
  }, { $id: 'SessionDetail', description: 'A session with its allowed sources and steps' })
})
export type SessionDetailResponse = Static<typeof SessionDetailResponse>

/** A POST that takes no parameters: no body, or `{}`. */
export const EmptyBody = Type.Object({}, { additionalProperties: false, examples: [{}] })

export const CancelBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why the partner stopped the session; carried by the session.expired event' }))
}, { additionalProperties: false, examples: [{ reason: 'The applicant withdrew the application' }] })
export type CancelBody = Static<typeof CancelBody>

export const AssignBody = Type.Object({
  reviewerId: Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'The reviewer whose queue takes the session; null puts it back in the team\'s' }))
}, { additionalProperties: false, examples: [{ reviewerId: 'reviewer-7' }] })
export type AssignBody = Static<typeof AssignBody>

export const PartnerSessionResponse = Type.Object({ success: Type.Literal(true), data: SessionSchema })
export type PartnerSessionResponse = Static<typeof PartnerSessionResponse>

export const LinkResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({ verificationLink: VerificationLinkSchema })
})
export type LinkResponse = Static<typeof LinkResponse>
