import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import { SESSION_CHANGES, type SessionStatus } from './lifecycle.js'
import { audit, emit, lockSession, type Actor, type Trx } from './records.js'

/**
 * Erases a redacted session's applicant data from the tables of one module (its repository's),
 * in the redaction's transaction: the proofs of its steps, the steps' metadata, event payloads and
 * webhook answers, the link's delivery, stored idempotent replays. A module whose new table holds
 * applicant data adds its eraser in context.ts.
 */
export type SessionEraser = (trx: Trx, session: { id: number, stepIds: number[] }, at: string) => Promise<void>

/**
 * Erases the applicant's data of a final session: the session's personal fields, audit details,
 * proof contents (identifiers, steps and times stay: replay protection needs them), step metadata,
 * event payloads and the sealed idempotency replay. Already redacted: nothing more is written.
 * False when the session is not (or no longer) final.
 */
export async function redactSession (db: Kysely<Database>, erasers: readonly SessionEraser[], session: SessionRow, actor: Actor, finalStatuses: readonly SessionStatus[], at: string): Promise<boolean> {
  return await db.transaction().execute(async (trx) => {
    const current = await lockSession(trx, session.id)
    if (!current || !finalStatuses.includes(current.status)) return false
    if (current.redactedAt !== null) return true
    await trx.updateTable('sessions').set({
      applicantFirstName: null,
      applicantLastName: null,
      applicantEmail: null,
      applicantId: null,
      userId: null,
      applicantData: null,
      metadata: null,
      instructions: null,
      decisionNote: null,
      // The consent record stays as the legal record of what the applicant agreed to, without the IP.
      consent: withoutIp(current.consent),
      // The reviewer's message to the applicant may quote them; the reasons (codes) stay.
      moreRequest: current.moreRequest === null ? null : JSON.stringify({ ...parseJson<Record<string, unknown>>(current.moreRequest, {}), message: null }),
      redactedAt: at
    }).where('id', '=', session.id).execute()
    await trx.updateTable('auditLog').set({ detail: null }).where('sessionId', '=', session.id).execute()
    const stepIds = (await trx.selectFrom('steps').select('id').where('sessionId', '=', session.id).execute()).map((r) => r.id)
    for (const erase of erasers) await erase(trx, { id: session.id, stepIds }, at)
    const c = SESSION_CHANGES.redact
    await audit(trx, { sessionId: session.id, actor, action: c.action, at })
    // The row as it is now: the event must not carry what was just erased.
    const erased = { ...current, applicantId: null, metadata: null, redactedAt: at }
    await emit(trx, erased, c.event, { status: current.status, previousStatus: current.status, redactedAt: at }, at)
    return true
  })
}

/** A consent record (JSON) without the address it was given from. */
function withoutIp (consent: string | null): string | null {
  if (consent === null) return null
  try {
    const { ip: _ip, ...rest } = JSON.parse(consent) as Record<string, unknown>
    return JSON.stringify(rest)
  } catch {
    return null
  }
}
