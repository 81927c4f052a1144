import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './2026-11-25-0001-initial.js'
import * as webhookDispatch from './2026-11-25-0002-webhook-dispatch.js'
import * as sessionsStatusUpdated from './2026-11-25-0003-sessions-status-updated-index.js'
import * as idempotencyCreatedAt from './2026-11-25-0004-idempotency-created-at-index.js'
import * as sourceProofRequirements from './2026-12-01-0005-source-proof-requirements.js'
import * as livemode from './2026-12-01-0006-livemode.js'
import * as sessionLifecycleFields from './2026-12-01-0007-session-lifecycle-fields.js'
import * as reconciliationIdempotency from './2026-12-01-0008-reconciliation-idempotency.js'
import * as sessionCounts from './2026-12-01-0009-session-counts.js'
import * as sessionListIndexes from './2026-12-02-0010-session-list-indexes.js'
import * as sessionSearch from './2026-12-06-0012-session-search.js'
import * as users from './2026-12-06-0013-users.js'
import * as keysAuditVersions from './2026-12-06-0014-keys-audit-versions.js'
import * as teamSettings from './2026-12-06-0015-team-settings.js'
import * as linkDelivery from './2026-12-06-0016-link-delivery.js'
import * as reviewDecisions from './2026-12-06-0017-review-decisions.js'
import * as sessionLocaleConsent from './2026-12-06-0018-session-locale-consent.js'
import * as eventsSessionIndex from './2026-12-06-0019-events-session-index.js'
import * as proofPathsExtraction from './2026-12-06-0020-proof-paths-extraction.js'
import * as signalsReverify from './2026-12-06-0021-signals-reverify.js'
import * as linkDeliveryProviderIndex from './2026-12-06-0022-link-delivery-provider-index.js'
import * as userTotp from './2026-12-06-0025-user-totp.js'
import * as deliverySuppressionIds from './2026-12-07-0023-delivery-suppression-ids.js'
import * as sessionOrder from './2026-12-07-0026-session-order.js'
import * as sessionSearchHours from './2026-12-07-0027-session-search-hours.js'
import * as proofRequirements from './2026-12-07-0028-proof-requirements.js'
import * as sessionSearchWords from './2026-12-07-0029-session-search-words.js'
import * as sessionSearchWordHours from './2026-12-07-0030-session-search-word-hours.js'

// Listed explicitly (not read from the directory) so the same list works from src/ under Vitest and
// from dist/ in production. Dated names; a shipped migration is never edited, only followed.
const migrations: Record<string, Migration> = {
  '2026-11-25-0001-initial': initial,
  '2026-11-25-0002-webhook-dispatch': webhookDispatch,
  '2026-11-25-0003-sessions-status-updated-index': sessionsStatusUpdated,
  '2026-11-25-0004-idempotency-created-at-index': idempotencyCreatedAt,
  '2026-12-01-0005-source-proof-requirements': sourceProofRequirements,
  '2026-12-01-0006-livemode': livemode,
  '2026-12-01-0007-session-lifecycle-fields': sessionLifecycleFields,
  '2026-12-01-0008-reconciliation-idempotency': reconciliationIdempotency,
  '2026-12-01-0009-session-counts': sessionCounts,
  '2026-12-02-0010-session-list-indexes': sessionListIndexes,
  '2026-12-06-0012-session-search': sessionSearch,
  '2026-12-06-0013-users': users,
  '2026-12-06-0014-keys-audit-versions': keysAuditVersions,
  '2026-12-06-0015-team-settings': teamSettings,
  '2026-12-06-0016-link-delivery': linkDelivery,
  '2026-12-06-0017-review-decisions': reviewDecisions,
  '2026-12-06-0018-session-locale-consent': sessionLocaleConsent,
  '2026-12-06-0019-events-session-index': eventsSessionIndex,
  '2026-12-06-0020-proof-paths-extraction': proofPathsExtraction,
  '2026-12-06-0021-signals-reverify': signalsReverify,
  '2026-12-06-0022-link-delivery-provider-index': linkDeliveryProviderIndex,
  '2026-12-06-0025-user-totp': userTotp,
  '2026-12-07-0023-delivery-suppression-ids': deliverySuppressionIds,
  '2026-12-07-0026-session-order': sessionOrder,
  '2026-12-07-0027-session-search-hours': sessionSearchHours,
  '2026-12-07-0028-proof-requirements': proofRequirements,
  '2026-12-07-0029-session-search-words': sessionSearchWords,
  '2026-12-07-0030-session-search-word-hours': sessionSearchWordHours
}

export const migrationProvider: MigrationProvider = {
  async getMigrations () { return migrations }
}
