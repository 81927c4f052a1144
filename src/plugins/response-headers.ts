import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * Headers every JSON answer carries. `Cache-Control: no-store`: JSON answers are per caller and
 * several carry a secret shown once (the link token of a created or replayed session, the CSRF
 * token of the link exchange, a webhook endpoint's signing secret), which no browser, proxy or CDN
 * may keep; a route that wants caching sets its own Cache-Control. `X-Content-Type-Options:
 * nosniff`: a browser never reads JSON as HTML or script.
 */
async function responseHeadersPlugin (app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
      reply.header('x-content-type-options', 'nosniff')
    }
    return payload
  })
}

export default fp(responseHeadersPlugin, { name: 'response-headers' })
