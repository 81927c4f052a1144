import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorSchema } from '../schemas/common.js'

const REQUEST_ID_HEADER = {
  description: 'The request\'s id: the X-Request-Id sent (1 to 128 characters of A-Z a-z 0-9 . _ : -) or a new UUID; also in error bodies as requestId and in the server log',
  schema: { type: 'string', maxLength: 128 }
}

/** Declares X-Request-Id, which every answer carries, on every documented response. */
function withRequestIdHeader (doc: any): any {
  doc.components = { ...doc.components, headers: { ...doc.components?.headers, 'X-Request-Id': REQUEST_ID_HEADER } }
  for (const item of Object.values<any>(doc.paths ?? {})) {
    for (const op of Object.values<any>(item)) {
      for (const response of Object.values<any>(op?.responses ?? {})) {
        if (response && typeof response === 'object' && !('$ref' in response)) {
          response.headers = { ...response.headers, 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } }
        }
      }
    }
  }
  return doc
}

async function openapiPlugin (app: FastifyInstance, opts: { publicBaseUrl: string, version: string }) {
  app.addSchema(ErrorSchema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Partner API',
        version: opts.version,
        description: 'Verification sessions backed by Reclaim zkTLS proofs, verified offline. Partners authenticate with `x-api-key`; applicants with the `x-csrf-token` obtained from the verification link. Errors are always `{statusCode, message, error}` plus a machine-readable `code`, the `requestId` (also the X-Request-Id header of every answer) and, for a validation 400, `errors` listing every failing field.'
      },
      servers: [{ url: opts.publicBaseUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' }
        }
      }
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
    transformObject: (documentObject) => withRequestIdHeader((documentObject as { openapiObject: unknown }).openapiObject)
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } })

  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger())
}

export default fp(openapiPlugin, { name: 'openapi', dependencies: ['errors'] })
