import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError, errorBody } from '../lib/http-errors.js'
import { databaseFault } from '../db/database.js'

// Messages for Fastify's own errors, in words a partner's engineer can act on.
const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Body cannot be empty when content-type is application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is larger than 1 MiB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported Content-Type; send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'Malformed URL'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'Path parameter is too long'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'Malformed request']
}

/**
 * Errors Fastify raises while routing, before any error handler exists for the request (a malformed
 * percent-encoding, an over-long path parameter). Without this server option Fastify answers them
 * itself, in another body shape that also carries its internal error code.
 */
export function frameworkErrors (err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, message] = FASTIFY_ERRORS[err.code] ?? [400, 'Malformed request']
  reply.status(status).send(errorBody(status, message))
}

/** Seconds a client is told to wait while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5
export const DATABASE_UNAVAILABLE_MESSAGE = 'Service temporarily unavailable, try again shortly'

// What a request stream raises when its client hangs up before the body is read.
const CLIENT_ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'FST_ERR_REQ_ABORTED'])

/** The client went away mid-request: its business, not an alarm (and never the database's fault). */
function isClientAbort (err: FastifyError, request: FastifyRequest): boolean {
  if (databaseFault(err) !== null) return false
  // The same codes from an outgoing call (an ECONNRESET from Reclaim's API) are a fault of ours:
  // only a request whose own stream or socket is gone was aborted.
  const abortLike = CLIENT_ABORT_CODES.has(err.code) || err.message === 'aborted'
  return abortLike && (request.raw.destroyed === true || request.raw.socket?.destroyed === true)
}

function validationMessage (err: FastifyError): string {
  const all = (err.validation ?? []) as any[]
  const v = all[0]
  if (!v) return err.message
  const where = err.validationContext ?? 'request'
  const path = (v.instancePath as string ?? '').replace(/^\//, '').replace(/\//g, '.')
  const field = path ? `${where}.${path}` : where
  switch (v.keyword) {
    // A union of literals fails once per branch ('const'), then as a whole: name every allowed value.
    case 'const': {
      const allowed = all.filter((e) => e.keyword === 'const' && e.instancePath === v.instancePath).map((e) => e.params.allowedValue)
      return `${field} must be one of ${allowed.join(', ')}`
    }
    case 'additionalProperties': return `${field} has an unknown field "${v.params.additionalProperty}"`
    case 'required': return `${field === where ? where : field} is missing required field "${v.params.missingProperty}"`
    case 'type': return `${field} must be ${v.params.type === 'integer' ? 'an integer' : `of type ${v.params.type}`}`
    case 'format': return v.params.format === 'date-time'
      ? `${field} must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T23:59:59Z`
      : `${field} must be a valid ${v.params.format}`
    case 'minLength': return v.params.limit === 1 ? `${field} must not be empty` : `${field} must be at least ${v.params.limit} characters long`
    case 'maxLength': return `${field} must be at most ${v.params.limit} characters long`
    // Type.String({ pattern: '\\S' }) is how schemas say "not blank"; the regex means nothing to a caller.
    case 'pattern': return v.params.pattern === '\\S' ? `${field} must not be blank` : `${field} must match ${v.params.pattern}`
    case 'enum': return `${field} must be one of ${(v.params.allowedValues as unknown[]).join(', ')}`
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${field} ${v.message}`
    default: return `${field} ${v.message ?? 'is invalid'}`
  }
}

async function errorsPlugin (app: FastifyInstance) {
  // The API takes JSON only: Fastify's built-in text/plain parser would turn a wrong Content-Type into
  // a confusing 400 about the body's type instead of a 415. Routes that accept other media types
  // register their parser in their own scope.
  app.removeContentTypeParser('text/plain')

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
    const fault = databaseFault(err)
    if (fault !== null) {
      if (fault === 'timeout') request.log.warn({ err }, 'database statement timed out')
      else request.log.error({ err }, 'database unavailable')
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_S))
      return reply.status(503).send(errorBody(503, DATABASE_UNAVAILABLE_MESSAGE))
    }
    if (isClientAbort(err, request)) {
      request.log.info({ code: err.code }, 'client closed the connection before its request was read')
      return reply.status(400).send(errorBody(400, 'Request aborted by the client'))
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
