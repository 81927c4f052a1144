import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { SUPPORTED_LOCALES } from '../../lib/locales.js'
import { SESSION_STATUSES } from '../lifecycle/lifecycle.js'
import { ApplicantPhone, DeliveryMode, DeliveryRequestSchema } from '../delivery/delivery.schemas.js'
import { RemindersSchema } from '../settings/settings.schemas.js'
import { ConsentRecordSchema } from '../consent/consent.schemas.js'

const Text = (maxLength: number) => Nullable(Type.String({ maxLength }))
const JsonObject = (description: string) => Nullable(Type.Object({}, { additionalProperties: true, description }))

export const AllowedSourceRef = Type.Object({
  id: Id,
  name: Type.Optional(Type.String({ maxLength: 200 }))
}, { additionalProperties: false })

export const CreateSessionParams = Type.Object({
  expiryDate: Type.String({ format: 'date-time', description: 'ISO 8601 date-time with a time zone, in the future' }),
  metadata: Type.Optional(JsonObject('Your own data, returned as given (at most 16 KiB as JSON)')),
  applicantId: Type.Optional(Text(256)),
  applicantData: Type.Optional(JsonObject('Additional data about the applicant (at most 16 KiB as JSON)')),
  instructions: Type.Optional(Text(4000)),
  applicantFirstName: Type.Optional(Text(200)),
  applicantLastName: Type.Optional(Text(200)),
  applicantEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  allowedSources: Type.Optional(Nullable(Type.Array(AllowedSourceRef, { maxItems: 100 }))),
  selectedPlatform: Type.Optional(Nullable(Id)),
  reviewerId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'Team keys only: the reviewer whose queue takes the session (default: the team\'s)' }))),
  applicantPhone: Type.Optional(Nullable(ApplicantPhone)),
  delivery: Type.Optional(DeliveryRequestSchema),
  reminders: Type.Optional(RemindersSchema),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The applicant\'s IANA time zone: no reminder between 21:00 and 08:00 there, and the expiry written in it (default: the team\'s)' })),
  locale: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$', description: `The applicant's language (BCP 47): the hosted page, its messages and the consent text use the closest of ${SUPPORTED_LOCALES.join(', ')}; without it the page follows ?lang=, the browser's languages, then the team's defaultLocale` }))),
  purpose: Type.Optional(Nullable(Type.Enum(['credit', 'tenant_screening', 'employment', 'other'], { description: 'Why you ask, as the consent text tells the applicant' }))),
  purposeText: Type.Optional(Text(500))
}, { additionalProperties: false })
export type CreateSessionParams = Static<typeof CreateSessionParams>

export const ReverifyBody = Type.Object({
  expiryDate: Type.String({ format: 'date-time', description: 'The new session\'s expiry: ISO 8601 date-time with a time zone, in the future' }),
  /** `email` to the parent's applicantEmail, `sms` to the phone number the parent's link was sent to; the language defaults to the parent's. Left out: the channels the parent's link was last sent on, if the service sent it. */
  delivery: Type.Optional(DeliveryRequestSchema)
}, { additionalProperties: false, examples: [{ expiryDate: '2030-01-01T00:00:00Z' }, { expiryDate: '2030-01-01T00:00:00Z', delivery: { channels: ['email'] } }] })
export type ReverifyBody = Static<typeof ReverifyBody>

export const CreateSessionBody = Type.Object({ params: CreateSessionParams }, {
  additionalProperties: false,
  examples: [{
    params: {
      expiryDate: '2030-01-01T00:00:00Z',
      applicantId: 'applicant-42',
      applicantFirstName: 'John',
      applicantLastName: 'Doe',
      applicantEmail: 'john.doe@example.org',
      instructions: 'Please verify your monthly income',
      allowedSources: [{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }],
      metadata: { loanApplication: 'LA-1001' }
    }
  }]
})
export type CreateSessionBody = Static<typeof CreateSessionBody>

// Documentation only (no constraint here): the service checks the length and says so in its own words.
export const CreateSessionHeaders = Type.Object({
  'Idempotency-Key': Type.Optional(Type.String({ description: 'Idempotency-Key: 1 to 255 characters of your choosing (a UUID, say). The same key and body within 24 h replays the first answer; the same key with another body is a 409' }))
})

export const VerificationLinkSchema = Type.Object({
  manualVerificationLink: Type.String(),
  deeplinkVerificationLink: Type.String(),
  token: Type.String()
}, { $id: 'VerificationLink' })

export const SessionSchema = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(SESSION_STATUSES),
  livemode: Type.Boolean({ description: 'False for a test (sandbox) session, made with a test key' }),
  teamId: Type.Integer(),
  reviewerId: Nullable(Type.String()),
  verificationTypeId: Nullable(Type.Integer()),
  userId: Nullable(Type.String()),
  expiryDate: Type.String(),
  applicantId: Nullable(Type.String()),
  applicantFirstName: Nullable(Type.String()),
  applicantLastName: Nullable(Type.String()),
  applicantEmail: Nullable(Type.String()),
  applicantData: Nullable(Type.Object({}, { additionalProperties: true })),
  instructions: Nullable(Type.String()),
  metadata: Nullable(Type.Object({}, { additionalProperties: true })),
  selectedPlatform: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  statusReason: Nullable(Type.String({ description: 'Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open' })),
  redactedAt: Nullable(Type.String({ description: 'When the applicant\'s data was erased' })),
  locale: Nullable(Type.String({ description: 'The applicant\'s language (params.locale), null when the page chooses' })),
  purpose: Nullable(Type.String({ description: 'Why the partner asks (params.purpose)' })),
  purposeText: Nullable(Type.String()),
  consent: Nullable(ConsentRecordSchema),
  parentSessionId: Type.Optional(Nullable(Type.Integer({ description: 'The session this one re-verifies (POST /partner/session/:id/reverify)' }))),
  decisionReasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }), { description: 'The reasons given with the decision (codes of the team\'s decision reasons, with their labels at the time); empty before a decision or when none was given' }),
  tags: Type.Array(Type.String(), { description: 'The team\'s tags on the session (PUT /partner/session/:sessionId/tags)' }),
  dueAt: Nullable(Type.String({ description: 'When the review is due (set on entering REVIEWING when the team has reviewSlaHours)' })),
  moreRequest: Nullable(Type.Object({
    count: Type.Integer({ description: 'How many times more was asked for (at most 3)' }),
    message: Nullable(Type.String({ description: 'What the applicant was asked (null once redacted)' })),
    reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
    sourceIds: Type.Array(Type.Integer()),
    at: Type.String()
  }, { description: 'The reviewer\'s last request for more (REQUEST_MORE), null if none' })),
  canDecide: Type.Boolean({ description: 'Its status allows a decision (approve or reject) now' }),
  canCancel: Type.Boolean({ description: 'Its status allows canceling it now (it is open)' }),
  canReissueLink: Type.Boolean({ description: 'Its status allows issuing a new verification link now (it is open)' }),
  canRedact: Type.Boolean({ description: 'Its status allows redacting it now (it is final and not redacted yet)' })
}, { $id: 'Session', description: 'A verification session as partners and reviewers see it' })
export type SessionView = Static<typeof SessionSchema>

export const CreatedSessionSchema = Type.Object({
  ...SessionSchema.properties,
  allowedSources: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  verificationLink: VerificationLinkSchema,
  delivery: Type.Optional(DeliveryMode)
}, { $id: 'CreatedSession', description: 'A new session with its allowed sources and verification links' })

export const CreateSessionResponse = Type.Object({
  success: Type.Literal(true),
  message: Type.String(),
  data: CreatedSessionSchema
})
export type CreateSessionResponse = Static<typeof CreateSessionResponse>

export const ListSessionsQuery = Type.Object({
  status: Type.Optional(Type.Enum(SESSION_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 })),
  sortBy: Type.Optional(Type.Union([Type.Literal('createdAt'), Type.Literal('updatedAt'), Type.Literal('status')], { default: 'createdAt' })),
  sortOrder: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }))
}, { additionalProperties: false })
export type ListSessionsQuery = Static<typeof ListSessionsQuery>

export const ListSessionsResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(SessionSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer()
})
