import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import { HttpError, errorBody } from '../lib/http-errors.js'

// Messages for Fastify's own errors, in words a partner's engineer can act on.
const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Body cannot be empty when content-type is application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is larger than 1 MiB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported Content-Type; send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'Malformed URL'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'Malformed request']
}

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003', 'SQLITE_BUSY', 'SQLITE_CANTOPEN'])

function isDatabaseDown (err: any): boolean {
  if (!err) return false
  if (DB_DOWN_CODES.has(err.code)) return true
  return typeof err.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|driver has already been destroyed/i.test(err.message)
}

function validationMessage (err: FastifyError): string {
  const v = err.validation?.[0] as any
  if (!v) return err.message
  const where = err.validationContext ?? 'request'
  const path = (v.instancePath as string ?? '').replace(/^\//, '').replace(/\//g, '.')
  const field = path ? `${where}.${path}` : where
  switch (v.keyword) {
    case 'additionalProperties': return `${field} has an unknown field "${v.params.additionalProperty}"`
    case 'required': return `${field === where ? where : field} is missing required field "${v.params.missingProperty}"`
    case 'type': return `${field} must be ${v.params.type === 'integer' ? 'an integer' : `of type ${v.params.type}`}`
    case 'format': return `${field} must be a valid ${v.params.format}`
    case 'enum': return `${field} must be one of ${(v.params.allowedValues as unknown[]).join(', ')}`
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${field} ${v.message}`
    default: return `${field} ${v.message ?? 'is invalid'}`
  }
}

async function errorsPlugin (app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { headers?: Record<string, string> }, request, reply) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v)
      return reply.status(err.statusCode).send(errorBody(err.statusCode, err.message))
    }
    if (err.validation) {
      return reply.status(400).send(errorBody(400, validationMessage(err)))
    }
    const known = err.code ? FASTIFY_ERRORS[err.code] : undefined
    if (known) return reply.status(known[0]).send(errorBody(known[0], known[1]))
    if (isDatabaseDown(err)) {
      request.log.error({ err }, 'database unavailable')
      reply.header('retry-after', '5')
      return reply.status(503).send(errorBody(503, 'Service temporarily unavailable, try again shortly'))
    }
    // Other 4xx that Fastify or a plugin raised carry a client-safe message.
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody(err.statusCode, err.message))
    }
    request.log.error({ err }, 'unhandled error')
    return reply.status(500).send(errorBody(500, 'Internal server error'))
  })

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`))
  })
}

export default fp(errorsPlugin, { name: 'errors' })
