import type { SessionRow, StepRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import { isOpenSession, OPEN_STEP_STATUSES, SESSION_TRANSITIONS, sessionAbilities, STEP_TRANSITIONS } from '../lifecycle/lifecycle.js'
import type { SessionView } from './sessions.schemas.js'
import { consentOf } from '../consent/consent.service.js'

/**
 * The session as it reads at `nowMs` without writing anything: open and past its expiry, it is
 * EXPIRED ("expired"), as the sweep will make it. Reads (the reviewer list and detail, GET
 * /partner/session/:id) derive it; writes still expire on access.
 */
export function sessionAsOf (row: SessionRow, nowMs: number): SessionRow {
  if (!isOpenSession(row.status) || Date.parse(row.expiryDate) > nowMs) return row
  const t = SESSION_TRANSITIONS.expire
  return { ...row, status: t.to, statusReason: t.reason }
}

/** A step of a session read with sessionAsOf: open steps of a derived-EXPIRED session read EXPIRED, as the sweep leaves them. */
export function stepAsOf (step: StepRow, stored: SessionRow, derived: SessionRow): StepRow {
  if (stored.status === derived.status || !(OPEN_STEP_STATUSES as readonly string[]).includes(step.status)) return step
  return { ...step, status: STEP_TRANSITIONS.expire.to }
}

export function viewSession (row: SessionRow): SessionView {
  return {
    id: row.id,
    status: row.status,
    livemode: row.livemode === 1,
    teamId: row.teamId,
    reviewerId: row.reviewerId,
    verificationTypeId: row.verificationTypeId,
    userId: row.userId,
    expiryDate: row.expiryDate,
    applicantId: row.applicantId,
    applicantFirstName: row.applicantFirstName,
    applicantLastName: row.applicantLastName,
    applicantEmail: row.applicantEmail,
    applicantData: parseJson(row.applicantData, null),
    instructions: row.instructions,
    metadata: parseJson(row.metadata, null),
    selectedPlatform: row.selectedPlatform,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    statusReason: row.statusReason,
    redactedAt: row.redactedAt,
    locale: row.locale,
    purpose: row.purpose,
    purposeText: row.purposeText,
    consent: consentOf(row),
    parentSessionId: row.parentSessionId ?? null,
    decisionReasons: parseJson<Array<{ code: string, label: string }>>(row.decisionReasons, []),
    tags: parseJson<string[]>(row.tags, []),
    dueAt: row.dueAt,
    moreRequest: moreRequestOf(row),
    ...sessionAbilities(row)
  }
}

/** The reviewer's last request for more, as the session shows it. */
export function moreRequestOf (row: SessionRow): SessionView['moreRequest'] {
  if (row.moreRequest === null || !row.moreRequests) return null
  const r = parseJson<{ message?: string | null, reasons?: Array<{ code: string, label: string }>, sourceIds?: number[], at?: string }>(row.moreRequest, {})
  return { count: row.moreRequests, message: r.message ?? null, reasons: r.reasons ?? [], sourceIds: r.sourceIds ?? [], at: r.at ?? row.updatedAt }
}
