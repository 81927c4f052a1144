import { sql, type Kysely, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely'
import { isPostgres } from '../dialect.js'

// People, not keys: a team's users (console accounts with a role), the one-time links where they
// set a password, their server-side console sessions, the sign-in flows in progress with the
// OpenID Connect provider, and failed sign-ins per email (the limit must hold across instances
// without Redis, so it is counted in the database).
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    pg
      ? t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())

  await id(db.schema.createTable('users'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull()) // lower(email): case-insensitive uniqueness on both dialects
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text') // null until the user sets one (or for SSO-only users)
    .addColumn('oidc_subject', 'text') // the provider's `sub`, once signed in with SSO
    .addColumn('disabled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('users_team_email_key_unique', ['team_id', 'email_key'])
    .execute()
  await db.schema.createIndex('users_email_key_idx').on('users').column('email_key').execute()

  await db.schema.createTable('user_setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('user_setup_tokens_user_id_idx').on('user_setup_tokens').column('user_id').execute()

  await db.schema.createTable('console_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('livemode', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('method', 'text', (c) => c.notNull()) // password | sso
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull()) // created_at + CONSOLE_SESSION_MAX_HOURS
    .execute()
  await db.schema.createIndex('console_sessions_user_id_idx').on('console_sessions').column('user_id').execute()

  await db.schema.createTable('console_oidc_flows')
    .addColumn('flow_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()

  await id(db.schema.createTable('console_sign_in_failures'))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('console_sign_in_failures_email_at_idx').on('console_sign_in_failures').columns(['email_key', 'at']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('console_sign_in_failures').execute()
  await db.schema.dropTable('console_oidc_flows').execute()
  await db.schema.dropTable('console_sessions').execute()
  await db.schema.dropTable('user_setup_tokens').execute()
  await db.schema.dropTable('users').execute()
}
