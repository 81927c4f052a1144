import { Type } from 'typebox'
import { AUDIT } from '../audit/audit-declarations.js'
import type { Principal } from '../../lib/principals.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, SessionIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'

/**
 * What these routes need of the reports module (its service fills it): a session's signed evidence
 * bundle, and its PDF. The module draws and signs them; the routes, as every `/partner/session*`
 * route, live here.
 */
export interface SessionReports {
  report: (principal: Principal, sessionId: number) => Promise<{ bundle: unknown, signature: { alg: 'Ed25519', kid: string, value: string } }>
  pdf: (principal: Principal, sessionId: number) => Promise<{ pdf: Buffer, sha256: string }>
}

const tags = ['Reports']
const WHEN = 'From REVIEWING on (REVIEWING, COMPLETED, REJECTED; 409 before), 410 once the session is redacted. A key with a reviewer reaches only its reviewer\'s sessions.'

const SignedReport = Type.Object({
  bundle: Type.Unknown({ description: 'The evidence bundle: session, the applicant\'s consent record (text version and sha256, language, time), facts, signals, decisions, each step\'s binding and proof requirements, the complete signed proofs with their attestors, the service version' }),
  signature: Type.Object({
    alg: Type.Literal('Ed25519'),
    kid: Type.String(),
    value: Type.String({ description: 'base64url Ed25519 signature over the RFC 8785 canonical JSON of `bundle`' })
  })
})

/** A session's evidence: the signed bundle and its PDF (the public key that checks it is the reports module's). */
export default async function sessionReportsRoutes (app: App, { reports }: { reports: SessionReports }) {
  app.get('/partner/session/:sessionId/report.json', {
    config: { auth: 'apiKey', permission: 'read', audit: AUDIT.reportRead },
    schema: {
      operationId: 'getSessionReport',
      tags,
      summary: 'The signed evidence bundle of a session',
      description: `{bundle, signature}: the bundle signed with the instance's Ed25519 key (GET /.well-known/partner-api-report-key), so anyone re-checks it offline with \`partner-api report verify\`, proofs included. ${WHEN}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      response: { 200: SignedReport, ...errors(400, 401, 404, 409, 410, 429) }
    }
  }, async (request, reply) => {
    const { bundle, signature } = await reports.report(requirePrincipal(request), request.params.sessionId)
    void reply.header('content-disposition', `attachment; filename="session-${request.params.sessionId}-report.json"`)
    return { bundle, signature }
  })

  app.get('/partner/session/:sessionId/report.pdf', {
    config: { auth: 'apiKey', permission: 'read', audit: AUDIT.reportRead },
    schema: {
      operationId: 'getSessionReportPdf',
      tags,
      summary: 'The session\'s report as a PDF',
      description: `One to three pages: the applicant, the decision, the consent record, the verified facts, the signals, each proof's host and attestors, and the sha256 of the signed bundle (printed and as a QR code). ${WHEN}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      response: {
        200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        ...errors(400, 401, 404, 409, 410, 429)
      }
    }
  }, async (request, reply) => {
    const { pdf, sha256 } = await reports.pdf(requirePrincipal(request), request.params.sessionId)
    return await reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="session-${request.params.sessionId}-report.pdf"`)
      .header('x-report-sha256', sha256)
      .send(pdf as unknown as string) // a Buffer is sent as it is; the type follows the documented schema (a binary string)
  })
}
