import type { StepRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import type { StepView } from './steps.schemas.js'

export function viewStep (row: StepRow, maxAttempts: number): StepView {
  return {
    id: row.id,
    status: row.status as StepView['status'],
    type: row.type,
    sessionId: row.sessionId,
    dataSourceId: row.sourceId,
    attempts: row.attempts,
    maxAttempts,
    metadata: parseJson(row.metadata, null),
    failureReason: row.failureReason,
    initiatedAt: row.initiatedAt,
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}
