import { sql, type Kysely } from 'kysely'

// The reviewer list's exact total without counting the team's sessions on every read: sessions per
// team, mode, reviewer ('' for none) and status, kept by LifecycleRepository in the transaction of
// every status change. A key is split over a few shards (a random one per change, summed on read)
// so that concurrent creations of one team do not all wait on one row.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('session_counts')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_counts_pk', ['team_id', 'livemode', 'reviewer_id', 'status', 'shard'])
    .execute()
  await sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
    select team_id, livemode, coalesce(reviewer_id, ''), status, 0, count(*) from sessions
    group by team_id, livemode, coalesce(reviewer_id, ''), status`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_counts').execute()
}
