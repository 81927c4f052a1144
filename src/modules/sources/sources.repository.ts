import type { Kysely } from 'kysely'
import type { Database, SourceRow } from '../../db/types.js'

export interface SourceDefinition {
  name: string
  description: string
  sourceName: string
  logoUrl: string
  category: string
  providerId: string
  providerHashes: string[]
  verificationTypeIds: number[]
  loginFlow: Array<{ step: number, action: string, description: string }> | null
  enabled: boolean
}

export class SourcesRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async listEnabled (): Promise<SourceRow[]> {
    return await this.db.selectFrom('sources').selectAll().where('enabled', '=', 1).orderBy('id').execute()
  }

  async listAll (): Promise<SourceRow[]> {
    return await this.db.selectFrom('sources').selectAll().orderBy('id').execute()
  }

  async findByIds (ids: number[]): Promise<SourceRow[]> {
    if (ids.length === 0) return []
    return await this.db.selectFrom('sources').selectAll().where('id', 'in', ids).orderBy('id').execute()
  }

  async findById (id: number): Promise<SourceRow | undefined> {
    return await this.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** By sourceName (case-insensitive); failing that, by display name ("Cash App" for "CashApp"). */
  async findBySourceName (sourceName: string): Promise<SourceRow | undefined> {
    const key = sourceName.trim().toLowerCase()
    return await this.db.selectFrom('sources').selectAll()
      .where('sourceNameKey', '=', key).executeTakeFirst() ??
      await this.db.selectFrom('sources').selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', key)).orderBy('id').executeTakeFirst()
  }

  async count (): Promise<number> {
    const row = await this.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Upsert by sourceName (case-insensitive); ids of existing sources never change. */
  async upsert (defs: SourceDefinition[], now: string): Promise<{ created: number, updated: number }> {
    let created = 0
    let updated = 0
    await this.db.transaction().execute(async (trx) => {
      for (const d of defs) {
        const values = {
          name: d.name,
          description: d.description,
          sourceName: d.sourceName,
          sourceNameKey: d.sourceName.trim().toLowerCase(),
          logoUrl: d.logoUrl,
          category: d.category,
          providerId: d.providerId,
          providerHashes: JSON.stringify(d.providerHashes),
          loginFlow: d.loginFlow ? JSON.stringify(d.loginFlow) : null,
          verificationTypeIds: JSON.stringify(d.verificationTypeIds),
          enabled: d.enabled ? 1 : 0,
          updatedAt: now
        }
        const existing = await trx.selectFrom('sources').select('id').where('sourceNameKey', '=', values.sourceNameKey).executeTakeFirst()
        // ON CONFLICT: another process importing the same catalog at once (several instances booting on
        // a fresh database) may insert it first; a plain insert then failed the boot with a unique
        // violation. (Not insert-first: a conflicting insert still spends an id on both dialects.)
        const inserted = existing
          ? []
          : await trx.insertInto('sources').values({ ...values, createdAt: now })
            .onConflict((oc) => oc.column('sourceNameKey').doNothing()).returning('id').execute()
        if (inserted.length === 1) {
          created++
        } else {
          await trx.updateTable('sources').set(values).where('sourceNameKey', '=', values.sourceNameKey).execute()
          updated++
        }
      }
    })
    return { created, updated }
  }
}
