import { readFile } from 'node:fs/promises'
import { Compile } from 'typebox/compile'
import { Type } from 'typebox'
import type { SourceRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { parseJson } from '../../lib/json.js'
import { DEFAULT_CATALOG } from '../../lib/paths.js'
import { MAX_PROVIDER_HASHES } from '../proofs/provider-config.js'
import { normalizeHost, validateCatalogEntry, type ExtractionRule } from './catalog.js'
import type { SourceDefinition, SourcesRepository } from './sources.repository.js'
import { SourceDefinitionSchema, type SourceView } from './sources.schemas.js'

const CatalogCheck = Compile(Type.Array(SourceDefinitionSchema))

export function viewSource (row: SourceRow, publicBaseUrl: string): SourceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sourceName: row.sourceName,
    // Catalog logos are paths served by this service; absolute URLs pass through untouched.
    logoUrl: row.logoUrl.startsWith('/') ? publicBaseUrl + row.logoUrl : row.logoUrl,
    category: row.category,
    providerId: row.providerId,
    verificationTypeIds: parseJson<number[]>(row.verificationTypeIds, []),
    loginFlow: parseJson(row.loginFlow, null),
    enabled: row.enabled === 1,
    proofRequirements: proofRequirementsOf(row)
  }
}

/** A source's rule-5 requirements as the verifier takes them (VerifyOptions.source) and the API shows them. */
export function proofRequirementsOf (row: SourceRow): {
  hosts: string[]
  providerHashes: string[]
  parameters: string[]
  paths: string[]
  extraction: Record<string, ExtractionRule>
} {
  return {
    hosts: parseJson<string[]>(row.proofHosts, []),
    providerHashes: parseJson<string[]>(row.providerHashes, []),
    parameters: parseJson<string[]>(row.proofParameters, []),
    paths: parseJson<string[]>(row.proofPaths, []),
    extraction: parseJson<Record<string, ExtractionRule>>(row.proofExtraction, {})
  }
}

/** Higher is better; 0 = no match. Exact and prefix matches of the name outrank mentions in the description. */
export function searchScore (row: SourceRow, needle: string): number {
  const name = row.name.toLowerCase()
  const sourceName = row.sourceName.toLowerCase()
  const category = row.category.toLowerCase()
  const description = row.description.toLowerCase()
  if (name === needle || sourceName === needle) return 100
  if (name.startsWith(needle) || sourceName.startsWith(needle)) return 80
  if (name.split(/[^a-z0-9]+/).some((w) => w.startsWith(needle))) return 70
  if (name.includes(needle) || sourceName.includes(needle)) return 60
  if (category === needle) return 50
  if (category.includes(needle)) return 40
  if (description.split(/[^a-z0-9]+/).some((w) => w.startsWith(needle))) return 30
  if (description.includes(needle)) return 20
  return 0
}

export class CatalogError extends Error {}

export function parseCatalog (text: string): SourceDefinition[] {
  let data: unknown
  try { data = JSON.parse(text) } catch (e) { throw new CatalogError(`catalog is not valid JSON: ${(e as Error).message}`) }
  if (!CatalogCheck.Check(data)) {
    const first = [...CatalogCheck.Errors(data)][0]
    throw new CatalogError(`catalog entry is invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'schema violation'}`)
  }
  const seen = new Set<string>()
  for (const d of data) {
    const key = d.sourceName.trim().toLowerCase()
    if (seen.has(key)) throw new CatalogError(`catalog lists sourceName "${d.sourceName}" twice`)
    seen.add(key)
    const problems = validateCatalogEntry(d)
    if (problems.length > 0) throw new CatalogError(problems.join('; '))
  }
  return data.map((d) => ({
    name: d.name,
    description: d.description,
    sourceName: d.sourceName.trim(),
    logoUrl: d.logoUrl,
    category: d.category,
    providerId: d.providerId,
    // Pins from both places, the top-level one being the older.
    providerHashes: [...new Set([...(d.providerHashes ?? []), ...(d.proofRequirements?.providerHashes ?? [])].map((h) => h.toLowerCase()))],
    proofHosts: [...new Set((d.proofRequirements?.hosts ?? []).map((h) => normalizeHost(h) as string))],
    proofParameters: d.proofRequirements?.parameters ?? [],
    hostsVerified: d.proofRequirements?.hostsVerified ?? false,
    proofPaths: d.proofRequirements?.paths ?? [],
    proofExtraction: d.proofRequirements?.extraction ?? {},
    verificationTypeIds: d.verificationTypeIds ?? [],
    loginFlow: d.loginFlow ?? null,
    enabled: d.enabled ?? true
  }))
}

/** What the sources need of the sessions module (its repository): which sources a session allows. */
export interface SessionSources {
  allowedSourceIds: (sessionId: number) => Promise<number[]>
}

export class SourcesService {
  constructor (
    readonly repo: SourcesRepository,
    private readonly sessions: SessionSources,
    private readonly clock: Clock,
    private readonly publicBaseUrl: string
  ) {}

  /**
   * The shipped catalog, imported once into an empty database (service boot and `sources list`). On
   * a database from before proof requirements, its sources get the shipped hosts and parameters by
   * sourceName. An invalid shipped catalog (an entry without hosts) stops the boot with a CatalogError.
   */
  async seedDefaultCatalog (): Promise<void> {
    if (await this.repo.count() === 0) {
      await this.importFile(DEFAULT_CATALOG)
      return
    }
    const defs = parseCatalog(await readFile(DEFAULT_CATALOG, 'utf8'))
    await this.repo.fillProofRequirements(defs, this.clock.iso())
  }

  /** The sources an applicant of this session may pick. */
  async ofSession (sessionId: number): Promise<SourceRow[]> {
    return await this.forSession(await this.sessions.allowedSourceIds(sessionId))
  }

  view (row: SourceRow): SourceView { return viewSource(row, this.publicBaseUrl) }

  async findById (id: number): Promise<SourceRow | undefined> { return await this.repo.findById(id) }
  async findByIds (ids: number[]): Promise<SourceRow[]> { return await this.repo.findByIds(ids) }

  /** The session's allowed sources, or every enabled source when it set none. */
  async forSession (allowedIds: number[]): Promise<SourceRow[]> {
    if (allowedIds.length === 0) return await this.repo.listEnabled()
    return (await this.repo.findByIds(allowedIds)).filter((s) => s.enabled === 1)
  }

  search (rows: SourceRow[], text: string): SourceRow[] {
    const needle = text.trim().toLowerCase()
    return rows
      .map((row) => ({ row, score: searchScore(row, needle) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name) || a.row.id - b.row.id)
      .map((r) => r.row)
  }

  /**
   * `sources pin NAME --config FILE [--version V]`: pins every hash of a provider configuration on a
   * source. Pins labelled with the same version are replaced (a provider version re-read); pins of
   * other versions, and unlabelled ones, are kept. At most MAX_PROVIDER_HASHES pins per source.
   */
  async pin (name: string, hashes: string[], version: string | null): Promise<{ source: string, pinned: number, kept: number, replaced: number, total: number }> {
    const row = await this.repo.findBySourceName(name)
    if (!row) throw new CatalogError(`no source "${name}" (sourceName or name)`)
    const before = parseJson<string[]>(row.providerHashes, [])
    const labels = parseJson<Record<string, string>>(row.providerHashVersions, {})
    const wanted = new Set(hashes.map((h) => h.toLowerCase()))
    const kept = before.filter((h) => !wanted.has(h) && (version === null || labels[h] !== version))
    const pins = [...kept, ...wanted]
    if (pins.length > MAX_PROVIDER_HASHES) {
      throw new CatalogError(`${row.sourceName} would pin ${pins.length} provider hashes, more than ${MAX_PROVIDER_HASHES}: drop old versions first (pin with --version replaces that version's pins)`)
    }
    const versions = Object.fromEntries(Object.entries(labels).filter(([h]) => pins.includes(h) && !wanted.has(h)))
    if (version !== null) for (const h of wanted) versions[h] = version
    if (!await this.repo.replacePins(row.id, row.providerHashes, pins, versions, this.clock.iso())) {
      throw new CatalogError(`${row.sourceName}'s pins changed meanwhile; run the command again`)
    }
    return { source: row.sourceName, pinned: wanted.size, kept: kept.length, replaced: before.length - kept.length - before.filter((h) => wanted.has(h)).length, total: pins.length }
  }

  async importFile (path: string) {
    const defs = parseCatalog(await readFile(path, 'utf8'))
    return await this.repo.upsert(defs, this.clock.iso())
  }
}
