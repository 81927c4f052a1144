import { HttpError, type FieldError } from './http-errors.js'

/**
 * The error registry: every `code` an error body may carry, with its HTTP status, a default message
 * and what it means. The code is a stable, machine-readable name for each distinct failure, so a
 * client branches on it instead of on the human-readable `message` (which may be reworded).
 *
 * Every error is raised with its code named: `throw fail('session_not_found')`, or with a message
 * that says more, `throw fail('session_status_conflict', `... while the session is ${status}`)`.
 * Nothing derives a code from a message. The README's code table and the OpenAPI document's `Error`
 * schema are generated from this registry (`npm run openapi:generate`); test/api/error-registry.test.ts
 * fails when a code is raised but not registered, or registered but never raised.
 */

export interface ErrorSpec {
  /** The HTTP status the error is answered with. */
  status: number
  /** The message when the thrower gives none. */
  message: string
  /** What the code means, for the README and the OpenAPI document. */
  description: string
}

export const ERRORS = {
  // 400
  malformed_json: { status: 400, message: 'Body is not valid JSON', description: 'The body is not valid JSON.' },
  body_empty: { status: 400, message: 'Body cannot be empty when content-type is application/json', description: 'The body is empty while Content-Type says application/json.' },
  content_length_mismatch: { status: 400, message: 'Content-Length does not match the body', description: 'Content-Length does not match the body.' },
  malformed_url: { status: 400, message: 'Malformed URL', description: 'The URL is malformed (e.g. a bad percent-encoding).' },
  path_parameter_too_long: { status: 400, message: 'Path parameter is too long', description: 'A path parameter is longer than the router accepts.' },
  malformed_request: { status: 400, message: 'Malformed request', description: 'The request could not be routed or read.' },
  request_aborted: { status: 400, message: 'Request aborted by the client', description: 'The client closed the connection before its request was read.' },
  validation_failed: { status: 400, message: 'The request is invalid', description: 'The body, query or path violates the schema or a field rule; `errors` lists every failing field for schema violations.' },
  invalid_characters: { status: 400, message: 'The request holds a NUL character or a lone UTF-16 surrogate', description: 'A string or field name holds a NUL character or a lone UTF-16 surrogate.' },
  body_too_deep: { status: 400, message: 'body is nested more than 32 levels deep', description: 'The body is nested more than 32 levels deep.' },
  idempotency_key_invalid: { status: 400, message: 'Idempotency-Key must be 1 to 255 characters', description: 'The Idempotency-Key header is not 1 to 255 characters.' },
  source_unknown: { status: 400, message: 'The request names an unknown source id', description: 'The request names a data source id that does not exist or is disabled.' },
  source_not_allowed: { status: 400, message: 'Data source(s) not available for this session', description: 'A data source is not among those the session allows.' },
  proof_missing: { status: 400, message: 'Callback body holds no proof: send a proof or an array of proofs as JSON, or URL-encoded JSON', description: 'A callback body holds no proof.' },
  too_many_proofs: { status: 400, message: 'Too many proofs in one submission', description: 'More proofs than one submission accepts.' },
  proof_duplicate: { status: 400, message: 'The same proof is submitted twice', description: 'The same proof is submitted twice in one request.' },
  api_version_unknown: { status: 400, message: 'Unknown Partner-Version', description: 'The Partner-Version header names no version this server answers with; the message lists the supported ones.' },
  permission_unknown: { status: 400, message: 'Unknown permission', description: 'A permission name is not one a key (or a reviewer\'s key) can hold.' },
  password_too_weak: { status: 400, message: 'body.password is too weak', description: 'The new password is shorter than 12 characters, longer than 256, or a common password.' },
  setup_token_invalid: { status: 400, message: 'The setup link is unknown, used or expired: ask an admin for a new one', description: 'The setup link is unknown, already used or past its 24 hours.' },
  sso_flow_invalid: { status: 400, message: 'This sign-in expired or was started in another browser: start again', description: 'The SSO callback came without the flow cookie of the browser that started it, after 10 minutes, or a second time.' },
  sso_failed: { status: 400, message: 'The single sign-on answer could not be verified: start again', description: 'The SSO provider\'s answer could not be verified (state, PKCE, ID token or nonce).' },
  bad_request: { status: 400, message: 'Bad request', description: 'Any other malformed request.' },
  // 401
  api_key_missing: { status: 401, message: 'Missing API key: send it in the x-api-key header', description: 'No x-api-key header.' },
  api_key_invalid: { status: 401, message: 'Invalid or revoked API key', description: 'The API key is unknown, revoked or expired.' },
  csrf_token_missing: { status: 401, message: 'Missing CSRF token: send it in the x-csrf-token header', description: 'No x-csrf-token header.' },
  csrf_token_invalid: { status: 401, message: 'Invalid or expired CSRF token', description: 'The CSRF token is unknown, expired or superseded.' },
  link_token_invalid: { status: 401, message: 'Invalid verification token', description: 'The verification link token is unknown, superseded, or not the session\'s.' },
  metrics_token_invalid: { status: 401, message: 'Missing or invalid bearer token for /metrics', description: 'Missing or wrong bearer token for /metrics.' },
  sign_in_failed: { status: 401, message: 'Wrong email or password', description: 'Wrong email or password (the same answer for an email that has no account).' },
  totp_required: { status: 401, message: 'Enter the 6-digit code from your authenticator app', description: 'The password was right and the user has two-step sign-in on: send `totpCode` too.' },
  console_session_invalid: { status: 401, message: 'Your console session has ended: sign in again', description: 'No console cookie, or its session has ended (signed out, idle, past its maximum age, user disabled or role changed).' },
  mail_bounce_unauthorized: { status: 401, message: 'Missing or invalid bounce notification credentials', description: 'A bounce notification without the basic-auth password MAIL_BOUNCE_TOKEN (or any, while it is unset).' },
  sms_inbound_unauthorized: { status: 401, message: 'Missing or invalid SMS gateway credentials', description: 'An inbound SMS request without the basic-auth password SMS_INBOUND_TOKEN (or any, while it is unset).' },
  unauthorized: { status: 401, message: 'Unauthorized', description: 'Any other missing or invalid credential.' },
  // 403
  csrf_token_wrong_session: { status: 403, message: 'CSRF token does not belong to this session', description: 'The CSRF token belongs to another session than the one the request names.' },
  team_key_required: { status: 403, message: 'This operation needs a team API key; this key is scoped to a reviewer', description: 'The operation needs a team API key; this key is scoped to a reviewer.' },
  key_exceeds_creator: { status: 403, message: 'A key cannot be given what its creator lacks', description: 'A key cannot be given what its creator lacks: a permission, the other mode, or a later expiry; nor rolled or revoked by a caller lacking one of its permissions (a key may revoke itself).' },
  role_exceeds_caller: { status: 403, message: 'This role holds permissions the caller lacks', description: 'A user cannot be given, or reached with, a role holding a permission the caller lacks (a key made with `users` and a narrower list).' },
  console_csrf_invalid: { status: 403, message: 'Missing or wrong x-console-csrf header: send the csrfToken of GET /console/session', description: 'A POST, PATCH or DELETE with the console cookie lacks the right `x-console-csrf` header.' },
  origin_forbidden: { status: 403, message: 'Cross-site request refused: the Origin is not this service\'s', description: 'A browser request from another site (its Origin is not this service\'s).' },
  sso_denied: { status: 403, message: 'The single sign-on provider did not sign you in', description: 'The SSO provider did not sign the user in.' },
  sso_no_email: { status: 403, message: 'Your single sign-on account has no verified email address', description: 'The SSO account has no verified email address.' },
  sso_no_role: { status: 403, message: 'Your account is in no group that gives access to this console: ask your administrator', description: 'The SSO account is in no group OIDC_ROLE_MAP maps to a role (its console sessions end).' },
  sso_user_disabled: { status: 403, message: 'Your account is disabled in this console: ask an admin of your team', description: 'The SSO account\'s user is disabled in the console.' },
  password_required: { status: 403, message: 'Enter your current password to change two-step sign-in', description: 'Turning two-step sign-in on or off (POST /console/totp, /console/totp/disable) needs the user\'s current `password`, and none was sent.' },
  password_incorrect: { status: 403, message: 'Your current password is wrong', description: 'The current password sent to turn two-step sign-in on or off is wrong; it counts as a failed sign-in of the email.' },
  forbidden: { status: 403, message: 'This credential may not perform this operation', description: 'Any other operation this credential may not perform.' },
  // 404
  route_not_found: { status: 404, message: 'Route not found', description: 'No route for this method and path.' },
  session_not_found: { status: 404, message: 'Session not found', description: 'The session does not exist or is not the caller\'s.' },
  step_not_found: { status: 404, message: 'Step not found', description: 'The step does not exist or is not in the caller\'s session.' },
  source_not_found: { status: 404, message: 'Data source not found', description: 'The data source does not exist or is disabled.' },
  login_flow_not_found: { status: 404, message: 'Login flow not found', description: 'The data source has no SDK login flow.' },
  callback_not_found: { status: 404, message: 'Unknown callback', description: 'The Reclaim callback URL is unknown.' },
  webhook_not_found: { status: 404, message: 'Webhook endpoint not found', description: 'The webhook endpoint does not exist or is not the team\'s.' },
  asset_not_found: { status: 404, message: 'Asset not found', description: 'The applicant page asset does not exist.' },
  event_not_found: { status: 404, message: 'Event not found', description: 'The event (a `startingAfter` cursor) does not exist, is past its 30 days, or is not the caller\'s.' },
  delivery_not_found: { status: 404, message: 'Webhook delivery not found', description: 'The webhook delivery does not exist or is not the endpoint\'s.' },
  api_key_not_found: { status: 404, message: 'API key not found', description: 'The API key does not exist or is not the team\'s (in the caller\'s mode).' },
  audit_entry_not_found: { status: 404, message: 'Audit entry not found', description: 'The audit entry (a `startingAfter` cursor) does not exist or is not the caller\'s.' },
  user_not_found: { status: 404, message: 'User not found', description: 'The user does not exist or is not of the caller\'s team.' },
  suppression_not_found: { status: 404, message: 'Suppression not found', description: 'The delivery suppression does not exist (or was lifted) or is not the team\'s.' },
  sso_not_configured: { status: 404, message: 'Single sign-on is not configured on this instance', description: 'Single sign-on is not configured on this instance.' },
  not_found: { status: 404, message: 'Not found', description: 'Any other resource that does not exist or is not the caller\'s.' },
  // 409
  idempotency_key_reused: { status: 409, message: 'Idempotency-Key was already used with a different request body', description: 'The Idempotency-Key was already used with a different request.' },
  idempotency_key_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still being handled; retry shortly', description: 'A request with this Idempotency-Key is still being handled; retry shortly.' },
  session_status_conflict: { status: 409, message: 'The session\'s status forbids this operation', description: 'The session\'s current status forbids this operation.' },
  step_status_conflict: { status: 409, message: 'The step\'s status forbids this operation', description: 'The step\'s current status forbids this operation.' },
  step_not_initiated: { status: 409, message: 'Step has not been initiated: call /partner/step/initiate first', description: 'Proofs were submitted for a step that has not been initiated.' },
  step_attempts_exhausted: { status: 409, message: 'Step has no attempts left', description: 'The step has no attempts left.' },
  concurrent_update: { status: 409, message: 'The session changed meanwhile; read it again', description: 'The session or step changed while the request was handled; read it again and retry.' },
  consent_required: { status: 409, message: 'The applicant must accept the consent text first (POST /partner/verification/consent)', description: 'The team requires consent (`requireConsent`) and the applicant has not accepted the consent text yet.' },
  consent_version_mismatch: { status: 409, message: 'The consent text has changed: read it again (GET /partner/verification/consent)', description: 'The consent answer names another version of the consent text than the current one.' },
  proof_already_used: { status: 409, message: 'Proof has already been used', description: 'The proof was already used (replay protection).' },
  webhook_limit_reached: { status: 409, message: 'The team has the maximum number of webhook endpoints; delete one first', description: 'The team has the maximum number of webhook endpoints.' },
  webhook_disabled: { status: 409, message: 'Webhook endpoint is disabled; enable it before redelivering', description: 'The webhook endpoint is disabled; enable it before redelivering.' },
  api_key_revoked: { status: 409, message: 'The key is revoked; create a new one', description: 'The API key is revoked: it cannot be rolled.' },
  api_key_already_rolled: { status: 409, message: 'The key was rolled already; roll its successor', description: 'The API key was rolled already: roll its successor.' },
  api_key_expired: { status: 409, message: 'The key has expired; create a new one', description: 'The API key has expired: it cannot be rolled.' },
  more_request_limit_reached: { status: 409, message: 'More can be requested at most 3 times per session', description: 'More was already requested 3 times for this session (REQUEST_MORE).' },
  user_exists: { status: 409, message: 'The team already has a user with this email', description: 'The team already has a user with this email (in any case).' },
  user_last_admin: { status: 409, message: 'The team\'s last enabled admin cannot be disabled or given another role: make another admin first', description: 'The change would leave the team without an enabled admin.' },
  user_disabled: { status: 409, message: 'The user is disabled: enable them first', description: 'The user is disabled: enable them first.' },
  totp_already_enabled: { status: 409, message: 'Two-step sign-in is already on: turn it off first to enroll a new authenticator', description: 'Two-step sign-in is already on for this user.' },
  totp_not_started: { status: 409, message: 'No authenticator is being enrolled: start with POST /console/totp', description: 'A code was sent to confirm an enrollment that was never started.' },
  totp_not_enabled: { status: 409, message: 'Two-step sign-in is not on for this user', description: 'Two-step sign-in is not on for this user.' },
  suppression_applicant_stop: { status: 409, message: 'The applicant replied STOP to this number: only their START lifts it', description: 'A suppression made by the applicant\'s STOP reply cannot be lifted by the partner (the applicant replies START; carriers refuse messages to the number until then).' },
  totp_needs_password: { status: 409, message: 'You sign in with single sign-on and have no password here: your identity provider asks for the second step', description: 'The user has no password (they sign in with SSO): two-step sign-in here guards password sign-in only.' },
  sandbox_disabled: { status: 409, message: 'Test mode is off on this instance (SANDBOX_ENABLED=false)', description: 'Test mode is off on this instance (SANDBOX_ENABLED=false).' },
  conflict: { status: 409, message: 'Conflict with the current state', description: 'Any other conflict with the current state.' },
  // 410
  session_expired: { status: 410, message: 'Verification session has expired', description: 'The session has expired (or was canceled).' },
  session_redacted: { status: 410, message: 'The session\'s applicant data was erased', description: 'The session was redacted: what it held about the applicant (and so its report, or a re-verification of it) is gone.' },
  gone: { status: 410, message: 'Gone', description: 'Any other resource that is no longer available.' },
  // 413, 415
  body_too_large: { status: 413, message: 'Request body is larger than 1 MiB', description: 'The body is larger than the route allows (1 MiB; 256 KiB for proof submissions by default).' },
  unsupported_media_type: { status: 415, message: 'Unsupported Content-Type; send application/json', description: 'The Content-Type is not one the route accepts (application/json).' },
  // 422
  totp_code_invalid: { status: 422, message: 'The code is wrong, expired or already used: enter the current code from your authenticator app', description: 'The TOTP code does not match the secret at this time (one 30-second step either way), or was used before.' },
  proof_invalid: { status: 422, message: 'The proof failed verification', description: 'A well-formed proof failed verification; the message says why. A more specific `proof_*` code may name the rule that failed.' },
  proof_provider_not_http: { status: 422, message: 'Rule 5 (source binding): the proof\'s provider is not http', description: "Rule 5: the proof's provider is not `http`." },
  proof_url_not_https: { status: 422, message: 'Rule 5 (source binding): the proof\'s request URL is not a plain https URL', description: "Rule 5: the proof's request URL is not a plain https URL of a host (no credentials, no templated host)." },
  proof_host_mismatch: { status: 422, message: 'Rule 5 (source binding): the proof\'s host is not one of the source\'s', description: "Rule 5: the proof's request went to a host that is not one of the source's hosts." },
  proof_provider_hash_mismatch: { status: 422, message: 'Rule 5 (source binding): the provider hash does not match', description: "Rule 5: the provider hash recomputed from the proof's parameters differs from its context's." },
  proof_provider_not_pinned: { status: 422, message: 'Rule 5 (source binding): the proof\'s provider hash is not pinned', description: "Rule 5: the source pins provider hashes (or RECLAIM_REQUIRE_PINNED is set) and the proof's is not pinned." },
  proof_parameter_missing: { status: 422, message: 'Rule 5 (source binding): a declared parameter is missing', description: "Rule 5: a parameter the source declares is missing from the proof's extracted parameters." },
  proof_malformed: { status: 422, message: 'Proof is malformed', description: 'A proof is not shaped as a Reclaim proof, refused before any cryptography; nothing changes (no attempt used). Rules 1.1-1.4 (an `error` field, empty `signatures`, more signatures than witnesses, a witness listed twice) also name the field in `errors: [{path: "proofs.<i>.<field>", message}]`.' },
  proof_path_mismatch: { status: 422, message: 'Rule 5.7 (source binding): the proof\'s request path is not one of the source\'s', description: "Rule 5.7: the proof's request path is not one of the source's paths (exact or prefix), or holds a template or dot segment." },
  proof_extraction_mismatch: { status: 422, message: 'Rule 5.8 (source binding): a parameter is not extracted as the source declares', description: 'Rule 5.8: a declared parameter is not extracted by the redaction (jsonPath/regex) the source declares for it.' },
  proof_tee_nonce_invalid: { status: 422, message: 'Rule 4.2: the proof\'s TEE attestation nonce is not this service\'s', description: "Rule 4.2: the proof's TEE attestation nonce was not made for this service's application and this Reclaim session within 600 s of the claim (neither the app secret's hash nor the application key's signature)." },
  proof_simulated_failure: { status: 422, message: 'Simulated failure: the sandbox was asked for a failed verification', description: 'The sandbox was asked for a failed verification (test sessions).' },
  decision_reason_required: { status: 422, message: 'This decision needs at least one reason', description: 'A REJECT or REQUEST_MORE decision was sent without reasons (codes of the team\'s decision reasons).' },
  decision_reason_unknown: { status: 422, message: 'A reason is not one of the team\'s reasons of this decision\'s kind', description: 'A decision names a reason code that is not one of the team\'s reasons of that decision\'s kind (a REQUEST_MORE also takes reject reasons).' },
  unprocessable: { status: 422, message: 'Unprocessable request', description: 'Any other well-formed request that cannot be processed.' },
  // 429
  rate_limited: { status: 429, message: 'Too many requests', description: 'Too many requests; retry after Retry-After seconds.' },
  sign_in_rate_limited: { status: 429, message: 'Too many failed sign-ins for this email', description: '10 failed sign-ins for this email in 15 minutes; retry after Retry-After seconds.' },
  // Another 4xx the framework raised (answered with its own status)
  client_error: { status: 400, message: 'Client error', description: 'Any other client error (answered with the 4xx status the framework raised).' },
  // 5xx
  internal_error: { status: 500, message: 'Internal server error', description: 'An unexpected error; the request id finds it in the log.' },
  upstream_error: { status: 502, message: 'The Reclaim API answered with an error', description: 'The Reclaim API answered with an error or an unusable answer.' },
  upstream_unavailable: { status: 503, message: 'The Reclaim API did not answer; try again shortly', description: 'The Reclaim API did not answer; retry after Retry-After seconds.' },
  database_unavailable: { status: 503, message: 'Service temporarily unavailable, try again shortly', description: 'The database is unreachable or timed out; retry after Retry-After seconds.' },
  sso_unavailable: { status: 503, message: 'The single sign-on provider cannot be reached; try again shortly', description: 'The SSO provider cannot be reached.' },
  service_unavailable: { status: 503, message: 'Service temporarily unavailable', description: 'Any other temporary unavailability.' }
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERRORS

/** Every registered code with what it means (the README and the OpenAPI document list them). */
export const ERROR_CODES: Record<ErrorCode, string> = Object.fromEntries(
  Object.entries(ERRORS).map(([code, spec]) => [code, spec.description])
) as Record<ErrorCode, string>

/** Codes are snake_case ASCII; verifier rule codes (`proof_host_mismatch`, ...) follow the same form. */
export const ERROR_CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/

/** The error to throw for `code`: its registered status, the given message (or the default) and headers. */
export function fail (code: ErrorCode, message?: string, headers: Record<string, string> = {}, errors?: FieldError[]): HttpError {
  const spec: ErrorSpec = ERRORS[code]
  return new HttpError(spec.status, message ?? spec.message, headers, code, errors)
}

/** The README's table of codes, generated from the registry (between its error-codes markers). */
export function errorCodeTable (): string {
  const rows = Object.entries(ERRORS).map(([code, spec]: [string, ErrorSpec]) => `| ${spec.status} | \`${code}\` | ${spec.description} |`)
  return ['| Status | Code | Meaning |', '|---|---|---|', ...rows].join('\n')
}
