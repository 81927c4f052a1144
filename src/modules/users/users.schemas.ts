import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

export const USER_ROLES = ['admin', 'reviewer', 'viewer'] as const

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('reviewer'), Type.Literal('viewer')], {
  description: '`admin`: everything in the team (users, keys, webhooks, redaction, every queue); `reviewer`: sees and decides the sessions assigned to its reviewerId; `viewer`: reads the team\'s sessions, changes nothing.'
})

const Email = Type.String({ minLength: 3, maxLength: 254, format: 'email', description: 'Unique in the team, any case' })

export const UserSchema = Type.Object({
  id: Type.Integer(),
  teamId: Type.Integer(),
  email: Type.String(),
  name: Nullable(Type.String()),
  role: Role,
  reviewerId: Type.String({ description: 'The queue the user works: sessions assigned to this reviewer id (the same as a reviewer key with that id)' }),
  passwordSet: Type.Boolean({ description: 'Whether the user has set a password (SSO users may have none)' }),
  sso: Type.Boolean({ description: 'Whether the user has signed in with single sign-on' }),
  totpEnabled: Type.Boolean({ description: 'Whether password sign-ins also need a code from an authenticator app (TOTP)' }),
  disabledAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' })
}, { $id: 'User', description: 'A person of the team who signs in to the console. Never carries a password or its hash.' })
export type User = Static<typeof UserSchema>

export const UserIdParams = Type.Object({ id: Id }, { additionalProperties: false })

export const CreateUserBody = Type.Object({
  email: Email,
  name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  role: Role,
  reviewerId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Defaults to the email' }))
}, { additionalProperties: false, examples: [{ email: 'ana@lender.example', name: 'Ana Credit', role: 'reviewer' }] })
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object({
  role: Type.Optional(Role),
  disabled: Type.Optional(Type.Boolean({ description: 'true disables the user (their console sessions end at once); false enables them again' }))
}, { additionalProperties: false, minProperties: 1, description: 'At least one field. A change of role or a disabling ends the user\'s console sessions.', examples: [{ role: 'viewer' }, { disabled: true }] })
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const EmptyBody = Type.Object({}, { additionalProperties: false, description: 'No body, or an empty object', examples: [{}] })

export const UserResponse = Type.Object({ success: Type.Literal(true), data: Type.Object({ user: UserSchema }) })
export const CreatedUserResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    user: UserSchema,
    setupUrl: Type.String({ description: 'One-time link (24 hours) where the user sets a password; the token is in its `token` query parameter. Shown only here.' })
  })
})
export type CreatedUserResponse = Static<typeof CreatedUserResponse>
export const UserListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(UserSchema) })
