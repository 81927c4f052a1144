import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError, errorBody, type FieldError } from '../lib/http-errors.js'
import { fail, type ErrorCode } from '../lib/error-codes.js'
import { databaseFault } from '../db/database.js'

export const REQUEST_ID_HEADER = 'x-request-id'
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Fastify's genReqId: the caller's X-Request-Id when it is 1 to 128 characters of [A-Za-z0-9._:-]
 * (so a proxy's or client's id ties its logs to ours), else a new UUID. It becomes `request.id`,
 * which every log line of the request carries and every answer returns in X-Request-Id.
 */
export function requestIdOf (req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER]
  const value = Array.isArray(given) ? given[0] : given
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID()
}

// Fastify's own errors, by Fastify's error code, as ours (the registry's messages are in words a
// partner's engineer can act on).
const FASTIFY_ERRORS: Record<string, () => HttpError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => fail('malformed_json'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => fail('body_empty'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => fail('body_too_large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => fail('unsupported_media_type'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => fail('content_length_mismatch'),
  FST_ERR_BAD_URL: () => fail('malformed_url'),
  FST_ERR_MAX_PARAM_LENGTH: () => fail('path_parameter_too_long'),
  FST_ERR_ASYNC_CONSTRAINT: () => fail('malformed_request')
}

/**
 * The code of a 4xx some other framework or plugin error carries (its message is client-safe, its
 * own FST_ code is not ours to expose): one per status; another 4xx is client_error.
 */
export const FRAMEWORK_CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable'
}

/** The code of a framework or plugin error of `status` that carries none of ours. */
export function frameworkCodeFor (status: number): ErrorCode {
  return FRAMEWORK_CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'client_error')
}

/**
 * Errors Fastify raises while routing, before any error handler exists for the request (a malformed
 * percent-encoding, an over-long path parameter). Without this server option Fastify answers them
 * itself, in another body shape that also carries its internal error code.
 */
export function frameworkErrors (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = (FASTIFY_ERRORS[err.code] ?? (() => fail('malformed_request')))()
  // These answers bypass the routes' hooks: the request id header is set here.
  reply.header(REQUEST_ID_HEADER, request.id)
  reply.status(known.statusCode).send(errorBody(known.statusCode, known.message, { code: known.code, requestId: request.id }))
}

/** Seconds a client is told to wait while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5
export const DATABASE_UNAVAILABLE_MESSAGE = fail('database_unavailable').message

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

/** At most this many failing fields are listed in a validation 400 (a hostile body can fail thousands). */
export const MAX_FIELD_ERRORS = 50

interface AjvError { keyword: string, instancePath?: string, params: Record<string, any>, message?: string }

/** The dotted name of the value an Ajv error is about: `body.params.expiryDate`. */
function fieldOf (v: AjvError, where: string): string {
  const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
  return path ? `${where}.${path}` : where
}

/** One Ajv error in words; `all` is the whole list (a union of literals fails once per branch). */
function describe (v: AjvError, all: AjvError[], where: string): string {
  const field = fieldOf(v, where)
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

/**
 * A validation failure as the API answers it: the first failure as the message (as before the list
 * existed) and every failing field, once each. A union's summary error ("must match a schema in
 * anyOf") is left out when its branches' own errors say more.
 */
function validationFailure (err: FastifyError): { message: string, errors: FieldError[] } {
  const all = (err.validation ?? []) as unknown as AjvError[]
  const where = err.validationContext ?? 'request'
  if (all.length === 0) return { message: err.message, errors: [] }
  const message = describe(all[0], all, where)
  const errors: FieldError[] = []
  const seen = new Set<string>()
  for (const v of all) {
    const path = v.keyword === 'required'
      ? `${fieldOf(v, where)}.${String(v.params.missingProperty)}`
      : v.keyword === 'additionalProperties' ? `${fieldOf(v, where)}.${String(v.params.additionalProperty)}` : fieldOf(v, where)
    if ((v.keyword === 'anyOf' || v.keyword === 'oneOf') && all.some((e) => e !== v && (e.instancePath ?? '').startsWith(v.instancePath ?? ''))) continue
    const text = describe(v, all, where)
    const key = `${path}\u0000${text}`
    if (seen.has(key)) continue
    seen.add(key)
    errors.push({ path, message: text })
    if (errors.length >= MAX_FIELD_ERRORS) break
  }
  return { message, errors }
}

async function errorsPlugin (app: FastifyInstance) {
  // The API takes JSON only: Fastify's built-in text/plain parser would turn a wrong Content-Type into
  // a confusing 400 about the body's type instead of a 415. Routes that accept other media types
  // register their parser in their own scope.
  app.removeContentTypeParser('text/plain')

  // Every answer names its request: successes, 404s, errors, and answers sent from hooks.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
  })
  // An error body sent directly (reply.send(errorBody(...)) in a hook or route) gets its request id
  // and code here, so every error body has them however it was made.
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (reply.statusCode < 400 || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload
    const body = payload as Record<string, unknown>
    if (typeof body.statusCode !== 'number' || typeof body.message !== 'string' || typeof body.error !== 'string') return payload
    if (typeof body.code === 'string' && typeof body.requestId === 'string') return payload
    return errorBody(body.statusCode, body.message, {
      code: typeof body.code === 'string' ? body.code : frameworkCodeFor(body.statusCode),
      requestId: request.id,
      errors: Array.isArray(body.errors) ? body.errors as FieldError[] : undefined
    })
  })

  app.setErrorHandler((err: FastifyError & { headers?: Record<string, string> }, request, reply) => {
    const requestId = request.id
    reply.header(REQUEST_ID_HEADER, requestId)
    const send = (e: HttpError, errors?: FieldError[]) => {
      for (const [k, v] of Object.entries(e.headers)) reply.header(k, v)
      return reply.status(e.statusCode).send(errorBody(e.statusCode, e.message, { code: e.code, requestId, errors }))
    }
    if (err instanceof HttpError) return send(err, err.errors)
    if (err.validation) {
      const { message, errors } = validationFailure(err)
      return send(fail('validation_failed', message), errors)
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The route's own limit (proof submissions have a smaller one than the 1 MiB of the others).
      const limit = request.routeOptions.bodyLimit ?? 1024 * 1024
      return send(fail('body_too_large', `Request body is larger than ${sizeInWords(limit)}`))
    }
    const known = err.code ? FASTIFY_ERRORS[err.code] : undefined
    if (known) return send(known())
    const fault = databaseFault(err)
    if (fault !== null) {
      if (fault === 'timeout') request.log.warn({ err }, 'database statement timed out')
      else request.log.error({ err }, 'database unavailable')
      return send(fail('database_unavailable', undefined, { 'retry-after': String(DATABASE_RETRY_AFTER_S) }))
    }
    if (isClientAbort(err, request)) {
      request.log.info({ code: err.code }, 'client closed the connection before its request was read')
      return send(fail('request_aborted'))
    }
    // Other 4xx that Fastify or a plugin raised carry a client-safe message (their FST_ code is not ours to expose).
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return send(new HttpError(err.statusCode, err.message, {}, frameworkCodeFor(err.statusCode)))
    }
    request.log.error({ err }, 'unhandled error')
    return send(fail('internal_error'))
  })

  app.setNotFoundHandler((request, reply) => {
    const err = fail('route_not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`)
    reply.status(err.statusCode).send(errorBody(err.statusCode, err.message, { code: err.code, requestId: request.id }))
  })
}

export default fp(errorsPlugin, { name: 'errors' })

/** 1048576 -> "1 MiB", 262144 -> "256 KiB", 1000 -> "1000 bytes". */
function sizeInWords (bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}
