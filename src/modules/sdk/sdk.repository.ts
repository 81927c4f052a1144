import type { Insertable, Kysely } from 'kysely'
import type { Database, SdkSessionsTable } from '../../db/types.js'

export class SdkRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async insert (row: Insertable<SdkSessionsTable>): Promise<void> {
    await this.db.insertInto('sdkSessions').values(row).execute()
  }
}
