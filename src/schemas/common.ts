import { Type, type TSchema } from 'typebox'
import { ERRORS, ERROR_CODES, type ErrorSpec } from '../lib/error-codes.js'

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const CODE_LIST = Object.entries(ERROR_CODES).map(([code, meaning]) => `- \`${code}\`: ${meaning}`).join('\n')

/** The guide's error body plus `code`, `requestId` and, for a validation 400, `errors`; every error of every route has this shape. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ description: 'The HTTP status' }),
  message: Type.String({ description: 'What went wrong, for people; may be reworded' }),
  error: Type.String({ description: 'The status reason phrase' }),
  code: Type.String({
    pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$',
    description: 'Stable machine-readable name of the failure; branch on this, not on `message`. ' +
      'New codes may be added (a 422 may carry a `proof_*` code naming the failed verification rule). Known codes:\n' + CODE_LIST
  }),
  requestId: Type.String({ description: 'The X-Request-Id of this answer; quote it when reporting a problem' }),
  errors: Type.Optional(Type.Array(Type.Object({
    path: Type.String({ description: 'The failing field, e.g. body.params.expiryDate' }),
    message: Type.String()
  }), { description: 'A validation 400: every failing field (at most 50); a proof_malformed 422: the malformed field of the proof (proofs.<index>.<field>)' }))
}, { $id: 'Error', description: 'Error body: statusCode, message, the status reason phrase, a machine-readable code and the request id' })

/**
 * A named schema (one with a $id, added with app.addSchema) by reference, typed as the schema itself
 * so that the type provider still infers the reply's type.
 */
export const ref = <T extends TSchema>(schema: T, options: { description?: string } = {}): T =>
  Type.Ref((schema as { $id?: string }).$id ?? '', options) as unknown as T

const err = (description: string) => Type.Ref('Error', { description }) as unknown as typeof ErrorSchema

/** The registered codes answered with `status`, for the OpenAPI document's error responses. */
function codesOf (status: number): string {
  return Object.entries(ERRORS).filter(([, spec]: [string, ErrorSpec]) => spec.status === status).map(([code]) => `\`${code}\``).join(', ')
}

/** Error responses for the OpenAPI document (their codes from the error registry). */
export function errors (...codes: number[]): Record<number, typeof ErrorSchema> {
  const text: Record<number, string> = {
    400: 'Bad Request: malformed JSON, schema violation, unknown field or source',
    401: 'Unauthorized: missing, unknown, revoked or expired credential',
    403: 'Forbidden: a CSRF token of another session, or a key without the permission the route needs',
    404: 'Not Found (also for resources that are not the caller\'s)',
    409: 'Conflict: the current status forbids this, or the proof was already used',
    410: 'Gone: the session has expired',
    413: 'Payload Too Large: body over 1 MiB',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity: a proof failed verification (message says why)',
    429: 'Too Many Requests (see Retry-After)',
    503: 'Service Unavailable: database down'
  }
  return Object.fromEntries(codes.map((c) => [c, err(`${text[c] ?? 'Error'}. Codes: ${codesOf(c)}`)]))
}

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const SessionIdParams = Type.Object({ sessionId: Id }, { additionalProperties: false })
export const StepIdParams = Type.Object({ stepId: Id }, { additionalProperties: false })

export const apiKeySecurity = [{ apiKey: [] }]
export const csrfSecurity = [{ csrfToken: [] }]
/** Routes authenticated by no header (a token in the body, query or path, or nothing). */
export const noSecurity = []
