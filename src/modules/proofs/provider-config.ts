// Every provider hash a Reclaim provider configuration admits (issue 23, item 3). A configuration as
// Reclaim's provider API serves it lists `requestData[]`, each with `responseMatches[]` (some
// `isOptional`) and `responseRedactions[]` paired with them by index. A proof of one request carries
// the matches it satisfied: all required ones and any subset of the optional ones, each with its
// redaction. So one request admits 2^k hashes for k optional matches, each computed as the SDK's
// verifier does (provider-hash.ts), with the body the SDK uses (`bodySniff.template` when
// `bodySniff.enabled`, else empty).
import { providerHashOf } from './provider-hash.js'

/** At most this many hashes per source (the pins of `sources pin`); 2^8 subsets of one request. */
export const MAX_PROVIDER_HASHES = 256

export interface ConfigHash {
  hash: string
  /** 1-based index of the request in requestData. */
  request: number
  method: string
  url: string
  /** 1-based indexes of the response matches kept (required ones and the chosen optional ones). */
  matches: number[]
  /** The provider version, when given. */
  version: string | null
}

export type ConfigHashes = { ok: true, hashes: ConfigHash[], version: string | null } | { ok: false, problem: string }

/** The requests of a provider configuration: `{providers: {requestData}}`, `{requestData}`, or null. */
export function requestsOf (config: unknown): unknown[] | null {
  const root = isObject(config) && isObject(config.providers) ? config.providers : config
  return isObject(root) && Array.isArray(root.requestData) ? root.requestData : null
}

/** The version a configuration names (`version` or `providerVersionString`, at the top or under `providers`). */
export function versionOf (config: unknown): string | null {
  for (const place of [config, isObject(config) ? config.providers : undefined]) {
    if (!isObject(place)) continue
    for (const key of ['providerVersionString', 'version']) {
      const value = place[key]
      if (typeof value === 'string' && value.trim() !== '') return value.trim()
    }
  }
  return null
}

export function providerConfigHashes (config: unknown, version: string | null = versionOf(config)): ConfigHashes {
  const requests = requestsOf(config)
  if (requests === null) return { ok: false, problem: 'not a provider configuration: no requestData array (at the top or under "providers")' }
  if (requests.length === 0) return { ok: false, problem: 'the provider configuration has no request in requestData' }
  const hashes: ConfigHash[] = []
  const seen = new Set<string>()
  for (const [index, request] of requests.entries()) {
    const label = `requestData[${index}]`
    if (!isObject(request)) return { ok: false, problem: `${label} is not an object` }
    const { url, method, bodySniff, body, responseMatches, responseRedactions } = request
    if (typeof url !== 'string' || url === '') return { ok: false, problem: `${label} has no url` }
    const matches = responseMatches ?? []
    const redactions = responseRedactions ?? []
    if (!Array.isArray(matches) || !matches.every(isObject)) return { ok: false, problem: `${label}.responseMatches is not an array of objects` }
    if (!Array.isArray(redactions)) return { ok: false, problem: `${label}.responseRedactions is not an array` }
    const optional = matches.flatMap((match, i) => match.isOptional === true ? [i] : [])
    if (2 ** optional.length > MAX_PROVIDER_HASHES) {
      return { ok: false, problem: `${label} has ${optional.length} optional response matches: ${2 ** optional.length} hashes, more than the ${MAX_PROVIDER_HASHES} a source can pin` }
    }
    const sniffed = isObject(bodySniff) ? (bodySniff.enabled === true && typeof bodySniff.template === 'string' ? bodySniff.template : '') : body
    for (let mask = 0; mask < 2 ** optional.length; mask++) {
      const kept = matches.flatMap((match, i) => match.isOptional !== true || (mask & (1 << optional.indexOf(i))) !== 0 ? [i] : [])
      const spec = {
        url,
        method,
        body: sniffed,
        responseMatches: kept.map((i) => matches[i]),
        responseRedactions: kept.flatMap((i) => i < redactions.length ? [redactions[i]] : []),
      }
      const hash = providerHashOf(spec)
      if (hash === null) return { ok: false, problem: `${label} is not an HTTP request spec (url, method and body strings; matches {value, type}; redactions {xPath, jsonPath, regex, hash})` }
      if (seen.has(hash)) continue
      seen.add(hash)
      hashes.push({ hash, request: index + 1, method: typeof method === 'string' ? method : 'GET', url, matches: kept.map((i) => i + 1), version })
    }
  }
  if (hashes.length > MAX_PROVIDER_HASHES) {
    return { ok: false, problem: `the provider configuration admits ${hashes.length} hashes, more than the ${MAX_PROVIDER_HASHES} a source can pin` }
  }
  return { ok: true, hashes, version }
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
