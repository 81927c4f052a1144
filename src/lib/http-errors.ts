import { STATUS_CODES } from 'node:http'
import { errorCodeFor } from './error-codes.js'

/**
 * An expected failure that a client caused or can act on; the error handler renders it as-is.
 * `code` is the machine-readable name of the failure (see ERROR_CODES); when absent it is derived
 * from the message and status by errorCodeFor.
 */
export class HttpError extends Error {
  readonly statusCode: number
  readonly headers: Record<string, string>
  readonly code: string | undefined
  /** The failing fields, when the failure names them (a validation 400; a proof_malformed 422). */
  readonly errors: FieldError[] | undefined
  constructor (statusCode: number, message: string, headers: Record<string, string> = {}, code?: string, errors?: FieldError[]) {
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
  /** The failure's code; derived from the message and status when absent. */
  code?: string
  /** The request's id (Fastify's `request.id`, the answer's X-Request-Id). */
  requestId?: string
  errors?: FieldError[]
}

export function reasonPhrase (statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error'
}

export function errorBody (statusCode: number, message: string, extras: ErrorBodyExtras = {}): ErrorBody {
  const body: ErrorBody = {
    statusCode,
    message,
    error: reasonPhrase(statusCode),
    code: extras.code ?? errorCodeFor(statusCode, message)
  }
  if (extras.requestId !== undefined) body.requestId = extras.requestId
  if (extras.errors !== undefined) body.errors = extras.errors
  return body
}

export const badRequest = (message: string, code?: string) => new HttpError(400, message, {}, code)
export const unauthorized = (message: string, code?: string) => new HttpError(401, message, {}, code)
export const forbidden = (message: string, code?: string) => new HttpError(403, message, {}, code)
export const notFound = (message: string, code?: string) => new HttpError(404, message, {}, code)
export const conflict = (message: string, code?: string) => new HttpError(409, message, {}, code)
export const gone = (message: string, code?: string) => new HttpError(410, message, {}, code)
export const unprocessable = (message: string, code?: string) => new HttpError(422, message, {}, code)
