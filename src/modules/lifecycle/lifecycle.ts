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

interface Transition<S extends string, E extends string | null> {
  /** Statuses the UPDATE accepts; empty for the row's creation. */
  readonly from: readonly S[]
  readonly to: S
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
  exhaustAttempts: { from: ['PROCESSING'], to: 'FAILED', action: 'session.failed', event: 'session.failed', reason: 'attempts_exhausted' },
  expire: { from: OPEN_SESSION_STATUSES, to: 'EXPIRED', action: 'session.expired', event: 'session.expired', reason: 'expired' },
  /** The partner stops a session: it ends as EXPIRED (the guide's status set stays as it is). */
  cancel: { from: OPEN_SESSION_STATUSES, to: 'EXPIRED', action: 'session.canceled', event: 'session.expired', reason: 'canceled' }
} as const satisfies Record<string, Transition<SessionStatus, string>>
export type SessionTransitionName = keyof typeof SESSION_TRANSITIONS

export const STEP_TRANSITIONS = {
  select: { from: [], to: 'PENDING', action: 'sources.selected', event: null },
  initiate: { from: ['PENDING', 'INITIATED', 'FAILED'], to: 'INITIATED', action: 'step.initiated', event: null },
  /** Serialises submissions: of concurrent claims exactly one wins. Not audited (it is undone or settled). */
  claim: { from: ['INITIATED', 'FAILED'], to: 'IN_PROGRESS', action: 'step.claimed', event: null },
  verify: { from: ['IN_PROGRESS'], to: 'VERIFIED', action: 'step.verified', event: 'step.verified' },
  fail: { from: ['IN_PROGRESS'], to: 'FAILED', action: 'step.failed', event: 'step.failed' },
  complete: { from: ['VERIFIED'], to: 'COMPLETED', action: 'steps.completed', event: null },
  expire: { from: OPEN_STEP_STATUSES, to: 'EXPIRED', action: 'steps.expired', event: null }
} as const satisfies Record<string, Transition<StepStatus, string | null>>
export type StepTransitionName = keyof typeof STEP_TRANSITIONS

/** Audited changes of a session that leave its status as it is. */
export const SESSION_CHANGES = {
  reissueLink: { action: 'session.link_reissued', event: null },
  assign: { action: 'session.assigned', event: null },
  redact: { action: 'session.redacted', event: 'session.redacted' },
  /** A signal (issue 21) was raised when a step was verified: it informs, the status stays. */
  raiseSignal: { action: 'session.signal_raised', event: 'session.signal_raised' }
} as const satisfies Record<string, { action: string, event: string | null }>
export type SessionChangeName = keyof typeof SESSION_CHANGES

type EventOf<T> = T extends { event: infer E } ? Exclude<E, null> : never
/** Every event the service emits (outbox rows, webhook payloads); the only source of event names. */
export type EventType = EventOf<typeof SESSION_TRANSITIONS[SessionTransitionName]> | EventOf<typeof STEP_TRANSITIONS[StepTransitionName]> |
  EventOf<typeof SESSION_CHANGES[SessionChangeName]>
export const EVENT_TYPES: readonly EventType[] = [...new Set(
  [...Object.values(SESSION_TRANSITIONS), ...Object.values(STEP_TRANSITIONS), ...Object.values(SESSION_CHANGES)]
    .map((t) => t.event).filter((e): e is EventType => e !== null)
)]

const has = <S extends string>(list: readonly S[], status: string): status is S => (list as readonly string[]).includes(status)

export const isFinalSession = (status: SessionStatus): boolean => has(FINAL_SESSION_STATUSES, status)
export const isOpenSession = (status: SessionStatus): boolean => has(OPEN_SESSION_STATUSES, status)
/** The applicant may pick sources (and start steps) only before every step is proven. */
export const canSelectSources = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.startProcessing.from, status) || status === 'PROCESSING'
export const canInitiateInSession = canSelectSources
/** Proofs are accepted only while the session is being worked on. */
export const canSubmitInSession = (status: SessionStatus): boolean => status === 'PROCESSING'
export const canDecide = (status: SessionStatus): boolean => has(SESSION_TRANSITIONS.approve.from, status)
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

export const isStepProven = (status: StepStatus): boolean => status === 'VERIFIED' || status === 'COMPLETED'
/** A proof is being verified, or the step is done: nothing more may be submitted. */
export const isStepBusy = (status: StepStatus): boolean => status === 'IN_PROGRESS' || isStepProven(status)

export function canInitiateStep (step: StepState, maxAttempts: number, nowMs: number): boolean {
  const abandoned = step.status === 'IN_PROGRESS' && nowMs - Date.parse(step.updatedAt) > ABANDONED_CLAIM_MS
  return (has(STEP_TRANSITIONS.initiate.from, step.status) || abandoned) && step.attempts < maxAttempts
}

export function canSubmitStep (step: StepState): boolean {
  return has(STEP_TRANSITIONS.claim.from, step.status) && step.contextMessage !== null
}
