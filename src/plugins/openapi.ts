import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorSchema } from '../schemas/common.js'

/**
 * Swagger UI's own CSP (scripts by hash), with two changes: its React components set inline styles,
 * which `style-src` must allow or the browser reports every one as a violation; and no
 * `upgrade-insecure-requests`, which on an instance served over plain http (a laptop opened from a
 * phone on the same network) sends the page's own requests to an https port that does not answer.
 */
export function docsCsp (header: string): string {
  return header.split(';').map((d) => d.trim()).filter((d) => d !== '' && d !== 'upgrade-insecure-requests')
    .map((d) => d.startsWith('style-src ') && !d.includes("'unsafe-inline'") ? `${d} 'unsafe-inline'` : d)
    .join('; ')
}

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
  // In a context of its own, so that the hook below sees only the documentation's routes.
  await app.register(async (docs) => {
    // Swagger UI's page has no viewport: a phone would lay it out 980 px wide and zoom out.
    docs.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
      return payload.replace('<meta charset="UTF-8">', '<meta charset="UTF-8">\n      <meta name="viewport" content="width=device-width, initial-scale=1">')
    })
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: docsCsp,
      theme: { title: 'Partner API' },
      uiConfig: { docExpansion: 'list', deepLinking: true }
    })
  })

  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger())
}

export default fp(openapiPlugin, { name: 'openapi', dependencies: ['errors'] })
