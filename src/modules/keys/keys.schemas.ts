import { Type, type Static } from 'typebox'
import { Nullable } from '../../schemas/common.js'

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
    permissions: PermissionsSchema
  }, { $id: 'KeyInfo', description: 'The caller (a key, or a console user): team, reviewer scope, mode, role and permissions' })
})
export type MeResponse = Static<typeof MeResponse>
