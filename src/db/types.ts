import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The status types of sessions and steps. The lifecycle module owns them and fills this interface in
 * (src/modules/lifecycle/lifecycle.ts augments it), so that the database layer imports no module.
 */
export interface StatusTypes {}
type SessionStatus = StatusTypes extends { session: infer S } ? S : string
type StepStatus = StatusTypes extends { step: infer S } ? S : string

// Timestamps travel as ISO 8601 strings on both dialects (see database.ts for the PostgreSQL parser).
// JSON columns travel as JSON text on both dialects; repositories parse and stringify them.
type Timestamp = string
type JsonText = string
type Id = Generated<number>

export interface TeamsTable { id: Id, name: string, createdAt: Timestamp }

export interface ApiKeysTable {
  id: Id
  teamId: number
  reviewerId: string | null
  name: string | null
  prefix: string
  keyHash: string
  rateLimitTtlS: number | null
  rateLimitLimit: number | null
  rateLimitBlockS: number | null
  createdAt: Timestamp
  lastUsedAt: Timestamp | null
  revokedAt: Timestamp | null
  livemode: ColumnType<number, number | undefined, number> // 1 live, 0 test (sandbox)
  permissions: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // permission names; null: the key's defaults
  apiVersion: ColumnType<string, string | undefined, string> // the API version the key was pinned to at creation
  expiresAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null> // past it the key is refused (set at creation, or by a roll)
  rolledAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null> // replaced by a new key (once); works until expiresAt
}

export interface SourcesTable {
  id: Id
  name: string
  description: string
  sourceName: string
  sourceNameKey: string // lower(sourceName): case-insensitive uniqueness on both dialects
  logoUrl: string
  category: string
  providerId: string
  providerHashes: JsonText
  loginFlow: JsonText | null
  verificationTypeIds: JsonText
  enabled: number // 0 | 1
  proofHosts: JsonText // string[]: exact https hosts (docs/proof-verification.md, rule 5)
  proofParameters: JsonText // string[]: extracted parameters a proof must carry
  hostsVerified: number // 0 | 1: the operator has checked the shipped hosts
  proofPaths: ColumnType<JsonText, JsonText | undefined, JsonText> // string[]: request paths (`/exact`, `/prefix/*`), rule 5.7
  proofExtraction: ColumnType<JsonText, JsonText | undefined, JsonText> // {parameter: {jsonPath?, regex?}}, rule 5.8
  providerHashVersions: ColumnType<JsonText, JsonText | undefined, JsonText> // {hash: provider version} of pins made by `sources pin --version`
  createdAt: Timestamp
  updatedAt: Timestamp
}

export interface SessionsTable {
  id: Id
  teamId: number
  reviewerId: string | null
  verificationTypeId: number | null
  userId: string | null
  applicantId: string | null
  applicantFirstName: string | null
  applicantLastName: string | null
  applicantEmail: string | null
  applicantData: JsonText | null
  instructions: string | null
  metadata: JsonText | null
  selectedPlatform: number | null
  status: SessionStatus
  expiryDate: Timestamp
  linkTokenHash: string
  createdAt: Timestamp
  updatedAt: Timestamp
  decidedAt: Timestamp | null
  decisionNote: string | null
  livemode: ColumnType<number, number | undefined, number> // 1 live, 0 test (sandbox)
  statusReason: string | null // why it ended: canceled, expired, attempts_exhausted, approved, rejected
  redactedAt: Timestamp | null // the applicant's data erased
  locale: string | null // params.locale: the applicant's language
  purpose: string | null // params.purpose: credit, tenant_screening, employment, other
  purposeText: string | null
  consent: JsonText | null // {version, textHash, locale, acceptedAt, ip, userAgent}; kept after redaction without ip
  parentSessionId: ColumnType<number | null, number | null | undefined, number | null> // the session it re-verifies
  decisionReasons: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // [{code, label}] of the decision
  tags: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // string[] (also in session_tags)
  moreRequests: ColumnType<number | null, number | null | undefined, number | null> // times a reviewer asked for more
  moreRequest: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // the last request: {message, reasons, sourceIds, at}
  dueAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null> // when the review is due
  overdueNotifiedAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null> // session.review_overdue written
}

export interface SessionAllowedSourcesTable { sessionId: number, sourceId: number }

export interface CsrfTokensTable { tokenHash: string, sessionId: number, expiresAt: Timestamp, createdAt: Timestamp }

export interface StepsTable {
  id: Id
  sessionId: number
  sourceId: number
  type: string
  status: StepStatus
  attempts: number
  contextMessage: string | null
  reclaimSessionId: string | null
  callbackTokenHash: string | null
  metadata: JsonText | null
  initiatedAt: Timestamp | null
  verifiedAt: Timestamp | null
  failureReason: string | null
  createdAt: Timestamp
  updatedAt: Timestamp
}

export interface ProofsTable {
  id: Id
  stepId: number
  identifier: string
  owner: string
  timestampS: number
  providerHash: string | null
  extracted: JsonText
  raw: JsonText
  host: ColumnType<string | null, string | null | undefined, string | null> // the host the proof's request went to
  pinned: ColumnType<number | null, number | null | undefined, number | null> // 1 when its provider hash is pinned by the source
  signers: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // the trusted attestors whose signatures counted
  bindings: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // ProofBindings: which rules bound its facts
  requirements: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null> // its source's proof requirements as it was verified against them (issue 21: the report's "at the time")
  createdAt: Timestamp
}

export interface SdkSessionsTable { id: string, teamId: number, sourceId: number, providerId: string, appId: string, createdAt: Timestamp }

export interface IdempotencyKeysTable {
  teamId: number
  keyHash: string
  requestHash: string
  sessionId: number
  response: string // AES-GCM ciphertext keyed by the Idempotency-Key itself, which we never store
  createdAt: Timestamp
}

/** The generic Idempotency-Key record (src/modules/idempotency/idempotency.plugin.ts); statusCode null while the request executes. */
export interface IdempotentRequestsTable {
  teamId: number
  keyHash: string
  requestHash: string
  sessionId: number | null
  statusCode: number | null
  response: string | null // sealed { statusCode, body, contentType }
  createdAt: Timestamp
}

export interface EventsTable {
  id: Id
  teamId: number
  sessionId: number | null
  type: string
  payload: JsonText
  createdAt: Timestamp
  dispatchedAt: Timestamp | null // fanned out into webhook deliveries; null = not yet
  livemode: ColumnType<number, number | undefined, number> // a test event goes to test endpoints only
}

export interface WebhookEndpointsTable {
  id: Id
  teamId: number
  url: string
  secret: string // whsec_... kept to sign deliveries (must be recoverable, unlike API keys)
  events: JsonText // event types, ["*"] for all
  enabled: number
  createdAt: Timestamp
  updatedAt: Timestamp
  previousSecret: string | null // the secret before the last rotation, still signing until it expires
  previousSecretExpiresAt: Timestamp | null
  livemode: ColumnType<number, number | undefined, number>
  apiVersion: ColumnType<string, string | undefined, string> // the API version its payloads are shaped by, pinned at creation
}

export interface WebhookDeliveriesTable {
  id: Id
  endpointId: number
  eventId: number
  status: string // PENDING | DELIVERED | FAILED
  attempts: number
  nextAttemptAt: Timestamp
  lastStatusCode: number | null
  lastError: string | null
  lastAttemptAt: Timestamp | null
  createdAt: Timestamp
  updatedAt: Timestamp
  response: ColumnType<string | null, string | null | undefined, string | null> // the start of the receiver's answer (2 KiB)
}

export interface AuditLogTable {
  id: Id
  sessionId: number
  stepId: number | null
  actor: string
  action: string
  fromStatus: string | null
  toStatus: string | null
  detail: string | null
  at: Timestamp
}

/** The team audit log (modules/audit): append-only, no applicant data; the database refuses updates and deletes. */
export interface AuditEntriesTable {
  id: Generated<number>
  teamId: number
  livemode: number | null // 1 live, 0 test, null: no mode (sign-ins, users)
  at: Timestamp
  actorType: string // user | key | applicant | system
  actorId: string | null
  actorLabel: string | null
  action: string
  sessionId: number | null
  ip: string | null
  requestId: string | null
  details: JsonText
  dedupKey: ColumnType<string | null, string | null | undefined, never> // once per key (session.viewed: actor, session, minute)
}

/** Sessions per team, mode, reviewer ('' for none) and status, split over shards (summed on read). */
export interface SessionCountsTable {
  teamId: number
  livemode: number
  reviewerId: string
  status: string
  shard: number
  n: ColumnType<number | string, number, number>
}

/** A team's decision reasons (none stored: the defaults). */
export interface DecisionReasonsTable { teamId: number, code: string, label: string, kind: string, position: number }

/** One tag of a session (the list's `tag=` filter); the session's `tags` column holds the same set. */
export interface SessionTagsTable { sessionId: number, teamId: number, tag: string }

export interface SessionNotesTable {
  id: Id
  sessionId: number
  author: string
  body: string | null // null once the session is redacted
  createdAt: Timestamp
}

/** Turns of a team's round-robin assignment so far. */
export interface ReviewRotationTable { teamId: number, turns: ColumnType<number | string, number, number> }

export type UserRole = 'admin' | 'reviewer' | 'viewer'

export interface UsersTable {
  id: Id
  teamId: number
  email: string
  emailKey: string // lower(email)
  name: string | null
  role: UserRole
  reviewerId: string
  passwordHash: string | null
  oidcSubject: string | null
  disabledAt: Timestamp | null
  createdAt: Timestamp
  updatedAt: Timestamp
  totpSecret: string | null // sealed with the server secret (src/lib/secrets.ts)
  totpPendingSecret: string | null // sealed; set while enrolling, until the first code confirms it
  totpEnabledAt: Timestamp | null
  totpLastStep: number | null // the last 30-second step whose code was accepted
}

/** A team's settings; NULL = not set (the service answers the default). */
export interface TeamSettingsTable {
  teamId: number
  displayName: string | null
  supportEmail: string | null
  defaultLocale: string | null
  timezone: string | null // IANA name
  reminders: JsonText | null // {afterHours: number[]}
  requireConsent: number | null // 0 | 1
  retentionDays: number | null // overrides RETENTION_DAYS for the team's sessions
  reviewSlaHours: number | null
  autoAssign: string | null // round_robin | none
  createdAt: Timestamp
  updatedAt: Timestamp
}

export interface UserSetupTokensTable { tokenHash: string, userId: number, createdAt: Timestamp, expiresAt: Timestamp }

export interface ConsoleSessionsTable {
  tokenHash: string
  userId: number
  livemode: ColumnType<number, number | undefined, number>
  method: 'password' | 'sso'
  createdAt: Timestamp
  lastSeenAt: Timestamp
  expiresAt: Timestamp
}

export interface ConsoleOidcFlowsTable { flowHash: string, state: string, nonce: string, codeVerifier: string, createdAt: Timestamp, expiresAt: Timestamp }

export interface ConsoleSignInFailuresTable { id: Id, emailKey: string, at: Timestamp }
/** A session's link delivery: where, how and when its link is sent (issue 20). */
export interface DeliveryPlansTable {
  sessionId: number
  teamId: number
  livemode: number
  email: string | null
  phone: string | null // E.164
  channels: JsonText // ("email" | "sms")[]
  locale: string | null
  timezone: string | null // IANA; null = the team's
  reminderHours: JsonText | null // number[]; null = the team's setting
  linkSealed: string | null
  sends: number
  remindersSent: number
  anchorAt: Timestamp | null
  nextReminderAt: Timestamp | null
  openedAt: Timestamp | null
  createdAt: Timestamp
  updatedAt: Timestamp
}

/** One message to one address: the outbox row the delivery worker sends. */
export interface LinkDeliveriesTable {
  id: Id
  sessionId: number
  teamId: number
  livemode: number
  sendNo: number
  kind: string // link | reminder
  channel: string // email | sms
  toAddress: string | null
  toMasked: string
  toHash: string
  locale: string
  status: string // queued | sent | failed | bounced | opened | suppressed
  attempts: number
  nextAttemptAt: Timestamp
  claimedUntil: Timestamp | null
  lastError: string | null
  transport: string | null // smtp | sms_gateway | outbox
  providerId: string | null
  content: string | null // sealed
  createdAt: Timestamp
  updatedAt: Timestamp
  sentAt: Timestamp | null
  openedAt: Timestamp | null
}

/** An address a team sends nothing more to (per channel): the applicant's STOP or unsubscribe, or a hard bounce. */
export interface DeliverySuppressionsTable {
  id: Id
  teamId: number
  channel: string
  addressHash: string // HMAC of the normalised address, as linkDeliveries.toHash; the address itself is not kept
  reason: string // sms_stop | email_unsubscribe | bounced
  code: string | null // a bounce's status (5.1.1) or gateway error code (30005)
  sessionId: number | null // a bounce: the session and message that bounced
  deliveryId: number | null
  createdAt: Timestamp
}

export interface Database {
  teams: TeamsTable
  apiKeys: ApiKeysTable
  sources: SourcesTable
  sessions: SessionsTable
  sessionAllowedSources: SessionAllowedSourcesTable
  csrfTokens: CsrfTokensTable
  steps: StepsTable
  proofs: ProofsTable
  sdkSessions: SdkSessionsTable
  idempotencyKeys: IdempotencyKeysTable
  idempotentRequests: IdempotentRequestsTable
  events: EventsTable
  webhookEndpoints: WebhookEndpointsTable
  webhookDeliveries: WebhookDeliveriesTable
  auditLog: AuditLogTable
  sessionCounts: SessionCountsTable
  auditEntries: AuditEntriesTable
  decisionReasons: DecisionReasonsTable
  sessionTags: SessionTagsTable
  sessionNotes: SessionNotesTable
  reviewRotation: ReviewRotationTable
  teamSettings: TeamSettingsTable
  signals: SignalsTable
  signalFingerprints: SignalFingerprintsTable
  users: UsersTable
  userSetupTokens: UserSetupTokensTable
  consoleSessions: ConsoleSessionsTable
  consoleOidcFlows: ConsoleOidcFlowsTable
  consoleSignInFailures: ConsoleSignInFailuresTable
  deliveryPlans: DeliveryPlansTable
  linkDeliveries: LinkDeliveriesTable
  deliverySuppressions: DeliverySuppressionsTable
}

/** A signal raised when a step was verified (issue 21): it informs, never changes a status. */
export interface SignalsTable {
  id: Id
  sessionId: number
  stepId: number | null
  code: string
  score: number | null
  sentence: string
  details: JsonText
  createdAt: Timestamp
}

/** A keyed hash (HMAC, server secret) of an account identifier or a proof owner, and of the applicant it was seen for. */
export interface SignalFingerprintsTable {
  id: Id
  teamId: number
  sessionId: number
  sourceId: number
  kind: 'account' | 'owner'
  valueHash: string
  applicantHash: string
  createdAt: Timestamp
}
export type SignalRow = Selectable<SignalsTable>

export type TeamRow = Selectable<TeamsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type SourceRow = Selectable<SourcesTable>
export type NewSource = Insertable<SourcesTable>
export type SessionRow = Selectable<SessionsTable>
export type NewSession = Insertable<SessionsTable>
export type SessionUpdate = Updateable<SessionsTable>
export type StepRow = Selectable<StepsTable>
export type ProofRow = Selectable<ProofsTable>
export type AuditRow = Selectable<AuditLogTable>
export type AuditEntryRow = Selectable<AuditEntriesTable>
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>
export type SessionNoteRow = Selectable<SessionNotesTable>
export type TeamSettingsRow = Selectable<TeamSettingsTable>
export type UserRow = Selectable<UsersTable>
export type ConsoleSessionRow = Selectable<ConsoleSessionsTable>
export type DeliveryPlanRow = Selectable<DeliveryPlansTable>
export type LinkDeliveryRow = Selectable<LinkDeliveriesTable>
export type DeliverySuppressionRow = Selectable<DeliverySuppressionsTable>
export type { ColumnType }
