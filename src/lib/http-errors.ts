import { STATUS_CODES } from 'node:http'

/**
 * An expected failure that a client caused or can act on; the error handler renders it as-is.
 * `code` is the machine-readable name of the failure, registered in ERRORS (error-codes.ts): make
 * one with `fail(code, message?)`, which takes the status from the registry.
 */
export class HttpError extends Error {
  readonly statusCode: number
  readonly headers: Record<string, string>
  readonly code: string
  /** The failing fields, when the failure names them (a validation 400; a proof_malformed 422). */
  readonly errors: FieldError[] | undefined
  constructor (statusCode: number, message: string, headers: Record<string, string>, code: string, errors?: FieldError[]) {
    super(message)
    this.name = 'HttpError'
    this.statusCode = statusCode
    this.headers = headers
    this.code = code
    this.errors = errors
  }
}

/** One failing field of a validation 400: `path` as in the message (`body.params.expiryDate`). */
export interface FieldError { path: string, message: string }

/** The guide's `{statusCode, message, error}`, plus `code`, `requestId` and, for a validation 400 or a proof_malformed 422, `errors`. */
export interface ErrorBody {
  statusCode: number
  message: string
  error: string
  code: string
  requestId?: string
  errors?: FieldError[]
}

export interface ErrorBodyExtras {
  /** The failure's code (registered in ERRORS). */
  code: string
  /** The request's id (Fastify's `request.id`, the answer's X-Request-Id). */
  requestId?: string
  errors?: FieldError[]
}

export function reasonPhrase (statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error'
}

export function errorBody (statusCode: number, message: string, extras: ErrorBodyExtras): ErrorBody {
  const body: ErrorBody = {
    statusCode,
    message,
    error: reasonPhrase(statusCode),
    code: extras.code
  }
  if (extras.requestId !== undefined) body.requestId = extras.requestId
  if (extras.errors !== undefined) body.errors = extras.errors
  return body
}
