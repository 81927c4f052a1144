import type { Kysely } from 'kysely'
import type { ConsoleSessionRow, Database } from '../../db/types.js'

/** Console sessions (server-side; the cookie holds a secret whose SHA-256 is the key), failed sign-ins, SSO flows. */
export class ConsoleAuthRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async insertSession (row: ConsoleSessionRow): Promise<void> {
    await this.db.insertInto('consoleSessions').values(row).execute()
  }

  async findSession (tokenHash: string): Promise<ConsoleSessionRow | undefined> {
    return await this.db.selectFrom('consoleSessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()
  }

  async touchSession (tokenHash: string, now: string): Promise<void> {
    await this.db.updateTable('consoleSessions').set({ lastSeenAt: now }).where('tokenHash', '=', tokenHash).execute()
  }

  async setSessionLivemode (tokenHash: string, livemode: boolean): Promise<void> {
    await this.db.updateTable('consoleSessions').set({ livemode: livemode ? 1 : 0 }).where('tokenHash', '=', tokenHash).execute()
  }

  async deleteSession (tokenHash: string): Promise<void> {
    await this.db.deleteFrom('consoleSessions').where('tokenHash', '=', tokenHash).execute()
  }

  /** Ends every console session of a user (disabled, role changed, password set). */
  async deleteSessionsOfUser (userId: number): Promise<number> {
    const res = await this.db.deleteFrom('consoleSessions').where('userId', '=', userId).executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  async countFailures (emailKey: string, since: string): Promise<{ count: number, oldest: string | null }> {
    const row = await this.db.selectFrom('consoleSignInFailures')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('at').as('oldest')])
      .where('emailKey', '=', emailKey).where('at', '>', since)
      .executeTakeFirstOrThrow()
    return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null }
  }

  async recordFailure (emailKey: string, at: string): Promise<void> {
    await this.db.insertInto('consoleSignInFailures').values({ emailKey, at }).execute()
  }

  async clearFailures (emailKey: string): Promise<void> {
    await this.db.deleteFrom('consoleSignInFailures').where('emailKey', '=', emailKey).execute()
  }

  async insertFlow (row: { flowHash: string, state: string, nonce: string, codeVerifier: string, createdAt: string, expiresAt: string }): Promise<void> {
    await this.db.insertInto('consoleOidcFlows').values(row).execute()
  }

  /** Consumes an SSO flow (one callback per start): the flow when it existed and had not expired. */
  async takeFlow (flowHash: string, now: string): Promise<{ state: string, nonce: string, codeVerifier: string } | null> {
    const rows = await this.db.deleteFrom('consoleOidcFlows').where('flowHash', '=', flowHash)
      .returning(['state', 'nonce', 'codeVerifier', 'expiresAt']).execute()
    const row = rows[0]
    if (!row || row.expiresAt <= now) return null
    return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier }
  }

  /** Drops what has expired: sessions past their end, failures past the window, abandoned SSO flows. */
  async purge (now: string, idleBefore: string, failuresBefore: string): Promise<void> {
    await this.db.deleteFrom('consoleSessions').where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<=', idleBefore)])).execute()
    await this.db.deleteFrom('consoleSignInFailures').where('at', '<=', failuresBefore).execute()
    await this.db.deleteFrom('consoleOidcFlows').where('expiresAt', '<=', now).execute()
  }
}
