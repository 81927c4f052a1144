// attestor-core's `hashProviderParams` (docs/proof-verification.md, rule 5): the hash of the parts of
// an HTTP provider's request spec that decide what is proven (where the request goes and how its
// response is read), not of per-proof values such as headers, paramValues or geoLocation.
import { keccak256Hex } from '../../lib/eth.js'

// In a u-mode regex a surrogate pair is one code point, so only a lone surrogate is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u

/**
 * The provider hash of a provider's parameters: a JSON string (a claim's `parameters`) or the
 * parsed object. Throws when they are not an HTTP provider's request spec.
 */
export function hashProviderParams (parameters: string | object): string {
  const parsed: unknown = typeof parameters === 'string' ? JSON.parse(parameters) : parameters
  const hash = providerHashOf(parsed)
  if (hash === null) {
    throw new Error('not an HTTP provider\'s parameters: url and method must be strings, responseMatches an array of {value, type}, responseRedactions an array')
  }
  return hash
}

/** The provider hash, or null when `parameters` is not an HTTP provider's request spec. */
export function providerHashOf (parameters: unknown): string | null {
  if (!isObject(parameters)) return null
  const { url, method, body, responseMatches, responseRedactions } = parameters
  if (typeof url !== 'string' || typeof method !== 'string') return null
  if (body !== undefined && body !== null && typeof body !== 'string') return null
  if (!Array.isArray(responseMatches)) return null
  if (responseRedactions !== undefined && responseRedactions !== null && !Array.isArray(responseRedactions)) return null

  // RFC 8785 (what attestor-core's canonicalStringify writes) of {url, method, body, responseMatches,
  // responseRedactions}, written directly: every value is a string, so canonical JSON is the keys in
  // UTF-16 order and JSON.stringify of each string; canonicalize() of the same object gives the same
  // text (a test checks it) at several times the cost, on every proof verified.
  const strings: unknown[] = [url, method, body ?? '']
  const matches: string[] = []
  for (const match of responseMatches) {
    if (!isObject(match) || typeof match.value !== 'string' || typeof match.type !== 'string') return null
    strings.push(match.value, match.type)
    matches.push(`{${match.invert === true ? '"invert":true,' : ''}"type":${JSON.stringify(match.type)},"value":${JSON.stringify(match.value)}}`)
  }
  const redactions: string[] = []
  for (const redaction of responseRedactions ?? []) {
    if (!isObject(redaction)) return null
    const { xPath, jsonPath, regex, hash } = redaction
    if (![xPath, jsonPath, regex].every((field) => field === undefined || field === null || typeof field === 'string')) return null
    const hashField = typeof hash === 'string' && hash !== '' ? `"hash":${JSON.stringify(hash)},` : ''
    strings.push(xPath, jsonPath, regex, hash)
    redactions.push(`{${hashField}"jsonPath":${JSON.stringify(jsonPath ?? '')},"regex":${JSON.stringify(regex ?? '')},"xPath":${JSON.stringify(xPath ?? '')}}`)
  }
  // RFC 8785 refuses lone surrogates, which JSON.parse lets through.
  if (strings.some((value) => typeof value === 'string' && LONE_SURROGATE.test(value))) return null
  return keccak256Hex(
    `{"body":${JSON.stringify(body ?? '')},"method":${JSON.stringify(method)},"responseMatches":[${matches.join(',')}],` +
    `"responseRedactions":[${redactions.join(',')}],"url":${JSON.stringify(url)}}`
  )
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
