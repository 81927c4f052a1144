// The rules a catalog entry must meet beyond its JSON schema (docs/proof-verification.md, rule 5):
// a source no proof can be bound to would accept a proof of any server, so it is refused outright.

/** What a genuine proof of a source looks like; shown on each source as `proofRequirements`. */
export interface ProofRequirements {
  /** Exact https host names a proof's request may go to (lower case; `host:port` for a port other than 443). */
  hosts: string[]
  /** Pinned provider hashes (lower case); empty = bound by host alone. */
  providerHashes: string[]
  /** Extracted parameters every proof must carry; the only ones that become facts. */
  parameters: string[]
  /** false until the operator has checked the hosts against real proofs of the source. */
  hostsVerified: boolean
  /** Request paths a proof may use (`/exact`, `/prefix/*`); empty = any path of the hosts (rule 5.7). */
  paths: string[]
  /** Per declared parameter, the redaction that must extract it (rule 5.8). */
  extraction: Record<string, ExtractionRule>
}

/** The redaction that extracts a parameter: its exact jsonPath and/or regex. */
export interface ExtractionRule { jsonPath?: string, regex?: string }

export interface CatalogEntryToCheck {
  name: string
  sourceName: string
  proofRequirements?: { hosts?: unknown, parameters?: unknown, paths?: unknown, extraction?: unknown } | undefined
}

// A path the catalog may list: absolute, no query or fragment, no template, no dot segment or encoded
// dot/slash/backslash, `*` only as the last character (a prefix).
const CATALOG_PATH = /^\/[^?#*\s]*\*?$/
const UNSAFE_PATH = /\{\{|(^|\/)\.\.?(\/|$)|%2e|%2f|%5c|\\/i

/** Whether a catalog path is one rule 5.7 can bind a proof to. */
export function validPath (path: string): boolean {
  return CATALOG_PATH.test(path) && !UNSAFE_PATH.test(path)
}

const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/**
 * `host` or `host:port` as an https request's host would read (lower case, no `:443`), or null when
 * it is not one: a scheme, a path, credentials, an IP literal, a single label or a template.
 */
export function normalizeHost (host: string): string | null {
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase())
  // The last label must hold a letter: an IP address is no source's host.
  if (match === null || !HOST_NAME.test(match[1]) || !/[a-z]/.test(match[1].slice(match[1].lastIndexOf('.') + 1))) return null
  const port = match[2] === undefined ? 443 : Number(match[2])
  if (port < 1 || port > 65535) return null
  return port === 443 ? match[1] : `${match[1]}:${port}`
}

/** The problems of one catalog entry (empty when it is fine), each naming the entry. */
export function validateCatalogEntry (entry: CatalogEntryToCheck): string[] {
  const label = `catalog entry "${entry.sourceName}" (${entry.name})`
  const requirements = entry.proofRequirements
  const hosts = Array.isArray(requirements?.hosts) ? requirements.hosts as unknown[] : []
  const problems: string[] = []
  if (hosts.length === 0) {
    problems.push(`${label} declares no proofRequirements.hosts: every source needs at least one https host its proofs' requests go to`)
  }
  for (const host of hosts) {
    if (typeof host !== 'string' || normalizeHost(host) === null) {
      problems.push(`${label} lists ${JSON.stringify(host)} in proofRequirements.hosts, which is not an https host name (e.g. "www.paypal.com")`)
    }
  }
  const parameters = Array.isArray(requirements?.parameters) ? requirements.parameters as unknown[] : []
  for (const parameter of parameters) {
    if (typeof parameter !== 'string' || !PARAMETER_NAME.test(parameter)) {
      problems.push(`${label} lists ${JSON.stringify(parameter)} in proofRequirements.parameters, which is not a parameter name`)
    }
  }
  if (new Set(parameters).size !== parameters.length) problems.push(`${label} lists a parameter twice in proofRequirements.parameters`)
  const paths = Array.isArray(requirements?.paths) ? requirements.paths as unknown[] : []
  for (const path of paths) {
    if (typeof path !== 'string' || !validPath(path)) {
      problems.push(`${label} lists ${JSON.stringify(path)} in proofRequirements.paths, which is not a request path ("/exact/path" or "/prefix/*", no query, template or dot segment)`)
    }
  }
  const extraction = typeof requirements?.extraction === 'object' && requirements.extraction !== null ? requirements.extraction as Record<string, unknown> : {}
  for (const [parameter, rule] of Object.entries(extraction)) {
    if (!parameters.includes(parameter)) {
      problems.push(`${label} declares an extraction for ${JSON.stringify(parameter)}, which is not in proofRequirements.parameters`)
    }
    const { jsonPath, regex } = (typeof rule === 'object' && rule !== null ? rule : {}) as { jsonPath?: unknown, regex?: unknown }
    if (jsonPath === undefined && regex === undefined) {
      problems.push(`${label} declares an extraction for ${JSON.stringify(parameter)} with neither jsonPath nor regex`)
    }
  }
  return problems
}
