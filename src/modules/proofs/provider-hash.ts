// attestor-core's `hashProviderParams` (docs/proof-verification.md, rule 5): the hash of the parts of
// an HTTP provider's request spec that decide what is proven (where the request goes and how its
// response is read), not of per-proof values such as headers, paramValues or geoLocation.
import canonicalize from 'canonicalize'
import { keccak256Hex } from '../../lib/eth.js'

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

  const matches = []
  for (const match of responseMatches) {
    if (!isObject(match) || typeof match.value !== 'string' || typeof match.type !== 'string') return null
    matches.push({ value: match.value, type: match.type, ...(match.invert === true ? { invert: true } : {}) })
  }
  const redactions = []
  for (const redaction of responseRedactions ?? []) {
    if (!isObject(redaction)) return null
    const { xPath, jsonPath, regex, hash } = redaction
    if (![xPath, jsonPath, regex].every((field) => field === undefined || field === null || typeof field === 'string')) return null
    redactions.push({
      xPath: xPath ?? '',
      jsonPath: jsonPath ?? '',
      regex: regex ?? '',
      ...(typeof hash === 'string' && hash !== '' ? { hash } : {}),
    })
  }
  let canonical: string | undefined
  try {
    canonical = canonicalize({ url, method, body: body ?? '', responseMatches: matches, responseRedactions: redactions })
  } catch {
    // RFC 8785 refuses lone surrogates, which JSON.parse lets through.
    return null
  }
  return canonical === undefined ? null : keccak256Hex(canonical)
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
