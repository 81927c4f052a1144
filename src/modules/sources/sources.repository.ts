import type { Kysely } from 'kysely'
import type { Database, SourceRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'

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
  /** proofRequirements.hosts (normalised); none = no proof of the source verifies. */
  proofHosts?: string[]
  proofParameters?: string[]
  hostsVerified?: boolean
  /** proofRequirements.paths (rule 5.7). */
  proofPaths?: string[]
  /** proofRequirements.extraction (rule 5.8). */
  proofExtraction?: Record<string, { jsonPath?: string, regex?: string }>
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

  /**
   * Gives sources that have no proof hosts yet (rows from before the proof requirements existed) the
   * hosts, parameters and pins of the shipped catalog, matched by sourceName. Sources an operator
   * already gave hosts, and the other fields, are left as they are.
   */
  async fillProofRequirements (defs: SourceDefinition[], now: string): Promise<number> {
    const bySourceName = new Map(defs.map((d) => [d.sourceName.trim().toLowerCase(), d]))
    let filled = 0
    await this.db.transaction().execute(async (trx) => {
      // One read at every boot; writes only on the first boot after the upgrade.
      const rows = await trx.selectFrom('sources').select(['id', 'sourceNameKey', 'proofHosts', 'providerHashes', 'proofPaths', 'proofExtraction', 'hostsVerified']).execute()
      for (const row of rows) {
        const d = bySourceName.get(row.sourceNameKey)
        if (d === undefined) continue
        // Rules 5.7 and 5.8 came later than the hosts: a source bound by nothing but the shipped hosts,
        // which the operator has not marked checked, gets the shipped paths and extractions. A source
        // whose hosts the operator checked (or changed) keeps working as it did: its paths are theirs.
        if (row.hostsVerified === 0 && parseJsonArray(row.proofPaths).length === 0 && Object.keys(parseJson<object>(row.proofExtraction, {})).length === 0 &&
          ((d.proofPaths ?? []).length > 0 || Object.keys(d.proofExtraction ?? {}).length > 0) && sameHosts(row.proofHosts, d.proofHosts ?? [])) {
          await trx.updateTable('sources').set({
            proofPaths: JSON.stringify(d.proofPaths ?? []),
            proofExtraction: JSON.stringify(d.proofExtraction ?? {}),
            updatedAt: now
          }).where('id', '=', row.id).execute()
        }
        if (parseJsonArray(row.proofHosts).length > 0) continue
        await trx.updateTable('sources').set({
          proofHosts: JSON.stringify(d.proofHosts ?? []),
          proofParameters: JSON.stringify(d.proofParameters ?? []),
          hostsVerified: d.hostsVerified === true ? 1 : 0,
          proofPaths: JSON.stringify(d.proofPaths ?? []),
          proofExtraction: JSON.stringify(d.proofExtraction ?? {}),
          // An operator's own pins are kept.
          providerHashes: parseJsonArray(row.providerHashes).length > 0 ? row.providerHashes : JSON.stringify(d.providerHashes),
          updatedAt: now
        }).where('id', '=', row.id).execute()
        filled++
      }
    })
    return filled
  }

  /**
   * Writes a source's pins (providerHashes) and the provider version of each (`sources pin`), as one
   * update guarded by the pins read: a concurrent change makes it return false, and nothing is written.
   */
  async replacePins (id: number, before: string, pins: string[], versions: Record<string, string>, now: string): Promise<boolean> {
    const result = await this.db.updateTable('sources')
      .set({ providerHashes: JSON.stringify(pins), providerHashVersions: JSON.stringify(versions), updatedAt: now })
      .where('id', '=', id).where('providerHashes', '=', before).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
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
          proofHosts: JSON.stringify(d.proofHosts ?? []),
          proofParameters: JSON.stringify(d.proofParameters ?? []),
          hostsVerified: d.hostsVerified === true ? 1 : 0,
          proofPaths: JSON.stringify(d.proofPaths ?? []),
          proofExtraction: JSON.stringify(d.proofExtraction ?? {}),
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

/** The row has no hosts yet, or exactly these (an operator who changed the hosts chose their own binding). */
function sameHosts (rowHosts: string, hosts: string[]): boolean {
  const current = parseJsonArray(rowHosts)
  return current.length === 0 || (current.length === hosts.length && hosts.every((h) => current.includes(h)))
}

function parseJsonArray (text: string): unknown[] {
  const parsed = parseJson<unknown>(text, [])
  return Array.isArray(parsed) ? parsed : []
}
