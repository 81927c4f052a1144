import { errors, noSecurity } from '../../schemas/common.js'
import type { App } from '../../types.js'
import type { VerificationService } from './verification.service.js'
import { applicantPageForBrowsers } from '../applicant-page/applicant-page.routes.js'
import { VerifyInput, VerifyResponse } from './verification.schemas.js'

export default async function verificationRoutes (app: App, { verification }: { verification: VerificationService }) {
  const description = 'Exchanges the verification link token for a CSRF token valid for 15 minutes and for this session only. The link token stays valid until the session expires, so a new CSRF token can be had at any time.'
  app.post('/partner/verification/verify', {
    config: { auth: 'link' },
    schema: {
      operationId: 'exchangeLinkToken',
      tags: ['Verification'],
      summary: 'Exchange the link token for a CSRF token',
      description,
      security: noSecurity,
      body: VerifyInput,
      response: { 200: VerifyResponse, ...errors(400, 401, 410, 429) }
    }
  }, async (request) => await verification.exchange(request.body))

  app.get('/partner/verification/verify', {
    config: { auth: 'link' },
    schema: {
      operationId: 'exchangeLinkTokenByQuery',
      tags: ['Verification'],
      summary: 'Exchange the link token for a CSRF token (the manual link)',
      description: description + ' A browser asking for HTML gets the hosted applicant page instead.',
      security: noSecurity,
      querystring: VerifyInput,
      response: { 200: VerifyResponse, ...errors(400, 401, 410, 429) }
    },
    // Before validation: a browser gets the page even for a malformed link (it shows the broken-link screen).
    onRequest: applicantPageForBrowsers
  }, async (request) => await verification.exchange(request.query))
}
