// `partner-api proof verify FILE ...`: checks proofs offline with the same verifier the service
// uses, so an operator can see exactly why a proof would be refused. `partner-api sources hash FILE`
// computes the provider hash an operator pins a source with.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { DEFAULT_CATALOG } from './lib/paths.js'
import { CatalogError, parseCatalog } from './modules/sources/sources.service.js'
import { parseProofs, verifyProof, type ProofVerdict, type SourceRequirements, type VerifyOptions } from './modules/proofs/proof-verifier.js'
import { providerConfigHashes, requestsOf, versionOf, type ConfigHash } from './modules/proofs/provider-config.js'
import { hashProviderParams } from './modules/proofs/provider-hash.js'

export interface CommandIo {
  out: (s: string) => void
  err: (s: string) => void
}

export const PROOF_VERIFY_USAGE =
  'usage: partner-api proof verify FILE [--attestors A,B] [--provider-hash H[,H]] [--max-age SECONDS]\n' +
  '                                [--min-signatures N] [--context-message M] [--session-id S]\n' +
  '                                [--source NAME [--catalog FILE] [--require-pinned]]\n' +
  '                                [--app-id A] [--app-secret S]\n' +
  'FILE holds a proof, an array of proofs, or {"proof": {...}}. --source applies the source binding\n' +
  '(hosts, paths, provider hash pins, parameters, extraction) of that source (sourceName or name, any\n' +
  'case) as the service\'s database holds it (its imports and `sources pin` pins), or as --catalog FILE\n' +
  'lists it. --app-id and --app-secret (default RECLAIM_APP_ID, RECLAIM_APP_SECRET)\n' +
  'check a TEE attestation nonce as made for that application. Exit 0 when every proof is valid, 1 when one is not, 2 on a\n' +
  'usage error.'

export const SOURCES_HASH_USAGE =
  'usage: partner-api sources hash FILE [--version V]\n' +
  'FILE holds a provider configuration as Reclaim\'s provider API serves it (requestData[] with\n' +
  'responseMatches[] and responseRedactions[]), a provider\'s parameters (JSON), or a whole proof (its\n' +
  'claimData.parameters is hashed). For a configuration, prints every hash a genuine proof may carry,\n' +
  'one a line: for each request, every subset of its optional matches beside all required ones, each\n' +
  'match with the redaction of the same index; labelled with the provider version (--version, or the\n' +
  'configuration\'s own). Pin them with `partner-api sources pin NAME --config FILE`.'

const EXIT_VALID = 0
const EXIT_INVALID = 1
const EXIT_USAGE = 2

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export async function proofVerifyCommand (
  argv: string[],
  io: CommandIo,
  defaults: CommandDefaults
): Promise<number> {
  const parsed = parseCommandLine(argv, defaults)
  if (!parsed.ok) {
    io.err(`${parsed.problem}\n${PROOF_VERIFY_USAGE}`)
    return EXIT_USAGE
  }
  if (parsed.help) {
    io.out(PROOF_VERIFY_USAGE)
    return EXIT_VALID
  }

  const read = await readProofFile(parsed.file)
  if (!read.ok) {
    io.err(read.problem)
    return EXIT_USAGE
  }

  let source: SourceRequirements | undefined
  if (parsed.source !== undefined) {
    // Without --catalog, the source as the service holds it (imports and `sources pin` included).
    const found = parsed.source.catalog === undefined && defaults.findSource !== undefined
      ? await defaults.findSource(parsed.source.name)
      : await catalogSource(parsed.source.name, parsed.source.catalog ?? DEFAULT_CATALOG)
    if (!found.ok) {
      io.err(found.problem)
      return EXIT_USAGE
    }
    source = found.source
  }

  // The clock is read here, once, so every proof in the file is judged at the same instant.
  const options: VerifyOptions = {
    ...parsed.options,
    ...(source === undefined ? {} : { source, requirePinned: parsed.source?.requirePinned === true }),
    now: Math.floor(Date.now() / 1000),
  }
  const verdicts: ProofVerdict[] = read.proofs.map((proof) => verifyProof(proof, options))
  io.out(JSON.stringify(read.isArray ? verdicts : verdicts[0], null, 2))
  return verdicts.every((verdict) => verdict.valid) ? EXIT_VALID : EXIT_INVALID
}

type CommandLine =
  | { ok: true, help: true }
  | {
    ok: true
    help: false
    file: string
    options: Omit<VerifyOptions, 'now'>
    /** catalog: the --catalog FILE, when given. */
    source?: { name: string, catalog?: string, requirePinned: boolean }
  }
  | { ok: false, problem: string }

export interface CommandDefaults {
  attestors: string[]
  minSignatures: number
  /** RECLAIM_APP_ID and RECLAIM_APP_SECRET, for TEE nonces (rule 4.2). */
  tee?: { applicationId: string | null, appSecret: string | null }
  /**
   * A source by sourceName or name as the service's database holds it (the CLI's); --source without
   * --catalog reads it. Without it, the shipped catalog file.
   */
  findSource?: (name: string) => Promise<FoundSource>
}

function parseCommandLine (argv: string[], defaults: CommandDefaults): CommandLine {
  let values
  let positionals
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        attestors: { type: 'string' },
        'provider-hash': { type: 'string', multiple: true },
        'max-age': { type: 'string' },
        'min-signatures': { type: 'string' },
        'context-message': { type: 'string' },
        'session-id': { type: 'string' },
        source: { type: 'string' },
        catalog: { type: 'string' },
        'require-pinned': { type: 'boolean' },
        'app-id': { type: 'string' },
        'app-secret': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { ok: true, help: true }
  if (positionals.length !== 1) {
    return { ok: false, problem: positionals.length === 0 ? 'missing FILE' : 'expected exactly one FILE' }
  }

  const attestors = values.attestors === undefined ? defaults.attestors : splitList(values.attestors)
  if (attestors.length === 0) return { ok: false, problem: 'no trusted attestors: pass --attestors A,B' }
  const badAttestor = attestors.find((address) => !ADDRESS.test(address))
  if (badAttestor !== undefined) return { ok: false, problem: `not an attestor address: ${badAttestor}` }

  const minSignatures = values['min-signatures'] === undefined ? defaults.minSignatures : wholeNumber(values['min-signatures'])
  if (minSignatures === null || minSignatures < 1) {
    return { ok: false, problem: '--min-signatures must be a whole number of at least 1' }
  }
  const maxAgeS = values['max-age'] === undefined ? undefined : wholeNumber(values['max-age'])
  if (maxAgeS === null) return { ok: false, problem: '--max-age must be a whole number of seconds' }

  const applicationId = values['app-id'] ?? defaults.tee?.applicationId ?? null
  if (applicationId !== null && !ADDRESS.test(applicationId)) return { ok: false, problem: `--app-id must be an application address, got ${applicationId}` }
  const appSecret = values['app-secret'] ?? defaults.tee?.appSecret ?? null
  const allowedProviderHashes = (values['provider-hash'] ?? []).flatMap(splitList)
  if (values.source === undefined && (values.catalog !== undefined || values['require-pinned'] === true)) {
    return { ok: false, problem: '--catalog and --require-pinned need --source' }
  }
  return {
    ok: true,
    help: false,
    file: positionals[0],
    ...(values.source === undefined
      ? {}
      : { source: { name: values.source, ...(values.catalog === undefined ? {} : { catalog: values.catalog }), requirePinned: values['require-pinned'] === true } }),
    options: {
      trustedAttestors: attestors,
      minSignatures,
      tee: { applicationId, appSecret },
      ...(allowedProviderHashes.length > 0 ? { allowedProviderHashes } : {}),
      ...(maxAgeS === undefined ? {} : { maxAgeS }),
      ...(values['context-message'] === undefined ? {} : { expectedContextMessage: values['context-message'] }),
      ...(values['session-id'] === undefined ? {} : { expectedReclaimSessionId: values['session-id'] }),
    },
  }
}

type ProofFile = { ok: true, proofs: unknown[], isArray: boolean } | { ok: false, problem: string }

async function readProofFile (file: string): Promise<ProofFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${file} is not JSON` }
  }
  // Test vectors wrap the proof with its keys and expectations: {attestor, ..., proof: {...}}.
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && !('claimData' in json) && 'proof' in json) {
    json = json.proof
  }
  const proofs = parseProofs(json)
  if (proofs.length === 0) return { ok: false, problem: `${file} holds no proof object` }
  return { ok: true, proofs, isArray: Array.isArray(json) }
}

function splitList (list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function wholeNumber (text: string): number | null {
  return /^\d{1,15}$/.test(text) ? Number(text) : null
}

export type FoundSource = { ok: true, source: SourceRequirements } | { ok: false, problem: string }

async function catalogSource (name: string, catalogFile: string): Promise<FoundSource> {
  let text: string
  try {
    text = await readFile(catalogFile, 'utf8')
  } catch (error) {
    return { ok: false, problem: `cannot read ${catalogFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  let definitions
  try {
    definitions = parseCatalog(text)
  } catch (error) {
    if (error instanceof CatalogError) return { ok: false, problem: `${catalogFile}: ${error.message}` }
    throw error
  }
  const key = name.trim().toLowerCase()
  const found = definitions.find((d) => d.sourceName.toLowerCase() === key) ?? definitions.find((d) => d.name.toLowerCase() === key)
  if (found === undefined) return { ok: false, problem: `no source "${name}" in ${catalogFile}` }
  return {
    ok: true,
    source: {
      name: found.name,
      hosts: found.proofHosts ?? [],
      providerHashes: found.providerHashes,
      parameters: found.proofParameters ?? [],
      paths: found.proofPaths ?? [],
      extraction: found.proofExtraction ?? {}
    },
  }
}

/** `partner-api sources hash FILE [--version V]`: the provider hash(es) of a provider configuration, of a provider's parameters, or of a proof's. */
export async function sourcesHashCommand (argv: string[], io: CommandIo): Promise<number> {
  let values
  let positionals
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { version: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }))
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${SOURCES_HASH_USAGE}`)
    return EXIT_USAGE
  }
  if (values.help === true) {
    io.out(SOURCES_HASH_USAGE)
    return EXIT_VALID
  }
  if (positionals.length !== 1) {
    io.err(`${positionals.length === 0 ? 'missing FILE' : 'expected exactly one FILE'}\n${SOURCES_HASH_USAGE}`)
    return EXIT_USAGE
  }
  const file = positionals[0]
  const read = await readJsonFile(file)
  if (!read.ok) {
    io.err(read.problem)
    return EXIT_USAGE
  }
  const json = read.json
  if (requestsOf(json) !== null) {
    const result = providerConfigHashes(json, values.version ?? versionOf(json))
    if (!result.ok) {
      io.err(`${file}: ${result.problem}`)
      return EXIT_INVALID
    }
    io.out(result.hashes.map(describeConfigHash).join('\n'))
    return EXIT_VALID
  }
  const parameters = parametersOf(json)
  const hash = isObject(parameters) && typeof parameters.url !== 'string' ? null : tryHash(parameters)
  if (hash === null) {
    io.err(`${file}: not a provider configuration (requestData), an HTTP provider's parameters (url, method, responseMatches, responseRedactions) or a proof`)
    return EXIT_INVALID
  }
  io.out(values.version === undefined ? hash : `${hash}\tversion ${values.version}`)
  return EXIT_VALID
}

/** One line of `sources hash` for a configuration: the hash, then what it is the hash of. */
export function describeConfigHash (h: ConfigHash): string {
  return `${h.hash}\trequest ${h.request} (${h.method} ${h.url}), matches ${h.matches.join(',') || 'none'}${h.version === null ? '' : `, version ${h.version}`}`
}

function tryHash (parameters: string | object): string | null {
  try {
    return hashProviderParams(parameters)
  } catch {
    return null
  }
}

type JsonFile = { ok: true, json: unknown } | { ok: false, problem: string }

export async function readJsonFile (file: string): Promise<JsonFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  try {
    return { ok: true, json: JSON.parse(text) }
  } catch {
    return { ok: false, problem: `${file} is not JSON` }
  }
}

// A proof (or a test vector wrapping one) carries its parameters as a JSON string in claimData.
function parametersOf (json: unknown): string | object {
  let value = json
  if (isObject(value) && !('claimData' in value) && isObject(value.proof)) value = value.proof
  if (isObject(value) && isObject(value.claimData) && typeof value.claimData.parameters === 'string') return value.claimData.parameters
  return isObject(value) ? value : {}
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
