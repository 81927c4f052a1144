import { requireApplicant } from '../../plugins/auth.js'
import { csrfSecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { ConsentAnswerBody, ConsentAnswerResponse, ConsentQuery, ConsentTextResponse } from './consent.schemas.js'
import type { ConsentService } from './consent.service.js'

const header = (value: string | string[] | undefined): string | null => typeof value === 'string' ? value : null

export default async function consentRoutes (app: App, { consent }: { consent: ConsentService }) {
  app.get('/partner/verification/consent', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'getConsentText',
      tags: ['Verification'],
      summary: 'The consent text to show the applicant',
      description: 'Who asks (the team\'s displayName), why (the session\'s purpose), what each source the applicant may select shares (its declared parameters, in words) and how long the data is kept (the team\'s retentionDays, else RETENTION_DAYS), in the applicant\'s language: `locale` if given, else the session\'s params.locale, else Accept-Language, else the team\'s defaultLocale, else en. Show `text` exactly as it is: accepting records the sha256 of this text (`textHash`).',
      security: csrfSecurity,
      querystring: ConsentQuery,
      response: { 200: ConsentTextResponse, ...errors(400, 401, 403, 404, 410, 429) }
    }
  }, async (request) => await consent.text(requireApplicant(request), request.query, header(request.headers['accept-language'])))

  app.post('/partner/verification/consent', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'answerConsent',
      tags: ['Verification'],
      summary: 'Accept or decline the consent text',
      description: 'Accepting records `consent: {version, textHash, locale, acceptedAt, ip, userAgent}` on the session (once; accepting again answers the first record), which partners and reviewers see and which outlives redaction without the ip. Declining ends the session: EXPIRED with statusReason `consent_declined` (event session.expired). `version` must be the current text\'s (else 409 consent_version_mismatch). A team with `requireConsent` refuses source selection (409 consent_required) until the applicant accepts.',
      security: csrfSecurity,
      body: ConsentAnswerBody,
      response: { 200: ConsentAnswerResponse, ...errors(400, 401, 403, 404, 409, 410, 429) }
    }
  }, async (request) => await consent.answer(requireApplicant(request), request.body, {
    ip: request.ip,
    userAgent: header(request.headers['user-agent']),
    acceptLanguage: header(request.headers['accept-language'])
  }))
}
