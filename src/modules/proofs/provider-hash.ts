// The provider hash (docs/proof-verification.md, rule 5) as Reclaim's js-sdk verifier computes it
// (`hashProofClaimParams`, reclaim-js-sdk 5.x): keccak256 of the canonical JSON (RFC 8785) of the parts
// of an HTTP provider's request spec that decide what is proven (where the request goes and how its
// response is read), not of per-proof values such as headers, paramValues or geoLocation. Defaults
// for missing fields are the SDK's: `method` GET, match `type` contains, `url`, `body`, `value`,
// `xPath`, `jsonPath` and `regex` empty; `invert`, `isOptional` and `hash` are left out when falsy.
// attestor-core's own hashProviderParams requires `type` and `method` and agrees with this on every
// spec that has them.
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
    throw new Error('not an HTTP provider\'s parameters: url, method and body must be strings when present, responseMatches an array of {value, type}, responseRedactions an array of {xPath, jsonPath, regex, hash}')
  }
  return hash
}

/** The canonical JSON the provider hash is the keccak256 of, or null (see providerHashOf). */
export function providerHashInput (parameters: unknown): string | null {
  if (!isObject(parameters)) return null
  const { url, method, body, responseMatches, responseRedactions } = parameters
  if (!optionalString(url) || !optionalString(method) || !optionalString(body)) return null
  if (responseMatches !== undefined && responseMatches !== null && !Array.isArray(responseMatches)) return null
  if (responseRedactions !== undefined && responseRedactions !== null && !Array.isArray(responseRedactions)) return null

  // RFC 8785 of {url, method, body, responseMatches, responseRedactions}, written directly: every
  // value is a string or `true`, so canonical JSON is the keys in UTF-16 order and JSON.stringify of
  // each string; canonicalize() of the same object gives the same text (a differential test checks
  // it) at several times the cost, on every proof verified.
  const strings: Array<string | null | undefined> = [url, method, body]
  const matches: string[] = []
  for (const match of responseMatches ?? []) {
    if (!isObject(match)) return null
    const { value, type, invert, isOptional } = match
    if (!optionalString(value) || !optionalString(type) || !optionalFlag(invert) || !optionalFlag(isOptional)) return null
    strings.push(value, type)
    matches.push(`{${invert === true ? '"invert":true,' : ''}${isOptional === true ? '"isOptional":true,' : ''}"type":${JSON.stringify(type ?? 'contains')},"value":${JSON.stringify(value ?? '')}}`)
  }
  const redactions: string[] = []
  for (const redaction of responseRedactions ?? []) {
    if (!isObject(redaction)) return null
    const { xPath, jsonPath, regex, hash } = redaction
    if (!optionalString(xPath) || !optionalString(jsonPath) || !optionalString(regex) || !optionalString(hash)) return null
    strings.push(xPath, jsonPath, regex, hash)
    const hashField = typeof hash === 'string' && hash !== '' ? `"hash":${JSON.stringify(hash)},` : ''
    redactions.push(`{${hashField}"jsonPath":${JSON.stringify(jsonPath ?? '')},"regex":${JSON.stringify(regex ?? '')},"xPath":${JSON.stringify(xPath ?? '')}}`)
  }
  // RFC 8785 refuses lone surrogates, which JSON.parse lets through.
  if (strings.some((value) => typeof value === 'string' && LONE_SURROGATE.test(value))) return null
  return `{"body":${JSON.stringify(body ?? '')},"method":${JSON.stringify(method ?? 'GET')},"responseMatches":[${matches.join(',')}],` +
    `"responseRedactions":[${redactions.join(',')}],"url":${JSON.stringify(url ?? '')}}`
}

/**
 * The provider hash, or null when `parameters` is not an HTTP provider's request spec: not an
 * object; url, method or body present and not a string; responseMatches or responseRedactions
 * present and not arrays of objects whose fields are strings (invert, isOptional: booleans); or a
 * lone surrogate anywhere it hashes.
 */
export function providerHashOf (parameters: unknown): string | null {
  const input = providerHashInput(parameters)
  return input === null ? null : keccak256Hex(input)
}

function optionalString (value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string'
}

function optionalFlag (value: unknown): value is boolean | null | undefined {
  return value === undefined || value === null || typeof value === 'boolean'
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
