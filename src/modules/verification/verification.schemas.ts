import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { SESSION_STATUSES } from '../lifecycle/lifecycle.js'

export const VerifyInput = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'The verification link token' }),
  sessionId: Id,
  c: Type.Optional(Type.String({ maxLength: 16, description: 'The channel the link was sent by (`e` email, `s` SMS), as the sent link carries it; recorded with the first opening. Any other value is ignored.' }))
}, { additionalProperties: false, examples: [{ token: 'kq3Xz9bVYc2m0TfH8wq1LrNa5sPuE7dG4jKhOiW6yBo', sessionId: 1 }] })
export type VerifyInput = Static<typeof VerifyInput>

export const ApplicantSessionSchema = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(SESSION_STATUSES),
  expiryDate: Type.String(),
  instructions: Nullable(Type.String()),
  applicantFirstName: Nullable(Type.String()),
  applicantLastName: Nullable(Type.String()),
  selectedPlatform: Nullable(Type.Integer()),
  livemode: Type.Boolean({ description: 'False for a test (sandbox) session: the hosted page then offers simulated proofs instead of Reclaim' }),
  canContinue: Type.Boolean({ description: 'The applicant may still choose sources and start steps now' }),
  locale: Nullable(Type.String({ description: 'The applicant\'s language the partner chose (params.locale); null: the page picks one (?lang=, the browser\'s languages, then defaultLocale)' })),
  defaultLocale: Type.String({ description: 'The team\'s default language' }),
  requester: Type.String({ description: 'Who asks: the team\'s display name' }),
  requireConsent: Type.Boolean({ description: 'Sources may be selected only after the applicant accepted the consent text (POST /partner/verification/consent)' }),
  consent: Nullable(Type.Object({
    version: Type.String(),
    locale: Type.String(),
    acceptedAt: Type.String()
  }, { description: 'The applicant\'s accepted consent; null while they have not accepted' })),
  moreRequest: Nullable(Type.Object({
    message: Type.String({ description: 'The reviewer\'s words, as written' }),
    at: Type.String()
  }, { description: 'While the session is PROCESSING again after a reviewer asked for more: what they asked' }))
}, { $id: 'ApplicantSession', description: 'What the applicant may see of the session' })

export const VerifyResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    csrfToken: Type.String(),
    expiresAt: Type.String(),
    sessionId: Type.Integer(),
    session: ApplicantSessionSchema
  }, { $id: 'CsrfTokenGrant', description: 'A CSRF token for one session, and when it lapses' })
})
export type VerifyResponse = Static<typeof VerifyResponse>
