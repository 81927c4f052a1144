import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../lib/error-codes.js'
import { API_VERSION_HEADER, API_VERSIONS, CURRENT_API_VERSION, isApiVersion, type ApiVersion } from '../lib/api-versions.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The version the request named in its Partner-Version header, if any. */
    requestedApiVersion: ApiVersion | null
  }
}

/**
 * The version a request is served with: the one it names, else its key's pinned version, else the
 * current one (requests without a key, and those refused before their key was read).
 */
export function apiVersionOf (request: FastifyRequest): ApiVersion {
  if (request.requestedApiVersion !== null) return request.requestedApiVersion
  const pinned = request.apiKey?.apiVersion
  return pinned !== undefined && isApiVersion(pinned) ? pinned : CURRENT_API_VERSION
}

/**
 * Partner-Version: an unknown (or malformed) version is a 400 before anything else is read, naming
 * the supported ones; every answer, errors included, carries the version it was served with.
 */
async function apiVersionPlugin (app: FastifyInstance) {
  app.decorateRequest('requestedApiVersion', null)

  app.addHook('onRequest', async (request) => {
    const raw = request.headers[API_VERSION_HEADER]
    if (raw === undefined) return
    const value = (Array.isArray(raw) ? raw.join(',') : raw).trim()
    if (!isApiVersion(value)) {
      const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value
      throw fail('api_version_unknown', `Unknown Partner-Version "${shown}"; supported versions: ${API_VERSIONS.join(', ')} (YYYY-MM-DD)`)
    }
    request.requestedApiVersion = value
  })

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Partner-Version', apiVersionOf(request))
    return payload
  })
}

export default fp(apiVersionPlugin, { name: 'api-version', dependencies: ['errors'] })
