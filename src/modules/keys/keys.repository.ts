import type { Kysely } from 'kysely'
import type { ApiKeyRow, Database, TeamRow } from '../../db/types.js'

export interface RateLimitOverride { rateLimitTtlS?: number | null, rateLimitLimit?: number | null, rateLimitBlockS?: number | null }

/**
 * Locks the team's row until the transaction ends (PostgreSQL, FOR UPDATE): what another module
 * counts per team (webhook endpoints against their cap) cannot be raced by a concurrent transaction
 * of the same team. The teams table is this module's: others lock it through here.
 */
export async function lockTeam (trx: Kysely<Database>, teamId: number): Promise<void> {
  await trx.selectFrom('teams').select('id').where('id', '=', teamId).forUpdate().execute()
}

export class KeysRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async findOrCreateTeam (name: string, now: string): Promise<TeamRow> {
    const existing = await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst()
    if (existing) return existing
    await this.db.insertInto('teams').values({ name, createdAt: now }).onConflict((oc) => oc.column('name').doNothing()).execute()
    return await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
  }

  async insert (row: { teamId: number, reviewerId: string | null, name: string | null, prefix: string, keyHash: string, createdAt: string, livemode: number } & RateLimitOverride): Promise<ApiKeyRow> {
    const [inserted] = await this.db.insertInto('apiKeys').values(row).returningAll().execute()
    return inserted
  }

  async findActiveByHash (keyHash: string): Promise<ApiKeyRow | undefined> {
    return await this.db.selectFrom('apiKeys').selectAll()
      .where('keyHash', '=', keyHash).where('revokedAt', 'is', null)
      .executeTakeFirst()
  }

  /** The reviewer ids of the team's active (not revoked) keys, sorted: the roster round-robin assignment turns through. */
  async activeReviewerIds (teamId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('apiKeys').select('reviewerId').distinct()
      .where('teamId', '=', teamId).where('revokedAt', 'is', null).where('reviewerId', 'is not', null)
      .orderBy('reviewerId').execute()
    return rows.map((r) => r.reviewerId as string)
  }

  async touch (id: number, now: string): Promise<void> {
    await this.db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', id).execute()
  }

  async list (): Promise<Array<ApiKeyRow & { teamName: string }>> {
    return await this.db.selectFrom('apiKeys').innerJoin('teams', 'teams.id', 'apiKeys.teamId')
      .selectAll('apiKeys').select('teams.name as teamName').orderBy('apiKeys.id').execute()
  }

  async findTeam (teamId: number): Promise<TeamRow | undefined> {
    return await this.db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst()
  }

  async findTeamByName (name: string): Promise<TeamRow | undefined> {
    return await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst()
  }

  /** The names of these teams, by id. */
  async teamNames (teamIds: number[]): Promise<Map<number, string>> {
    if (teamIds.length === 0) return new Map()
    const rows = await this.db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute()
    return new Map(rows.map((r) => [r.id, r.name]))
  }

  async findById (id: number): Promise<ApiKeyRow | undefined> {
    return await this.db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async findByIdWithTeam (id: number): Promise<(ApiKeyRow & { teamName: string }) | undefined> {
    return await this.db.selectFrom('apiKeys').innerJoin('teams', 'teams.id', 'apiKeys.teamId')
      .selectAll('apiKeys').select('teams.name as teamName').where('apiKeys.id', '=', id).executeTakeFirst()
  }

  async revoke (id: number, now: string): Promise<boolean> {
    const res = await this.db.updateTable('apiKeys').set({ revokedAt: now })
      .where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  async setLimits (id: number, limits: RateLimitOverride): Promise<ApiKeyRow | undefined> {
    await this.db.updateTable('apiKeys').set(limits).where('id', '=', id).execute()
    return await this.findById(id)
  }
}
