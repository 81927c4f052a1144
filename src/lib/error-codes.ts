/**
 * The `code` of every error body: a stable, machine-readable name for each distinct failure, so a
 * client branches on it instead of on the human-readable `message` (which may be reworded).
 *
 * A thrown HttpError may name its code (`notFound('Session not found', 'session_not_found')`); when it
 * does not, `errorCodeFor` derives one here, in this one place, from the message (the table below
 * lists every message the service raises today), falling back to one code per status.
 */

/** Every code an error body may carry, with what it means. The README and the OpenAPI document list them. */
export const ERROR_CODES = {
  // 400
  malformed_json: 'The body is not valid JSON.',
  body_empty: 'The body is empty while Content-Type says application/json.',
  content_length_mismatch: 'Content-Length does not match the body.',
  malformed_url: 'The URL is malformed (e.g. a bad percent-encoding).',
  path_parameter_too_long: 'A path parameter is longer than the router accepts.',
  malformed_request: 'The request could not be routed or read.',
  request_aborted: 'The client closed the connection before its request was read.',
  validation_failed: 'The body, query or path violates the schema or a field rule; `errors` lists every failing field for schema violations.',
  invalid_characters: 'A string or field name holds a NUL character or a lone UTF-16 surrogate.',
  body_too_deep: 'The body is nested more than 32 levels deep.',
  idempotency_key_invalid: 'The Idempotency-Key header is not 1 to 255 characters.',
  source_unknown: 'The request names a data source id that does not exist or is disabled.',
  source_not_allowed: 'A data source is not among those the session allows.',
  proof_missing: 'A callback body holds no proof.',
  too_many_proofs: 'More proofs than one submission accepts.',
  proof_malformed: 'A proof is not shaped as a Reclaim proof.',
  proof_duplicate: 'The same proof is submitted twice in one request.',
  bad_request: 'Any other malformed request.',
  // 401
  api_key_missing: 'No x-api-key header.',
  api_key_invalid: 'The API key is unknown, revoked or expired.',
  csrf_token_missing: 'No x-csrf-token header.',
  csrf_token_invalid: 'The CSRF token is unknown, expired or superseded.',
  link_token_invalid: 'The verification link token is unknown, superseded, or not the session\'s.',
  metrics_token_invalid: 'Missing or wrong bearer token for /metrics.',
  sms_inbound_unauthorized: 'An inbound SMS request without the basic-auth password SMS_INBOUND_TOKEN (or while it is unset).',
  unauthorized: 'Any other missing or invalid credential.',
  // 403
  csrf_token_wrong_session: 'The CSRF token belongs to another session than the one the request names.',
  team_key_required: 'The operation needs a team API key; this key is scoped to a reviewer.',
  forbidden: 'Any other operation this credential may not perform.',
  // 404
  route_not_found: 'No route for this method and path.',
  session_not_found: 'The session does not exist or is not the caller\'s.',
  step_not_found: 'The step does not exist or is not in the caller\'s session.',
  source_not_found: 'The data source does not exist or is disabled.',
  login_flow_not_found: 'The data source has no SDK login flow.',
  callback_not_found: 'The Reclaim callback URL is unknown.',
  webhook_not_found: 'The webhook endpoint does not exist or is not the team\'s.',
  asset_not_found: 'The applicant page asset does not exist.',
  event_not_found: 'The event (a `startingAfter` cursor) does not exist, is past its 30 days, or is not the caller\'s.',
  delivery_not_found: 'The webhook delivery does not exist or is not the endpoint\'s.',
  not_found: 'Any other resource that does not exist or is not the caller\'s.',
  // 409
  idempotency_key_reused: 'The Idempotency-Key was already used with a different request.',
  idempotency_key_in_progress: 'A request with this Idempotency-Key is still being handled; retry shortly.',
  session_status_conflict: 'The session\'s current status forbids this operation.',
  step_status_conflict: 'The step\'s current status forbids this operation.',
  step_not_initiated: 'Proofs were submitted for a step that has not been initiated.',
  step_attempts_exhausted: 'The step has no attempts left.',
  concurrent_update: 'The session or step changed while the request was handled; read it again and retry.',
  proof_already_used: 'The proof was already used (replay protection).',
  webhook_limit_reached: 'The team has the maximum number of webhook endpoints.',
  webhook_disabled: 'The webhook endpoint is disabled; enable it before redelivering.',
  conflict: 'Any other conflict with the current state.',
  // 410
  session_expired: 'The session has expired (or was canceled).',
  gone: 'Any other resource that is no longer available.',
  // 413, 415
  body_too_large: 'The body is larger than the route allows (1 MiB; 256 KiB for proof submissions by default).',
  unsupported_media_type: 'The Content-Type is not one the route accepts (application/json).',
  // 422
  proof_invalid: 'A well-formed proof failed verification; the message says why. A more specific `proof_*` code may name the rule that failed.',
  proof_provider_not_http: "Rule 5: the proof's provider is not `http`.",
  proof_url_not_https: "Rule 5: the proof's request URL is not a plain https URL of a host (no credentials, no templated host).",
  proof_host_mismatch: "Rule 5: the proof's request went to a host that is not one of the source's hosts.",
  proof_provider_hash_mismatch: "Rule 5: the provider hash recomputed from the proof's parameters differs from its context's.",
  proof_provider_not_pinned: "Rule 5: the source pins provider hashes (or RECLAIM_REQUIRE_PINNED is set) and the proof's is not pinned.",
  proof_parameter_missing: "Rule 5: a parameter the source declares is missing from the proof's extracted parameters.",
  proof_simulated_failure: 'The sandbox was asked for a failed verification (test sessions).',
  unprocessable: 'Any other well-formed request that cannot be processed.',
  // 429
  rate_limited: 'Too many requests; retry after Retry-After seconds.',
  // 4xx without a more specific code
  client_error: 'Any other client error.',
  // 5xx
  internal_error: 'An unexpected error; the request id finds it in the log.',
  upstream_error: 'The Reclaim API answered with an error or an unusable answer.',
  upstream_unavailable: 'The Reclaim API did not answer; retry after Retry-After seconds.',
  database_unavailable: 'The database is unreachable or timed out; retry after Retry-After seconds.',
  service_unavailable: 'Any other temporary unavailability.',
  server_error: 'Any other server error.'
} as const satisfies Record<string, string>

export type ErrorCode = keyof typeof ERROR_CODES

/** Codes are snake_case ASCII; verifier rule codes (`proof_host_mismatch`, ...) follow the same form. */
export const ERROR_CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/

// Known messages, exact text or pattern, most specific first. `status` restricts an entry to one status.
const BY_MESSAGE: Array<{ match: string | RegExp, code: ErrorCode, status?: number }> = [
  // Framework and transport
  { match: 'Body is not valid JSON', code: 'malformed_json' },
  { match: /^Body cannot be empty/, code: 'body_empty' },
  { match: 'Content-Length does not match the body', code: 'content_length_mismatch' },
  { match: 'Malformed URL', code: 'malformed_url' },
  { match: 'Path parameter is too long', code: 'path_parameter_too_long' },
  { match: 'Malformed request', code: 'malformed_request' },
  { match: 'Request aborted by the client', code: 'request_aborted' },
  { match: /^Route \S+ .* not found$/, code: 'route_not_found', status: 404 },
  // Input guard
  { match: /must not contain (NUL|a lone UTF-16 surrogate)|has a field name with (a NUL|a lone UTF-16 surrogate)/, code: 'invalid_characters', status: 400 },
  { match: /is nested more than \d+ levels deep$/, code: 'body_too_deep', status: 400 },
  // Credentials
  { match: /^Missing API key/, code: 'api_key_missing' },
  { match: /^(Invalid or revoked API key|Missing or invalid API key)/, code: 'api_key_invalid' },
  { match: /^Missing CSRF token/, code: 'csrf_token_missing' },
  { match: /^(Invalid or expired CSRF token|Missing or invalid CSRF token)/, code: 'csrf_token_invalid' },
  { match: 'Invalid verification token', code: 'link_token_invalid' },
  { match: /bearer token for \/metrics/, code: 'metrics_token_invalid' },
  { match: 'CSRF token does not belong to this session', code: 'csrf_token_wrong_session' },
  { match: /team API key/, code: 'team_key_required', status: 403 },
  // Resources
  { match: 'Session not found', code: 'session_not_found' },
  { match: 'Step not found', code: 'step_not_found' },
  { match: /^(Data|Verification) source not found$/, code: 'source_not_found' },
  { match: 'Login flow not found', code: 'login_flow_not_found' },
  { match: 'Unknown callback', code: 'callback_not_found' },
  { match: 'Webhook endpoint not found', code: 'webhook_not_found' },
  { match: 'Asset not found', code: 'asset_not_found' },
  // Sessions, steps, proofs
  { match: /^Idempotency-Key must be/, code: 'idempotency_key_invalid' },
  { match: /^Idempotency-Key was already used/, code: 'idempotency_key_reused' },
  { match: /unknown source id/, code: 'source_unknown', status: 400 },
  { match: /^Data source\(s\) not available for this session/, code: 'source_not_allowed' },
  { match: /^Callback body holds no proof/, code: 'proof_missing' },
  { match: /^At most \d+ proofs can be submitted at once/, code: 'too_many_proofs' },
  { match: 'The same proof is submitted twice', code: 'proof_duplicate' },
  { match: /^(Proof is malformed: |Proof \d+ of \d+: )/, code: 'proof_malformed', status: 400 },
  { match: 'Proof has already been used', code: 'proof_already_used' },
  { match: /^Step has no attempts left/, code: 'step_attempts_exhausted' },
  { match: /^Step has not been initiated/, code: 'step_not_initiated' },
  { match: /changed (meanwhile|while)/, code: 'concurrent_update', status: 409 },
  { match: /^(Step is |A proof for this step is already being verified|Proofs cannot be submitted while the step is )/, code: 'step_status_conflict', status: 409 },
  { match: /while the session is [A-Z_]+/, code: 'session_status_conflict', status: 409 },
  { match: /^A team can have at most \d+ webhook endpoints/, code: 'webhook_limit_reached' },
  { match: 'Verification session has expired', code: 'session_expired' },
  // Dependencies
  { match: /^The Reclaim API did not answer/, code: 'upstream_unavailable', status: 503 },
  { match: /^(Service temporarily unavailable|Database is not reachable)/, code: 'database_unavailable', status: 503 },
  // Field rules checked in the services (after the schema): "params.expiryDate must be in the future".
  { match: /^(body|params|query|querystring|headers)\b[\w.[\]-]* (must|has|is|lists) /, code: 'validation_failed', status: 400 }
]

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  422: 'proof_invalid',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'upstream_error',
  503: 'service_unavailable'
}

/** The code of an error without an explicit one: from its message if known, else from its status. */
export function errorCodeFor (statusCode: number, message: string): string {
  for (const entry of BY_MESSAGE) {
    if (entry.status !== undefined && entry.status !== statusCode) continue
    if (typeof entry.match === 'string' ? entry.match === message : entry.match.test(message)) return entry.code
  }
  return BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'server_error' : 'client_error')
}
