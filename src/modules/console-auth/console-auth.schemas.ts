import { Type, type Static } from 'typebox'
import { UserSchema } from '../users/users.schemas.js'

export const SignInBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  totpCode: Type.Optional(Type.String({ maxLength: 16, description: 'The current 6-digit code of the user\'s authenticator app, when two-step sign-in is on (401 `totp_required` without it)' }))
}, { additionalProperties: false, examples: [{ email: 'ana@lender.example', password: 'correct horse battery staple' }, { email: 'ana@lender.example', password: 'correct horse battery staple', totpCode: '492039' }] })
export type SignInBody = Static<typeof SignInBody>

export const SetupBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'The `token` query parameter of the setup link' }),
  password: Type.String({ minLength: 1, maxLength: 1024, description: 'At least 12 characters, not a common password' })
}, { additionalProperties: false, examples: [{ token: 'kJ3v0Qm2c5Zr8uYt1WxN4bAe7LpHsDgF6iOyRqTzUvE', password: 'orchid tunnel basalt lantern' }] })
export type SetupBody = Static<typeof SetupBody>

export const UpdateConsoleSessionBody = Type.Object({
  livemode: Type.Boolean({ description: 'false: the console works on test (sandbox) data; true: live data' })
}, { additionalProperties: false, examples: [{ livemode: false }] })
export type UpdateConsoleSessionBody = Static<typeof UpdateConsoleSessionBody>

const csrfToken = Type.String({ description: 'Send it as the `x-console-csrf` header with every POST, PATCH and DELETE made with the console cookie' })

export const SignedInResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({ user: UserSchema, csrfToken })
})

export const ConsoleSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    user: UserSchema,
    csrfToken,
    livemode: Type.Boolean({ description: 'Whether the console works on live data (true) or test data' }),
    teamName: Type.Union([Type.String(), Type.Null()])
  })
})

export const SetupResponse = Type.Object({ success: Type.Literal(true), data: Type.Object({ user: UserSchema }) })

export const SignInOptionsResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    password: Type.Boolean({ description: 'Email and password sign-in' }),
    sso: Type.Boolean({ description: 'Whether "Sign in with SSO" (GET /console/oidc/start) is configured' })
  })
})

export const OidcCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 2000 })),
  iss: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  session_state: Type.Optional(Type.String({ maxLength: 2000 }))
}, {
  // Providers add parameters of their own (Google: scope, authuser, prompt, hd): passed on, not refused.
  additionalProperties: Type.String({ maxLength: 2000 }),
  maxProperties: 20
})

export const TotpCodeBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 16, description: 'The current 6-digit code of the authenticator app' })
}, { additionalProperties: false, examples: [{ code: '492039' }] })
export type TotpCodeBody = Static<typeof TotpCodeBody>

const CurrentPassword = Type.String({ minLength: 1, maxLength: 1024, description: 'The user\'s current password (403 `password_required` without it, `password_incorrect` when wrong)' })

export const TotpStartBody = Type.Object({
  password: Type.Optional(CurrentPassword)
}, { additionalProperties: false, examples: [{ password: 'correct horse battery staple' }] })
export type TotpStartBody = Static<typeof TotpStartBody>

export const TotpDisableBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 16, description: 'The current 6-digit code of the authenticator app' }),
  password: Type.Optional(CurrentPassword)
}, { additionalProperties: false, examples: [{ code: '492039', password: 'correct horse battery staple' }] })
export type TotpDisableBody = Static<typeof TotpDisableBody>

export const TotpEnrollmentResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    secret: Type.String({ description: 'The secret in base32, for an app that cannot scan (shown this once)' }),
    otpauthUri: Type.String({ description: 'The otpauth:// URI an authenticator app imports' }),
    qrSvg: Type.String({ description: 'The URI as a QR code (an SVG document) to scan' })
  })
})

export const TotpUserResponse = Type.Object({ success: Type.Literal(true), data: Type.Object({ user: UserSchema }) })
