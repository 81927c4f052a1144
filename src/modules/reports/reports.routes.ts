import { Type } from 'typebox'
import type { App } from '../../types.js'
import type { ReportsService } from './reports.service.js'

const tags = ['Reports']

const PublicKeyJwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String({ description: 'The raw public key, base64url' }),
  kid: Type.String({ description: 'The id reports name in `signature.kid`' }),
  alg: Type.Literal('EdDSA'),
  use: Type.Literal('sig')
}, { description: 'The instance\'s report-signing public key, as a JWK (RFC 8037)' })

/** The public key that checks every report of this instance (a session's report routes are the sessions module's). */
export default async function reportsRoutes (app: App, { reports }: { reports: ReportsService }) {
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
