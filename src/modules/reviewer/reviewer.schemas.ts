import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'
import { SESSION_STATUSES } from '../lifecycle/lifecycle.js'
import { ListSessionsQuery, SessionSchema } from '../sessions/sessions.schemas.js'
import { StepSchema } from '../steps/steps.schemas.js'

/** A fact's TEE attestation nonce (rule 4.2), as its proof's bindings record it. */
const TeeNonceSchema = Type.Union([Type.Literal('absent'), Type.Literal('verified'), Type.Literal('unchecked')], {
  description: 'The TEE attestation nonce of the fact\'s proof (rule 4.2): absent, verified for this service\'s application, or unchecked (present, but no RECLAIM_APP_ID / RECLAIM_APP_SECRET to check it against: not trusted). absent for proofs accepted before issue 23'
})

/** docs/proof-verification.md: which rules bound an accepted proof's facts. */
export const ProofBindingsSchema = Type.Object({
  host: Nullable(Type.String({ description: 'The host the request went to (rule 5)' })),
  path: Nullable(Type.Object({
    value: Type.String({ description: 'The request path as written in the proof (without the query)' }),
    bound: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('none')], { description: 'How the source\'s paths bound it (rule 5.7); none = the source lists no paths' })
  })),
  providerPinned: Type.Boolean({ description: 'The provider hash is one the source pins (rule 5)' }),
  facts: Type.Record(Type.String(), Type.Object({
    extraction: Type.Union([Type.Literal('jsonPath'), Type.Literal('regex'), Type.Literal('jsonPath+regex'), Type.Literal('none')], { description: 'How the source bound the redaction that extracts it (rule 5.8); none = not bound' }),
    hashed: Type.Boolean({ description: 'The value is an OPRF hash of the data, not the clear value (rule 5.9)' })
  })),
  teeNonce: Type.Union([Type.Literal('absent'), Type.Literal('verified'), Type.Literal('unchecked')], { description: 'The TEE attestation nonce (rule 4.2): absent, verified for this service\'s application, or present but not checkable (no application id or secret configured)' }),
  sessionIdFrom: Type.Union([Type.Literal('context'), Type.Literal('parameters'), Type.Literal('both'), Type.Literal('none')], { description: 'Where the proof carried its Reclaim session id (rule 4.1)' })
}, { $id: 'ProofBindings', description: 'Which rules bound the proof\'s facts; null for proofs accepted before issue 23' })

export const ProofSummarySchema = Type.Object({
  identifier: Type.String(),
  owner: Type.String(),
  timestampS: Type.Integer({ description: 'When the attestor signed the claim, unix seconds' }),
  providerHash: Nullable(Type.String()),
  extracted: Type.Object({}, { additionalProperties: true, description: 'Values from the proof\'s signed context' }),
  host: Nullable(Type.String({ description: 'The host the proof\'s request went to (null for proofs accepted before source binding)' })),
  pinned: Type.Boolean({ description: 'Whether its provider hash is one the source pins (else it is bound by host alone)' }),
  attestors: Type.Array(Type.String(), { description: 'The trusted attestors whose signatures counted' }),
  bindings: Nullable(ProofBindingsSchema),
  createdAt: Type.String({ description: 'When the proof was accepted' })
}, { $id: 'ProofSummary', description: 'An accepted proof, as a reviewer sees it' })

export const SourceRefSchema = Type.Object({ id: Type.Integer(), name: Type.String(), sourceName: Type.String() }, { $id: 'SourceRef' })

export const ReviewerStepSchema = Type.Object({
  ...StepSchema.properties,
  source: SourceRefSchema,
  proofs: Type.Array(ProofSummarySchema)
}, { $id: 'ReviewerStep', description: 'A step with its source and accepted proofs' })

export const FactSchema = Type.Object({
  name: Type.String({ description: 'The extracted parameter\'s name' }),
  value: Type.Unknown({ description: 'Its value, as signed (usually a string)' }),
  sourceId: Type.Integer(),
  sourceName: Type.String(),
  stepId: Type.Integer(),
  proofIdentifier: Type.String(),
  provenAt: Type.String({ description: 'When the attestor signed it (ISO 8601)' }),
  host: Nullable(Type.String({ description: 'The host its proof\'s request went to' })),
  pinned: Type.Boolean({ description: 'Whether its proof\'s provider hash was pinned by the source; false = bound by host alone (weaker)' }),
  attestor: Nullable(Type.String({ description: 'The attestor that signed its proof' })),
  hashed: Type.Boolean({ description: 'The value is an OPRF hash (a redaction with `hash`), never the clear value (rule 5.9)' }),
  extraction: Type.Union([Type.Literal('jsonPath'), Type.Literal('regex'), Type.Literal('jsonPath+regex'), Type.Literal('none')], { description: 'How the source bound the redaction that extracted it (rule 5.8); none = not bound (or a proof from before issue 23)' }),
  pathBound: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('none')], { description: 'How the source bound its proof\'s request path (rule 5.7); none = not bound' }),
  teeNonce: TeeNonceSchema
}, { $id: 'Fact', description: 'One verified value, taken only from a signed proof context' })
export type Fact = Static<typeof FactSchema>

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  stepId: Nullable(Type.Integer()),
  actor: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  at: Type.String()
}, { $id: 'AuditEntry', description: 'One recorded action or status change' })

export const SignalSchema = Type.Object({
  code: Type.String({ description: 'name_mismatch | account_reused | proof_owner_reused | many_sessions' }),
  stepId: Nullable(Type.Integer()),
  score: Nullable(Type.Integer({ description: 'name_mismatch: how well the holder name matches the applicant, 0-100 (flagged below 70)' })),
  sentence: Type.String({ description: 'What the signal means, in one sentence (never quotes a name)' }),
  details: Type.Object({}, { additionalProperties: true, description: 'Ids, counts, scores and keyed hashes only' }),
  createdAt: Type.String()
}, { $id: 'Signal', description: 'A signal raised when a step was verified: it informs, it never decides' })

export const ComparisonSchema = Type.Object({
  name: Type.String(),
  sourceName: Type.String(),
  value: Type.Unknown(),
  parentValue: Type.Unknown({ description: 'The same fact in the parent session, null if it had none' }),
  change: Nullable(Type.String({ description: 'The relative change of a number, e.g. "-8.3%"; null when either is not a number, or hashed' })),
  hashed: Type.Boolean({ description: 'Either value is an OPRF hash (rule 5.9), never the clear value: compare them for equality only' }),
  text: Type.String({ description: 'The comparison in one line: "monthlyIncome 5,400.00 -> 4,950.00 USD, -8.3%" (the currency is the same proof\'s currency fact; "none" when the parent had no such fact); for hashed values "accountId: OPRF hashes, the same" (or "different")' })
}, { $id: 'FactComparison', description: 'A fact of a re-verification beside the parent session\'s value' })
export const NoteSchema = Type.Object({
  id: Type.Integer(),
  author: Type.String({ description: 'Who wrote it, as the audit trail names callers (reviewer:<id>, partner:key:<id>, ...)' }),
  body: Nullable(Type.String({ description: 'Null once the session is redacted' })),
  createdAt: Type.String()
}, { $id: 'Note', description: 'A reviewer\'s note on a session' })
export type Note = Static<typeof NoteSchema>

export const NoteBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 4000, description: 'The note (not blank)' })
}, { additionalProperties: false, examples: [{ body: 'Asked the applicant for March\'s payslip too.' }] })
export type NoteBody = Static<typeof NoteBody>

export const NoteResponse = Type.Object({ success: Type.Literal(true), data: NoteSchema })
export type NoteResponse = Static<typeof NoteResponse>

export const ReviewerSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    ...SessionSchema.properties,
    allowedSources: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    steps: Type.Array(ReviewerStepSchema),
    facts: Type.Array(FactSchema),
    auditTrail: Type.Array(AuditEntrySchema),
    signals: Type.Optional(Type.Array(SignalSchema)),
    comparison: Type.Optional(Type.Array(ComparisonSchema, { description: 'With a parentSessionId: each fact beside the parent\'s value' })),
    notes: Type.Array(NoteSchema, { description: 'Reviewers\' notes, oldest first' })
  }, { $id: 'ReviewerSession', description: 'A session with its steps, verified facts, audit trail and notes' })
})
export type ReviewerSessionResponse = Static<typeof ReviewerSessionResponse>

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('APPROVE'), Type.Literal('REJECT'), Type.Literal('REQUEST_MORE')]),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 48 }), {
    maxItems: 10,
    description: 'Codes of the team\'s decision reasons of the decision\'s kind (GET /partner/settings/decision-reasons; a REQUEST_MORE also takes reject reasons): at least one for REJECT and REQUEST_MORE (422 decision_reason_required), optional for APPROVE'
  })),
  message: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'REQUEST_MORE only (and required there): what the applicant is asked, shown on the hosted page' })),
  sourceIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
    minItems: 1,
    maxItems: 20,
    description: 'REQUEST_MORE only: sources to prove (again): a new step for a source the session has none of, a new proof for one it has. Without it, the steps that had failed attempts are opened again (every step if none had)'
  }))
}, {
  additionalProperties: false,
  examples: [
    { decision: 'APPROVE', note: 'Income verified through PayPal', reasons: ['income_verified'] },
    { decision: 'REJECT', reasons: ['income_insufficient'], note: 'Monthly income 1,200 USD, 3,000 required' },
    { decision: 'REQUEST_MORE', message: 'Please also verify your payroll account.', reasons: ['additional_source_needed'], sourceIds: [2] }
  ]
})
export type DecisionBody = Static<typeof DecisionBody>

export const DecisionResponse = Type.Object({
  success: Type.Literal(true),
  message: Type.String(),
  data: SessionSchema
})
export type DecisionResponse = Static<typeof DecisionResponse>

const { status: _status, offset: _offset, ...listQuery } = ListSessionsQuery.properties

export const ReviewerListQuery = Type.Object({
  ...listQuery,
  status: Type.Optional(Type.String({ maxLength: 200, description: `One status or a comma-separated list of: ${SESSION_STATUSES.join(', ')}` })),
  // No default: an offset given together with startingAfter is refused.
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Default 0; not with startingAfter' })),
  applicantId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Search (any ASCII case): three characters or more match anywhere in the applicant\'s first name, last name, email or applicant id; one or two characters match the start of one of them' })),
  createdAfter: Type.Optional(Type.String({ format: 'date-time' })),
  createdBefore: Type.Optional(Type.String({ format: 'date-time' })),
  startingAfter: Type.Optional({ ...Id, description: 'A session id of the list: the page after it in the current sort order' }),
  counts: Type.Optional(Type.Boolean({ description: 'Adds counts: the number of sessions per status (whatever the status filter)' })),
  include: Type.Optional(Type.Literal('facts', { description: 'facts: adds each session\'s verified facts' })),
  sortBy: Type.Optional(Type.Union([Type.Literal('createdAt'), Type.Literal('updatedAt'), Type.Literal('status'), Type.Literal('dueAt')], {
    default: 'createdAt', description: 'dueAt: the review due date, sessions without one last (asc) or first (desc)'
  })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: only REVIEWING sessions past their due date; false: every other session' })),
  tag: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,32}$', description: 'Only sessions with this tag' }))
}, { additionalProperties: false })
export type ReviewerListQuery = Static<typeof ReviewerListQuery>

export const ListedFactSchema = Type.Object({
  name: Type.String(),
  value: Type.Unknown(),
  sourceName: Type.String(),
  stepId: Type.Integer(),
  proofIdentifier: Type.String(),
  hashed: Type.Boolean({ description: 'The value is an OPRF hash, never the clear value (rule 5.9)' }),
  teeNonce: TeeNonceSchema
}, { $id: 'ListedFact', description: 'A verified value as the list shows it (include=facts)' })
export type ListedFact = Static<typeof ListedFactSchema>

export const ReviewerListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(Type.Object({ ...SessionSchema.properties, facts: Type.Optional(Type.Array(ListedFactSchema)) }, { $id: 'ReviewerSessionListItem', description: 'A session of the list, with its facts when include=facts' })),
  total: Type.Integer(),
  totalExact: Type.Optional(Type.Literal(false, { description: 'Present (false) when a search (q) matched more sessions than the service counts one by one (1,000), or an applicantId, date, tag or overdue filter more than 1,000: total (and counts) are then lower bounds. Absent when they are exact.' })),
  limit: Type.Integer(),
  offset: Type.Integer(),
  hasMore: Type.Boolean(),
  counts: Type.Optional(Type.Object(Object.fromEntries(SESSION_STATUSES.map((s) => [s, Type.Integer()])) as Record<typeof SESSION_STATUSES[number], ReturnType<typeof Type.Integer>>, { $id: 'SessionCounts', description: 'Sessions per status (counts=true)' }))
})
export type ReviewerListResponse = Static<typeof ReviewerListResponse>
