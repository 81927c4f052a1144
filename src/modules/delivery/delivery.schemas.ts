import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

export const CHANNELS = ['email', 'sms'] as const
export type Channel = typeof CHANNELS[number]
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'bounced', 'opened', 'suppressed'] as const
export type DeliveryStatus = typeof DELIVERY_STATUSES[number]

export const DeliveryRequestSchema = Type.Object({
  channels: Type.Array(Type.Enum(CHANNELS), {
    minItems: 1,
    maxItems: 2,
    uniqueItems: true,
    description: '`email` sends to params.applicantEmail, `sms` to params.applicantPhone.'
  }),
  locale: Type.Optional(Type.String({
    minLength: 2,
    maxLength: 35,
    description: 'The messages\' language: `en`, `es`, `fr` or `pt-BR` (a regional tag such as `es-MX` uses its language); default the session\'s params.locale, else the team\'s defaultLocale.'
  }))
}, { additionalProperties: false, description: 'Send the verification link to the applicant', examples: [{ channels: ['email', 'sms'], locale: 'es' }] })
export type DeliveryRequest = Static<typeof DeliveryRequestSchema>

export const ApplicantPhone = Type.String({
  pattern: '^\\+[1-9][0-9]{6,14}$',
  description: 'The applicant\'s mobile number in E.164 form (+15551234567), for `sms` delivery.'
})

/** The delivery answer of a create or a link reissue: sent for real, or kept in the outbox (no SMTP_URL / SMS_WEBHOOK_URL). */
export const DeliveryMode = Type.Union([Type.Literal('queued'), Type.Literal('outbox')], {
  description: '`queued`: the messages are being sent in the background; `outbox`: at least one channel has no transport configured (no SMTP_URL or SMS_WEBHOOK_URL), so its messages are kept in the database only (the console\'s Outbox page, `partner-api outbox list`).'
})
export type DeliveryMode = Static<typeof DeliveryMode>

export const DeliverySchema = Type.Object({
  id: Type.Integer(),
  channel: Type.Enum(CHANNELS),
  kind: Type.Union([Type.Literal('link'), Type.Literal('reminder')]),
  to: Type.String({ description: 'The address, masked: j***@example.com, +1******1234' }),
  status: Type.Enum(DELIVERY_STATUSES, { description: '`queued` until sent (retried up to 5 times), `sent`, `failed` (refused, or out of tries, or the gateway reported it failed later: see lastError), `bounced` (accepted, then reported undeliverable: the mail server\'s bounce, the gateway\'s `undelivered`), `opened` (the applicant opened the link from this message), `suppressed` (not sent: the address is suppressed for the team, after the applicant\'s STOP or unsubscribe or a hard bounce; lastError says which, GET /partner/delivery/suppressions lists them)' }),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  transport: Nullable(Type.String({ description: '`smtp`, `sms_gateway` or `outbox` once sent' })),
  at: Type.String({ description: 'When the status last changed' })
}, { $id: 'LinkDelivery', description: 'One message carrying the verification link to one address' })
export type DeliveryView = Static<typeof DeliverySchema>

export const InboundSmsBody = Type.Object({
  From: Type.String({ minLength: 1, maxLength: 32 }),
  Body: Type.String({ maxLength: 2000 })
}, { additionalProperties: true, description: 'A Twilio-compatible inbound message (form-encoded or JSON); other fields are ignored.', examples: [{ From: '+15551234567', To: '+15005550006', Body: 'STOP' }] })
export type InboundSmsBody = Static<typeof InboundSmsBody>

export const InboundSmsResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    action: Type.Union([Type.Literal('stopped'), Type.Literal('started'), Type.Literal('ignored')]),
    teams: Type.Integer({ description: 'Teams whose messages to this number the answer stops or restarts' })
  })
})
export type InboundSmsResponse = Static<typeof InboundSmsResponse>

export const SmsStatusBody = Type.Object({
  MessageSid: Type.String({ minLength: 1, maxLength: 200 }),
  MessageStatus: Type.String({ minLength: 1, maxLength: 40 }),
  ErrorCode: Type.Optional(Type.String({ maxLength: 20 })),
  ErrorMessage: Type.Optional(Type.String({ maxLength: 500 }))
}, {
  additionalProperties: true,
  description: 'A Twilio-compatible status callback (form-encoded or JSON); other fields are ignored.',
  examples: [{ MessageSid: 'SM0123456789', MessageStatus: 'undelivered', ErrorCode: '30003', To: '+15551234567' }]
})
export type SmsStatusBody = Static<typeof SmsStatusBody>

/** What a status callback or a bounce did: the message is now bounced or failed, or nothing changed. */
export const DeliveryReportResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    action: Type.Union([Type.Literal('bounced'), Type.Literal('failed'), Type.Literal('ignored')], {
      description: '`ignored`: not a final failure (delivered, delayed...), not one of our messages, or the message is no longer `sent` (already opened, failed or bounced)'
    })
  })
})
export type DeliveryReportResponse = Static<typeof DeliveryReportResponse>

export const UnsubscribeQuery = Type.Object({
  t: Type.String({ minLength: 1, maxLength: 300 }),
  lang: Type.Optional(Type.String({ maxLength: 35, description: 'The page\'s language (the email\'s); an unknown one is ignored' }))
}, { additionalProperties: true })
export type UnsubscribeQuery = Static<typeof UnsubscribeQuery>

export const OutboxMessageSchema = Type.Object({
  id: Type.Integer(),
  sessionId: Type.Integer(),
  livemode: Type.Boolean(),
  kind: Type.String(),
  channel: Type.Enum(CHANNELS),
  to: Nullable(Type.String({ description: 'The address (null once the session is redacted)' })),
  status: Type.Enum(DELIVERY_STATUSES),
  subject: Nullable(Type.String()),
  text: Nullable(Type.String({ description: 'The email\'s text part, or the SMS' })),
  html: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String())
}, { $id: 'OutboxMessage', description: 'A message kept in the outbox: what would have been sent' })
export type OutboxMessage = Static<typeof OutboxMessageSchema>

export const OutboxQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }))
}, { additionalProperties: false })

export const OutboxResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(OutboxMessageSchema) })
export type OutboxResponse = Static<typeof OutboxResponse>

export const SUPPRESSION_REASONS = ['bounced', 'sms_stop', 'email_unsubscribe'] as const

export const SuppressionSchema = Type.Object({
  id: Type.Integer(),
  channel: Type.Enum(CHANNELS),
  reason: Type.Enum(SUPPRESSION_REASONS, {
    description: '`bounced`: a hard bounce (the mail server\'s permanent failure for the address, in a bounce or as its refusal of the recipient when the email was sent; the gateway\'s `undelivered` for the number); `sms_stop`: the applicant replied STOP (only their START lifts it); `email_unsubscribe`: the applicant used the email\'s unsubscribe link'
  }),
  code: Nullable(Type.String({ description: 'A bounce\'s status (`5.1.1`, from the notification or the server\'s refusal at send time) or the gateway\'s error code (`30005`)' })),
  sessionId: Nullable(Type.Integer({ description: 'A bounce: the session whose message bounced' })),
  deliveryId: Nullable(Type.Integer({ description: 'A bounce: the message that bounced, or that the mail server refused (the session\'s `deliveries[].id`)' })),
  createdAt: Type.String()
}, {
  $id: 'DeliverySuppression',
  description: 'An address the team sends nothing more to on one channel. The address itself is not kept (only a keyed hash of it, which is what suppresses): find one by `address`.'
})
export type SuppressionView = Static<typeof SuppressionSchema>

export const SuppressionsQuery = Type.Object({
  channel: Type.Optional(Type.Enum(CHANNELS)),
  reason: Type.Optional(Type.Enum(SUPPRESSION_REASONS)),
  address: Type.Optional(Type.String({
    minLength: 3,
    maxLength: 320,
    description: 'The suppressions of this address (an email address, or an E.164 number): compared by its keyed hash, never stored'
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  startingAfter: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A suppression id of this list: the page after it' }))
}, { additionalProperties: false })
export type SuppressionsQuery = Static<typeof SuppressionsQuery>

export const SuppressionIdParams = Type.Object({ id: Id }, { additionalProperties: false })

export const SuppressionsResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(SuppressionSchema), hasMore: Type.Boolean() })
export type SuppressionsResponse = Static<typeof SuppressionsResponse>

export const SuppressionResponse = Type.Object({ success: Type.Literal(true), data: SuppressionSchema })
export type SuppressionResponse = Static<typeof SuppressionResponse>
