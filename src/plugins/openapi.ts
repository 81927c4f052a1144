import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { TSchema } from 'typebox'
import { ErrorSchema } from '../schemas/common.js'
import { API_VERSIONS, CURRENT_API_VERSION } from '../lib/api-versions.js'

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

const HEADERS = {
  'X-Request-Id': {
    description: 'The request\'s id: the X-Request-Id sent (1 to 128 characters of A-Z a-z 0-9 . _ : -) or a new UUID; also in error bodies as requestId and in the server log',
    schema: { type: 'string', maxLength: 128 }
  },
  'RateLimit-Limit': { description: 'Requests allowed per window for what this request counts against (the API key, the applicant\'s session, or the client address for the link exchange)', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets (or the block ends)', schema: { type: 'integer' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
  'Partner-Version': {
    description: 'The API version this answer was served with: the request\'s Partner-Version, else its key\'s pinned version, else the current one',
    schema: { type: 'string', enum: [...API_VERSIONS] }
  }
}

/** The request header naming the API version the caller was written against (every operation takes it). */
const VERSION_PARAMETER = {
  name: 'Partner-Version',
  in: 'header',
  required: false,
  description: `The API version (\`YYYY-MM-DD\`) to be served with; without it, the key's pinned version (the current one, ${CURRENT_API_VERSION}, when the key was made). ` +
    'An unknown version is a 400 `api_version_unknown` naming the supported ones.',
  schema: { type: 'string', enum: [...API_VERSIONS] }
}

// Routes whose answers are counted by the rate limiter (src/modules/rate-limit/rate-limit.plugin.ts): by route auth.
const RATE_LIMITED_AUTH = new Set(['apiKey', 'csrf', 'link'])
const RATE_LIMITED = 'x-rate-limited'

const headerRef = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` })

/**
 * Declares the headers answers carry: X-Request-Id and Partner-Version on every response; RateLimit-*
 * on the answers of counted routes (all but the 401s, refused before counting); Retry-After on 429
 * and 503. Every operation takes the Partner-Version request header.
 */
function withResponseHeaders (doc: any): any {
  doc.components = {
    ...doc.components,
    headers: { ...doc.components?.headers, ...HEADERS },
    parameters: { ...doc.components?.parameters, PartnerVersion: VERSION_PARAMETER }
  }
  for (const item of Object.values<any>(doc.paths ?? {})) {
    for (const op of Object.values<any>(item)) {
      if (!op || typeof op !== 'object') continue
      const counted = op[RATE_LIMITED] === true
      delete op[RATE_LIMITED]
      if (op.responses) op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/PartnerVersion' }]
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        if (!response || typeof response !== 'object' || '$ref' in response) continue
        const headers: Record<string, unknown> = { ...response.headers, 'X-Request-Id': headerRef('X-Request-Id'), 'Partner-Version': headerRef('Partner-Version') }
        if (counted && status !== '401') {
          for (const name of ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] as const) headers[name] = headerRef(name)
        }
        if (status === '429' || status === '503') headers['Retry-After'] = headerRef('Retry-After')
        response.headers = headers
      }
    }
  }
  return doc
}

async function openapiPlugin (app: FastifyInstance, opts: { publicBaseUrl: string, version: string, schemas: TSchema[] }) {
  // Named schemas that routes answer with directly (Type.Ref): the error body, and the modules' (given
  // by the app); those nested in answers are named by their $id.
  app.addSchema(ErrorSchema)
  for (const schema of opts.schemas) app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Partner API',
        version: opts.version,
        description: 'Verification sessions backed by Reclaim zkTLS proofs, verified offline. Partners authenticate with `x-api-key`; applicants with the `x-csrf-token` obtained from the verification link. Errors are always `{statusCode, message, error}` plus a machine-readable `code`, the `requestId` (also the X-Request-Id header of every answer) and, for a validation 400, `errors` listing every failing field.',
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }
      },
      // A variable, so that generators and Swagger UI can point the document at any instance.
      servers: [{ url: '{baseUrl}', description: 'This instance (its PUBLIC_BASE_URL by default)', variables: { baseUrl: { default: opts.publicBaseUrl, description: 'The instance\'s base URL' } } }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          consoleCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'partner_console',
            description: 'The console\'s session cookie (`__Host-partner_console` over https), set by POST /console/session or single sign-on. Accepted on /partner/* routes in place of x-api-key; POST, PATCH and DELETE with it also need the `x-console-csrf` header.'
          }
        }
      }
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
    transform: ({ schema, url, route }) => ({
      url,
      schema: schema && RATE_LIMITED_AUTH.has(String(route.config?.auth)) ? { ...schema, [RATE_LIMITED]: true } : schema
    }),
    transformObject: (documentObject) => withResponseHeaders((documentObject as { openapiObject: unknown }).openapiObject)
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
