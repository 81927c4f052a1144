import type { Database } from './types.js'

/**
 * Which module owns each table: only its folder (src/modules/<owner>/) names the table in a query;
 * any other module asks the owner's service or repository (test/lib/table-ownership.test.ts reads
 * every query of src/modules and holds it to this map). A new table is declared here with its
 * migration; the type below refuses a table of `Database` left without an owner.
 */
export const TABLE_OWNERS = {
  teams: 'keys',
  apiKeys: 'keys',
  sources: 'sources',
  sessions: 'sessions',
  sessionAllowedSources: 'sessions',
  sessionCounts: 'sessions',
  /** The idempotency of session creation (POST /partner/session's own replay window). */
  idempotencyKeys: 'sessions',
  csrfTokens: 'verification',
  steps: 'steps',
  proofs: 'proofs',
  sdkSessions: 'sdk',
  idempotentRequests: 'idempotency',
  /** The outbox: written with each change of a session (see SHARED_TABLES), read and sent by the webhooks. */
  events: 'webhooks',
  webhookEndpoints: 'webhooks',
  webhookDeliveries: 'webhooks',
  /** The audit trail: every change of a session writes its row. */
  auditLog: 'lifecycle',
  /** The team audit log (append-only): entries the audit plugin and the services record. */
  auditEntries: 'audit',
  teamSettings: 'settings',
  signals: 'signals',
  signalFingerprints: 'signals',
  users: 'users',
  userSetupTokens: 'users',
  consoleSessions: 'console-auth',
  consoleOidcFlows: 'console-auth',
  consoleSignInFailures: 'console-auth',
  deliveryPlans: 'delivery',
  linkDeliveries: 'delivery',
  deliverySuppressions: 'delivery',
  decisionReasons: 'decision-reasons',
  /** Reviewers' notes and a session's tags: listed and filtered with the session, written by the lifecycle (see SHARED_TABLES). */
  sessionNotes: 'sessions',
  sessionTags: 'sessions',
  /** Round-robin's turn per team, counted when a session enters REVIEWING. */
  reviewRotation: 'lifecycle'
} as const satisfies Record<keyof Database, string>

/** Tables that only plain SQL names (no row type in `Database`), by their SQL name. */
export const SQL_ONLY_TABLE_OWNERS: Readonly<Record<string, string>> = {
  /** The search index of sessions (FTS5 on SQLite, migration 0012). */
  sessions_search: 'sessions',
  /** The word index of sessions (FTS5 on SQLite, migration 0029): a rare term's word read. */
  sessions_words: 'sessions',
  /** How far sessions' created_at strays from their ids' order (SQLite, migration 0026): the search reads in id order. */
  session_order: 'sessions'
}

export type TableName = keyof typeof TABLE_OWNERS

/**
 * The few places where a module writes another's table, each because the contract needs both in
 * one transaction. Nothing else crosses: a read goes through the owner's service or repository, and
 * so does a write the owner can make in the caller's transaction (its repository takes the `trx`).
 */
export const SHARED_TABLES: ReadonlyArray<{ module: string, tables: readonly TableName[], why: string }> = [
  {
    module: 'lifecycle',
    tables: ['sessions', 'steps', 'sessionAllowedSources'],
    why: 'the one owner of status transitions: a session and its steps change status only there, under the session\'s lock, ' +
      'as one conditional UPDATE (with the rows a transition creates: a new session\'s allowed sources, a selection\'s steps)'
  },
  {
    module: 'lifecycle',
    tables: ['sessionCounts', 'events'],
    why: 'a change commits with its session_counts deltas and its outbox event: the reviewer list\'s counts never drift, and ' +
      'a webhook announces exactly the changes that committed'
  },
  {
    module: 'lifecycle',
    tables: ['sessionNotes', 'sessionTags'],
    why: 'a note or a change of tags commits under the session\'s lock with its audit row, and is refused once the session is redacted'
  },
  {
    module: 'lifecycle',
    tables: ['csrfTokens'],
    why: 'a reissued link revokes every CSRF token of the session in the same commit (the old link must stop working at once)'
  }
]
