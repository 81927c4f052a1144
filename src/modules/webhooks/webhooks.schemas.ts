import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const
export type DeliveryStatus = typeof DELIVERY_STATUSES[number]

// The service checks each entry's shape (EVENT_PATTERN), so the caller reads a sentence, not a regex.
const EventPatterns = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  description: 'Event types to receive: `*` for every event, an exact type (`session.created`, `session.processing`, `session.reviewing`, `session.completed`, `session.rejected`, `session.failed`, `session.expired`, `session.link_sent`, `session.opened`, `api_key.created`, `api_key.rolled`, `api_key.revoked`, ...) or every type under a prefix (`session.*`, `api_key.*`).'
})

const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'Where deliveries are POSTed: an absolute http or https URL, without credentials or fragment.'
})

export const WebhookIdParams = Type.Object({ id: Id }, { additionalProperties: false })
export type WebhookIdParams = Static<typeof WebhookIdParams>

export const CreateWebhookBody = Type.Object({
  url: WebhookUrl,
  events: Type.Optional(EventPatterns)
}, { additionalProperties: false, examples: [{ url: 'https://partner.example.org/hooks/verification', events: ['session.*'] }] })
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Object({
  url: Type.Optional(WebhookUrl),
  events: Type.Optional(EventPatterns),
  enabled: Type.Optional(Type.Boolean({ description: 'A disabled endpoint receives nothing; its pending deliveries fail.' }))
}, { additionalProperties: false, description: 'At least one field.', examples: [{ events: ['session.completed', 'session.rejected'], enabled: true }] })
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>

export const WebhookEndpointSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  apiVersion: Type.String({ description: 'The API version its payloads are shaped by (`YYYY-MM-DD`), pinned when it was created: the version the creating request was served with' }),
  createdAt: Type.String(),
  updatedAt: Type.String()
}, { $id: 'WebhookEndpoint' })
export type WebhookEndpointView = Static<typeof WebhookEndpointSchema>

export const WebhookEndpointWithSecretSchema = Type.Object({
  ...WebhookEndpointSchema.properties,
  secret: Type.String({
    description: 'The Standard Webhooks signing secret (`whsec_` + base64 of 24 random bytes). Shown only in this response: store it now. ' +
      'Unlike API keys it is stored recoverable (not hashed), because the service needs it to sign every delivery.'
  })
}, { $id: 'WebhookEndpointWithSecret', description: 'A webhook endpoint with its signing secret, shown once' })
export type WebhookEndpointWithSecret = Static<typeof WebhookEndpointWithSecretSchema>

export const WebhookEndpointResponse = Type.Object({ success: Type.Literal(true), data: WebhookEndpointSchema })
export const WebhookEndpointWithSecretResponse = Type.Object({ success: Type.Literal(true), data: WebhookEndpointWithSecretSchema })
export const WebhookEndpointListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(WebhookEndpointSchema) })

export const ListDeliveriesQuery = Type.Object({
  status: Type.Optional(Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }))
}, { additionalProperties: false })
export type ListDeliveriesQuery = Static<typeof ListDeliveriesQuery>

export const WebhookDeliverySchema = Type.Object({
  id: Type.Integer(),
  eventId: Type.String({ description: 'The event\'s id, `evt_<n>`: the `webhook-id` header of every attempt' }),
  eventType: Type.String(),
  apiVersion: Type.String({ description: 'The API version its body is shaped by (`apiVersion` of the body, and `payload`): the endpoint\'s, pinned when it was created' }),
  status: Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)), {
    description: 'PENDING (due or waiting to retry), DELIVERED (a 2xx answer), FAILED (retries exhausted or endpoint disabled)'
  }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ description: 'When it will be tried next; null once DELIVERED or FAILED' })),
  lastAttemptAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer({ description: 'HTTP status of the last attempt; null when no answer came' })),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  payload: Type.Unknown({ description: 'The event\'s payload, as sent in the body\'s `data` (shaped by `apiVersion`; erased when its session is redacted)' }),
  response: Nullable(Type.String({ description: 'The start of the receiver\'s answer body to the last completed attempt (at most 2 KiB); null before any answer' }))
}, { $id: 'WebhookDelivery' })
export type WebhookDeliveryView = Static<typeof WebhookDeliverySchema>

export const WebhookDeliveryListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(WebhookDeliverySchema) })

export const DeliveryParams = Type.Object({ id: Id, deliveryId: Id }, { additionalProperties: false })
export type DeliveryParams = Static<typeof DeliveryParams>
export const WebhookDeliveryResponse = Type.Object({ success: Type.Literal(true), data: WebhookDeliverySchema })

/** An event id as listed (`evt_<n>`, the `webhook-id` of its deliveries); the bare number is accepted too. */
export const EventIdText = Type.String({ pattern: '^(evt_)?[1-9][0-9]{0,14}$', description: 'An event id of this list, `evt_<n>`' })

export const ListEventsQuery = Type.Object({
  type: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?$',
    description: 'An event type (`session.completed`) or every type under a prefix (`session.*`)'
  })),
  sessionId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Only the events of this session' })),
  order: Type.Optional(Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc', description: '`desc` newest first (default); `asc` oldest first, for catching up: `startingAfter` then gives the events after that one' })),
  startingAfter: Type.Optional(EventIdText),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }))
}, { additionalProperties: false })
export type ListEventsQuery = Static<typeof ListEventsQuery>

export const EventSchema = Type.Object({
  id: Type.String({ description: '`evt_<n>`: the `webhook-id` of its deliveries' }),
  type: Type.String(),
  createdAt: Type.String(),
  apiVersion: Type.String({ description: 'The API version `data` is shaped by: the version this request is served with' }),
  data: Type.Unknown({ description: 'The payload its webhooks carry as `data`' })
})
export type EventView = Static<typeof EventSchema>
export const EventListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(EventSchema), hasMore: Type.Boolean() })

export const WebhookTestResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    eventId: Type.String({ description: 'The `webhook-id` sent: `evt_test_<random>` (a test event is not stored and never redelivered)' }),
    type: Type.Literal('webhook.test'),
    delivered: Type.Boolean({ description: 'The receiver answered 2xx' }),
    statusCode: Nullable(Type.Integer({ description: 'The receiver\'s HTTP status; null when it gave none' })),
    error: Nullable(Type.String({ description: 'Why the test was not delivered; null when delivered' })),
    response: Nullable(Type.String({ description: 'The start of the receiver\'s answer body (at most 2 KiB)' })),
    durationMs: Type.Integer({ description: 'From sending to the answer (ms)' })
  })
})
export type WebhookTestResponse = Static<typeof WebhookTestResponse>
