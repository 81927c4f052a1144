import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { SUPPORTED_LOCALES } from '../../lib/locales.js'
import { SESSION_STATUSES } from '../lifecycle/lifecycle.js'

const LocaleTag = Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$', description: `A BCP 47 language tag; answered in the closest of ${SUPPORTED_LOCALES.join(', ')}` })

export const ConsentQuery = Type.Object({
  sessionId: Id,
  locale: Type.Optional(LocaleTag)
}, { additionalProperties: false })
export type ConsentQuery = Static<typeof ConsentQuery>

export const ConsentTextResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    version: Type.String({ description: 'The consent wording\'s version; send it back with the answer' }),
    text: Type.String({ description: 'The consent text, to be shown exactly as it is (lines separated by \\n)' }),
    textHash: Type.String({ description: 'sha256 (hex) of the UTF-8 text' }),
    locale: Type.Enum(SUPPORTED_LOCALES),
    acceptedAt: Nullable(Type.String({ description: 'When the applicant accepted; null while they have not' }))
  }, { $id: 'ConsentText', description: 'The consent text the applicant is asked to accept' })
})
export type ConsentTextResponse = Static<typeof ConsentTextResponse>

export const ConsentAnswerBody = Type.Object({
  sessionId: Id,
  accepted: Type.Boolean({ description: 'true accepts; false declines, which ends the session (EXPIRED, statusReason consent_declined)' }),
  version: Type.String({ minLength: 1, maxLength: 100, description: 'The version of the text shown (from GET /partner/verification/consent)' }),
  locale: Type.Optional(LocaleTag)
}, { additionalProperties: false, examples: [{ sessionId: 1, accepted: true, version: 'c1-3f9a0b2c4d5e' }] })
export type ConsentAnswerBody = Static<typeof ConsentAnswerBody>

/** The consent record kept on the session (partners and reviewers see it whole; redaction removes the ip). */
export const ConsentRecordSchema = Type.Object({
  version: Type.String(),
  textHash: Type.String({ description: 'sha256 (hex) of the exact text shown' }),
  locale: Type.String(),
  acceptedAt: Type.String(),
  ip: Type.Optional(Type.String({ description: 'The applicant\'s address; removed by redaction' })),
  userAgent: Nullable(Type.String())
}, { description: 'What the applicant accepted, when and from where' })
export type ConsentRecord = Static<typeof ConsentRecordSchema>

export const ConsentAnswerResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    accepted: Type.Boolean(),
    status: Type.Enum(SESSION_STATUSES),
    statusReason: Nullable(Type.String()),
    consent: Nullable(Type.Object({
      version: Type.String(),
      textHash: Type.String(),
      locale: Type.String(),
      acceptedAt: Type.String()
    }))
  }, { $id: 'ConsentAnswer', description: 'The session after the applicant\'s answer' })
})
export type ConsentAnswerResponse = Static<typeof ConsentAnswerResponse>
