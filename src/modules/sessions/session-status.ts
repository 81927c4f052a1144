export const SESSION_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'REVIEWING', 'FAILED', 'EXPIRED', 'REJECTED'] as const
export type SessionStatus = typeof SESSION_STATUSES[number]

export const STEP_STATUSES = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'VERIFIED', 'FAILED', 'EXPIRED', 'COMPLETED'] as const
export type StepStatus = typeof STEP_STATUSES[number]

/** Sessions in these statuses never change again. */
export const FINAL_SESSION_STATUSES: readonly SessionStatus[] = ['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
export const OPEN_SESSION_STATUSES: readonly SessionStatus[] = ['PENDING', 'PROCESSING', 'REVIEWING']

/** Steps that can still move (and so expire with their session). */
export const OPEN_STEP_STATUSES: readonly StepStatus[] = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'FAILED']

export const STEP_TYPE = 'RECLAIM_PROOF'
