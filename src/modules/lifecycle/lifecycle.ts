// The verification session's and its steps' status machines, as data. Every status change of the
// service is one of the transitions below, performed by LifecycleRepository (one conditional
// UPDATE, its audit row and its outbox event in one transaction). Adding a status or a transition
// starts here; the guards below are the only place the rules are spelled out.

export const SESSION_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'REVIEWING', 'FAILED', 'EXPIRED', 'REJECTED'] as const
export type SessionStatus = typeof SESSION_STATUSES[number]

export const STEP_STATUSES = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'VERIFIED', 'FAILED', 'EXPIRED', 'COMPLETED'] as const
export type StepStatus = typeof STEP_STATUSES[number]

/** Sessions in these statuses never change again. */
export const FINAL_SESSION_STATUSES = ['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'] as const satisfies readonly SessionStatus[]
export const OPEN_SESSION_STATUSES = ['PENDING', 'PROCESSING', 'REVIEWING'] as const satisfies readonly SessionStatus[]

/** Steps that can still move (and so expire with their session). */
export const OPEN_STEP_STATUSES = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'FAILED'] as const satisfies readonly StepStatus[]

export const STEP_TYPE = 'RECLAIM_PROOF'

// The status columns of the database's row types are these (src/db/types.ts imports no module).
declare module '../../db/types.js' {
  interface StatusTypes { session: SessionStatus, step: StepStatus }
}

interface Transition<S extends string, E extends string | null> {
  /** Statuses the UPDATE accepts; empty for the row's creation. */
  readonly from: readonly S[]
  /** The status it moves to; a list for a move back to the status the row came from (one of them). */
  readonly to: S | readonly S[]
  /** The audit row's action. */
  readonly action: string
  /** The outbox event (and webhook event type), or null when the change is not announced. */
  readonly event: E
  /** Why the session ended, kept as its statusReason (final transitions only). */
  readonly reason?: string
}

export const SESSION_TRANSITIONS = {
  create: { from: [], to: 'PENDING', action: 'session.created', event: 'session.created' },
  startProcessing: { from: ['PENDING'], to: 'PROCESSING', action: 'session.processing', event: 'session.processing' },
  review: { from: ['PROCESSING'], to: 'REVIEWING', action: 'session.reviewing', event: 'session.reviewing' },
  approve: { from: ['REVIEWING'], to: 'COMPLETED', action: 'session.approved', event: 'session.completed', reason: 'approved' },
  reject: { from: ['REVIEWING'], to: 'REJECTED', action: 'session.rejected', event: 'session.rejected', reason: 'rejected' },
  /** The reviewer asks the applicant for more (new steps, or new attempts of proven ones): back to PROCESSING. */
  requestMore: { from: ['REVIEWING'], to: 'PROCESSING', action: 'session.more_requested', event: 'session.more_requested' },
  exhaustAttempts: { from: ['PROCESSING'], to: 'FAILED', action: 'session.failed', event: 'session.failed', reason: 'attempts_exhausted' },
  expire: { from: OPEN_SESSION_STATUSES, to: 'EXPIRED', action: 'session.expired', event: 'session.expired', reason: 'expired' },
  /** The partner stops a session: it ends as EXPIRED (the guide's status set stays as it is). */
  cancel: { from: OPEN_SESSION_STATUSES, to: 'EXPIRED', action: 'session.canceled', event: 'session.expired', reason: 'canceled' },
  /** The applicant declines the consent text: the session ends as EXPIRED, nothing is shared. */
  declineConsent: { from: ['PENDING', 'PROCESSING'], to: 'EXPIRED', action: 'session.consent_declined', event: 'session.expired', reason: 'consent_declined' }
} as const satisfies Record<string, Transition<SessionStatus, string>>
export type SessionTransitionName = keyof typeof SESSION_TRANSITIONS

export const STEP_TRANSITIONS = {
  select: { from: [], to: 'PENDING', action: 'sources.selected', event: null },
  initiate: { from: ['PENDING', 'INITIATED', 'FAILED'], to: 'INITIATED', action: 'step.initiated', event: null },
  /** A claim older than ABANDONED_CLAIM_MS was abandoned (its process died mid-way): the step may be initiated again. */
  reinitiateAbandoned: { from: ['IN_PROGRESS'], to: 'INITIATED', action: 'step.initiated', event: null },
  /** Serialises submissions: of concurrent claims exactly one wins. Not audited (it is undone or settled). */
  claim: { from: ['INITIATED', 'FAILED'], to: 'IN_PROGRESS', action: 'step.claimed', event: null },
  /** A claimed submission that must change nothing puts the step back as it was claimed. Not audited. */
  release: { from: ['IN_PROGRESS'], to: ['INITIATED', 'FAILED'], action: 'step.released', event: null },
  verify: { from: ['IN_PROGRESS'], to: 'VERIFIED', action: 'step.verified', event: 'step.verified' },
  fail: { from: ['IN_PROGRESS'], to: 'FAILED', action: 'step.failed', event: 'step.failed' },
  complete: { from: ['VERIFIED'], to: 'COMPLETED', action: 'steps.completed', event: null },
  /** A reviewer's request for more: a proven step takes a new proof (a fresh set of attempts). */
  reopen: { from: ['VERIFIED'], to: 'PENDING', action: 'step.reopened', event: null },
  expire: { from: OPEN_STEP_STATUSES, to: 'EXPIRED', action: 'steps.expired', event: null }
} as const satisfies Record<string, Transition<StepStatus, string | null>>
export type StepTransitionName = keyof typeof STEP_TRANSITIONS

/** Audited changes of a session that leave its status as it is. */
export const SESSION_CHANGES = {
  reissueLink: { action: 'session.link_reissued', event: null },
  assign: { action: 'session.assigned', event: null },
  redact: { action: 'session.redacted', event: 'session.redacted' },
  // The link's delivery to the applicant (modules/delivery): each message sent or failed, each
  // reminder, and the applicant's first opening of the link.
  linkSent: { action: 'session.link_sent', event: 'session.link_sent' },
  reminderSent: { action: 'session.reminder_sent', event: 'session.reminder_sent' },
  linkDeliveryFailed: { action: 'session.link_delivery_failed', event: 'session.link_delivery_failed' },
  opened: { action: 'session.opened', event: 'session.opened' },
  /** The applicant accepts the consent text: the record is kept on the session. */
  acceptConsent: { action: 'session.consent_accepted', event: 'session.consent_accepted' },
  /** A signal (issue 21) was raised when a step was verified: it informs, the status stays. */
  raiseSignal: { action: 'session.signal_raised', event: 'session.signal_raised' },
  note: { action: 'session.note_added', event: null },
  tag: { action: 'session.tags_changed', event: null },
  /** A REVIEWING session passed its due date undecided (written once per due date). */
  reviewOverdue: { action: 'session.review_overdue', event: 'session.review_overdue' }
} as const satisfies Record<string, { action: string, event: string | null }>
export type SessionChangeName = keyof typeof SESSION_CHANGES
export type DeliveryChangeName = 'linkSent' | 'reminderSent' | 'linkDeliveryFailed' | 'opened'

/** Reminders go out only while the applicant can still act and has proven nothing yet. */
export const canRemind = (status: SessionStatus, stepStatuses: readonly StepStatus[]): boolean =>
  (status === 'PENDING' || status === 'PROCESSING') && !stepStatuses.some(isStepProven)
/** Messages carrying the link are sent for open sessions only. */
export const canSendLink = (status: SessionStatus): boolean => has(OPEN_SESSION_STATUSES, status)

/** Changes of a team's API keys (no session): created, rolled (replaced by a new key), revoked. */
export const KEY_CHANGES = {
  create: { action: 'api_key.created', event: 'api_key.created' },
  roll: { action: 'api_key.rolled', event: 'api_key.rolled' },
  revoke: { action: 'api_key.revoked', event: 'api_key.revoked' }
} as const satisfies Record<string, { action: string, event: string }>
export type KeyChangeName = keyof typeof KEY_CHANGES

type EventOf<T> = T extends { event: infer E } ? Exclude<E, null> : never
/** Every event the service emits (outbox rows, webhook payloads); the only source of event names. */
export type EventType = EventOf<typeof SESSION_TRANSITIONS[SessionTransitionName]> | EventOf<typeof STEP_TRANSITIONS[StepTransitionName]> |
  EventOf<typeof SESSION_CHANGES[SessionChangeName]> | EventOf<typeof KEY_CHANGES[KeyChangeName]>
export const EVENT_TYPES: readonly EventType[] = [...new Set(
  [...Object.values(SESSION_TRANSITIONS), ...Object.values(STEP_TRANSITIONS), ...Object.values(SESSION_CHANGES), ...Object.values(KEY_CHANGES)]
    .map((t) => t.event).filter((e): e is EventType => e !== null)
)]

const has = <S extends string>(list: readonly S[], status: string): status is S => (list as readonly string[]).includes(status)

/** "A, B or C": a list of statuses in a message. */
export const statusList = (list: readonly string[]): string => list.length < 2 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`

export const isFinalSession = (status: SessionStatus): boolean => has(FINAL_SESSION_STATUSES, status)
export const isOpenSession = (status: SessionStatus): boolean => has(OPEN_SESSION_STATUSES, status)
/** Expired (or canceled): the applicant's calls answer 410. */
export const isExpiredSession = (status: SessionStatus): boolean => status === SESSION_TRANSITIONS.expire.to
/** The status of a new session. */
export const NEW_SESSION_STATUS = SESSION_TRANSITIONS.create.to
/** Sessions whose steps are being worked on: the applicant's proofs are accepted, and it moves to review once every step is proven. */
const WORKING_SESSION_STATUSES = SESSION_TRANSITIONS.review.from
/** The applicant may pick sources (and start steps) only before every step is proven: before processing starts, or while it runs. */
export const canSelectSources = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.startProcessing.from, status) || has(WORKING_SESSION_STATUSES, status)
export const canInitiateInSession = canSelectSources
/** The applicant may answer the consent text while they may still choose sources (the statuses declining accepts). */
export const canAnswerConsent = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.declineConsent.from, status)
/** Proofs are accepted only while the session is being worked on. */
export const canSubmitInSession = (status: SessionStatus): boolean => has(WORKING_SESSION_STATUSES, status)
export const canDecide = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.approve.from, status)
/** A session may be asked for more this many times at most. */
export const MAX_MORE_REQUESTS = 3
/** A REVIEWING session past its due date is overdue. */
export const isReviewOverdue = (status: SessionStatus, dueAt: string | null, nowMs: number): boolean =>
  status === SESSION_TRANSITIONS.review.to && dueAt !== null && Date.parse(dueAt) <= nowMs
/** The status a review queue's due date counts in (the overdue filter and sweep). */
export const REVIEW_STATUS: SessionStatus = SESSION_TRANSITIONS.review.to
/** The partner may stop the session: the statuses the table's cancel accepts. */
export const canCancel = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.cancel.from, status)
/** A new link may be issued while the session is open (the applicant can still act on it). */
export const canReissueLink = (status: SessionStatus): boolean => isOpenSession(status)
/** The applicant's data may be erased once the session is final; once erased, nothing is left to redact (again changes nothing). */
/** A report documents a session from REVIEWING on: waiting for a decision, or decided. */
export const canReport = (status: SessionStatus): boolean =>
  canDecide(status) || status === SESSION_TRANSITIONS.approve.to || status === SESSION_TRANSITIONS.reject.to
export const canRedact = (status: SessionStatus, redactedAt: string | null): boolean => isFinalSession(status) && redactedAt === null

/** A session may be re-verified (a new session for its applicant) once it is being reviewed or has ended. */
export const canReverify = (status: SessionStatus): boolean => isFinalSession(status) || has(SESSION_TRANSITIONS.approve.from, status)

/**
 * What a session's status allows now, answered with every session view (canDecide, canCancel,
 * canReissueLink, canRedact): the hosted pages read these instead of keeping their own copies of
 * the rules. What the caller's key may do is GET /partner/me's `permissions`.
 */
export function sessionAbilities (session: { status: SessionStatus, redactedAt: string | null }) {
  return {
    canDecide: canDecide(session.status),
    canCancel: canCancel(session.status),
    canReissueLink: canReissueLink(session.status),
    canRedact: canRedact(session.status, session.redactedAt)
  }
}

// Verifying a submission takes milliseconds; a step claimed for longer was abandoned (the process died mid-way).
export const ABANDONED_CLAIM_MS = 60_000

export interface StepState { status: StepStatus, attempts: number, updatedAt: string, contextMessage: string | null }

/** Steps whose proofs were accepted (verified, then completed with the session). */
export const PROVEN_STEP_STATUSES = [STEP_TRANSITIONS.verify.to, STEP_TRANSITIONS.complete.to] as const satisfies readonly StepStatus[]
export const isStepProven = (status: StepStatus): boolean => has(PROVEN_STEP_STATUSES, status)
/** A proof of the step is being verified (it is claimed). */
export const isStepClaimed = (status: StepStatus): boolean => status === STEP_TRANSITIONS.claim.to
/** A step no one initiated yet (as sources selection makes it). */
export const isStepNew = (status: StepStatus): boolean => status === STEP_TRANSITIONS.select.to
/** A proof is being verified, or the step is done: nothing more may be submitted. */
export const isStepBusy = (status: StepStatus): boolean => isStepClaimed(status) || isStepProven(status)

/** Which initiation the table allows for the step now: a fresh one, the retry of an abandoned claim, or none. */
export function initiationOf (step: Pick<StepState, 'status' | 'updatedAt'>, nowMs: number): 'initiate' | 'reinitiateAbandoned' | null {
  if (has(STEP_TRANSITIONS.initiate.from, step.status)) return 'initiate'
  const abandoned = nowMs - Date.parse(step.updatedAt) > ABANDONED_CLAIM_MS
  return has(STEP_TRANSITIONS.reinitiateAbandoned.from, step.status) && abandoned ? 'reinitiateAbandoned' : null
}

export function canInitiateStep (step: StepState, maxAttempts: number, nowMs: number): boolean {
  return initiationOf(step, nowMs) !== null && step.attempts < maxAttempts
}

export function canSubmitStep (step: StepState): boolean {
  return has(STEP_TRANSITIONS.claim.from, step.status) && step.contextMessage !== null
}
