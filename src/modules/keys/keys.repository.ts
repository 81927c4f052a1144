import { sql, type Kysely } from 'kysely'
import { Batcher, type BatchResult } from '../../db/batcher.js'
import { isPostgres } from '../../db/dialect.js'
import { inRequestTransaction } from '../../db/request-transaction.js'
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

export interface NewKeyRow extends RateLimitOverride {
  teamId: number
  reviewerId: string | null
  name: string | null
  prefix: string
  keyHash: string
  createdAt: string
  livemode: number
  permissions?: string | null
  apiVersion?: string // absent: the column's default, 2026-12-01 (the service always names it)
  expiresAt?: string | null
}

/** A team's keys of one mode (null: both, for callers that see every mode). */
export interface KeyScope { teamId: number, livemode: boolean | null }

/** Key lookups one batch serves at most, and batches running at once (findActiveByHash on PostgreSQL). */
export const KEY_LOOKUP_BATCH = { max: 64, inFlight: 2 }

/** A key row is active at `now`: not revoked, not past its expiry. */
const activeAt = (row: ApiKeyRow, now: string): boolean => row.revokedAt === null && (row.expiresAt === null || Date.parse(row.expiresAt) > Date.parse(now))

export class KeysRepository {
  /**
   * Every request's key lookup, batched on PostgreSQL (db/batcher.ts): lookups arriving while others
   * are read share one statement. Not a cache: each lookup reads the row after the request arrived,
   * so a revoked key is refused from the next request on, on every process.
   */
  private readonly lookups: Batcher<{ keyHash: string, now: string }, ApiKeyRow | undefined> | null

  constructor (private readonly db: Kysely<Database>, batch = KEY_LOOKUP_BATCH) {
    this.lookups = isPostgres(db) && batch.max > 1 ? new Batcher((inputs) => this.lookUp(inputs), batch) : null
  }

  private async lookUp (inputs: Array<{ keyHash: string, now: string }>): Promise<Array<BatchResult<ApiKeyRow | undefined>>> {
    const hashes = [...new Set(inputs.map((i) => i.keyHash))]
    const rows = await this.db.selectFrom('apiKeys').selectAll().where(sql<boolean>`key_hash = any(${hashes}::text[])`).where('revokedAt', 'is', null).execute()
    const byHash = new Map(rows.map((r) => [r.keyHash, r]))
    return inputs.map(({ keyHash, now }) => {
      const row = byHash.get(keyHash)
      return { ok: true, value: row !== undefined && activeAt(row, now) ? row : undefined }
    })
  }

  /** Runs `fn` in one transaction; the repositories it is handed write in it. */
  async transaction<T> (fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return await this.db.transaction().execute(fn)
  }

  async findOrCreateTeam (name: string, now: string): Promise<TeamRow> {
    const existing = await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst()
    if (existing) return existing
    await this.db.insertInto('teams').values({ name, createdAt: now }).onConflict((oc) => oc.column('name').doNothing()).execute()
    return await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
  }

  async insert (row: NewKeyRow, trx: Kysely<Database> = this.db): Promise<ApiKeyRow> {
    const [inserted] = await trx.insertInto('apiKeys').values(row).returningAll().execute()
    return inserted
  }

  /** A key neither revoked nor past its expiry at `now`. */
  async findActiveByHash (keyHash: string, now: string): Promise<ApiKeyRow | undefined> {
    if (this.lookups !== null && !inRequestTransaction()) return await this.lookups.call({ keyHash, now })
    return await this.db.selectFrom('apiKeys').selectAll()
      .where('keyHash', '=', keyHash).where('revokedAt', 'is', null)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .executeTakeFirst()
  }

  /**
   * The reviewer ids of the team's working keys of one mode (neither revoked nor expired at `now`),
   * sorted: the roster round-robin assignment turns through for a session of that mode.
   */
  async activeReviewerIds (teamId: number, livemode: boolean, now: string): Promise<string[]> {
    const rows = await this.db.selectFrom('apiKeys').select('reviewerId').distinct()
      .where('teamId', '=', teamId).where('revokedAt', 'is', null).where('reviewerId', 'is not', null)
      .where('livemode', '=', livemode ? 1 : 0)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
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

  async listForTeam (scope: KeyScope): Promise<ApiKeyRow[]> {
    let q = this.db.selectFrom('apiKeys').selectAll().where('teamId', '=', scope.teamId)
    if (scope.livemode !== null) q = q.where('livemode', '=', scope.livemode ? 1 : 0)
    return await q.orderBy('id').execute()
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

  /** A key of this team and mode; another team's (or mode's) reads as missing. */
  async findForTeam (id: number, scope: KeyScope, trx: Kysely<Database> = this.db): Promise<ApiKeyRow | undefined> {
    let q = trx.selectFrom('apiKeys').selectAll().where('id', '=', id).where('teamId', '=', scope.teamId)
    if (scope.livemode !== null) q = q.where('livemode', '=', scope.livemode ? 1 : 0)
    return await q.executeTakeFirst()
  }

  async findByIdWithTeam (id: number): Promise<(ApiKeyRow & { teamName: string }) | undefined> {
    return await this.db.selectFrom('apiKeys').innerJoin('teams', 'teams.id', 'apiKeys.teamId')
      .selectAll('apiKeys').select('teams.name as teamName').where('apiKeys.id', '=', id).executeTakeFirst()
  }

  /** Revokes a key not yet revoked; the row as revoked, or undefined when it was already (or does not exist). */
  async revoke (id: number, now: string, trx: Kysely<Database> = this.db): Promise<ApiKeyRow | undefined> {
    const [row] = await trx.updateTable('apiKeys').set({ revokedAt: now })
      .where('id', '=', id).where('revokedAt', 'is', null).returningAll().execute()
    return row
  }

  /**
   * Marks a key rolled, working until `expiresAt` (never later than it already would): only a key
   * neither revoked nor rolled, and still within its life at `now`. Undefined when it was not.
   */
  async markRolled (id: number, expiresAt: string, now: string, trx: Kysely<Database>): Promise<ApiKeyRow | undefined> {
    const [row] = await trx.updateTable('apiKeys')
      .set((eb) => ({
        rolledAt: now,
        expiresAt: eb.case().when('expiresAt', 'is', null).then(expiresAt).when('expiresAt', '<', expiresAt).then(eb.ref('expiresAt')).else(expiresAt).end()
      }))
      .where('id', '=', id).where('revokedAt', 'is', null).where('rolledAt', 'is', null)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .returningAll().execute()
    return row
  }

  async setLimits (id: number, limits: RateLimitOverride): Promise<ApiKeyRow | undefined> {
    await this.db.updateTable('apiKeys').set(limits).where('id', '=', id).execute()
    return await this.findById(id)
  }
}
