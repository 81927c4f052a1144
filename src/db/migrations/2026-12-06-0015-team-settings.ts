import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// A team's settings (GET/PATCH /partner/settings): one row per team, written on its first change.
// A NULL column means "not set": the service answers the default, so a default changed later applies
// to every team that never chose otherwise.
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const json = pg ? sql`jsonb` : sql`text`
  await db.schema.createTable('team_settings')
    .addColumn('team_id', 'integer', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('display_name', 'text')
    .addColumn('support_email', 'text')
    .addColumn('default_locale', 'text')
    .addColumn('timezone', 'text')
    .addColumn('reminders', json) // {afterHours: number[]}
    .addColumn('require_consent', 'integer') // 0 | 1
    .addColumn('retention_days', 'integer')
    .addColumn('review_sla_hours', 'double precision')
    .addColumn('auto_assign', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  // The retention sweep reads the teams that override RETENTION_DAYS.
  await db.schema.createIndex('team_settings_retention_days_idx').on('team_settings').column('retention_days')
    .where(sql.ref('retention_days'), 'is not', null).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_settings').execute()
}
