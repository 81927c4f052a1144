// Creates a Reclaim proof request the way the Reclaim js-sdk does (docs/proof-verification.md,
// "Creating a Reclaim proof request"): with an app key pair it signs and initialises a session at
// the Reclaim API; without one it issues a request of its own, still bound to the step.
import { randomBytes } from 'node:crypto'
import canonicalize from 'canonicalize'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { secp256k1 } from '../../lib/eth.js'
import { fail } from '../../lib/error-codes.js'
import type { HttpError } from '../../lib/http-errors.js'

export interface ReclaimAppSettings {
  appId: string | null
  appSecret: string | null
  apiUrl: string
  shareUrl: string
}

export interface ProofRequestInput {
  providerId: string
  /** The per-attempt nonce the proof's signed context must carry. */
  contextMessage: string
  callbackUrl: string
  /** Milliseconds since the epoch, from the service's clock. */
  nowMs: number
}

export interface ProofRequest {
  /** null when the service runs without a Reclaim app (locally issued request). */
  appId: string | null
  providerId: string
  /** The Reclaim session id the proof's signed context must carry. */
  sessionId: string
  callbackUrl: string
  /** Canonical JSON (RFC 8785) of {contextAddress, contextMessage}, as the app embeds it. */
  context: string
  /** Milliseconds, as a string, as the SDK sends it. */
  timestamp: string
  signature: string | null
  resolvedProviderVersion: string | null
  /** Where the applicant produces the proof. */
  redirectUrl: string
  mode: 'reclaim' | 'local'
}

/** The SDK's default context address: the proof is bound by contextMessage, not by an address. */
export const CONTEXT_ADDRESS = '0x0'

const INIT_PATH = '/api/sdk/init/session/'
const RECLAIM_SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/
const DEFAULT_TIMEOUT_MS = 10_000

/** The EIP-191 digest of the init request: personal_sign over the 32 raw bytes of keccak256(RFC8785({providerId, timestamp})). */
export function initRequestDigest (providerId: string, timestamp: string): Uint8Array {
  const hash = keccak_256(utf8ToBytes(canonicalize({ providerId, timestamp }) ?? ''))
  return keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${hash.length}`), hash))
}

/** 0x + r(32) s(32) v(27/28), as ethers' signMessage writes it. */
export function signInitRequest (appSecret: string, providerId: string, timestamp: string): string {
  const { signature, recid } = secp256k1.ecdsaSign(initRequestDigest(providerId, timestamp), hexToBytes(appSecret.replace(/^0x/i, '')))
  return `0x${bytesToHex(signature)}${(27 + recid).toString(16)}`
}

function reclaimUnavailable (): HttpError {
  return fail('upstream_unavailable', undefined, { 'retry-after': '5' })
}

export class ReclaimRequests {
  constructor (
    private readonly settings: ReclaimAppSettings,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS
  ) {}

  /** Throws a 502 or 503 HttpError when the Reclaim API fails; it never touches the database. */
  async create (input: ProofRequestInput): Promise<ProofRequest> {
    const context = canonicalize({ contextAddress: CONTEXT_ADDRESS, contextMessage: input.contextMessage }) ?? ''
    const timestamp = String(input.nowMs)
    const { appId, appSecret } = this.settings
    let sessionId: string
    let signature: string | null = null
    let resolvedProviderVersion: string | null = null
    if (appId && appSecret) {
      signature = signInitRequest(appSecret, input.providerId, timestamp)
      const init = await this.init({ providerId: input.providerId, appId, timestamp, signature })
      sessionId = init.sessionId
      resolvedProviderVersion = init.resolvedProviderVersion
    } else {
      sessionId = randomBytes(16).toString('hex')
    }
    const template = {
      sessionId,
      providerId: input.providerId,
      applicationId: appId,
      signature,
      timestamp,
      callbackUrl: input.callbackUrl,
      context,
      parameters: {},
      redirectUrl: '',
      acceptAiProviders: false,
      jsonProofResponse: false,
      ...(resolvedProviderVersion === null ? {} : { providerVersion: resolvedProviderVersion, resolvedProviderVersion })
    }
    return {
      appId,
      providerId: input.providerId,
      sessionId,
      callbackUrl: input.callbackUrl,
      context,
      timestamp,
      signature,
      resolvedProviderVersion,
      redirectUrl: `${this.settings.shareUrl}/?template=${encodeURIComponent(JSON.stringify(template))}`,
      mode: appId && appSecret ? 'reclaim' : 'local'
    }
  }

  private async init (body: { providerId: string, appId: string, timestamp: string, signature: string }): Promise<{ sessionId: string, resolvedProviderVersion: string | null }> {
    let res: Response
    let text: string
    try {
      res = await fetch(`${this.settings.apiUrl}${INIT_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
      text = await res.text()
    } catch {
      throw reclaimUnavailable()
    }
    if (!res.ok) {
      throw fail('upstream_error', res.status >= 500
        ? `The Reclaim API failed to create the proof request (HTTP ${res.status})`
        : `The Reclaim API refused the proof request (HTTP ${res.status})`)
    }
    let answer: unknown
    try { answer = JSON.parse(text) } catch { answer = null }
    const sessionId = (answer as { sessionId?: unknown } | null)?.sessionId
    if (typeof sessionId !== 'string' || !RECLAIM_SESSION_ID.test(sessionId)) {
      throw fail('upstream_error', 'The Reclaim API answered without a usable session id')
    }
    const version = (answer as { resolvedProviderVersion?: unknown }).resolvedProviderVersion
    return { sessionId, resolvedProviderVersion: typeof version === 'string' ? version : null }
  }
}
