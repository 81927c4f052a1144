import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import { SESSION_CHANGES, type SessionStatus } from './lifecycle.js'
import { audit, emit, lockSession, type Actor } from './records.js'

/** What a redacted proof's owner reads (the column is required). */
const REDACTED = '[redacted]'

/**
 * Erases the applicant's data of a final session: the session's personal fields, audit details,
 * proof contents (identifiers, steps and times stay: replay protection needs them), step metadata,
 * event payloads and the sealed idempotency replay. Already redacted: nothing more is written.
 * False when the session is not (or no longer) final.
 */
export async function redactSession (db: Kysely<Database>, session: SessionRow, actor: Actor, finalStatuses: readonly SessionStatus[], at: string): Promise<boolean> {
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
    // Reviewers' notes keep their author and time, not their words.
    await trx.updateTable('sessionNotes').set({ body: null }).where('sessionId', '=', session.id).execute()
    await trx.updateTable('auditLog').set({ detail: null }).where('sessionId', '=', session.id).execute()
    const steps = trx.selectFrom('steps').select('id').where('sessionId', '=', session.id)
    await trx.updateTable('proofs').set({ owner: REDACTED, extracted: '{}', raw: '{}' }).where('stepId', 'in', steps).execute()
    await trx.updateTable('steps').set({ metadata: null, failureReason: null }).where('sessionId', '=', session.id).execute()
    // Webhook deliveries carry no copy of the payload (they are signed from the event when sent),
    // but a receiver's answer may echo it: the stored start of each answer goes too.
    await trx.updateTable('events').set({ payload: JSON.stringify({ sessionId: session.id, redacted: true }) })
      .where('sessionId', '=', session.id).execute()
    const events = trx.selectFrom('events').select('id').where('sessionId', '=', session.id)
    await trx.updateTable('webhookDeliveries').set({ response: null }).where('eventId', 'in', events).where('response', 'is not', null).execute()
    // The link's delivery: addresses, the sealed link and messages (masked addresses read [redacted]).
    await trx.updateTable('deliveryPlans').set({ email: null, phone: null, linkSealed: null, nextReminderAt: null, updatedAt: at })
      .where('sessionId', '=', session.id).execute()
    await trx.updateTable('linkDeliveries').set({ toAddress: null, toMasked: REDACTED, content: null })
      .where('sessionId', '=', session.id).execute()
    // A server's or gateway's answer often names the address (550 <jane@example.com>: user unknown).
    await trx.updateTable('linkDeliveries').set({ lastError: REDACTED })
      .where('sessionId', '=', session.id).where('lastError', 'is not', null).execute()
    await trx.deleteFrom('idempotencyKeys').where('sessionId', '=', session.id).execute()
    // Stored replays hold the data as it was; a request still executing (this redaction's own) answers from now on.
    await trx.deleteFrom('idempotentRequests').where('sessionId', '=', session.id).where('statusCode', 'is not', null).execute()
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
