import { Type, type Static } from 'typebox'
import { Nullable } from '../../schemas/common.js'
import { STEP_STATUSES } from '../lifecycle/lifecycle.js'
import { SessionSchema, VerificationLinkSchema } from './sessions.schemas.js'
import { DeliveryMode, DeliveryRequestSchema, DeliverySchema } from '../delivery/delivery.schemas.js'

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
    steps: Type.Array(SessionStepSummarySchema),
    deliveries: Type.Array(DeliverySchema, { description: 'Every message that carried (or is to carry) the link to the applicant, oldest first' })
  }, { $id: 'SessionDetail', description: 'A session with its allowed sources, steps and link deliveries' })
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

/** No body, `{}`, or `{delivery}` to send the new link to the applicant. */
export const LinkBody = Type.Object({
  delivery: Type.Optional(DeliveryRequestSchema)
}, { additionalProperties: false, examples: [{}, { delivery: { channels: ['email'] } }] })
export type LinkBody = Static<typeof LinkBody>

export const LinkResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({ verificationLink: VerificationLinkSchema, delivery: Type.Optional(DeliveryMode) })
})
export type LinkResponse = Static<typeof LinkResponse>

export const TagsBody = Type.Object({
  tags: Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,32}$' }), { maxItems: 10, uniqueItems: true, description: 'The session\'s whole set of tags: at most 10, each 1 to 32 of a-z, 0-9 and -' })
}, { additionalProperties: false, examples: [{ tags: ['vip', 'second-look'] }] })
export type TagsBody = Static<typeof TagsBody>
