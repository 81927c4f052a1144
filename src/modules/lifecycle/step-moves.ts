import type { Kysely, Updateable } from 'kysely'
import type { Database, StepsTable } from '../../db/types.js'
import { STEP_TRANSITIONS, type StepStatus, type StepTransitionName } from './lifecycle.js'

/** Which steps a move applies to: one step, or the steps of a session (but one). */
export type StepTarget = { stepId: number, sessionId?: number } | { sessionId: number, exceptStepId?: number }

export interface StepMove {
  /**
   * The step as the caller read it: the move applies only if the step is still so (this status,
   * and this initiation and attempts count when given), and is refused at once when the table does
   * not list that status among the move's from-statuses.
   */
  observed?: { status: StepStatus, contextMessage?: string | null, attempts?: number }
  /** For a move back (the table's `to` is a list, as release's): the status it returns to; it must be one of them. */
  to?: StepStatus
  /** Counts an attempt (attempts + 1). */
  countAttempt?: boolean
  /** Starts the attempts over (a reviewer's request for more reopens a step). */
  resetAttempts?: boolean
  /** The other columns the move sets. */
  set?: Omit<Updateable<StepsTable>, 'status' | 'attempts'>
}

/**
 * The one way a step's status changes: the table's transition `name` (lifecycle.ts), as one
 * conditional UPDATE that leaves only from the statuses the table lists for it. A move the table
 * does not list (a creation, a status it does not return to, a from-status the caller saw that it
 * does not leave from) is refused here, before any SQL. Answers the steps moved, with their
 * attempts; none when refused or when nothing was in a from-status any more. Audit rows and events
 * are the caller's (LifecycleRepository), in the same transaction.
 */
export async function moveStep (db: Kysely<Database>, name: StepTransitionName, target: StepTarget, move: StepMove = {}): Promise<Array<{ id: number, attempts: number }>> {
  const t = STEP_TRANSITIONS[name]
  const from: readonly StepStatus[] = t.from
  const targets: readonly StepStatus[] = typeof t.to === 'string' ? [t.to] : t.to
  const to = move.to ?? (targets.length === 1 ? targets[0] : undefined)
  if (from.length === 0 || to === undefined || !targets.includes(to)) return []
  if (move.observed !== undefined && !from.includes(move.observed.status)) return []
  let q = db.updateTable('steps')
    .set((eb) => ({
      ...move.set,
      status: to,
      ...(move.countAttempt === true ? { attempts: eb('attempts', '+', 1) } : move.resetAttempts === true ? { attempts: 0 } : {})
    }))
    .where('status', 'in', [...from])
  if ('stepId' in target) {
    q = q.where('id', '=', target.stepId)
    if (target.sessionId !== undefined) q = q.where('sessionId', '=', target.sessionId)
  } else {
    q = q.where('sessionId', '=', target.sessionId)
    if (target.exceptStepId !== undefined) q = q.where('id', '!=', target.exceptStepId)
  }
  const seen = move.observed
  if (seen !== undefined) {
    q = q.where('status', '=', seen.status)
    if (seen.attempts !== undefined) q = q.where('attempts', '=', seen.attempts)
    if (seen.contextMessage !== undefined) q = seen.contextMessage === null ? q.where('contextMessage', 'is', null) : q.where('contextMessage', '=', seen.contextMessage)
  }
  const rows = await q.returning(['id', 'attempts']).execute()
  return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts) }))
}
