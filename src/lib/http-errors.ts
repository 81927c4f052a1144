import { STATUS_CODES } from 'node:http'

/** An expected failure that a client caused or can act on; the error handler renders it as-is. */
export class HttpError extends Error {
  readonly statusCode: number
  readonly headers: Record<string, string>
  constructor (statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'HttpError'
    this.statusCode = statusCode
    this.headers = headers
  }
}

export interface ErrorBody { statusCode: number; message: string; error: string }

export function reasonPhrase (statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error'
}

export function errorBody (statusCode: number, message: string): ErrorBody {
  return { statusCode, message, error: reasonPhrase(statusCode) }
}

export const badRequest = (message: string) => new HttpError(400, message)
export const unauthorized = (message: string) => new HttpError(401, message)
export const forbidden = (message: string) => new HttpError(403, message)
export const notFound = (message: string) => new HttpError(404, message)
export const conflict = (message: string) => new HttpError(409, message)
export const gone = (message: string) => new HttpError(410, message)
export const unprocessable = (message: string) => new HttpError(422, message)
