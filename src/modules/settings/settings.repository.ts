import type { Kysely } from 'kysely'
import type { Database, TeamSettingsRow, TeamSettingsTable } from '../../db/types.js'

/** The columns a change sets; a field left out keeps its value, null clears it back to the default. */
export type TeamSettingsChanges = Partial<Omit<TeamSettingsTable, 'teamId' | 'createdAt' | 'updatedAt'>>

export class SettingsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async find (teamId: number): Promise<TeamSettingsRow | undefined> {
    return await this.db.selectFrom('teamSettings').selectAll().where('teamId', '=', teamId).executeTakeFirst()
  }

  /** Applies the changes in one statement (the row is created on the first change); answers the row as stored. */
  async upsert (teamId: number, changes: TeamSettingsChanges, now: string): Promise<TeamSettingsRow> {
    return await this.db.insertInto('teamSettings')
      .values({ teamId, ...changes, createdAt: now, updatedAt: now })
      .onConflict((oc) => oc.column('teamId').doUpdateSet({ ...changes, updatedAt: now }))
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  /** Teams whose retention overrides RETENTION_DAYS, with theirs. */
  async retentionOverrides (): Promise<Array<{ teamId: number, retentionDays: number }>> {
    const rows = await this.db.selectFrom('teamSettings').select(['teamId', 'retentionDays'])
      .where('retentionDays', 'is not', null).orderBy('teamId').execute()
    return rows.map((r) => ({ teamId: r.teamId, retentionDays: Number(r.retentionDays) }))
  }
}
