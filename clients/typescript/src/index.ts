import createClient, { type Client, type Middleware } from 'openapi-fetch'
import type { components, operations, paths } from './schema.js'

export type { components, operations, paths }
export type Schemas = components['schemas']
export type Session = Schemas['Session']
export type CreatedSession = Schemas['CreatedSession']
export type Step = Schemas['Step']
export type Source = Schemas['Source']
export type ReviewerSession = Schemas['ReviewerSession']
export type ReviewerSessionListItem = Schemas['ReviewerSessionListItem']
export type ErrorBody = Schemas['Error']
export type ReviewerListQuery = NonNullable<operations['listReviewerSessions']['parameters']['query']>
export type ApiKey = Schemas['ApiKey']
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret']
export type TeamAuditEntry = operations['listAuditLog']['responses'][200]['content']['application/json']['data'][number]
export type AuditLogQuery = NonNullable<operations['listAuditLog']['parameters']['query']>

/** The API version these types were generated for: the client sends it as Partner-Version unless told otherwise. */
export const API_VERSION = '2026-12-01'

/** The typed openapi-fetch client: `client.GET('/partner/me')`, `client.POST('/partner/session', { body })`. */
export type PartnerApi = Client<paths>

/**
 * Any answer that is not 2xx. `code` is the stable machine-readable name (branch on it, not on
 * `message`); `requestId` is the X-Request-Id to quote when reporting a problem; `errors` lists every
 * failing field of a validation 400.
 */
export class PartnerApiError extends Error {
  override readonly name = 'PartnerApiError'
  readonly status: number
  readonly code: string
  readonly requestId: string | null
  readonly errors: ErrorBody['errors']
  readonly body: unknown

  constructor (status: number, body: unknown, requestId: string | null) {
    const error = isErrorBody(body) ? body : null
    super(error?.message ?? `HTTP ${status}`)
    this.status = status
    this.code = error?.code ?? `http_${status}`
    this.requestId = error?.requestId ?? requestId
    this.errors = error?.errors
    this.body = body
  }
}

function isErrorBody (body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string' && typeof (body as ErrorBody).message === 'string'
}

/** Reads a failed answer into a PartnerApiError. */
export async function errorFrom (response: Response): Promise<PartnerApiError> {
  const text = await response.clone().text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return new PartnerApiError(response.status, body, response.headers.get('x-request-id'))
}

/** Turns every non-2xx answer into a thrown PartnerApiError: a call that returns has succeeded. */
const throwOnError: Middleware = {
  async onResponse ({ response }) {
    if (!response.ok) throw await errorFrom(response)
    return undefined
  }
}

export interface ClientOptions {
  /** The instance's base URL, e.g. https://verify.example.org (its PUBLIC_BASE_URL). */
  baseUrl: string
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof globalThis.fetch
  /**
   * The Partner-Version every call sends (default API_VERSION, the version these types describe);
   * null sends none (the key's pinned version answers).
   */
  apiVersion?: string | null
}

function versionHeader (options: ClientOptions): Record<string, string> {
  const version = options.apiVersion === undefined ? API_VERSION : options.apiVersion
  return version === null ? {} : { 'Partner-Version': version }
}

export interface PartnerClient extends PartnerApi {
  /**
   * Every session of the reviewer list matching `query`, page after page (`startingAfter` the last
   * session of the page, while `hasMore`). `limit` sets the page size.
   */
  reviewerSessions: (query?: Omit<ReviewerListQuery, 'startingAfter' | 'offset'>) => AsyncIterable<ReviewerSessionListItem>
  /** Every entry of the team audit log matching `query`, newest first, page after page (JSON pages). */
  auditLog: (query?: Omit<AuditLogQuery, 'startingAfter' | 'format'>) => AsyncIterable<TeamAuditEntry>
}

/** The partner's side: every call carries the API key (keep it server-side). */
export function createPartnerClient (options: ClientOptions & { apiKey: string }): PartnerClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: { 'x-api-key': options.apiKey, ...versionHeader(options) } })
  client.use(throwOnError)
  return Object.assign(client, {
    reviewerSessions: (query: Omit<ReviewerListQuery, 'startingAfter' | 'offset'> = {}) => reviewerSessions(client, query),
    auditLog: (query: Omit<AuditLogQuery, 'startingAfter' | 'format'> = {}) => auditLog(client, query)
  })
}

async function * auditLog (client: PartnerApi, query: Omit<AuditLogQuery, 'startingAfter' | 'format'>): AsyncGenerator<TeamAuditEntry> {
  let startingAfter: string | undefined
  for (;;) {
    const { data } = await client.GET('/partner/audit-log', { params: { query: { ...query, startingAfter } } })
    // JSON without format=csv (the text/csv answer is the other media type of this operation).
    if (!data || typeof data === 'string') return
    yield * data.data
    const last = data.data.at(-1)
    if (!data.hasMore || !last) return
    startingAfter = last.id
  }
}

async function * reviewerSessions (client: PartnerApi, query: Omit<ReviewerListQuery, 'startingAfter' | 'offset'>): AsyncGenerator<ReviewerSessionListItem> {
  let startingAfter: number | undefined
  for (;;) {
    const { data } = await client.GET('/partner/reviewer/sessions', { params: { query: { ...query, startingAfter } } })
    if (!data) return
    yield * data.data
    const last = data.data.at(-1)
    if (!data.hasMore || !last) return
    startingAfter = last.id
  }
}

export interface ApplicantClientOptions extends ClientOptions {
  /** The link token (the `token` of the verification link). */
  token: string
  sessionId: number
  /** Renew the CSRF token this long before its expiresAt (ms; default 60 s). */
  renewBeforeMs?: number
}

export interface ApplicantClient extends PartnerApi {
  /** A CSRF token valid now: the current one, or a new one when it is missing or about to lapse. */
  csrfToken: () => Promise<string>
}

/**
 * The applicant's side. Exchanges the link token for a CSRF token on first use and again before
 * the token's expiresAt; a 401 (the CSRF token lapsed or was revoked) renews it and retries the
 * call once, transparently.
 */
export function createApplicantClient (options: ApplicantClientOptions): ApplicantClient {
  const renewBeforeMs = options.renewBeforeMs ?? 60_000
  const exchange = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: versionHeader(options) })
  exchange.use(throwOnError)
  let current: { token: string, expiresAtMs: number } | null = null
  let pending: Promise<string> | null = null

  const renew = async (): Promise<string> => {
    pending ??= (async () => {
      try {
        const { data } = await exchange.POST('/partner/verification/verify', { body: { token: options.token, sessionId: options.sessionId } })
        if (!data) throw new Error('the link exchange answered no body')
        current = { token: data.data.csrfToken, expiresAtMs: Date.parse(data.data.expiresAt) }
        return current.token
      } finally {
        pending = null
      }
    })()
    return await pending
  }
  const csrfToken = async (): Promise<string> => {
    if (current && Date.now() < current.expiresAtMs - renewBeforeMs) return current.token
    return await renew()
  }

  // Requests as sent, kept until answered so that a 401 can be sent again (a body is read once).
  const sent = new Map<string, Request>()
  const csrf: Middleware = {
    async onRequest ({ request, id }) {
      request.headers.set('x-csrf-token', await csrfToken())
      sent.set(id, request.clone())
      return request
    },
    async onResponse ({ response, id, options: fetchOptions }) {
      const original = sent.get(id)
      sent.delete(id)
      if (response.status !== 401 || !original) return undefined
      original.headers.set('x-csrf-token', await renew())
      return await fetchOptions.fetch(original)
    },
    onError ({ id }) {
      sent.delete(id)
    }
  }
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: versionHeader(options) })
  // onResponse runs in reverse order: the retry first, then errors are thrown.
  client.use(throwOnError, csrf)
  return Object.assign(client, { csrfToken })
}
