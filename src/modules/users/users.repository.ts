import type { Kysely } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, TeamRow, UserRole, UserRow } from '../../db/types.js'
import { lockTeam } from '../keys/keys.repository.js'

export interface NewUser {
  teamId: number
  email: string
  name: string | null
  role: UserRole
  reviewerId: string
  oidcSubject?: string | null
}

export interface UserChanges { role?: UserRole, name?: string | null, email?: string, disabledAt?: string | null, oidcSubject?: string | null }

/** What the users need of the teams (the keys module's table: its KeysRepository). */
export interface Teams {
  findTeam: (teamId: number) => Promise<TeamRow | undefined>
  findTeamByName: (name: string) => Promise<TeamRow | undefined>
  findOrCreateTeam: (name: string, now: string) => Promise<TeamRow>
  teamNames: (teamIds: number[]) => Promise<Map<number, string>>
}

/** A team's users and the one-time links where they set a password. */
export class UsersRepository {
  private readonly pg: boolean
  constructor (private readonly db: Kysely<Database>, private readonly teams: Teams) {
    this.pg = isPostgres(db)
  }

  /**
   * Runs `fn` in one transaction that holds the team's lock, with a repository working in it: what
   * `fn` reads of the team's users (its enabled admins) cannot change before what it writes commits,
   * so two admins demoting each other at once cannot both pass the last-admin check. On PostgreSQL
   * the team's row is locked (FOR UPDATE, until the outermost transaction ends: a request's, when
   * there is one); on SQLite the transaction takes the database's write lock when it begins (BEGIN
   * IMMEDIATE, db/database.ts), and a request's transaction holds the one connection to its end.
   * `trx` is the transaction, for what commits with the change (its audit entry).
   */
  async withTeamLocked<T> (teamId: number, fn: (repo: UsersRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return await this.db.transaction().execute(async (trx) => {
      if (this.pg) await lockTeam(trx, teamId)
      return await fn(new UsersRepository(trx, this.teams), trx)
    })
  }

  async countEnabledAdmins (teamId: number): Promise<number> {
    const { n } = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('teamId', '=', teamId).where('role', '=', 'admin').where('disabledAt', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(n)
  }

  async teamByName (name: string): Promise<{ id: number, name: string } | undefined> {
    const team = await this.teams.findTeamByName(name)
    return team === undefined ? undefined : { id: team.id, name: team.name }
  }

  async teamName (teamId: number): Promise<string | undefined> {
    return (await this.teams.findTeam(teamId))?.name
  }

  async findOrCreateTeam (name: string, now: string): Promise<{ id: number, name: string }> {
    const team = await this.teams.findOrCreateTeam(name, now)
    return { id: team.id, name: team.name }
  }

  /** The new user, or null when the team already has one with this email (any case). */
  async insert (user: NewUser, now: string): Promise<UserRow | null> {
    const rows = await this.db.insertInto('users').values({
      teamId: user.teamId,
      email: user.email,
      emailKey: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      reviewerId: user.reviewerId,
      oidcSubject: user.oidcSubject ?? null,
      passwordHash: null,
      disabledAt: null,
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      createdAt: now,
      updatedAt: now
    }).onConflict((oc) => oc.columns(['teamId', 'emailKey']).doNothing()).returningAll().execute()
    return rows[0] ?? null
  }

  /** The reviewer ids of the team's enabled users with the reviewer role, sorted (round-robin assignment turns through them). */
  async activeReviewerIds (teamId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('users').select('reviewerId').distinct()
      .where('teamId', '=', teamId).where('role', '=', 'reviewer').where('disabledAt', 'is', null)
      .orderBy('reviewerId').execute()
    return rows.map((r) => r.reviewerId)
  }

  async findById (id: number): Promise<UserRow | undefined> {
    return await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async findInTeam (teamId: number, id: number): Promise<UserRow | undefined> {
    return await this.db.selectFrom('users').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  }

  async findByEmailInTeam (teamId: number, email: string): Promise<UserRow | undefined> {
    return await this.db.selectFrom('users').selectAll().where('teamId', '=', teamId).where('emailKey', '=', email.toLowerCase()).executeTakeFirst()
  }

  async findBySubjectInTeam (teamId: number, subject: string): Promise<UserRow | undefined> {
    return await this.db.selectFrom('users').selectAll().where('teamId', '=', teamId).where('oidcSubject', '=', subject).executeTakeFirst()
  }

  /** Every enabled user with this email, in any team, oldest first (sign-in by email and password). */
  async activeByEmail (email: string): Promise<UserRow[]> {
    return await this.db.selectFrom('users').selectAll()
      .where('emailKey', '=', email.toLowerCase()).where('disabledAt', 'is', null)
      .orderBy('id').limit(10).execute()
  }

  async list (teamId: number | null): Promise<Array<UserRow & { teamName: string }>> {
    let q = this.db.selectFrom('users').selectAll()
    if (teamId !== null) q = q.where('teamId', '=', teamId)
    const rows = await q.orderBy('id').execute()
    const names = await this.teams.teamNames([...new Set(rows.map((r) => r.teamId))])
    return rows.map((r) => ({ ...r, teamName: names.get(r.teamId) as string }))
  }

  async update (id: number, changes: UserChanges, now: string): Promise<UserRow | undefined> {
    const set: Record<string, unknown> = { ...changes, updatedAt: now }
    if (changes.email !== undefined) set.emailKey = changes.email.toLowerCase()
    await this.db.updateTable('users').set(set).where('id', '=', id).execute()
    return await this.findById(id)
  }

  async setPassword (id: number, passwordHash: string, now: string, trx: Kysely<Database> = this.db): Promise<void> {
    await trx.updateTable('users').set({ passwordHash, updatedAt: now }).where('id', '=', id).execute()
  }

  async insertSetupToken (userId: number, tokenHash: string, now: string, expiresAt: string): Promise<void> {
    // One link at a time: a new one replaces any earlier.
    await this.db.deleteFrom('userSetupTokens').where('userId', '=', userId).execute()
    await this.db.insertInto('userSetupTokens').values({ tokenHash, userId, createdAt: now, expiresAt }).execute()
  }

  /** Consumes a setup link: the user id it was for when it existed and had not expired (deleted either way). */
  async takeSetupToken (tokenHash: string, now: string): Promise<number | null> {
    const rows = await this.db.deleteFrom('userSetupTokens').where('tokenHash', '=', tokenHash).returning(['userId', 'expiresAt']).execute()
    const row = rows[0]
    if (!row || row.expiresAt <= now) return null
    return row.userId
  }

  /** Starts (or restarts) enrolling a TOTP secret; the one in use, if any, stays until the new one is confirmed. */
  async setPendingTotp (id: number, sealedSecret: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ totpPendingSecret: sealedSecret, updatedAt: now }).where('id', '=', id).execute()
  }

  /** Runs `fn` in one transaction (a change and its audit entry commit together). */
  async transaction<T> (fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return await this.db.transaction().execute(fn)
  }

  /** The pending secret becomes the one in use, with the step of the code that confirmed it. */
  async enableTotp (id: number, sealedSecret: string, step: number, now: string, trx: Kysely<Database> = this.db): Promise<UserRow | undefined> {
    await trx.updateTable('users')
      .set({ totpSecret: sealedSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where('id', '=', id).execute()
    return await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async disableTotp (id: number, now: string, trx: Kysely<Database> = this.db): Promise<UserRow | undefined> {
    await trx.updateTable('users')
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where('id', '=', id).execute()
    return await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /**
   * Uses up a time step: true when no code of this step (or a later one) was accepted before. One
   * conditional update, so two sign-ins racing with the same code cannot both pass.
   */
  async claimTotpStep (id: number, step: number): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ totpLastStep: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async purgeSetupTokens (now: string): Promise<void> {
    await this.db.deleteFrom('userSetupTokens').where('expiresAt', '<=', now).execute()
  }
}
