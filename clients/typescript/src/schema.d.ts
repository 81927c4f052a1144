/**
 * Generated from openapi/openapi.json by openapi-typescript: do not edit.
 * Regenerate with `npm run openapi:generate` at the repository root.
 */

export interface paths {
    "/partner/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create verification session
         * @description Creates a session and returns its verification links. Send an `Idempotency-Key` header to retry safely: the same key and body within 24 h returns the same session; a different body is a 409. A replay carries `Idempotent-Replayed: true`.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/reverify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-verify a session's applicant
         * @description A new session for the same applicant (names, email, applicant id), with the same allowed sources and reviewer, and `parentSessionId` naming this one; answered as POST /partner/session answers (201 with the verification link). The link is sent as `delivery` says, else on the channels the parent's link was last sent on (`delivery` in the answer; nothing is sent when the service never sent the parent's). The reviewer detail of the new session compares each fact with the parent's (`comparison`). 409 unless the session is REVIEWING or final; 410 once it is redacted. A key with a reviewer reaches only its reviewer's sessions; any other session reads as 404. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["reverifySession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/verification/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Exchange the link token for a CSRF token (the manual link)
         * @description Exchanges the verification link token for a CSRF token valid for 15 minutes and for this session only. The link token stays valid until the session expires, so a new CSRF token can be had at any time. A browser asking for HTML gets the hosted applicant page instead.
         */
        get: operations["exchangeLinkTokenByQuery"];
        put?: never;
        /**
         * Exchange the link token for a CSRF token
         * @description Exchanges the verification link token for a CSRF token valid for 15 minutes and for this session only. The link token stays valid until the session expires, so a new CSRF token can be had at any time.
         */
        post: operations["exchangeLinkToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/verification/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consent text to show the applicant
         * @description Who asks (the team's displayName), why (the session's purpose), what each source the applicant may select shares (its declared parameters, in words) and how long the data is kept (the team's retentionDays, else RETENTION_DAYS), in the applicant's language: `locale` if given, else the session's params.locale, else Accept-Language, else the team's defaultLocale, else en. Show `text` exactly as it is: accepting records the sha256 of this text (`textHash`).
         */
        get: operations["getConsentText"];
        put?: never;
        /**
         * Accept or decline the consent text
         * @description Accepting records `consent: {version, textHash, locale, acceptedAt, ip, userAgent}` on the session (once; accepting again answers the first record), which partners and reviewers see and which outlives redaction without the ip. Declining ends the session: EXPIRED with statusReason `consent_declined` (event session.expired). `version` must be the current text's (else 409 consent_version_mismatch). A team with `requireConsent` refuses source selection (409 consent_required) until the applicant accepts.
         */
        post: operations["answerConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/sources/session/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get verification sources by session
         * @description The session's allowed sources, or every enabled source when the session set none.
         */
        get: operations["listSessionSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/sources/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search data sources
         * @description Case-insensitive search over name, sourceName, description and category, best matches first. With sessionId, only that session's sources.
         */
        get: operations["searchSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/step/select-data-source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Select data sources for session
         * @description Creates one step per selected source (selecting a source again changes nothing) and moves the session to PROCESSING.
         */
        post: operations["selectDataSources"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/steps/session/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get all steps for session */
        get: operations["listSessionSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/steps/{stepId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get step details */
        get: operations["getStep"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/step/initiate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Initiate verification step
         * @description Creates a Reclaim proof request for the step's source, bound to this attempt (a fresh context message and Reclaim session id; proofs made for an earlier attempt are refused). `redirectUrl` is where the applicant produces the proof; `formData` carries what a client SDK needs; `metadata` tells the source, the attempt and when the request expires. Only a PENDING, INITIATED or FAILED step with attempts left can be initiated.
         */
        post: operations["initiateStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/step/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit verification proofs
         * @description Verifies every proof offline (attestor signatures, binding to this step's initiation, provider, freshness). All valid: the step is VERIFIED and, once every step is, the session moves to REVIEWING. One invalid: 422 saying why, the step is FAILED and the attempt counts; the session FAILS when the step runs out of attempts. A proof accepted before anywhere: 409. Concurrent submissions for one step: one wins, the others get 409.
         */
        post: operations["submitStepProofs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/sandbox/step/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a proof for a test session
         * @description Test sessions only (made with a test key; a live session is a 404). Completes an INITIATED step as a real proof would and answers as submit does. `success`: a proof signed by this instance's sandbox attestor, about the source's first host with its declared parameters (values from `extractedParameters`, else plausible ones), goes through the same verification and transitions; `failure`: the step fails as an invalid proof does (422, an attempt used).
         */
        post: operations["simulateStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/reclaim/callback/{callbackToken}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive proofs from the Reclaim app
         * @description The callback URL handed out at initiate (its token authenticates the request; no CSRF token). The body is one proof or an array of proofs, as `application/json` or as URL-encoded JSON in an `application/x-www-form-urlencoded` body (the Reclaim app's default). Verified exactly as /partner/step/submit.
         */
        post: operations["receiveReclaimCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/sdk/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create SDK verification session
         * @description Starts an SDK verification for one source: 404 "Verification source not found" for an unknown sourceName, 404 "Login flow not found" for a source without an SDK login flow. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["createSdkSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/reviewer/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get reviewer sessions
         * @description Sessions of the key's reviewer, or of the whole team when the key has no reviewer. Filters: status (one or a comma-separated list), applicantId, q, createdAfter, createdBefore, overdue, tag. Sort: createdAt, updatedAt, status or dueAt. Paging: limit with offset, or limit with startingAfter (the page after that session in the sort order; 404 for a session not in the list); hasMore says whether more follow.
         */
        get: operations["listReviewerSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/reviewer/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a session for review
         * @description The session with its steps and their proofs, the verified facts (values taken only from signed proof contexts, with their source) and the audit trail. A key with a reviewer sees only its reviewer's sessions; any other session reads as 404.
         */
        get: operations["getReviewerSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/reviewer/sessions/{sessionId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, reject or ask for more
         * @description Only while the session is REVIEWING (else 409; 410 once it has expired). APPROVE: the session is COMPLETED and its steps COMPLETED; REJECT: the session is REJECTED; REQUEST_MORE (with a message, reasons and optionally sourceIds): the session goes back to PROCESSING with new steps or new proofs to make, the message shown on the hosted page, event session.more_requested; at most 3 times per session (409 more_request_limit_reached). `reasons` are codes of the team's decision reasons of the decision's kind (a REQUEST_MORE also takes reject reasons): at least one for REJECT and REQUEST_MORE (422 decision_reason_required), optional for APPROVE; unknown codes 422 decision_reason_unknown. They are kept as decisionReasons and carried by the event. The optional note is kept as decisionNote. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["decideSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/reviewer/sessions/{sessionId}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a note to a session
         * @description A note for the team's reviewers (author and time kept; listed in the session's detail, oldest first; in the audit trail). Any status; 410 session_redacted once the session is redacted, which erases the notes' text. A key with a reviewer reaches only its reviewer's sessions. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["addSessionNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/report.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed evidence bundle of a session
         * @description {bundle, signature}: the bundle signed with the instance's Ed25519 key (GET /.well-known/partner-api-report-key), so anyone re-checks it offline with `partner-api report verify`, proofs included. From REVIEWING on (REVIEWING, COMPLETED, REJECTED; 409 before), 410 once the session is redacted. A key with a reviewer reaches only its reviewer's sessions.
         */
        get: operations["getSessionReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's report as a PDF
         * @description One to three pages: the applicant, the decision, the consent record, the verified facts, the signals, each proof's host and attestors, and the sha256 of the signed bundle (printed and as a QR code). From REVIEWING on (REVIEWING, COMPLETED, REJECTED; 409 before), 410 once the session is redacted. A key with a reviewer reaches only its reviewer's sessions.
         */
        get: operations["getSessionReportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller: a key or a console user
         * @description Whose key this is, or which user signed in to the console (team, reviewer scope, mode, role), what it may do, and for a key its permission list and pinned API version.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The team's keys of the caller's mode, oldest first, revoked and expired ones included; never the keys themselves. Needs the `keys:write` permission (team keys have it unless made without it; admin users). A key sees and makes keys of its own mode.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description A new key, shown once in `key`, pinned to the current API version. It never holds more than the caller: no permission the caller lacks, the caller's mode, and no later expiry than the caller's (403 `key_exceeds_creator`). Event `api_key.created`; audit entry `api_key.created`. Needs the `keys:write` permission (team keys have it unless made without it; admin users). A key sees and makes keys of its own mode. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/keys/{id}/roll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll an API key
         * @description A new key (shown once) with the same name, reviewer, mode, permissions, API version, expiry and rate limits; the old key keeps working for `expiresInSeconds` (0 by default: it stops at once; at most 7 days), then is refused. A key is rolled once (409 `api_key_already_rolled`: roll its successor); a revoked or expired key cannot be rolled (409). The caller must hold every permission of the key. Event `api_key.rolled`. Needs the `keys:write` permission (team keys have it unless made without it; admin users). A key sees and makes keys of its own mode. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["rollApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description The key is refused from the next request on (every process: keys are not cached). Revoking a revoked key answers it as it is. The caller must hold every permission of the key (403 `key_exceeds_creator`); a key may always revoke itself. Event `api_key.revoked`. Needs the `keys:write` permission (team keys have it unless made without it; admin users). A key sees and makes keys of its own mode. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["revokeApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a session
         * @description The session as the list shows it, with its allowed sources and its steps. A key with a reviewer reaches only its reviewer's sessions; any other session reads as 404.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a session
         * @description A PENDING, PROCESSING or REVIEWING session ends at once as EXPIRED with statusReason "canceled" (409 from any other status); the applicant's calls then answer 410, and the session.expired event carries the reason. The body is optional. A key with a reviewer reaches only its reviewer's sessions; any other session reads as 404. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["cancelSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new verification link
         * @description For an open session (409 once final): a new link token; the old one and every CSRF token of the session stop working at once. With `delivery`, the new link is also sent to the applicant (the session's applicantEmail / applicantPhone), and reminders count again from now; the answer's `delivery` says `queued` or `outbox`. Reminders always carry the newest link. A key with a reviewer reaches only its reviewer's sessions; any other session reads as 404. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["reissueSessionLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/redact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase the applicant's data of a final session
         * @description Team keys only (403 for a reviewer's key); 409 for an open session. Erases the applicant's names, email, ids, applicantData, metadata, instructions, the decision note, audit details, proof contents, event payloads and the idempotency replay; keeps ids, statuses, dates, audit actions and proof identifiers; sets redactedAt. Idempotent. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["redactSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a session to a reviewer
         * @description Team keys only (403 for a reviewer's key). reviewerId null puts the session back in the team's queue. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["assignSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/session/{sessionId}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a session's tags
         * @description Replaces the session's tags (at most 10, each 1 to 32 of a-z, 0-9 and -; an empty list removes them all). The reviewer list filters by one (tag=). Audited. A key with a reviewer reaches only its reviewer's sessions; any other session reads as 404. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        put: operations["setSessionTags"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/decision-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The team's decision reasons
         * @description The reasons reviewers give with a decision (`reasons` of POST /partner/reviewer/sessions/:sessionId/decision): each with a code, a label and the decision it is for (reject, approve, more). A team that never set its own reads the defaults (isDefault: true).
         */
        get: operations["getDecisionReasons"];
        /**
         * Replace the team's decision reasons
         * @description Needs the settings permission (a live team key or an admin; 403 for a reviewer's key and a test key). The whole list, in order; codes unique; at least one reject reason (a REQUEST_MORE takes more and reject reasons). The body is `{reasons: [...]}`, or the bare array `[{code, label, kind}]`. Decisions already made keep the codes and labels they were given. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        put: operations["putDecisionReasons"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description The team's endpoints, oldest first, without their secrets.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create webhook endpoint
         * @description Registers a URL to receive the team's events. The response holds the signing secret, shown only here. Deliveries are POSTed as JSON `{type, timestamp, apiVersion, data}` (`data` shaped by the endpoint's `apiVersion`, pinned when it is created: the version the creating request was served with) with Standard Webhooks headers (`webhook-id` = `evt_<n>`, the same on every retry; `webhook-timestamp`; `webhook-signature`), to be verified with the endpoint's secret. A 2xx answer within 10 s counts as delivered; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h, then the delivery is FAILED. Endpoints receive events that happen after they are created. A key scoped to a reviewer gets 403. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete webhook endpoint
         * @description Deletes the endpoint and its delivery history; nothing more is sent to it.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Update webhook endpoint
         * @description Changes the URL, the subscribed events, or enables/disables the endpoint. Disabling fails its pending deliveries.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/partner/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate webhook signing secret
         * @description Returns a new secret, shown only here. For 24 hours deliveries carry two signatures, one per secret, so receivers can switch without missing any. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Sends a `webhook.test` event to the endpoint now, signed as every delivery is (`webhook-id` `evt_test_<random>`), and answers with the receiver's status, the start of its answer and the time taken. Nothing is stored or retried; the endpoint's subscriptions and enabled flag do not apply. Team keys only.
         */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recent deliveries
         * @description The endpoint's deliveries, newest first: status, attempts, next attempt, the last attempt's HTTP status or error, the event payload sent and the start of the receiver's answer (2 KiB).
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver an event
         * @description Queues a new attempt of the delivery's event to this endpoint now (202): a DELIVERED or FAILED delivery is PENDING again with a fresh set of retries; a PENDING one is brought forward unless an attempt of it may be in flight. The same `webhook-id` is sent again. 409 while the endpoint is disabled. Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Every event the webhooks send, of the key's team and mode, newest first (`order=asc`: oldest first, for catching up), kept 30 days: to catch up after an outage. `type` filters by an exact type or a prefix (`session.*`; 400 when it matches no event type), `sessionId` by session; `startingAfter=<event id>` gives the page after that event in the chosen order (404 if it is not in this list). A key scoped to a reviewer gets 403.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The team audit log
         * @description Who did what, newest first: sign-ins, user, key and webhook changes, decisions, cancellations, redactions, and every read of applicant data (`session.viewed`: once per actor, session and minute). Entries are never changed or deleted (the database refuses to) and hold no applicant data, so they outlive a session's redaction. A key reads its mode's entries and those without a mode. `startingAfter=<entry id>` gives the next page (404 if it is not in this list). `format=csv` answers the same page as text/csv (1000 entries by default), with the headers `Partner-Has-More` and, when true, `Partner-Next-Starting-After`. Needs the `audit:read` permission (team keys, admin and viewer users).
         */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the team's users
         * @description Every user of the team, oldest first, enabled or not. Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`).
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description A new user of the team and a one-time setup link (24 hours) where they set a password; 409 `user_exists` when the team has one with this email, in any case. reviewerId defaults to the email (lower case). Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`). Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/users/{id}/setup-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new setup link for a user
         * @description For a lost or expired link, or a forgotten password: a new one-time link (24 hours) where the user sets a password; any earlier link stops working, and a password already set stays until the link is used. 409 `user_disabled` for a disabled user. Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`). Send an `Idempotency-Key` header (1 to 255 characters) to retry safely: within 24 h the same key on this route (same path) with the same body answers the first request's status and body again, with `Idempotent-Replayed: true`; a different body is a 409 `idempotency_key_reused`, and a retry while the first is still running a 409 `idempotency_key_in_progress`.
         */
        post: operations["createUserSetupLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user's role, or disable them
         * @description A change of role or a disabling ends the user's console sessions at once; 409 `user_last_admin` for the team's last enabled admin. Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`).
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/partner/users/{id}/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Turn a user's two-step sign-in off (lost authenticator)
         * @description For a user who lost their authenticator app: two-step sign-in is turned off and their console sessions end; they sign in with their password and may enroll again. Answers the user (unchanged when it was off). Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`).
         */
        delete: operations["resetUserTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How one signs in to the console */
        get: operations["getConsoleSignInOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user and the CSRF token
         * @description The user of the console cookie, the `csrfToken` to send as `x-console-csrf` on unsafe methods, and the mode the console works in. 401 when not signed in, or the session has ended.
         */
        get: operations["getConsoleSession"];
        put?: never;
        /**
         * Sign in with email and password
         * @description Sets the console session cookie (HttpOnly, SameSite=Lax; `__Host-` and Secure when PUBLIC_BASE_URL is https). One answer, 401 `sign_in_failed`, for an unknown email and a wrong password alike; a user with two-step sign-in also sends `totpCode` (401 `totp_required` without it; a wrong or used code is a failed sign-in); after 10 failures for one email in 15 minutes, 429 `sign_in_rate_limited` until the window passes; a client address's failures count against AUTH_FAILURE_LIMIT too (429 `rate_limited`). A session ends after CONSOLE_SESSION_IDLE_MIN minutes unused and CONSOLE_SESSION_MAX_HOURS hours in all.
         */
        post: operations["signInToConsole"];
        /**
         * Sign out
         * @description Ends the console session at once and clears the cookie. Needs `x-console-csrf`.
         */
        delete: operations["signOutOfConsole"];
        options?: never;
        head?: never;
        /**
         * Switch the console between live and test data
         * @description Users work on live data; `livemode: false` shows the team's test (sandbox) sessions instead, where the sandbox is on (409 `sandbox_disabled` otherwise). Needs `x-console-csrf`.
         */
        patch: operations["updateConsoleSession"];
        trace?: never;
    };
    "/console/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start two-step sign-in: a new authenticator secret
         * @description A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 seconds) for the signed-in user, as a QR code, an otpauth:// URI and base32 text, shown this once; it takes effect when POST /console/totp/confirm receives a first code. Starting again replaces a secret not yet confirmed. Needs the user's current `password` (a stolen session alone cannot bind another authenticator): 403 `password_required` without it, 403 `password_incorrect` when wrong, which counts as a failed sign-in of the user's email (after 10 in 15 minutes, 429 `sign_in_rate_limited`). 409 `totp_already_enabled` while one is in use; 409 `totp_needs_password` for a user without a password (SSO only: the provider asks for the second step). Recorded in the audit log (`user.totp_enrollment_started`). Needs `x-console-csrf`.
         */
        post: operations["startConsoleTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-step sign-in on with a first code
         * @description The current code of the app that scanned the new secret: from now on a password sign-in also needs a code. 422 `totp_code_invalid` for a wrong code; 409 `totp_not_started` without POST /console/totp first. Recorded in the audit log (`user.totp_enabled`). Needs `x-console-csrf`.
         */
        post: operations["confirmConsoleTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-step sign-in off
         * @description With a current code and the user's current `password` (a stolen session alone cannot turn it off). 403 `password_required` without the password; 403 `password_incorrect` for a wrong one and 422 `totp_code_invalid` for a wrong or used code, each counting as a failed sign-in of the user's email (after 10 in 15 minutes, 429 `sign_in_rate_limited`); 409 `totp_not_enabled` when it is off. A user without a password (SSO only) sends the code alone. A user who lost their phone asks an admin (DELETE /partner/users/:id/totp) or an operator (`partner-api users reset-totp`). Recorded in the audit log (`user.totp_disabled`). Needs `x-console-csrf`.
         */
        post: operations["disableConsoleTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a password with a one-time setup link
         * @description The `token` of the setup link (`users create` or POST /partner/users) and a new password: at least 12 characters, not in a list of common passwords (400 `password_too_weak`). The link is then used up (400 `setup_token_invalid` for an unknown, used or expired one), and any console session of the user ends. Then sign in with POST /console/session.
         */
        post: operations["setConsolePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the team's settings
         * @description Every setting of the calling key's team, defaults included. Live team keys only: a key scoped to a reviewer gets 403 (`team_key_required`), a test key 403 (`forbidden`: live applicants follow these settings).
         */
        get: operations["getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the team's settings
         * @description Changes the fields sent and answers every setting. Every field is checked first: one invalid field (400 `validation_failed`) changes nothing. `retentionDays` overrides RETENTION_DAYS for the team's sessions in the retention sweep. Live team keys only: a key scoped to a reviewer gets 403 (`team_key_required`), a test key 403 (`forbidden`: live applicants follow these settings).
         */
        patch: operations["updateSettings"];
        trace?: never;
    };
    "/partner/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages kept in the outbox
         * @description Without SMTP_URL (or SMS_WEBHOOK_URL) the messages that carry the link to applicants are kept in the database instead of sent: the team's of the caller's mode (a test key sees test sessions' messages only, a live key live ones), newest first, with what they say (the console's Outbox page). Team keys only (403 `team_key_required`).
         */
        get: operations["listOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The team's suppressed addresses
         * @description Newest first, by `channel`, `reason` or `address` (an email address or an E.164 number, compared by its keyed hash); `startingAfter=<id>` gives the next page. An address is suppressed for the team on one channel after the applicant's STOP reply or unsubscribe, or a hard bounce (the mail server's permanent failure for the address, in a bounce or when it refuses the recipient at send time with 5.1.x, 5.2.1 or 5.4.4; the SMS gateway's `undelivered`): the team's messages to it are not sent (`suppressed` in the session's `deliveries`, with the event `session.link_delivery_failed`). Suppressions are the team's, in both modes. Only a keyed hash of each address is kept. Team keys with the `settings` permission (403 `team_key_required` for a key scoped to a reviewer).
         */
        get: operations["listDeliverySuppressions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/suppressions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Lift a suppression
         * @description The team's messages reach the address again, from the next send or reminder on (the address was fixed, or the applicant asked to hear from you again); answers the suppression lifted. A STOP is the applicant's to lift, by replying START (409 `suppression_applicant_stop`). An address is suppressed for the team on one channel after the applicant's STOP reply or unsubscribe, or a hard bounce (the mail server's permanent failure for the address, in a bounce or when it refuses the recipient at send time with 5.1.x, 5.2.1 or 5.4.4; the SMS gateway's `undelivered`): the team's messages to it are not sent (`suppressed` in the session's `deliveries`, with the event `session.link_delivery_failed`). Suppressions are the team's, in both modes. Only a keyed hash of each address is kept. Team keys with the `settings` permission (403 `team_key_required` for a key scoped to a reviewer).
         */
        delete: operations["liftDeliverySuppression"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/sms/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An SMS reply from the gateway (STOP)
         * @description Where the SMS gateway posts replies (Twilio's inbound webhook shape: `From`, `Body`, form-encoded or JSON), with HTTP basic auth whose password is SMS_INBOUND_TOKEN (401 otherwise, and always while it is unset). `STOP` (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, ALTO, PARAR, BAJA) ends every message to that number from each team that sent it one, reminders included; `START` (UNSTOP, YES) undoes it. Other text is ignored.
         */
        post: operations["receiveInboundSms"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/sms/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The gateway's later status of an SMS (undelivered, failed)
         * @description Where the SMS gateway reports what became of a message it accepted (Twilio's StatusCallback: `MessageSid`, `MessageStatus`, `ErrorCode`, form-encoded or JSON), with HTTP basic auth whose password is SMS_INBOUND_TOKEN (401 otherwise, and always while it is unset); while the token is set, each SMS is sent with this URL as its `StatusCallback`. `undelivered` makes the message `bounced`, `failed` makes it `failed`, with the error in lastError and the event `session.link_delivery_failed`; other statuses change nothing. A message is reported lost once. An `undelivered` without an error code, or with 30004, 30005 or 30006 (blocked, unknown handset, landline), is a hard bounce: the number is suppressed for the team (GET /partner/delivery/suppressions) and the event says `suppressed: true`.
         */
        post: operations["receiveSmsStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/email/bounce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A bounce of an email (a delivery status notification)
         * @description Where the mail server's bounces go (RFC 3464 delivery status notifications sent back to MAIL_FROM: pipe them here, `Content-Type: message/rfc822`, `multipart/report` or `text/plain`, the message as received), with HTTP basic auth whose password is MAIL_BOUNCE_TOKEN (401 otherwise, and always while it is unset). A notification that delivery `failed` for the address an email was sent to, naming the email by its Message-ID (in the returned headers), makes that message `bounced`, with the server's status and diagnostic in lastError and the event `session.link_delivery_failed`; delays and notifications of other messages change nothing. A hard bounce (status 5.1.x, 5.2.1 or 5.4.4: no such mailbox or domain, mailbox disabled; or no status) also suppresses the address for the team (GET /partner/delivery/suppressions) and the event says `suppressed: true`; a full mailbox or a refusal of the message does not. 400 for a body that is no delivery status notification.
         */
        post: operations["receiveMailBounce"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/delivery/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The email's unsubscribe page
         * @description Asks the applicant to confirm (a page with one button); nothing changes on GET, so mail scanners that follow links unsubscribe nobody. A token that is not the service's gets a page saying the link is not valid. The page speaks `lang` (the email's language, in the link), else the browser's Accept-Language.
         */
        get: operations["unsubscribePage"];
        put?: never;
        /**
         * Unsubscribe (the page's button, or the mail client's one-click)
         * @description Stops the team's messages to the address the token names (RFC 8058 one-click: `List-Unsubscribe=One-Click` in the body, the token in the query; or the page's form with `t`).
         */
        post: operations["unsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Error body: statusCode, message, the status reason phrase, a machine-readable code and the request id */
        Error: {
            /** @description The HTTP status */
            statusCode: number;
            /** @description What went wrong, for people; may be reworded */
            message: string;
            /** @description The status reason phrase */
            error: string;
            /**
             * @description Stable machine-readable name of the failure; branch on this, not on `message`. New codes may be added (a 422 may carry a `proof_*` code naming the failed verification rule). Known codes:
             *     - `malformed_json`: The body is not valid JSON.
             *     - `body_empty`: The body is empty while Content-Type says application/json.
             *     - `content_length_mismatch`: Content-Length does not match the body.
             *     - `malformed_url`: The URL is malformed (e.g. a bad percent-encoding).
             *     - `path_parameter_too_long`: A path parameter is longer than the router accepts.
             *     - `malformed_request`: The request could not be routed or read.
             *     - `request_aborted`: The client closed the connection before its request was read.
             *     - `validation_failed`: The body, query or path violates the schema or a field rule; `errors` lists every failing field for schema violations.
             *     - `invalid_characters`: A string or field name holds a NUL character or a lone UTF-16 surrogate.
             *     - `body_too_deep`: The body is nested more than 32 levels deep.
             *     - `idempotency_key_invalid`: The Idempotency-Key header is not 1 to 255 characters.
             *     - `source_unknown`: The request names a data source id that does not exist or is disabled.
             *     - `source_not_allowed`: A data source is not among those the session allows.
             *     - `proof_missing`: A callback body holds no proof.
             *     - `too_many_proofs`: More proofs than one submission accepts.
             *     - `proof_duplicate`: The same proof is submitted twice in one request.
             *     - `api_version_unknown`: The Partner-Version header names no version this server answers with; the message lists the supported ones.
             *     - `permission_unknown`: A permission name is not one a key (or a reviewer's key) can hold.
             *     - `password_too_weak`: The new password is shorter than 12 characters, longer than 256, or a common password.
             *     - `setup_token_invalid`: The setup link is unknown, already used or past its 24 hours.
             *     - `sso_flow_invalid`: The SSO callback came without the flow cookie of the browser that started it, after 10 minutes, or a second time.
             *     - `sso_failed`: The SSO provider's answer could not be verified (state, PKCE, ID token or nonce).
             *     - `bad_request`: Any other malformed request.
             *     - `api_key_missing`: No x-api-key header.
             *     - `api_key_invalid`: The API key is unknown, revoked or expired.
             *     - `csrf_token_missing`: No x-csrf-token header.
             *     - `csrf_token_invalid`: The CSRF token is unknown, expired or superseded.
             *     - `link_token_invalid`: The verification link token is unknown, superseded, or not the session's.
             *     - `metrics_token_invalid`: Missing or wrong bearer token for /metrics.
             *     - `sign_in_failed`: Wrong email or password (the same answer for an email that has no account).
             *     - `totp_required`: The password was right and the user has two-step sign-in on: send `totpCode` too.
             *     - `console_session_invalid`: No console cookie, or its session has ended (signed out, idle, past its maximum age, user disabled or role changed).
             *     - `mail_bounce_unauthorized`: A bounce notification without the basic-auth password MAIL_BOUNCE_TOKEN (or any, while it is unset).
             *     - `sms_inbound_unauthorized`: An inbound SMS request without the basic-auth password SMS_INBOUND_TOKEN (or any, while it is unset).
             *     - `unauthorized`: Any other missing or invalid credential.
             *     - `csrf_token_wrong_session`: The CSRF token belongs to another session than the one the request names.
             *     - `team_key_required`: The operation needs a team API key; this key is scoped to a reviewer.
             *     - `key_exceeds_creator`: A key cannot be given what its creator lacks: a permission, the other mode, or a later expiry; nor rolled or revoked by a caller lacking one of its permissions (a key may revoke itself).
             *     - `role_exceeds_caller`: A user cannot be given, or reached with, a role holding a permission the caller lacks (a key made with `users` and a narrower list).
             *     - `console_csrf_invalid`: A POST, PATCH or DELETE with the console cookie lacks the right `x-console-csrf` header.
             *     - `origin_forbidden`: A browser request from another site (its Origin is not this service's).
             *     - `sso_denied`: The SSO provider did not sign the user in.
             *     - `sso_no_email`: The SSO account has no verified email address.
             *     - `sso_no_role`: The SSO account is in no group OIDC_ROLE_MAP maps to a role (its console sessions end).
             *     - `sso_user_disabled`: The SSO account's user is disabled in the console.
             *     - `password_required`: Turning two-step sign-in on or off (POST /console/totp, /console/totp/disable) needs the user's current `password`, and none was sent.
             *     - `password_incorrect`: The current password sent to turn two-step sign-in on or off is wrong; it counts as a failed sign-in of the email.
             *     - `forbidden`: Any other operation this credential may not perform.
             *     - `route_not_found`: No route for this method and path.
             *     - `session_not_found`: The session does not exist or is not the caller's.
             *     - `step_not_found`: The step does not exist or is not in the caller's session.
             *     - `source_not_found`: The data source does not exist or is disabled.
             *     - `login_flow_not_found`: The data source has no SDK login flow.
             *     - `callback_not_found`: The Reclaim callback URL is unknown.
             *     - `webhook_not_found`: The webhook endpoint does not exist or is not the team's.
             *     - `asset_not_found`: The applicant page asset does not exist.
             *     - `event_not_found`: The event (a `startingAfter` cursor) does not exist, is past its 30 days, or is not the caller's.
             *     - `delivery_not_found`: The webhook delivery does not exist or is not the endpoint's.
             *     - `api_key_not_found`: The API key does not exist or is not the team's (in the caller's mode).
             *     - `audit_entry_not_found`: The audit entry (a `startingAfter` cursor) does not exist or is not the caller's.
             *     - `user_not_found`: The user does not exist or is not of the caller's team.
             *     - `suppression_not_found`: The delivery suppression does not exist (or was lifted) or is not the team's.
             *     - `sso_not_configured`: Single sign-on is not configured on this instance.
             *     - `not_found`: Any other resource that does not exist or is not the caller's.
             *     - `idempotency_key_reused`: The Idempotency-Key was already used with a different request.
             *     - `idempotency_key_in_progress`: A request with this Idempotency-Key is still being handled; retry shortly.
             *     - `session_status_conflict`: The session's current status forbids this operation.
             *     - `step_status_conflict`: The step's current status forbids this operation.
             *     - `step_not_initiated`: Proofs were submitted for a step that has not been initiated.
             *     - `step_attempts_exhausted`: The step has no attempts left.
             *     - `concurrent_update`: The session or step changed while the request was handled; read it again and retry.
             *     - `consent_required`: The team requires consent (`requireConsent`) and the applicant has not accepted the consent text yet.
             *     - `consent_version_mismatch`: The consent answer names another version of the consent text than the current one.
             *     - `proof_already_used`: The proof was already used (replay protection).
             *     - `webhook_limit_reached`: The team has the maximum number of webhook endpoints.
             *     - `webhook_disabled`: The webhook endpoint is disabled; enable it before redelivering.
             *     - `api_key_revoked`: The API key is revoked: it cannot be rolled.
             *     - `api_key_already_rolled`: The API key was rolled already: roll its successor.
             *     - `api_key_expired`: The API key has expired: it cannot be rolled.
             *     - `more_request_limit_reached`: More was already requested 3 times for this session (REQUEST_MORE).
             *     - `user_exists`: The team already has a user with this email (in any case).
             *     - `user_last_admin`: The change would leave the team without an enabled admin.
             *     - `user_disabled`: The user is disabled: enable them first.
             *     - `totp_already_enabled`: Two-step sign-in is already on for this user.
             *     - `totp_not_started`: A code was sent to confirm an enrollment that was never started.
             *     - `totp_not_enabled`: Two-step sign-in is not on for this user.
             *     - `suppression_applicant_stop`: A suppression made by the applicant's STOP reply cannot be lifted by the partner (the applicant replies START; carriers refuse messages to the number until then).
             *     - `totp_needs_password`: The user has no password (they sign in with SSO): two-step sign-in here guards password sign-in only.
             *     - `sandbox_disabled`: Test mode is off on this instance (SANDBOX_ENABLED=false).
             *     - `conflict`: Any other conflict with the current state.
             *     - `session_expired`: The session has expired (or was canceled).
             *     - `session_redacted`: The session was redacted: what it held about the applicant (and so its report, or a re-verification of it) is gone.
             *     - `gone`: Any other resource that is no longer available.
             *     - `body_too_large`: The body is larger than the route allows (1 MiB; 256 KiB for proof submissions by default).
             *     - `unsupported_media_type`: The Content-Type is not one the route accepts (application/json).
             *     - `totp_code_invalid`: The TOTP code does not match the secret at this time (one 30-second step either way), or was used before.
             *     - `proof_invalid`: A well-formed proof failed verification; the message says why. A more specific `proof_*` code may name the rule that failed.
             *     - `proof_provider_not_http`: Rule 5: the proof's provider is not `http`.
             *     - `proof_url_not_https`: Rule 5: the proof's request URL is not a plain https URL of a host (no credentials, no templated host).
             *     - `proof_host_mismatch`: Rule 5: the proof's request went to a host that is not one of the source's hosts.
             *     - `proof_provider_hash_mismatch`: Rule 5: the provider hash recomputed from the proof's parameters differs from its context's.
             *     - `proof_provider_not_pinned`: Rule 5: the source pins provider hashes (or RECLAIM_REQUIRE_PINNED is set) and the proof's is not pinned.
             *     - `proof_parameter_missing`: Rule 5: a parameter the source declares is missing from the proof's extracted parameters.
             *     - `proof_malformed`: A proof is not shaped as a Reclaim proof, refused before any cryptography; nothing changes (no attempt used). Rules 1.1-1.4 (an `error` field, empty `signatures`, more signatures than witnesses, a witness listed twice) also name the field in `errors: [{path: "proofs.<i>.<field>", message}]`.
             *     - `proof_path_mismatch`: Rule 5.7: the proof's request path is not one of the source's paths (exact or prefix), or holds a template or dot segment.
             *     - `proof_extraction_mismatch`: Rule 5.8: a declared parameter is not extracted by the redaction (jsonPath/regex) the source declares for it.
             *     - `proof_tee_nonce_invalid`: Rule 4.2: the proof's TEE attestation nonce was not made for this service's application and this Reclaim session within 600 s of the claim (neither the app secret's hash nor the application key's signature).
             *     - `proof_simulated_failure`: The sandbox was asked for a failed verification (test sessions).
             *     - `decision_reason_required`: A REJECT or REQUEST_MORE decision was sent without reasons (codes of the team's decision reasons).
             *     - `decision_reason_unknown`: A decision names a reason code that is not one of the team's reasons of that decision's kind (a REQUEST_MORE also takes reject reasons).
             *     - `unprocessable`: Any other well-formed request that cannot be processed.
             *     - `rate_limited`: Too many requests; retry after Retry-After seconds.
             *     - `sign_in_rate_limited`: 10 failed sign-ins for this email in 15 minutes; retry after Retry-After seconds.
             *     - `client_error`: Any other client error (answered with the 4xx status the framework raised).
             *     - `internal_error`: An unexpected error; the request id finds it in the log.
             *     - `upstream_error`: The Reclaim API answered with an error or an unusable answer.
             *     - `upstream_unavailable`: The Reclaim API did not answer; retry after Retry-After seconds.
             *     - `database_unavailable`: The database is unreachable or timed out; retry after Retry-After seconds.
             *     - `sso_unavailable`: The SSO provider cannot be reached.
             *     - `service_unavailable`: Any other temporary unavailability.
             */
            code: string;
            /** @description The X-Request-Id of this answer; quote it when reporting a problem */
            requestId: string;
            /** @description A validation 400: every failing field (at most 50); a proof_malformed 422: the malformed field of the proof (proofs.<index>.<field>) */
            errors?: {
                /** @description The failing field, e.g. body.params.expiryDate */
                path: string;
                message: string;
            }[];
        };
        /** @description One data source of a session and the state of its proof */
        Step: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "INITIATED" | "IN_PROGRESS" | "VERIFIED" | "FAILED" | "EXPIRED" | "COMPLETED";
            type: string;
            sessionId: number;
            dataSourceId: number;
            /** @description Proof submissions that failed verification or were made so far */
            attempts: number;
            maxAttempts: number;
            /** @description Whether /partner/step/initiate would start an attempt now (status, attempts left, session open) */
            canInitiate: boolean;
            /** @description Whether proofs for the current attempt are accepted now */
            canSubmit: boolean;
            metadata: {
                [key: string]: unknown;
            } | null;
            failureReason: string | null;
            initiatedAt: string | null;
            verifiedAt: string | null;
            createdAt: string;
            updatedAt: string;
        };
        /** @description A new session with its allowed sources and verification links */
        CreatedSession: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            /** @description False for a test (sandbox) session, made with a test key */
            livemode: boolean;
            teamId: number;
            reviewerId: string | null;
            verificationTypeId: number | null;
            userId: string | null;
            expiryDate: string;
            applicantId: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            applicantEmail: string | null;
            applicantData: {
                [key: string]: unknown;
            } | null;
            instructions: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            selectedPlatform: number | null;
            createdAt: string;
            updatedAt: string;
            decidedAt: string | null;
            decisionNote: string | null;
            /** @description Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open */
            statusReason: string | null;
            /** @description When the applicant's data was erased */
            redactedAt: string | null;
            /** @description The applicant's language (params.locale), null when the page chooses */
            locale: string | null;
            /** @description Why the partner asks (params.purpose) */
            purpose: string | null;
            purposeText: string | null;
            /** @description What the applicant accepted, when and from where */
            consent: {
                version: string;
                /** @description sha256 (hex) of the exact text shown */
                textHash: string;
                locale: string;
                acceptedAt: string;
                /** @description The applicant's address; removed by redaction */
                ip?: string;
                userAgent: string | null;
            } | null;
            /** @description The session this one re-verifies (POST /partner/session/:id/reverify) */
            parentSessionId?: number | null;
            /** @description The reasons given with the decision (codes of the team's decision reasons, with their labels at the time); empty before a decision or when none was given */
            decisionReasons: {
                code: string;
                label: string;
            }[];
            /** @description The team's tags on the session (PUT /partner/session/:sessionId/tags) */
            tags: string[];
            /** @description When the review is due (set on entering REVIEWING when the team has reviewSlaHours) */
            dueAt: string | null;
            /** @description The reviewer's last request for more (REQUEST_MORE), null if none */
            moreRequest: {
                /** @description How many times more was asked for (at most 3) */
                count: number;
                /** @description What the applicant was asked (null once redacted) */
                message: string | null;
                reasons: {
                    code: string;
                    label: string;
                }[];
                sourceIds: number[];
                at: string;
            } | null;
            /** @description Its status allows a decision (approve or reject) now */
            canDecide: boolean;
            /** @description Its status allows canceling it now (it is open) */
            canCancel: boolean;
            /** @description Its status allows issuing a new verification link now (it is open) */
            canReissueLink: boolean;
            /** @description Its status allows redacting it now (it is final and not redacted yet) */
            canRedact: boolean;
            allowedSources: {
                id: number;
                name: string;
            }[];
            verificationLink: components["schemas"]["VerificationLink"];
            /** @description `queued`: the messages are being sent in the background; `outbox`: at least one channel has no transport configured (no SMTP_URL or SMS_WEBHOOK_URL), so its messages are kept in the database only (the console's Outbox page, `partner-api outbox list`). */
            delivery?: "queued" | "outbox";
        };
        VerificationLink: {
            manualVerificationLink: string;
            deeplinkVerificationLink: string;
            token: string;
        };
        /** @description A CSRF token for one session, and when it lapses */
        CsrfTokenGrant: {
            csrfToken: string;
            expiresAt: string;
            sessionId: number;
            session: components["schemas"]["ApplicantSession"];
        };
        /** @description What the applicant may see of the session */
        ApplicantSession: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            expiryDate: string;
            instructions: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            selectedPlatform: number | null;
            /** @description False for a test (sandbox) session: the hosted page then offers simulated proofs instead of Reclaim */
            livemode: boolean;
            /** @description The applicant may still choose sources and start steps now */
            canContinue: boolean;
            /** @description The applicant's language the partner chose (params.locale); null: the page picks one (?lang=, the browser's languages, then defaultLocale) */
            locale: string | null;
            /** @description The team's default language */
            defaultLocale: string;
            /** @description Who asks: the team's display name */
            requester: string;
            /** @description Sources may be selected only after the applicant accepted the consent text (POST /partner/verification/consent) */
            requireConsent: boolean;
            /** @description The applicant's accepted consent; null while they have not accepted */
            consent: {
                version: string;
                locale: string;
                acceptedAt: string;
            } | null;
            /** @description While the session is PROCESSING again after a reviewer asked for more: what they asked */
            moreRequest: {
                /** @description The reviewer's words, as written */
                message: string;
                at: string;
            } | null;
        };
        /** @description The consent text the applicant is asked to accept */
        ConsentText: {
            /** @description The consent wording's version; send it back with the answer */
            version: string;
            /** @description The consent text, to be shown exactly as it is (lines separated by \n) */
            text: string;
            /** @description sha256 (hex) of the UTF-8 text */
            textHash: string;
            /** @enum {unknown} */
            locale: "en" | "es" | "fr" | "pt-BR";
            /** @description When the applicant accepted; null while they have not */
            acceptedAt: string | null;
        };
        /** @description The session after the applicant's answer */
        ConsentAnswer: {
            accepted: boolean;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            statusReason: string | null;
            consent: {
                version: string;
                textHash: string;
                locale: string;
                acceptedAt: string;
            } | null;
        };
        /** @description A data source an applicant can prove facts from */
        Source: {
            id: number;
            name: string;
            description: string;
            sourceName: string;
            logoUrl: string;
            category: string;
            providerId: string;
            verificationTypeIds: number[];
            loginFlow: {
                step: number;
                action: string;
                description: string;
            }[] | null;
            enabled: boolean;
            proofRequirements: components["schemas"]["ProofRequirements"];
        };
        /** @description What a genuine proof of the source looks like */
        ProofRequirements: {
            /** @description Exact https hosts a proof's request may go to */
            hosts: string[];
            /** @description Pinned provider hashes; empty = bound by host alone */
            providerHashes: string[];
            /** @description Extracted parameters a proof must carry; the only ones that become facts */
            parameters: string[];
            /** @description Request paths a proof may use: `/exact/path`, or `/prefix/*` for any path under the prefix; empty = any path of the hosts */
            paths: string[];
            /** @description Per declared parameter, the response redaction (jsonPath and/or regex) that must extract it; a parameter not listed is not bound to an extraction */
            extraction: {
                [key: string]: components["schemas"]["ExtractionRule"];
            };
        };
        /** @description The response redaction that extracts a parameter: its exact jsonPath and/or regex */
        ExtractionRule: {
            jsonPath?: string;
            regex?: string;
        };
        /** @description A Reclaim proof request bound to one attempt of a step */
        ProofRequest: {
            /** @description Where the applicant produces the proof (the Reclaim verifier, with the request as its template) */
            redirectUrl: string;
            formData: {
                /** @description The Reclaim application id; null when the service runs without a Reclaim app */
                appId: string | null;
                providerId: string;
                /** @description The Reclaim session id the proof must carry */
                sessionId: string;
                /** @description Where the Reclaim app posts the proof (valid for this attempt only) */
                callbackUrl: string;
                /** @description Canonical JSON of {contextAddress, contextMessage} to embed in the proof */
                context: string;
                /** @description Milliseconds since the epoch, as signed */
                timestamp: string;
                /** @description The app's signature of {providerId, timestamp}; null without a Reclaim app */
                signature: string | null;
            };
            metadata: {
                stepId: number;
                sourceId: number;
                sourceName: string;
                /** @description This attempt's number, from 1 */
                attempt: number;
                maxAttempts: number;
                /** @description The request is valid until the session expires */
                expiresAt: string;
            };
        };
        /** @description What a client SDK needs to start the source's verification */
        SdkSession: {
            sessionId: string;
            providerId: string;
            /** @description RECLAIM_APP_ID; empty when the operator has not configured a Reclaim app */
            appId: string;
            steps: {
                step: number;
                action: string;
                description: string;
            }[];
        };
        /** @description A session of the list, with its facts when include=facts */
        ReviewerSessionListItem: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            /** @description False for a test (sandbox) session, made with a test key */
            livemode: boolean;
            teamId: number;
            reviewerId: string | null;
            verificationTypeId: number | null;
            userId: string | null;
            expiryDate: string;
            applicantId: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            applicantEmail: string | null;
            applicantData: {
                [key: string]: unknown;
            } | null;
            instructions: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            selectedPlatform: number | null;
            createdAt: string;
            updatedAt: string;
            decidedAt: string | null;
            decisionNote: string | null;
            /** @description Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open */
            statusReason: string | null;
            /** @description When the applicant's data was erased */
            redactedAt: string | null;
            /** @description The applicant's language (params.locale), null when the page chooses */
            locale: string | null;
            /** @description Why the partner asks (params.purpose) */
            purpose: string | null;
            purposeText: string | null;
            /** @description What the applicant accepted, when and from where */
            consent: {
                version: string;
                /** @description sha256 (hex) of the exact text shown */
                textHash: string;
                locale: string;
                acceptedAt: string;
                /** @description The applicant's address; removed by redaction */
                ip?: string;
                userAgent: string | null;
            } | null;
            /** @description The session this one re-verifies (POST /partner/session/:id/reverify) */
            parentSessionId?: number | null;
            /** @description The reasons given with the decision (codes of the team's decision reasons, with their labels at the time); empty before a decision or when none was given */
            decisionReasons: {
                code: string;
                label: string;
            }[];
            /** @description The team's tags on the session (PUT /partner/session/:sessionId/tags) */
            tags: string[];
            /** @description When the review is due (set on entering REVIEWING when the team has reviewSlaHours) */
            dueAt: string | null;
            /** @description The reviewer's last request for more (REQUEST_MORE), null if none */
            moreRequest: {
                /** @description How many times more was asked for (at most 3) */
                count: number;
                /** @description What the applicant was asked (null once redacted) */
                message: string | null;
                reasons: {
                    code: string;
                    label: string;
                }[];
                sourceIds: number[];
                at: string;
            } | null;
            /** @description Its status allows a decision (approve or reject) now */
            canDecide: boolean;
            /** @description Its status allows canceling it now (it is open) */
            canCancel: boolean;
            /** @description Its status allows issuing a new verification link now (it is open) */
            canReissueLink: boolean;
            /** @description Its status allows redacting it now (it is final and not redacted yet) */
            canRedact: boolean;
            facts?: components["schemas"]["ListedFact"][];
        };
        /** @description A verified value as the list shows it (include=facts) */
        ListedFact: {
            name: string;
            value: unknown;
            sourceName: string;
            stepId: number;
            proofIdentifier: string;
            /** @description The value is an OPRF hash, never the clear value (rule 5.9) */
            hashed: boolean;
            /** @description The TEE attestation nonce of the fact's proof (rule 4.2): absent, verified for this service's application, or unchecked (present, but no RECLAIM_APP_ID / RECLAIM_APP_SECRET to check it against: not trusted). absent for proofs accepted before issue 23 */
            teeNonce: "absent" | "verified" | "unchecked";
        };
        /** @description Sessions per status (counts=true) */
        SessionCounts: {
            PENDING: number;
            PROCESSING: number;
            COMPLETED: number;
            REVIEWING: number;
            FAILED: number;
            EXPIRED: number;
            REJECTED: number;
        };
        /** @description A session with its steps, verified facts, audit trail and notes */
        ReviewerSession: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            /** @description False for a test (sandbox) session, made with a test key */
            livemode: boolean;
            teamId: number;
            reviewerId: string | null;
            verificationTypeId: number | null;
            userId: string | null;
            expiryDate: string;
            applicantId: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            applicantEmail: string | null;
            applicantData: {
                [key: string]: unknown;
            } | null;
            instructions: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            selectedPlatform: number | null;
            createdAt: string;
            updatedAt: string;
            decidedAt: string | null;
            decisionNote: string | null;
            /** @description Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open */
            statusReason: string | null;
            /** @description When the applicant's data was erased */
            redactedAt: string | null;
            /** @description The applicant's language (params.locale), null when the page chooses */
            locale: string | null;
            /** @description Why the partner asks (params.purpose) */
            purpose: string | null;
            purposeText: string | null;
            /** @description What the applicant accepted, when and from where */
            consent: {
                version: string;
                /** @description sha256 (hex) of the exact text shown */
                textHash: string;
                locale: string;
                acceptedAt: string;
                /** @description The applicant's address; removed by redaction */
                ip?: string;
                userAgent: string | null;
            } | null;
            /** @description The session this one re-verifies (POST /partner/session/:id/reverify) */
            parentSessionId?: number | null;
            /** @description The reasons given with the decision (codes of the team's decision reasons, with their labels at the time); empty before a decision or when none was given */
            decisionReasons: {
                code: string;
                label: string;
            }[];
            /** @description The team's tags on the session (PUT /partner/session/:sessionId/tags) */
            tags: string[];
            /** @description When the review is due (set on entering REVIEWING when the team has reviewSlaHours) */
            dueAt: string | null;
            /** @description The reviewer's last request for more (REQUEST_MORE), null if none */
            moreRequest: {
                /** @description How many times more was asked for (at most 3) */
                count: number;
                /** @description What the applicant was asked (null once redacted) */
                message: string | null;
                reasons: {
                    code: string;
                    label: string;
                }[];
                sourceIds: number[];
                at: string;
            } | null;
            /** @description Its status allows a decision (approve or reject) now */
            canDecide: boolean;
            /** @description Its status allows canceling it now (it is open) */
            canCancel: boolean;
            /** @description Its status allows issuing a new verification link now (it is open) */
            canReissueLink: boolean;
            /** @description Its status allows redacting it now (it is final and not redacted yet) */
            canRedact: boolean;
            allowedSources: {
                id: number;
                name: string;
            }[];
            steps: components["schemas"]["ReviewerStep"][];
            facts: components["schemas"]["Fact"][];
            auditTrail: components["schemas"]["AuditEntry"][];
            signals?: components["schemas"]["Signal"][];
            /** @description With a parentSessionId: each fact beside the parent's value */
            comparison?: components["schemas"]["FactComparison"][];
            /** @description Reviewers' notes, oldest first */
            notes: components["schemas"]["Note"][];
        };
        /** @description A step with its source and accepted proofs */
        ReviewerStep: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "INITIATED" | "IN_PROGRESS" | "VERIFIED" | "FAILED" | "EXPIRED" | "COMPLETED";
            type: string;
            sessionId: number;
            dataSourceId: number;
            /** @description Proof submissions that failed verification or were made so far */
            attempts: number;
            maxAttempts: number;
            /** @description Whether /partner/step/initiate would start an attempt now (status, attempts left, session open) */
            canInitiate: boolean;
            /** @description Whether proofs for the current attempt are accepted now */
            canSubmit: boolean;
            metadata: {
                [key: string]: unknown;
            } | null;
            failureReason: string | null;
            initiatedAt: string | null;
            verifiedAt: string | null;
            createdAt: string;
            updatedAt: string;
            source: components["schemas"]["SourceRef"];
            proofs: components["schemas"]["ProofSummary"][];
        };
        SourceRef: {
            id: number;
            name: string;
            sourceName: string;
        };
        /** @description An accepted proof, as a reviewer sees it */
        ProofSummary: {
            identifier: string;
            owner: string;
            /** @description When the attestor signed the claim, unix seconds */
            timestampS: number;
            providerHash: string | null;
            /** @description Values from the proof's signed context */
            extracted: {
                [key: string]: unknown;
            };
            /** @description The host the proof's request went to (null for proofs accepted before source binding) */
            host: string | null;
            /** @description Whether its provider hash is one the source pins (else it is bound by host alone) */
            pinned: boolean;
            /** @description The trusted attestors whose signatures counted */
            attestors: string[];
            bindings: components["schemas"]["ProofBindings"] | (never | null);
            /** @description When the proof was accepted */
            createdAt: string;
        };
        /** @description Which rules bound the proof's facts; null for proofs accepted before issue 23 */
        ProofBindings: {
            /** @description The host the request went to (rule 5) */
            host: string | null;
            path: {
                /** @description The request path as written in the proof (without the query) */
                value: string;
                /** @description How the source's paths bound it (rule 5.7); none = the source lists no paths */
                bound: "exact" | "prefix" | "none";
            } | null;
            /** @description The provider hash is one the source pins (rule 5) */
            providerPinned: boolean;
            facts: {
                [key: string]: {
                    /** @description How the source bound the redaction that extracts it (rule 5.8); none = not bound */
                    extraction: "jsonPath" | "regex" | "jsonPath+regex" | "none";
                    /** @description The value is an OPRF hash of the data, not the clear value (rule 5.9) */
                    hashed: boolean;
                };
            };
            /** @description The TEE attestation nonce (rule 4.2): absent, verified for this service's application, or present but not checkable (no application id or secret configured) */
            teeNonce: "absent" | "verified" | "unchecked";
            /** @description Where the proof carried its Reclaim session id (rule 4.1) */
            sessionIdFrom: "context" | "parameters" | "both" | "none";
        };
        /** @description One verified value, taken only from a signed proof context */
        Fact: {
            /** @description The extracted parameter's name */
            name: string;
            /** @description Its value, as signed (usually a string) */
            value: unknown;
            sourceId: number;
            sourceName: string;
            stepId: number;
            proofIdentifier: string;
            /** @description When the attestor signed it (ISO 8601) */
            provenAt: string;
            /** @description The host its proof's request went to */
            host: string | null;
            /** @description Whether its proof's provider hash was pinned by the source; false = bound by host alone (weaker) */
            pinned: boolean;
            /** @description The attestor that signed its proof */
            attestor: string | null;
            /** @description The value is an OPRF hash (a redaction with `hash`), never the clear value (rule 5.9) */
            hashed: boolean;
            /** @description How the source bound the redaction that extracted it (rule 5.8); none = not bound (or a proof from before issue 23) */
            extraction: "jsonPath" | "regex" | "jsonPath+regex" | "none";
            /** @description How the source bound its proof's request path (rule 5.7); none = not bound */
            pathBound: "exact" | "prefix" | "none";
            /** @description The TEE attestation nonce of the fact's proof (rule 4.2): absent, verified for this service's application, or unchecked (present, but no RECLAIM_APP_ID / RECLAIM_APP_SECRET to check it against: not trusted). absent for proofs accepted before issue 23 */
            teeNonce: "absent" | "verified" | "unchecked";
        };
        /** @description One recorded action or status change */
        AuditEntry: {
            id: number;
            stepId: number | null;
            actor: string;
            action: string;
            fromStatus: string | null;
            toStatus: string | null;
            detail: string | null;
            at: string;
        };
        /** @description A signal raised when a step was verified: it informs, it never decides */
        Signal: {
            /** @description name_mismatch | account_reused | proof_owner_reused | many_sessions */
            code: string;
            stepId: number | null;
            /** @description name_mismatch: how well the holder name matches the applicant, 0-100 (flagged below 70) */
            score: number | null;
            /** @description What the signal means, in one sentence (never quotes a name) */
            sentence: string;
            /** @description Ids, counts, scores and keyed hashes only */
            details: {
                [key: string]: unknown;
            };
            createdAt: string;
        };
        /** @description A fact of a re-verification beside the parent session's value */
        FactComparison: {
            name: string;
            sourceName: string;
            value: unknown;
            /** @description The same fact in the parent session, null if it had none */
            parentValue: unknown;
            /** @description The relative change of a number, e.g. "-8.3%"; null when either is not a number, or hashed */
            change: string | null;
            /** @description Either value is an OPRF hash (rule 5.9), never the clear value: compare them for equality only */
            hashed: boolean;
            /** @description The comparison in one line: "monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%" (the currency is the same proof's currency fact; "none" when the parent had no such fact); for hashed values "accountId: OPRF hashes, the same" (or "different") */
            text: string;
        };
        /** @description A reviewer's note on a session */
        Note: {
            id: number;
            /** @description Who wrote it, as the audit trail names callers (reviewer:<id>, partner:key:<id>, ...) */
            author: string;
            /** @description Null once the session is redacted */
            body: string | null;
            createdAt: string;
        };
        /** @description A verification session as partners and reviewers see it */
        Session: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            /** @description False for a test (sandbox) session, made with a test key */
            livemode: boolean;
            teamId: number;
            reviewerId: string | null;
            verificationTypeId: number | null;
            userId: string | null;
            expiryDate: string;
            applicantId: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            applicantEmail: string | null;
            applicantData: {
                [key: string]: unknown;
            } | null;
            instructions: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            selectedPlatform: number | null;
            createdAt: string;
            updatedAt: string;
            decidedAt: string | null;
            decisionNote: string | null;
            /** @description Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open */
            statusReason: string | null;
            /** @description When the applicant's data was erased */
            redactedAt: string | null;
            /** @description The applicant's language (params.locale), null when the page chooses */
            locale: string | null;
            /** @description Why the partner asks (params.purpose) */
            purpose: string | null;
            purposeText: string | null;
            /** @description What the applicant accepted, when and from where */
            consent: {
                version: string;
                /** @description sha256 (hex) of the exact text shown */
                textHash: string;
                locale: string;
                acceptedAt: string;
                /** @description The applicant's address; removed by redaction */
                ip?: string;
                userAgent: string | null;
            } | null;
            /** @description The session this one re-verifies (POST /partner/session/:id/reverify) */
            parentSessionId?: number | null;
            /** @description The reasons given with the decision (codes of the team's decision reasons, with their labels at the time); empty before a decision or when none was given */
            decisionReasons: {
                code: string;
                label: string;
            }[];
            /** @description The team's tags on the session (PUT /partner/session/:sessionId/tags) */
            tags: string[];
            /** @description When the review is due (set on entering REVIEWING when the team has reviewSlaHours) */
            dueAt: string | null;
            /** @description The reviewer's last request for more (REQUEST_MORE), null if none */
            moreRequest: {
                /** @description How many times more was asked for (at most 3) */
                count: number;
                /** @description What the applicant was asked (null once redacted) */
                message: string | null;
                reasons: {
                    code: string;
                    label: string;
                }[];
                sourceIds: number[];
                at: string;
            } | null;
            /** @description Its status allows a decision (approve or reject) now */
            canDecide: boolean;
            /** @description Its status allows canceling it now (it is open) */
            canCancel: boolean;
            /** @description Its status allows issuing a new verification link now (it is open) */
            canReissueLink: boolean;
            /** @description Its status allows redacting it now (it is final and not redacted yet) */
            canRedact: boolean;
        };
        /** @description The caller (a key, or a console user): team, reviewer scope, mode, role and permissions */
        KeyInfo: {
            /** @description An API key, or a person signed in to the console (its cookie) */
            kind: "key" | "user";
            /** @description null for a user */
            keyId: number | null;
            keyName: string | null;
            teamId: number;
            teamName: string;
            /** @description The queue the caller is scoped to (a reviewer key, a user with the reviewer role); null: the whole team */
            reviewerId: string | null;
            livemode: boolean;
            /** @description A team key acts as admin, a reviewer key as reviewer; a user has its own */
            role: "admin" | "reviewer" | "viewer";
            /** @description The signed-in user; null for a key */
            user: {
                id: number;
                email: string;
                name: string | null;
                role: "admin" | "reviewer" | "viewer";
                /** @description The user's queue */
                reviewerId: string;
            } | null;
            permissions: components["schemas"]["Permissions"];
            /** @description Every permission the key or user holds, by name (as POST /partner/keys takes them: a key made by this caller may hold these). Permission names: `read`, `create`, `decide`, `resend`, `cancel`, `redact`, `events`, `webhooks`, `redeliver`, `assign`, `users`, `keys:write`, `audit:read`, `settings` (a reviewer's key holds at most `read`, `create`, `decide`, `resend`, `cancel`). */
            permissionList?: string[];
            /** @description A key: the API version it is pinned to (answers without a Partner-Version header) */
            apiVersion?: string;
            /** @description A key: when it stops working; null: never */
            expiresAt?: string | null;
        };
        /** @description What the calling key may do */
        Permissions: {
            decide: boolean;
            resend: boolean;
            cancel: boolean;
            redact: boolean;
            events: boolean;
            webhooks: boolean;
            /** @description Redeliver a webhook delivery (team keys) */
            redeliver: boolean;
            assign: boolean;
        };
        /** @description An API key as listed: never the key itself */
        ApiKey: {
            id: number;
            name: string | null;
            /** @description The start of the key (`pa_` or `pa_test_` and 6 more characters), to recognise it; the key itself is never shown again */
            prefix: string;
            /** @description The reviewer whose sessions it reaches; null for a team key */
            reviewerId: string | null;
            /** @description False for a test key (`pa_test_`): test sessions, endpoints and events only */
            livemode: boolean;
            /** @description What it may do. Permission names: `read`, `create`, `decide`, `resend`, `cancel`, `redact`, `events`, `webhooks`, `redeliver`, `assign`, `users`, `keys:write`, `audit:read`, `settings` (a reviewer's key holds at most `read`, `create`, `decide`, `resend`, `cancel`). */
            permissions: string[];
            /** @description The API version it is served with when a request sends no `Partner-Version` (pinned when it was made) */
            apiVersion: string;
            createdAt: string;
            /** @description Last authenticated request (updated at most once a minute) */
            lastUsedAt: string | null;
            /** @description From then on it is refused (set at creation, or when it was rolled); null: never */
            expiresAt: string | null;
            /** @description When a new key replaced it; it works until expiresAt */
            rolledAt: string | null;
            /** @description When it was revoked; refused since */
            revokedAt: string | null;
        };
        /** @description A new API key with the key itself, shown once */
        ApiKeyWithSecret: {
            id: number;
            name: string | null;
            /** @description The start of the key (`pa_` or `pa_test_` and 6 more characters), to recognise it; the key itself is never shown again */
            prefix: string;
            /** @description The reviewer whose sessions it reaches; null for a team key */
            reviewerId: string | null;
            /** @description False for a test key (`pa_test_`): test sessions, endpoints and events only */
            livemode: boolean;
            /** @description What it may do. Permission names: `read`, `create`, `decide`, `resend`, `cancel`, `redact`, `events`, `webhooks`, `redeliver`, `assign`, `users`, `keys:write`, `audit:read`, `settings` (a reviewer's key holds at most `read`, `create`, `decide`, `resend`, `cancel`). */
            permissions: string[];
            /** @description The API version it is served with when a request sends no `Partner-Version` (pinned when it was made) */
            apiVersion: string;
            createdAt: string;
            /** @description Last authenticated request (updated at most once a minute) */
            lastUsedAt: string | null;
            /** @description From then on it is refused (set at creation, or when it was rolled); null: never */
            expiresAt: string | null;
            /** @description When a new key replaced it; it works until expiresAt */
            rolledAt: string | null;
            /** @description When it was revoked; refused since */
            revokedAt: string | null;
            /** @description The key, shown only in this answer: store it now (the service keeps its SHA-256 only) */
            key: string;
        };
        /** @description A session with its allowed sources, steps and link deliveries */
        SessionDetail: {
            id: number;
            /** @enum {unknown} */
            status: "PENDING" | "PROCESSING" | "COMPLETED" | "REVIEWING" | "FAILED" | "EXPIRED" | "REJECTED";
            /** @description False for a test (sandbox) session, made with a test key */
            livemode: boolean;
            teamId: number;
            reviewerId: string | null;
            verificationTypeId: number | null;
            userId: string | null;
            expiryDate: string;
            applicantId: string | null;
            applicantFirstName: string | null;
            applicantLastName: string | null;
            applicantEmail: string | null;
            applicantData: {
                [key: string]: unknown;
            } | null;
            instructions: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            selectedPlatform: number | null;
            createdAt: string;
            updatedAt: string;
            decidedAt: string | null;
            decisionNote: string | null;
            /** @description Why the session ended: canceled, expired, attempts_exhausted, approved or rejected; null while open */
            statusReason: string | null;
            /** @description When the applicant's data was erased */
            redactedAt: string | null;
            /** @description The applicant's language (params.locale), null when the page chooses */
            locale: string | null;
            /** @description Why the partner asks (params.purpose) */
            purpose: string | null;
            purposeText: string | null;
            /** @description What the applicant accepted, when and from where */
            consent: {
                version: string;
                /** @description sha256 (hex) of the exact text shown */
                textHash: string;
                locale: string;
                acceptedAt: string;
                /** @description The applicant's address; removed by redaction */
                ip?: string;
                userAgent: string | null;
            } | null;
            /** @description The session this one re-verifies (POST /partner/session/:id/reverify) */
            parentSessionId?: number | null;
            /** @description The reasons given with the decision (codes of the team's decision reasons, with their labels at the time); empty before a decision or when none was given */
            decisionReasons: {
                code: string;
                label: string;
            }[];
            /** @description The team's tags on the session (PUT /partner/session/:sessionId/tags) */
            tags: string[];
            /** @description When the review is due (set on entering REVIEWING when the team has reviewSlaHours) */
            dueAt: string | null;
            /** @description The reviewer's last request for more (REQUEST_MORE), null if none */
            moreRequest: {
                /** @description How many times more was asked for (at most 3) */
                count: number;
                /** @description What the applicant was asked (null once redacted) */
                message: string | null;
                reasons: {
                    code: string;
                    label: string;
                }[];
                sourceIds: number[];
                at: string;
            } | null;
            /** @description Its status allows a decision (approve or reject) now */
            canDecide: boolean;
            /** @description Its status allows canceling it now (it is open) */
            canCancel: boolean;
            /** @description Its status allows issuing a new verification link now (it is open) */
            canReissueLink: boolean;
            /** @description Its status allows redacting it now (it is final and not redacted yet) */
            canRedact: boolean;
            allowedSources: {
                id: number;
                name: string;
            }[];
            steps: components["schemas"]["SessionStepSummary"][];
            /** @description Every message that carried (or is to carry) the link to the applicant, oldest first */
            deliveries: components["schemas"]["LinkDelivery"][];
        };
        SessionStepSummary: {
            id: number;
            dataSourceId: number;
            sourceName: string;
            /** @enum {unknown} */
            status: "PENDING" | "INITIATED" | "IN_PROGRESS" | "VERIFIED" | "FAILED" | "EXPIRED" | "COMPLETED";
            attempts: number;
        };
        /** @description One message carrying the verification link to one address */
        LinkDelivery: {
            id: number;
            /** @enum {unknown} */
            channel: "email" | "sms";
            kind: "link" | "reminder";
            /** @description The address, masked: j***@example.com, +1******1234 */
            to: string;
            /**
             * @description `queued` until sent (retried up to 5 times), `sent`, `failed` (refused, or out of tries, or the gateway reported it failed later: see lastError), `bounced` (accepted, then reported undeliverable: the mail server's bounce, the gateway's `undelivered`), `opened` (the applicant opened the link from this message), `suppressed` (not sent: the address is suppressed for the team, after the applicant's STOP or unsubscribe or a hard bounce; lastError says which, GET /partner/delivery/suppressions lists them)
             * @enum {unknown}
             */
            status: "queued" | "sent" | "failed" | "bounced" | "opened" | "suppressed";
            attempts: number;
            lastError: string | null;
            /** @description `smtp`, `sms_gateway` or `outbox` once sent */
            transport: string | null;
            /** @description When the status last changed */
            at: string;
        };
        /** @description A reason a reviewer may give for a decision */
        DecisionReason: {
            /** @description snake_case, 1 to 48 characters */
            code: string;
            /** @description What people read (console, report, adverse-action notice) */
            label: string;
            /** @description The decision it may be given for: reject, approve or more (REQUEST_MORE) */
            kind: "reject" | "approve" | "more";
        };
        /** @description A webhook endpoint with its signing secret, shown once */
        WebhookEndpointWithSecret: {
            id: number;
            url: string;
            events: string[];
            enabled: boolean;
            /** @description The API version its payloads are shaped by (`YYYY-MM-DD`), pinned when it was created: the version the creating request was served with */
            apiVersion: string;
            createdAt: string;
            updatedAt: string;
            /** @description The Standard Webhooks signing secret (`whsec_` + base64 of 24 random bytes). Shown only in this response: store it now. Unlike API keys it is stored recoverable (not hashed), because the service needs it to sign every delivery. */
            secret: string;
        };
        WebhookEndpoint: {
            id: number;
            url: string;
            events: string[];
            enabled: boolean;
            /** @description The API version its payloads are shaped by (`YYYY-MM-DD`), pinned when it was created: the version the creating request was served with */
            apiVersion: string;
            createdAt: string;
            updatedAt: string;
        };
        WebhookDelivery: {
            id: number;
            /** @description The event's id, `evt_<n>`: the `webhook-id` header of every attempt */
            eventId: string;
            eventType: string;
            /** @description The API version its body is shaped by (`apiVersion` of the body, and `payload`): the endpoint's, pinned when it was created */
            apiVersion: string;
            /** @description PENDING (due or waiting to retry), DELIVERED (a 2xx answer), FAILED (retries exhausted or endpoint disabled) */
            status: "PENDING" | "DELIVERED" | "FAILED";
            attempts: number;
            /** @description When it will be tried next; null once DELIVERED or FAILED */
            nextAttemptAt: string | null;
            lastAttemptAt: string | null;
            /** @description HTTP status of the last attempt; null when no answer came */
            lastStatusCode: number | null;
            lastError: string | null;
            createdAt: string;
            updatedAt: string;
            /** @description The event's payload, as sent in the body's `data` (shaped by `apiVersion`; erased when its session is redacted) */
            payload: unknown;
            /** @description The start of the receiver's answer body to the last completed attempt (at most 2 KiB); null before any answer */
            response: string | null;
        };
        /** @description A person of the team who signs in to the console. Never carries a password or its hash. */
        User: {
            id: number;
            teamId: number;
            email: string;
            name: string | null;
            /** @description `admin`: everything in the team (users, keys, webhooks, redaction, every queue); `reviewer`: sees and decides the sessions assigned to its reviewerId; `viewer`: reads the team's sessions, changes nothing. */
            role: "admin" | "reviewer" | "viewer";
            /** @description The queue the user works: sessions assigned to this reviewer id (the same as a reviewer key with that id) */
            reviewerId: string;
            /** @description Whether the user has set a password (SSO users may have none) */
            passwordSet: boolean;
            /** @description Whether the user has signed in with single sign-on */
            sso: boolean;
            /** @description Whether password sign-ins also need a code from an authenticator app (TOTP) */
            totpEnabled: boolean;
            /** Format: date-time */
            disabledAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A team's settings: every field, defaults included */
        TeamSettings: {
            /** @description Who asks, as applicants read it in messages and on the page; defaults to the team's name. */
            displayName: string;
            /**
             * Format: email
             * @description Where applicants may write with questions; shown in messages when set.
             */
            supportEmail: string | null;
            /**
             * @description The language of messages when a session names none.
             * @enum {unknown}
             */
            defaultLocale: "en" | "es" | "fr" | "pt-BR";
            /** @description IANA time zone name (`America/New_York`): reminders are not sent between 21:00 and 08:00 there, unless a session names its own. */
            timezone: string;
            /**
             * @example {
             *       "afterHours": [
             *         24,
             *         72
             *       ]
             *     }
             */
            reminders: {
                /** @description Hours after the link was sent at which it is sent again (at most 3, each distinct, fractions allowed); [] sends no reminder. */
                afterHours: number[];
            };
            /** @description The applicant must accept the consent text before selecting a source. */
            requireConsent: boolean;
            /** @description Final sessions of the team are redacted this many days after they ended; overrides RETENTION_DAYS. null follows RETENTION_DAYS. */
            retentionDays: number | null;
            /** @description Hours a session may wait in REVIEWING before it is overdue (at least 0.01); fractions allowed. null: no target. */
            reviewSlaHours: number | null;
            /**
             * @description `round_robin` assigns new sessions to the team's reviewers in turn; `none` leaves them in the team's queue.
             * @enum {unknown}
             */
            autoAssign: "round_robin" | "none";
            /** @description When the settings last changed; null while every one is the default. */
            updatedAt: string | null;
        };
        /** @description A message kept in the outbox: what would have been sent */
        OutboxMessage: {
            id: number;
            sessionId: number;
            livemode: boolean;
            kind: string;
            /** @enum {unknown} */
            channel: "email" | "sms";
            /** @description The address (null once the session is redacted) */
            to: string | null;
            /** @enum {unknown} */
            status: "queued" | "sent" | "failed" | "bounced" | "opened" | "suppressed";
            subject: string | null;
            /** @description The email's text part, or the SMS */
            text: string | null;
            html: string | null;
            createdAt: string;
            sentAt: string | null;
        };
        /** @description An address the team sends nothing more to on one channel. The address itself is not kept (only a keyed hash of it, which is what suppresses): find one by `address`. */
        DeliverySuppression: {
            id: number;
            /** @enum {unknown} */
            channel: "email" | "sms";
            /**
             * @description `bounced`: a hard bounce (the mail server's permanent failure for the address, in a bounce or as its refusal of the recipient when the email was sent; the gateway's `undelivered` for the number); `sms_stop`: the applicant replied STOP (only their START lifts it); `email_unsubscribe`: the applicant used the email's unsubscribe link
             * @enum {unknown}
             */
            reason: "bounced" | "sms_stop" | "email_unsubscribe";
            /** @description A bounce's status (`5.1.1`, from the notification or the server's refusal at send time) or the gateway's error code (`30005`) */
            code: string | null;
            /** @description A bounce: the session whose message bounced */
            sessionId: number | null;
            /** @description A bounce: the message that bounced, or that the mail server refused (the session's `deliveries[].id`) */
            deliveryId: number | null;
            createdAt: string;
        };
    };
    responses: never;
    parameters: {
        /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
        PartnerVersion: "2026-12-01";
    };
    requestBodies: never;
    headers: {
        /** @description The request's id: the X-Request-Id sent (1 to 128 characters of A-Z a-z 0-9 . _ : -) or a new UUID; also in error bodies as requestId and in the server log */
        "X-Request-Id": string;
        /** @description Requests allowed per window for what this request counts against (the API key, the applicant's session, or the client address for the link exchange) */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window */
        "RateLimit-Remaining": number;
        /** @description Seconds until the window resets (or the block ends) */
        "RateLimit-Reset": number;
        /** @description Seconds to wait before trying again */
        "Retry-After": number;
        /** @description The API version this answer was served with: the request's Partner-Version, else its key's pinned version, else the current one */
        "Partner-Version": "2026-12-01";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: 1 to 255 characters of your choosing (a UUID, say). The same key and body within 24 h replays the first answer; the same key with another body is a 409 */
                "Idempotency-Key"?: string;
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "params": {
                 *         "expiryDate": "2030-01-01T00:00:00Z",
                 *         "applicantId": "applicant-42",
                 *         "applicantFirstName": "John",
                 *         "applicantLastName": "Doe",
                 *         "applicantEmail": "john.doe@example.org",
                 *         "instructions": "Please verify your monthly income",
                 *         "allowedSources": [
                 *           {
                 *             "id": 1,
                 *             "name": "PayPal"
                 *           },
                 *           {
                 *             "id": 2,
                 *             "name": "Stripe"
                 *           }
                 *         ],
                 *         "metadata": {
                 *           "loanApplication": "LA-1001"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    params: {
                        /**
                         * Format: date-time
                         * @description ISO 8601 date-time with a time zone, in the future
                         */
                        expiryDate: string;
                        /** @description Your own data, returned as given (at most 16 KiB as JSON) */
                        metadata?: {
                            [key: string]: unknown;
                        } | null;
                        applicantId?: string | null;
                        /** @description Additional data about the applicant (at most 16 KiB as JSON) */
                        applicantData?: {
                            [key: string]: unknown;
                        } | null;
                        instructions?: string | null;
                        applicantFirstName?: string | null;
                        applicantLastName?: string | null;
                        /** Format: email */
                        applicantEmail?: string | null;
                        allowedSources?: {
                            id: number;
                            name?: string;
                        }[] | null;
                        selectedPlatform?: number | null;
                        /** @description Team keys only: the reviewer whose queue takes the session (default: the team's) */
                        reviewerId?: string | null;
                        /** @description The applicant's mobile number in E.164 form (+15551234567), for `sms` delivery. */
                        applicantPhone?: string | null;
                        /**
                         * @description Send the verification link to the applicant
                         * @example {
                         *       "channels": [
                         *         "email",
                         *         "sms"
                         *       ],
                         *       "locale": "es"
                         *     }
                         */
                        delivery?: {
                            /** @description `email` sends to params.applicantEmail, `sms` to params.applicantPhone. */
                            channels: ("email" | "sms")[];
                            /** @description The messages' language: `en`, `es`, `fr` or `pt-BR` (a regional tag such as `es-MX` uses its language); default the session's params.locale, else the team's defaultLocale. */
                            locale?: string;
                        };
                        /**
                         * @example {
                         *       "afterHours": [
                         *         24,
                         *         72
                         *       ]
                         *     }
                         */
                        reminders?: {
                            /** @description Hours after the link was sent at which it is sent again (at most 3, each distinct, fractions allowed); [] sends no reminder. */
                            afterHours: number[];
                        };
                        /** @description The applicant's IANA time zone: no reminder between 21:00 and 08:00 there, and the expiry written in it (default: the team's) */
                        timezone?: string;
                        /** @description The applicant's language (BCP 47): the hosted page, its messages and the consent text use the closest of en, es, fr, pt-BR; without it the page follows ?lang=, the browser's languages, then the team's defaultLocale */
                        locale?: string | null;
                        purpose?: ("credit" | "tenant_screening" | "employment" | "other") | (never | null);
                        purposeText?: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        message: string;
                        data: components["schemas"]["CreatedSession"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reverifySession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description The new session's expiry: ISO 8601 date-time with a time zone, in the future
                     */
                    expiryDate: string;
                    /**
                     * @description Send the verification link to the applicant
                     * @example {
                     *       "channels": [
                     *         "email",
                     *         "sms"
                     *       ],
                     *       "locale": "es"
                     *     }
                     */
                    delivery?: {
                        /** @description `email` sends to params.applicantEmail, `sms` to params.applicantPhone. */
                        channels: ("email" | "sms")[];
                        /** @description The messages' language: `en`, `es`, `fr` or `pt-BR` (a regional tag such as `es-MX` uses its language); default the session's params.locale, else the team's defaultLocale. */
                        locale?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        message: string;
                        data: components["schemas"]["CreatedSession"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exchangeLinkTokenByQuery: {
        parameters: {
            query: {
                /** @description The verification link token */
                token: string;
                sessionId: number;
                /** @description The channel the link was sent by (`e` email, `s` SMS), as the sent link carries it; recorded with the first opening. Any other value is ignored. */
                c?: string;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CsrfTokenGrant"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exchangeLinkToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "kq3Xz9bVYc2m0TfH8wq1LrNa5sPuE7dG4jKhOiW6yBo",
                 *       "sessionId": 1
                 *     }
                 */
                "application/json": {
                    /** @description The verification link token */
                    token: string;
                    sessionId: number;
                    /** @description The channel the link was sent by (`e` email, `s` SMS), as the sent link carries it; recorded with the first opening. Any other value is ignored. */
                    c?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CsrfTokenGrant"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConsentText: {
        parameters: {
            query: {
                sessionId: number;
                /** @description A BCP 47 language tag; answered in the closest of en, es, fr, pt-BR */
                locale?: string;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ConsentText"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    answerConsent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "sessionId": 1,
                 *       "accepted": true,
                 *       "version": "c1-3f9a0b2c4d5e"
                 *     }
                 */
                "application/json": {
                    sessionId: number;
                    /** @description true accepts; false declines, which ends the session (EXPIRED, statusReason consent_declined) */
                    accepted: boolean;
                    /** @description The version of the text shown (from GET /partner/verification/consent) */
                    version: string;
                    /** @description A BCP 47 language tag; answered in the closest of en, es, fr, pt-BR */
                    locale?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ConsentAnswer"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessionSources: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"][];
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchSources: {
        parameters: {
            query: {
                /** @description Search text (case-insensitive; name, sourceName, description, category) */
                text: string;
                sessionId?: number;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"][];
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    selectDataSources: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "dataSourceIds": [
                 *         1,
                 *         2
                 *       ],
                 *       "sessionId": 1
                 *     }
                 */
                "application/json": {
                    dataSourceIds: number[];
                    sessionId: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessionSteps: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            steps: {
                                id: number;
                                /** @enum {unknown} */
                                status: "PENDING" | "INITIATED" | "IN_PROGRESS" | "VERIFIED" | "FAILED" | "EXPIRED" | "COMPLETED";
                                type: string;
                                sessionId: number;
                                dataSourceId: number;
                                /** @description Proof submissions that failed verification or were made so far */
                                attempts: number;
                                maxAttempts: number;
                                /** @description Whether /partner/step/initiate would start an attempt now (status, attempts left, session open) */
                                canInitiate: boolean;
                                /** @description Whether proofs for the current attempt are accepted now */
                                canSubmit: boolean;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                failureReason: string | null;
                                initiatedAt: string | null;
                                verifiedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                stepId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One data source of a session and the state of its proof */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Step"];
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    initiateStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stepId": 1
                 *     }
                 */
                "application/json": {
                    stepId: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["ProofRequest"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Bad Gateway: the Reclaim API refused or failed the proof request */
            502: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable: the Reclaim API or the database did not answer */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitStepProofs: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stepId": 1,
                 *       "proofs": [
                 *         {
                 *           "identifier": "0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
                 *           "claimData": {
                 *             "provider": "http",
                 *             "parameters": "{\"method\":\"GET\",\"url\":\"https://www.paypal.com/myaccount/summary\",\"responseMatches\":[],\"responseRedactions\":[]}",
                 *             "owner": "0x1f2e3d4c5b6a79881726354453627180a9b8c7d6",
                 *             "timestampS": 1767225600,
                 *             "context": "{\"contextAddress\":\"0x0\",\"contextMessage\":\"partner-api:1:1:1\",\"extractedParameters\":{\"balance\":\"1234.56\"},\"providerHash\":\"0x5e1c0d9a8b7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c\"}",
                 *             "identifier": "0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
                 *             "epoch": 1
                 *           },
                 *           "signatures": [
                 *             "0xababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab"
                 *           ],
                 *           "witnesses": [
                 *             {
                 *               "id": "0x244897572368eadf65bfbc5aec98d8e5443a9072",
                 *               "url": "wss://attestor.reclaimprotocol.org/ws"
                 *             }
                 *           ]
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    stepId: number;
                    proofs: ({
                        identifier?: string;
                        /** @description provider, parameters, owner, timestampS, context, identifier, epoch */
                        claimData: {
                            [key: string]: unknown;
                        };
                        signatures: string[];
                        witnesses?: {
                            [key: string]: unknown;
                        }[];
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    simulateStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stepId": 1,
                 *       "outcome": "success",
                 *       "extractedParameters": {
                 *         "balance": "1234.56"
                 *       }
                 *     }
                 */
                "application/json": {
                    stepId: number;
                    outcome: "success" | "failure";
                    /** @description Values for the source's declared parameters (the others are made up plausibly) */
                    extractedParameters?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveReclaimCallback: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                callbackToken: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "identifier": "0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
                 *       "claimData": {
                 *         "provider": "http",
                 *         "parameters": "{\"method\":\"GET\",\"url\":\"https://www.paypal.com/myaccount/summary\",\"responseMatches\":[],\"responseRedactions\":[]}",
                 *         "owner": "0x1f2e3d4c5b6a79881726354453627180a9b8c7d6",
                 *         "timestampS": 1767225600,
                 *         "context": "{\"contextAddress\":\"0x0\",\"contextMessage\":\"partner-api:1:1:1\",\"extractedParameters\":{\"balance\":\"1234.56\"},\"providerHash\":\"0x5e1c0d9a8b7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c\"}",
                 *         "identifier": "0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
                 *         "epoch": 1
                 *       },
                 *       "signatures": [
                 *         "0xababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab"
                 *       ],
                 *       "witnesses": [
                 *         {
                 *           "id": "0x244897572368eadf65bfbc5aec98d8e5443a9072",
                 *           "url": "wss://attestor.reclaimprotocol.org/ws"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    [key: string]: unknown;
                } | unknown[];
                /** @example %7B%22identifier%22%3A%220x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f%22%2C%22claimData%22%3A%7B%22provider%22%3A%22http%22%2C%22parameters%22%3A%22%7B%5C%22method%5C%22%3A%5C%22GET%5C%22%2C%5C%22url%5C%22%3A%5C%22https%3A%2F%2Fwww.paypal.com%2Fmyaccount%2Fsummary%5C%22%2C%5C%22responseMatches%5C%22%3A%5B%5D%2C%5C%22responseRedactions%5C%22%3A%5B%5D%7D%22%2C%22owner%22%3A%220x1f2e3d4c5b6a79881726354453627180a9b8c7d6%22%2C%22timestampS%22%3A1767225600%2C%22context%22%3A%22%7B%5C%22contextAddress%5C%22%3A%5C%220x0%5C%22%2C%5C%22contextMessage%5C%22%3A%5C%22partner-api%3A1%3A1%3A1%5C%22%2C%5C%22extractedParameters%5C%22%3A%7B%5C%22balance%5C%22%3A%5C%221234.56%5C%22%7D%2C%5C%22providerHash%5C%22%3A%5C%220x5e1c0d9a8b7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c%5C%22%7D%22%2C%22identifier%22%3A%220x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f%22%2C%22epoch%22%3A1%7D%2C%22signatures%22%3A%5B%220xababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab%22%5D%2C%22witnesses%22%3A%5B%7B%22id%22%3A%220x244897572368eadf65bfbc5aec98d8e5443a9072%22%2C%22url%22%3A%22wss%3A%2F%2Fattestor.reclaimprotocol.org%2Fws%22%7D%5D%7D */
                "application/x-www-form-urlencoded": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSdkSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "sourceName": "PayPal"
                 *     }
                 */
                "application/json": {
                    /** @description Name of the verification source, e.g. "PayPal" */
                    sourceName: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["SdkSession"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReviewerSessions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description dueAt: the review due date, sessions without one last (asc) or first (desc) */
                sortBy?: "createdAt" | "updatedAt" | "status" | "dueAt";
                sortOrder?: "asc" | "desc";
                /** @description One status or a comma-separated list of: PENDING, PROCESSING, COMPLETED, REVIEWING, FAILED, EXPIRED, REJECTED */
                status?: string;
                /** @description Default 0; not with startingAfter */
                offset?: number;
                applicantId?: string;
                /** @description Search (any ASCII case): three characters or more match anywhere in the applicant's first name, last name, email or applicant id; one or two characters match the start of one of them */
                q?: string;
                createdAfter?: string;
                createdBefore?: string;
                /** @description A session id of the list: the page after it in the current sort order */
                startingAfter?: number;
                /** @description Adds counts: the number of sessions per status (whatever the status filter) */
                counts?: boolean;
                /** @description facts: adds each session's verified facts */
                include?: "facts";
                /** @description true: only REVIEWING sessions past their due date; false: every other session */
                overdue?: boolean;
                /** @description Only sessions with this tag */
                tag?: string;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ReviewerSessionListItem"][];
                        total: number;
                        /**
                         * @description Present (false) when a search (q) matched more sessions than the service counts one by one (1,000), or an applicantId, date, tag or overdue filter more than 1,000: total (and counts) are then lower bounds. Absent when they are exact.
                         * @enum {boolean}
                         */
                        totalExact?: false;
                        limit: number;
                        offset: number;
                        hasMore: boolean;
                        counts?: components["schemas"]["SessionCounts"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReviewerSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ReviewerSession"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decideSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    decision: "APPROVE" | "REJECT" | "REQUEST_MORE";
                    note?: string | null;
                    /** @description Codes of the team's decision reasons of the decision's kind (GET /partner/settings/decision-reasons; a REQUEST_MORE also takes reject reasons): at least one for REJECT and REQUEST_MORE (422 decision_reason_required), optional for APPROVE */
                    reasons?: string[];
                    /** @description REQUEST_MORE only (and required there): what the applicant is asked, shown on the hosted page */
                    message?: string;
                    /** @description REQUEST_MORE only: sources to prove (again): a new step for a source the session has none of, a new proof for one it has. Without it, the steps that had failed attempts are opened again (every step if none had) */
                    sourceIds?: number[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        message: string;
                        data: components["schemas"]["Session"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addSessionNote: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "Asked the applicant for March's payslip too."
                 *     }
                 */
                "application/json": {
                    /** @description The note (not blank) */
                    body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Note"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSessionReport: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The evidence bundle: session, the applicant's consent record (text version and sha256, language, time), facts, signals, decisions, each step's binding and proof requirements, the complete signed proofs with their attestors, the service version */
                        bundle: unknown;
                        signature: {
                            /** @enum {string} */
                            alg: "Ed25519";
                            kid: string;
                            /** @description base64url Ed25519 signature over the RFC 8785 canonical JSON of `bundle` */
                            value: string;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSessionReportPdf: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the session has expired. Codes: `session_expired`, `session_redacted`, `gone` */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["KeyInfo"];
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "payroll importer",
                 *       "permissions": [
                 *         "decide",
                 *         "webhooks"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description What it is for, for people */
                    name: string;
                    /** @description Scope it to this reviewer's sessions */
                    reviewerId?: string | null;
                    /** @description False for a test key; default: the mode of the calling key */
                    livemode?: boolean;
                    /** @description What it may do; default: everything its kind may do that the caller may. Never more than the caller has (403 key_exceeds_creator). Permission names: `read`, `create`, `decide`, `resend`, `cancel`, `redact`, `events`, `webhooks`, `redeliver`, `assign`, `users`, `keys:write`, `audit:read`, `settings` (a reviewer's key holds at most `read`, `create`, `decide`, `resend`, `cancel`). */
                    permissions?: string[];
                    /**
                     * Format: date-time
                     * @description When it stops working (in the future; not after the calling key's own expiry)
                     */
                    expiresAt?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ApiKeyWithSecret"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rollApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "expiresInSeconds": 86400
                 *     }
                 */
                "application/json": {
                    /** @description How long the old key keeps working beside the new one, in seconds (0: it stops at once, the default; at most 604800, 7 days) */
                    expiresInSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ApiKeyWithSecret"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ApiKey"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["SessionDetail"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "The applicant withdrew the application"
                 *     }
                 */
                "application/json": {
                    /** @description Why the partner stopped the session; carried by the session.expired event */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Session"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reissueSessionLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Send the verification link to the applicant
                     * @example {
                     *       "channels": [
                     *         "email",
                     *         "sms"
                     *       ],
                     *       "locale": "es"
                     *     }
                     */
                    delivery?: {
                        /** @description `email` sends to params.applicantEmail, `sms` to params.applicantPhone. */
                        channels: ("email" | "sms")[];
                        /** @description The messages' language: `en`, `es`, `fr` or `pt-BR` (a regional tag such as `es-MX` uses its language); default the session's params.locale, else the team's defaultLocale. */
                        locale?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            verificationLink: components["schemas"]["VerificationLink"];
                            /** @description `queued`: the messages are being sent in the background; `outbox`: at least one channel has no transport configured (no SMTP_URL or SMS_WEBHOOK_URL), so its messages are kept in the database only (the console's Outbox page, `partner-api outbox list`). */
                            delivery?: "queued" | "outbox";
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redactSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Session"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    assignSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reviewerId": "reviewer-7"
                 *     }
                 */
                "application/json": {
                    /** @description The reviewer whose queue takes the session; null puts it back in the team's */
                    reviewerId: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Session"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setSessionTags: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                sessionId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tags": [
                 *         "vip",
                 *         "second-look"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description The session's whole set of tags: at most 10, each 1 to 32 of a-z, 0-9 and - */
                    tags: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Session"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDecisionReasons: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DecisionReason"][];
                        /** @description True while the team has not set its own list (these are the service's defaults) */
                        isDefault: boolean;
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putDecisionReasons: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reasons": [
                 *         {
                 *           "code": "income_insufficient",
                 *           "label": "Income below the required amount",
                 *           "kind": "reject"
                 *         },
                 *         {
                 *           "code": "income_verified",
                 *           "label": "Income verified",
                 *           "kind": "approve"
                 *         },
                 *         {
                 *           "code": "more_recent_proof_needed",
                 *           "label": "A more recent proof is needed",
                 *           "kind": "more"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description The whole list, in the order the console shows it: codes unique, at least one reject reason (a REQUEST_MORE takes more and reject reasons) */
                    reasons: {
                        /** @description snake_case, 1 to 48 characters */
                        code: string;
                        label: string;
                        kind: "reject" | "approve" | "more";
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DecisionReason"][];
                        /** @description True while the team has not set its own list (these are the service's defaults) */
                        isDefault: boolean;
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://partner.example.org/hooks/verification",
                 *       "events": [
                 *         "session.*"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description Where deliveries are POSTed: an absolute http or https URL, without credentials or fragment. */
                    url: string;
                    /** @description Event types to receive: `*` for every event, an exact type (`session.created`, `session.processing`, `session.reviewing`, `session.completed`, `session.rejected`, `session.failed`, `session.expired`, `session.link_sent`, `session.opened`, `api_key.created`, `api_key.rolled`, `api_key.revoked`, ...) or every type under a prefix (`session.*`, `api_key.*`). */
                    events?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpoint"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** @description At least one field. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         "session.completed",
                 *         "session.rejected"
                 *       ],
                 *       "enabled": true
                 *     }
                 */
                "application/json": {
                    /** @description Where deliveries are POSTed: an absolute http or https URL, without credentials or fragment. */
                    url?: string;
                    /** @description Event types to receive: `*` for every event, an exact type (`session.created`, `session.processing`, `session.reviewing`, `session.completed`, `session.rejected`, `session.failed`, `session.expired`, `session.link_sent`, `session.opened`, `api_key.created`, `api_key.rolled`, `api_key.revoked`, ...) or every type under a prefix (`session.*`, `api_key.*`). */
                    events?: string[];
                    /** @description A disabled endpoint receives nothing; its pending deliveries fail. */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpoint"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description The `webhook-id` sent: `evt_test_<random>` (a test event is not stored and never redelivered) */
                            eventId: string;
                            /** @enum {string} */
                            type: "webhook.test";
                            /** @description The receiver answered 2xx */
                            delivered: boolean;
                            /** @description The receiver's HTTP status; null when it gave none */
                            statusCode: number | null;
                            /** @description Why the test was not delivered; null when delivered */
                            error: string | null;
                            /** @description The start of the receiver's answer body (at most 2 KiB) */
                            response: string | null;
                            /** @description From sending to the answer (ms) */
                            durationMs: number;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "PENDING" | "DELIVERED" | "FAILED";
                limit?: number;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
                deliveryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookDelivery"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description An event type (`session.completed`) or every type under a prefix (`session.*`) */
                type?: string;
                /** @description Only the events of this session */
                sessionId?: number;
                /** @description `desc` newest first (default); `asc` oldest first, for catching up: `startingAfter` then gives the events after that one */
                order?: "desc" | "asc";
                /** @description An event id of this list, `evt_<n>` */
                startingAfter?: string;
                limit?: number;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description `evt_<n>`: the `webhook-id` of its deliveries */
                            id: string;
                            type: string;
                            createdAt: string;
                            /** @description The API version `data` is shaped by: the version this request is served with */
                            apiVersion: string;
                            /** @description The payload its webhooks carry as `data` */
                            data: unknown;
                        }[];
                        hasMore: boolean;
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description Entries at or after this instant (ISO 8601) */
                from?: string;
                /** @description Entries before this instant (ISO 8601) */
                to?: string;
                /** @description Entries of this actor: a key id, a user id, `cli`, ... */
                actorId?: string;
                /** @description An action (`session.viewed`) or every action under a prefix (`api_key.*`) */
                action?: string;
                sessionId?: number;
                /** @description Entries per page: 1 to 100 as JSON (default 20), 1 to 1000 as CSV (default 1000) */
                limit?: number;
                /** @description An entry id of this list, `aud_<n>` */
                startingAfter?: string;
                /** @description `csv`: the same page as text/csv (cells that a spreadsheet would run as a formula are prefixed with a quote) */
                format?: "json" | "csv";
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description `aud_<n>` */
                            id: string;
                            /** @description When it happened (ISO 8601) */
                            at: string;
                            actor: {
                                type: "user" | "key" | "applicant" | "system";
                                /** @description The user's or key's id, the applicant's session id, or the system part (`cli`, `jobs`) */
                                id: string | null;
                                /** @description A name for people: the user's email, the key's name or prefix */
                                label: string | null;
                            };
                            /** @description What was done: `session.viewed`, `session.approved`, `session.canceled`, `session.redacted`, `api_key.created`, `webhook_endpoint.updated`, ... */
                            action: string;
                            /** @description The session it concerns, if any */
                            sessionId?: number;
                            /** @description The client address (never an applicant's) */
                            ip: string | null;
                            /** @description The X-Request-Id of the request that did it */
                            requestId: string | null;
                            /** @description Ids and settings of the change; never an applicant's data */
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        hasMore: boolean;
                    };
                    "text/csv": string;
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["User"][];
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ana@lender.example",
                 *       "name": "Ana Credit",
                 *       "role": "reviewer"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: email
                     * @description Unique in the team, any case
                     */
                    email: string;
                    name?: string | null;
                    /** @description `admin`: everything in the team (users, keys, webhooks, redaction, every queue); `reviewer`: sees and decides the sessions assigned to its reviewerId; `viewer`: reads the team's sessions, changes nothing. */
                    role: "admin" | "reviewer" | "viewer";
                    /** @description Defaults to the email */
                    reviewerId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                            /** @description One-time link (24 hours) where the user sets a password; the token is in its `token` query parameter. Shown only here. */
                            setupUrl: string;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUserSetupLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** @description No body, or an empty object */
        requestBody: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                            /** @description One-time link (24 hours) where the user sets a password; the token is in its `token` query parameter. Shown only here. */
                            setupUrl: string;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** @description At least one field. A change of role or a disabling ends the user's console sessions. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description `admin`: everything in the team (users, keys, webhooks, redaction, every queue); `reviewer`: sees and decides the sessions assigned to its reviewerId; `viewer`: reads the team's sessions, changes nothing. */
                    role?: "admin" | "reviewer" | "viewer";
                    /** @description true disables the user (their console sessions end at once); false enables them again */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetUserTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConsoleSignInOptions: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description Email and password sign-in */
                            password: boolean;
                            /** @description Whether "Sign in with SSO" (GET /console/oidc/start) is configured */
                            sso: boolean;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConsoleSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                            /** @description Send it as the `x-console-csrf` header with every POST, PATCH and DELETE made with the console cookie */
                            csrfToken: string;
                            /** @description Whether the console works on live data (true) or test data */
                            livemode: boolean;
                            teamName: string | null;
                        };
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signInToConsole: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    /** @description The current 6-digit code of the user's authenticator app, when two-step sign-in is on (401 `totp_required` without it) */
                    totpCode?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                            /** @description Send it as the `x-console-csrf` header with every POST, PATCH and DELETE made with the console cookie */
                            csrfToken: string;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOutOfConsole: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateConsoleSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "livemode": false
                 *     }
                 */
                "application/json": {
                    /** @description false: the console works on test (sandbox) data; true: live data */
                    livemode: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                            /** @description Send it as the `x-console-csrf` header with every POST, PATCH and DELETE made with the console cookie */
                            csrfToken: string;
                            /** @description Whether the console works on live data (true) or test data */
                            livemode: boolean;
                            teamName: string | null;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startConsoleTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": {
                    /** @description The user's current password (403 `password_required` without it, `password_incorrect` when wrong) */
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description The secret in base32, for an app that cannot scan (shown this once) */
                            secret: string;
                            /** @description The otpauth:// URI an authenticator app imports */
                            otpauthUri: string;
                            /** @description The URI as a QR code (an SVG document) to scan */
                            qrSvg: string;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmConsoleTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "492039"
                 *     }
                 */
                "application/json": {
                    /** @description The current 6-digit code of the authenticator app */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableConsoleTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "492039",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": {
                    /** @description The current 6-digit code of the authenticator app */
                    code: string;
                    /** @description The user's current password (403 `password_required` without it, `password_incorrect` when wrong) */
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity: a proof failed verification (message says why). Codes: `totp_code_invalid`, `proof_invalid`, `proof_provider_not_http`, `proof_url_not_https`, `proof_host_mismatch`, `proof_provider_hash_mismatch`, `proof_provider_not_pinned`, `proof_parameter_missing`, `proof_malformed`, `proof_path_mismatch`, `proof_extraction_mismatch`, `proof_tee_nonce_invalid`, `proof_simulated_failure`, `decision_reason_required`, `decision_reason_unknown`, `unprocessable` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setConsolePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "kJ3v0Qm2c5Zr8uYt1WxN4bAe7LpHsDgF6iOyRqTzUvE",
                 *       "password": "orchid tunnel basalt lantern"
                 *     }
                 */
                "application/json": {
                    /** @description The `token` query parameter of the setup link */
                    token: string;
                    /** @description At least 12 characters, not a common password */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TeamSettings"];
                    };
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The fields to change (at least one); a field left out keeps its value. null sets displayName back to the team's name, and clears supportEmail, retentionDays and reviewSlaHours. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "displayName": "Acme Leasing",
                 *       "timezone": "America/Chicago",
                 *       "reminders": {
                 *         "afterHours": [
                 *           24,
                 *           72
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description Who asks, as applicants read it in messages and on the page; defaults to the team's name. */
                    displayName?: string | null;
                    /**
                     * Format: email
                     * @description Where applicants may write with questions; shown in messages when set.
                     */
                    supportEmail?: string | null;
                    /**
                     * @description The language of messages when a session names none.
                     * @enum {unknown}
                     */
                    defaultLocale?: "en" | "es" | "fr" | "pt-BR";
                    /** @description IANA time zone name (`America/New_York`): reminders are not sent between 21:00 and 08:00 there, unless a session names its own. */
                    timezone?: string;
                    /**
                     * @example {
                     *       "afterHours": [
                     *         24,
                     *         72
                     *       ]
                     *     }
                     */
                    reminders?: {
                        /** @description Hours after the link was sent at which it is sent again (at most 3, each distinct, fractions allowed); [] sends no reminder. */
                        afterHours: number[];
                    };
                    /** @description The applicant must accept the consent text before selecting a source. */
                    requireConsent?: boolean;
                    /** @description Final sessions of the team are redacted this many days after they ended; overrides RETENTION_DAYS. null follows RETENTION_DAYS. */
                    retentionDays?: number | null;
                    /** @description Hours a session may wait in REVIEWING before it is overdue (at least 0.01); fractions allowed. null: no target. */
                    reviewSlaHours?: number | null;
                    /**
                     * @description `round_robin` assigns new sessions to the team's reviewers in turn; `none` leaves them in the team's queue.
                     * @enum {unknown}
                     */
                    autoAssign?: "round_robin" | "none";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TeamSettings"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOutbox: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["OutboxMessage"][];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeliverySuppressions: {
        parameters: {
            query?: {
                channel?: "email" | "sms";
                reason?: "bounced" | "sms_stop" | "email_unsubscribe";
                /** @description The suppressions of this address (an email address, or an E.164 number): compared by its keyed hash, never stored */
                address?: string;
                limit?: number;
                /** @description A suppression id of this list: the page after it */
                startingAfter?: number;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DeliverySuppression"][];
                        hasMore: boolean;
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    liftDeliverySuppression: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DeliverySuppression"];
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: a CSRF token of another session, or a key without the permission the route needs. Codes: `csrf_token_wrong_session`, `team_key_required`, `key_exceeds_creator`, `role_exceeds_caller`, `console_csrf_invalid`, `origin_forbidden`, `sso_denied`, `sso_no_email`, `sso_no_role`, `sso_user_disabled`, `password_required`, `password_incorrect`, `forbidden` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found (also for resources that are not the caller's). Codes: `route_not_found`, `session_not_found`, `step_not_found`, `source_not_found`, `login_flow_not_found`, `callback_not_found`, `webhook_not_found`, `asset_not_found`, `event_not_found`, `delivery_not_found`, `api_key_not_found`, `audit_entry_not_found`, `user_not_found`, `suppression_not_found`, `sso_not_configured`, `not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: the current status forbids this, or the proof was already used. Codes: `idempotency_key_reused`, `idempotency_key_in_progress`, `session_status_conflict`, `step_status_conflict`, `step_not_initiated`, `step_attempts_exhausted`, `concurrent_update`, `consent_required`, `consent_version_mismatch`, `proof_already_used`, `webhook_limit_reached`, `webhook_disabled`, `api_key_revoked`, `api_key_already_rolled`, `api_key_expired`, `more_request_limit_reached`, `user_exists`, `user_last_admin`, `user_disabled`, `totp_already_enabled`, `totp_not_started`, `totp_not_enabled`, `suppression_applicant_stop`, `totp_needs_password`, `sandbox_disabled`, `conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveInboundSms: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A Twilio-compatible inbound message (form-encoded or JSON); other fields are ignored. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "From": "+15551234567",
                 *       "To": "+15005550006",
                 *       "Body": "STOP"
                 *     }
                 */
                "application/json": {
                    From: string;
                    Body: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            action: "stopped" | "started" | "ignored";
                            /** @description Teams whose messages to this number the answer stops or restarts */
                            teams: number;
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveSmsStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A Twilio-compatible status callback (form-encoded or JSON); other fields are ignored. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "MessageSid": "SM0123456789",
                 *       "MessageStatus": "undelivered",
                 *       "ErrorCode": "30003",
                 *       "To": "+15551234567"
                 *     }
                 */
                "application/json": {
                    MessageSid: string;
                    MessageStatus: string;
                    ErrorCode?: string;
                    ErrorMessage?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description `ignored`: not a final failure (delivered, delayed...), not one of our messages, or the message is no longer `sent` (already opened, failed or bounced) */
                            action: "bounced" | "failed" | "ignored";
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveMailBounce: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example From: MAILER-DAEMON@mx.example.com
                 *     Subject: Undelivered Mail Returned to Sender
                 *     Content-Type: multipart/report; report-type=delivery-status; boundary="b"
                 *
                 *     --b
                 *     Content-Type: message/delivery-status
                 *
                 *     Reporting-MTA: dns; mx.example.com
                 *
                 *     Final-Recipient: rfc822; jane@example.com
                 *     Action: failed
                 *     Status: 5.1.1
                 *     Diagnostic-Code: smtp; 550 5.1.1 User unknown
                 *
                 *     --b
                 *     Content-Type: text/rfc822-headers
                 *
                 *     Message-ID: <0c3a9e1f-2b4d@verify.example.com>
                 *     To: jane@example.com
                 *
                 *     --b--
                 */
                "message/rfc822": string;
                /**
                 * @example From: MAILER-DAEMON@mx.example.com
                 *     Subject: Undelivered Mail Returned to Sender
                 *     Content-Type: multipart/report; report-type=delivery-status; boundary="b"
                 *
                 *     --b
                 *     Content-Type: message/delivery-status
                 *
                 *     Reporting-MTA: dns; mx.example.com
                 *
                 *     Final-Recipient: rfc822; jane@example.com
                 *     Action: failed
                 *     Status: 5.1.1
                 *     Diagnostic-Code: smtp; 550 5.1.1 User unknown
                 *
                 *     --b
                 *     Content-Type: text/rfc822-headers
                 *
                 *     Message-ID: <0c3a9e1f-2b4d@verify.example.com>
                 *     To: jane@example.com
                 *
                 *     --b--
                 */
                "multipart/report": string;
                /**
                 * @example From: MAILER-DAEMON@mx.example.com
                 *     Subject: Undelivered Mail Returned to Sender
                 *     Content-Type: multipart/report; report-type=delivery-status; boundary="b"
                 *
                 *     --b
                 *     Content-Type: message/delivery-status
                 *
                 *     Reporting-MTA: dns; mx.example.com
                 *
                 *     Final-Recipient: rfc822; jane@example.com
                 *     Action: failed
                 *     Status: 5.1.1
                 *     Diagnostic-Code: smtp; 550 5.1.1 User unknown
                 *
                 *     --b
                 *     Content-Type: text/rfc822-headers
                 *
                 *     Message-ID: <0c3a9e1f-2b4d@verify.example.com>
                 *     To: jane@example.com
                 *
                 *     --b--
                 */
                "text/plain": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description `ignored`: not a final failure (delivered, delayed...), not one of our messages, or the message is no longer `sent` (already opened, failed or bounced) */
                            action: "bounced" | "failed" | "ignored";
                        };
                    };
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized: missing, unknown, revoked or expired credential. Codes: `api_key_missing`, `api_key_invalid`, `csrf_token_missing`, `csrf_token_invalid`, `link_token_invalid`, `metrics_token_invalid`, `sign_in_failed`, `totp_required`, `console_session_invalid`, `mail_bounce_unauthorized`, `sms_inbound_unauthorized`, `unauthorized` */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large: body over 1 MiB. Codes: `body_too_large` */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unsubscribePage: {
        parameters: {
            query: {
                t: string;
                /** @description The page's language (the email's); an unknown one is ignored */
                lang?: string;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unsubscribe: {
        parameters: {
            query?: {
                t?: string;
            };
            header?: {
                /** @description The API version (`YYYY-MM-DD`) to be served with; without it, the key's pinned version (the current one, 2026-12-01, when the key was made). An unknown version is a 400 `api_version_unknown` naming the supported ones. */
                "Partner-Version"?: components["parameters"]["PartnerVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "List-Unsubscribe": "One-Click"
                 *     }
                 */
                "application/json": {
                    t?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad Request: malformed JSON, schema violation, unknown field or source. Codes: `malformed_json`, `body_empty`, `content_length_mismatch`, `malformed_url`, `path_parameter_too_long`, `malformed_request`, `request_aborted`, `validation_failed`, `invalid_characters`, `body_too_deep`, `idempotency_key_invalid`, `source_unknown`, `source_not_allowed`, `proof_missing`, `too_many_proofs`, `proof_duplicate`, `api_version_unknown`, `permission_unknown`, `password_too_weak`, `setup_token_invalid`, `sso_flow_invalid`, `sso_failed`, `bad_request`, `client_error` */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type. Codes: `unsupported_media_type` */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests (see Retry-After). Codes: `rate_limited`, `sign_in_rate_limited` */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Partner-Version": components["headers"]["Partner-Version"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
