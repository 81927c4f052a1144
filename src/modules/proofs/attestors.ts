// The attestors this service trusts by default, each with where its address was published and when
// (docs/proof-verification.md, "Trusted attestors"); `partner-api attestors` prints the set in force.
import { RECLAIM_PRODUCTION_ATTESTOR } from '../../config.js'

export interface KnownAttestor {
  address: string
  /** Where the address was published, so an operator can check it for themselves. */
  origin: string
  /** When it was first seen signing public proofs (ISO date). */
  since: string
}

/** The default trusted set (RECLAIM_ATTESTORS unset). */
export const DEFAULT_ATTESTORS: readonly KnownAttestor[] = [
  {
    address: RECLAIM_PRODUCTION_ATTESTOR,
    origin: 'Reclaim Protocol\'s production attestor (witness wss://attestor.reclaimprotocol.org:444/ws): the signer of the public ' +
      'production proofs in reclaimprotocol/reclaim-js-sdk\'s tests (src/utils/__tests__/proof-validation.test.ts, ' +
      'src/__tests__/verify_proof.test.ts) and of the attestor list those tests mock; test/fixtures/reclaim holds them',
    since: '2025-01-12'
  }
]

export interface AttestorInForce {
  address: string
  /** default: the shipped set; RECLAIM_ATTESTORS: the operator's list. */
  from: 'default' | 'RECLAIM_ATTESTORS'
  origin: string
  since: string | null
}

/** The trusted attestors in force, with each address's origin when this service knows it. */
export function attestorsInForce (configured: readonly string[], env: Record<string, string | undefined>): AttestorInForce[] {
  const fromEnv = (env.RECLAIM_ATTESTORS ?? '').trim() !== ''
  return configured.map((address) => {
    const known = DEFAULT_ATTESTORS.find((a) => a.address === address.toLowerCase())
    return {
      address: address.toLowerCase(),
      from: fromEnv ? 'RECLAIM_ATTESTORS' : 'default',
      origin: known?.origin ?? 'set by the operator in RECLAIM_ATTESTORS; this service knows nothing more of it',
      since: known?.since ?? null
    }
  })
}
