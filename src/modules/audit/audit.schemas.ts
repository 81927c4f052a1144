import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

const AuditEntryIdText = Type.String({ pattern: '^aud_[1-9][0-9]{0,14}$', description: 'An entry id of this list, `aud_<n>`' })

export const AuditLogQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this instant (ISO 8601)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this instant (ISO 8601)' })),
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Entries of this actor: a key id, a user id, `cli`, ...' })),
  action: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?$',
    description: 'An action (`session.viewed`) or every action under a prefix (`api_key.*`)'
  })),
  sessionId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Entries per page: 1 to 100 as JSON (default 20), 1 to 1000 as CSV (default 1000)' })),
  startingAfter: Type.Optional(AuditEntryIdText),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: '`csv`: the same page as text/csv (cells that a spreadsheet would run as a formula are prefixed with a quote)' }))
}, { additionalProperties: false })
export type AuditLogQuery = Static<typeof AuditLogQuery>

export const AuditActorSchema = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('key'), Type.Literal('applicant'), Type.Literal('system')]),
  id: Nullable(Type.String({ description: 'The user\'s or key\'s id, the applicant\'s session id, or the system part (`cli`, `jobs`)' })),
  label: Nullable(Type.String({ description: 'A name for people: the user\'s email, the key\'s name or prefix' }))
})

export const AuditEntrySchema = Type.Object({
  id: Type.String({ description: '`aud_<n>`' }),
  at: Type.String({ description: 'When it happened (ISO 8601)' }),
  actor: AuditActorSchema,
  action: Type.String({ description: 'What was done: `session.viewed`, `session.approved`, `session.canceled`, `session.redacted`, `api_key.created`, `webhook_endpoint.updated`, ...' }),
  sessionId: Type.Optional(Type.Integer({ description: 'The session it concerns, if any' })),
  ip: Nullable(Type.String({ description: 'The client address (never an applicant\'s)' })),
  requestId: Nullable(Type.String({ description: 'The X-Request-Id of the request that did it' })),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Ids and settings of the change; never an applicant\'s data' })
}, { $id: 'TeamAuditEntry', description: 'One entry of the team audit log (append-only; no applicant data, so it outlives redaction)' })
export type AuditEntryView = Static<typeof AuditEntrySchema>

export const AuditLogResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(AuditEntrySchema), hasMore: Type.Boolean() })
