import { AUDIT } from '../audit/audit-declarations.js'
import { Type } from 'typebox'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, SessionIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { renderReportPdf } from './report-pdf.js'
import type { ReportsService } from './reports.service.js'

const tags = ['Reports']
const WHEN = 'From REVIEWING on (REVIEWING, COMPLETED, REJECTED; 409 before), 410 once the session is redacted. A key with a reviewer reaches only its reviewer\'s sessions.'

const PublicKeyJwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String({ description: 'The raw public key, base64url' }),
  kid: Type.String({ description: 'The id reports name in `signature.kid`' }),
  alg: Type.Literal('EdDSA'),
  use: Type.Literal('sig')
}, { description: 'The instance\'s report-signing public key, as a JWK (RFC 8037)' })

const SignedReport = Type.Object({
  bundle: Type.Unknown({ description: 'The evidence bundle: session, the applicant\'s consent record (text version and sha256, language, time), facts, signals, decisions, each step\'s binding and proof requirements, the complete signed proofs with their attestors, the service version' }),
  signature: Type.Object({
    alg: Type.Literal('Ed25519'),
    kid: Type.String(),
    value: Type.String({ description: 'base64url Ed25519 signature over the RFC 8785 canonical JSON of `bundle`' })
  })
})

/** A session's evidence: the signed bundle, its PDF, and the public key that checks it. */
export default async function reportsRoutes (app: App, { reports }: { reports: ReportsService }) {
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
    const { bundle, sha256 } = await reports.report(requirePrincipal(request), request.params.sessionId)
    const pdf = await renderReportPdf(bundle, sha256)
    return await reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="session-${request.params.sessionId}-report.pdf"`)
      .header('x-report-sha256', sha256)
      .send(pdf as unknown as string) // a Buffer is sent as it is; the type follows the documented schema (a binary string)
  })

  app.get('/.well-known/partner-api-report-key', {
    config: { auth: 'none' },
    schema: {
      // Like /healthz: served to anyone, not part of the API clients are generated from (README documents it).
      hide: true,
      operationId: 'getReportKey',
      tags,
      summary: 'The public key of the instance\'s reports',
      description: 'The Ed25519 public key (JWK) whose private half signs every report.json of this instance.',
      security: [],
      response: { 200: PublicKeyJwk }
    }
  }, async () => reports.publicKey())
}
