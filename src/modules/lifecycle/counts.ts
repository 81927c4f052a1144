import { sql } from 'kysely'
import type { Trx } from './records.js'

/**
 * The session counts (session_counts): per team, mode, reviewer and status, how many sessions there
 * are, kept in step with every change of a session's status or reviewer in the change's own
 * transaction, so that the reviewer list's counts are a sum of a few rows.
 */

/** Shards per session_counts key: concurrent changes of one team rarely wait on one row. */
const COUNT_SHARDS = 8

export type CountDeltas = Array<[reviewerId: string | null, status: string, delta: number]>

/** The session_counts rows of a change: each delta on a random shard of its key, in key order (see recount). */
export function countRows (scope: { teamId: number, livemode: number }, deltas: CountDeltas) {
  return deltas.map(([reviewerId, status, n]) => ({
    teamId: scope.teamId, livemode: scope.livemode, reviewerId: reviewerId ?? '', status, shard: Math.floor(Math.random() * COUNT_SHARDS), n
  })).sort((a, b) => a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : a.status < b.status ? -1 : a.status > b.status ? 1 : a.shard - b.shard)
}

/**
 * Keeps session_counts in step with a change, in its transaction: each delta lands on a random
 * shard of its key, applied in key order so that two transactions touching the same keys lock them
 * in the same order.
 */
export async function recount (trx: Trx, scope: { teamId: number, livemode: number }, deltas: CountDeltas): Promise<void> {
  for (const row of countRows(scope, deltas)) {
    await trx.insertInto('sessionCounts').values(row)
      .onConflict((oc) => oc.columns(['teamId', 'livemode', 'reviewerId', 'status', 'shard'])
        .doUpdateSet((eb) => ({ n: eb('sessionCounts.n', '+', eb.ref('excluded.n')) })))
      .execute()
  }
}

/** recount as one multi-row upsert in plain SQL (for LifecycleRepository's bookkeeping statement). */
export function countsStatement (scope: { teamId: number, livemode: number }, deltas: CountDeltas) {
  return sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
      values ${sql.join(countRows(scope, deltas).map((c) => sql`(${c.teamId}, ${c.livemode}, ${c.reviewerId}, ${c.status}, ${c.shard}, ${c.n})`))}
      on conflict (team_id, livemode, reviewer_id, status, shard) do update set n = session_counts.n + excluded.n`
}
