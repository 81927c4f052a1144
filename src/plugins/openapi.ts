import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorSchema } from '../schemas/common.js'

async function openapiPlugin (app: FastifyInstance, opts: { publicBaseUrl: string, version: string }) {
  app.addSchema(ErrorSchema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Partner API',
        version: opts.version,
        description: 'Verification sessions backed by Reclaim zkTLS proofs, verified offline. Partners authenticate with `x-api-key`; applicants with the `x-csrf-token` obtained from the verification link. Errors are always `{statusCode, message, error}`.'
      },
      servers: [{ url: opts.publicBaseUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' }
        }
      }
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } })

  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger())
}

export default fp(openapiPlugin, { name: 'openapi', dependencies: ['errors'] })
