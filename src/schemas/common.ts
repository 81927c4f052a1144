import { Type, type TSchema } from 'typebox'

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** The guide's error body; every error of every route has this shape. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  message: Type.String(),
  error: Type.String()
}, { $id: 'Error', description: 'Error body: statusCode, message, and the status reason phrase' })

const err = (description: string) => Type.Ref('Error', { description }) as unknown as typeof ErrorSchema

/** Error responses for the OpenAPI document. */
export function errors (...codes: number[]): Record<number, typeof ErrorSchema> {
  const text: Record<number, string> = {
    400: 'Bad Request: malformed JSON, schema violation, unknown field or source',
    401: 'Unauthorized: missing, unknown, revoked or expired credential',
    403: 'Forbidden: the CSRF token belongs to another session',
    404: 'Not Found (also for resources that are not the caller\'s)',
    409: 'Conflict: the current status forbids this, or the proof was already used',
    410: 'Gone: the session has expired',
    413: 'Payload Too Large: body over 1 MiB',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity: a proof failed verification (message says why)',
    429: 'Too Many Requests (see Retry-After)',
    503: 'Service Unavailable: database down'
  }
  return Object.fromEntries(codes.map((c) => [c, err(text[c] ?? 'Error')]))
}

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const SessionIdParams = Type.Object({ sessionId: Id }, { additionalProperties: false })
export const StepIdParams = Type.Object({ stepId: Id }, { additionalProperties: false })

export const ApiKeyHeader = { 'x-api-key': { type: 'apiKey', in: 'header', name: 'x-api-key' } } as const
export const apiKeySecurity = [{ apiKey: [] }]
export const csrfSecurity = [{ csrfToken: [] }]
