import type { SessionRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import type { SessionView } from './sessions.schemas.js'

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
    redactedAt: row.redactedAt
  }
}
