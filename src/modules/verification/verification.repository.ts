import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.js'

export class VerificationRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async insertCsrf (row: { tokenHash: string, sessionId: number, expiresAt: string, createdAt: string }): Promise<void> {
    await this.db.insertInto('csrfTokens').values(row).execute()
  }

  async findLiveCsrf (tokenHash: string, now: string): Promise<{ sessionId: number, expiresAt: string } | undefined> {
    return await this.db.selectFrom('csrfTokens').select(['sessionId', 'expiresAt'])
      .where('tokenHash', '=', tokenHash).where('expiresAt', '>', now).executeTakeFirst()
  }

  async deleteExpiredCsrf (now: string): Promise<number> {
    const res = await this.db.deleteFrom('csrfTokens').where('expiresAt', '<=', now).executeTakeFirst()
    return Number(res.numDeletedRows)
  }
}
