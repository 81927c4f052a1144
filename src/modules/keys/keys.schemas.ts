import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { MAX_ROLL_GRACE_S } from './keys.service.js'
import { REVIEWER_KEY_PERMISSIONS, TEAM_KEY_PERMISSIONS } from './key-permissions.js'

const PERMISSION_DOC = `Permission names: ${TEAM_KEY_PERMISSIONS.map((p) => `\`${p}\``).join(', ')} (a reviewer's key holds at most ${REVIEWER_KEY_PERMISSIONS.map((p) => `\`${p}\``).join(', ')}).`

export const ApiKeySchema = Type.Object({
  id: Type.Integer(),
  name: Nullable(Type.String()),
  prefix: Type.String({ description: 'The start of the key (`pa_` or `pa_test_` and 6 more characters), to recognise it; the key itself is never shown again' }),
  reviewerId: Nullable(Type.String({ description: 'The reviewer whose sessions it reaches; null for a team key' })),
  livemode: Type.Boolean({ description: 'False for a test key (`pa_test_`): test sessions, endpoints and events only' }),
  permissions: Type.Array(Type.String(), { description: `What it may do. ${PERMISSION_DOC}` }),
  apiVersion: Type.String({ description: 'The API version it is served with when a request sends no `Partner-Version` (pinned when it was made)' }),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String({ description: 'Last authenticated request (updated at most once a minute)' })),
  expiresAt: Nullable(Type.String({ description: 'From then on it is refused (set at creation, or when it was rolled); null: never' })),
  rolledAt: Nullable(Type.String({ description: 'When a new key replaced it; it works until expiresAt' })),
  revokedAt: Nullable(Type.String({ description: 'When it was revoked; refused since' }))
}, { $id: 'ApiKey', description: 'An API key as listed: never the key itself' })
export type ApiKeyListed = Static<typeof ApiKeySchema>

export const ApiKeyWithSecretSchema = Type.Object({
  ...ApiKeySchema.properties,
  key: Type.String({ description: 'The key, shown only in this answer: store it now (the service keeps its SHA-256 only)' })
}, { $id: 'ApiKeyWithSecret', description: 'A new API key with the key itself, shown once' })

export const KeyIdParams = Type.Object({ id: Id }, { additionalProperties: false })

export const CreateKeyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'What it is for, for people' }),
  reviewerId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'Scope it to this reviewer\'s sessions' }))),
  livemode: Type.Optional(Type.Boolean({ description: 'False for a test key; default: the mode of the calling key' })),
  permissions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
    maxItems: 50,
    description: `What it may do; default: everything its kind may do that the caller may. Never more than the caller has (403 key_exceeds_creator). ${PERMISSION_DOC}`
  })),
  expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'When it stops working (in the future; not after the calling key\'s own expiry)' })))
}, { additionalProperties: false, examples: [{ name: 'payroll importer', permissions: ['decide', 'webhooks'] }] })
export type CreateKeyBody = Static<typeof CreateKeyBody>

export const RollKeyBody = Type.Object({
  expiresInSeconds: Type.Optional(Type.Integer({
    minimum: 0,
    maximum: MAX_ROLL_GRACE_S,
    description: 'How long the old key keeps working beside the new one, in seconds (0: it stops at once, the default; at most 604800, 7 days)'
  }))
}, { additionalProperties: false, examples: [{ expiresInSeconds: 86400 }] })
export type RollKeyBody = Static<typeof RollKeyBody>

/** No body, or `{}`. */
export const NoBody = Type.Object({}, { additionalProperties: false, examples: [{}] })

export const ApiKeyResponse = Type.Object({ success: Type.Literal(true), data: ApiKeySchema })
export const ApiKeyWithSecretResponse = Type.Object({ success: Type.Literal(true), data: ApiKeyWithSecretSchema })
export const ApiKeyListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(ApiKeySchema) })

export const PermissionsSchema = Type.Object({
  decide: Type.Boolean(),
  resend: Type.Boolean(),
  cancel: Type.Boolean(),
  redact: Type.Boolean(),
  events: Type.Boolean(),
  webhooks: Type.Boolean(),
  redeliver: Type.Boolean({ description: 'Redeliver a webhook delivery (team keys)' }),
  assign: Type.Boolean()
}, { $id: 'Permissions', description: 'What the calling key may do' })
export type Permissions = Static<typeof PermissionsSchema>

export const MeResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    kind: Type.Union([Type.Literal('key'), Type.Literal('user')], { description: 'An API key, or a person signed in to the console (its cookie)' }),
    keyId: Nullable(Type.Integer({ description: 'null for a user' })),
    keyName: Nullable(Type.String()),
    teamId: Type.Integer(),
    teamName: Type.String(),
    reviewerId: Nullable(Type.String({ description: 'The queue the caller is scoped to (a reviewer key, a user with the reviewer role); null: the whole team' })),
    livemode: Type.Boolean(),
    role: Type.Union([Type.Literal('admin'), Type.Literal('reviewer'), Type.Literal('viewer')], { description: 'A team key acts as admin, a reviewer key as reviewer; a user has its own' }),
    user: Nullable(Type.Object({
      id: Type.Integer(),
      email: Type.String(),
      name: Nullable(Type.String()),
      role: Type.Union([Type.Literal('admin'), Type.Literal('reviewer'), Type.Literal('viewer')]),
      reviewerId: Type.String({ description: 'The user\'s queue' })
    }, { description: 'The signed-in user; null for a key' })),
    permissions: PermissionsSchema,
    permissionList: Type.Optional(Type.Array(Type.String(), { description: `Every permission the key or user holds, by name (as POST /partner/keys takes them: a key made by this caller may hold these). ${PERMISSION_DOC}` })),
    apiVersion: Type.Optional(Type.String({ description: 'A key: the API version it is pinned to (answers without a Partner-Version header)' })),
    expiresAt: Type.Optional(Nullable(Type.String({ description: 'A key: when it stops working; null: never' })))
  }, { $id: 'KeyInfo', description: 'The caller (a key, or a console user): team, reviewer scope, mode, role and permissions' })
})
export type MeResponse = Static<typeof MeResponse>
