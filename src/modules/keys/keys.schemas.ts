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
    keyId: Type.Integer(),
    keyName: Nullable(Type.String()),
    teamId: Type.Integer(),
    teamName: Type.String(),
    reviewerId: Nullable(Type.String()),
    livemode: Type.Boolean(),
    permissions: PermissionsSchema
  }, { $id: 'KeyInfo', description: 'The calling key: team, reviewer, mode and permissions' })
})
export type MeResponse = Static<typeof MeResponse>
