// Proofs the sandbox makes for test sessions: what a Reclaim attestor would sign for the step's
// source (a request to its first host, its declared parameters), signed by the instance's sandbox
// attestor key. Pure: the caller gives the key, the step's binding and the time.
import { signClaim } from '../proofs/proof-signer.js'
import type { ReclaimProof } from '../proofs/proof-verifier.js'
import { hashProviderParams } from '../proofs/provider-hash.js'

export interface SandboxClaim {
  sourceName: string
  hosts: readonly string[]
  parameters: readonly string[]
  /** The source's request paths (rule 5.7): the proof's request uses the first (a prefix gets `sandbox/<name>`). */
  paths?: readonly string[]
  /** The source's extraction rules (rule 5.8): each parameter is read through the declared redaction. */
  extraction?: Readonly<Record<string, { jsonPath?: string, regex?: string }>>
  contextMessage: string
  reclaimSessionId: string
  /** Unix seconds. */
  timestampS: number
  /** Values the caller chose; the others are made up plausibly. */
  values?: Record<string, string>
}

/** A plausible value for a parameter, from its name (sandbox data is never real). */
export function plausibleValue (name: string): string {
  const n = name.toLowerCase()
  if (/currency/.test(n)) return 'USD'
  if (/(income|amount|earning|balance|salary|revenue|pay|total|gross|net)/.test(n)) return '5400.00'
  if (/email/.test(n)) return 'applicant@example.com'
  if (/(date|period|month|since)/.test(n)) return '2026-11'
  if (/(name|holder|owner)/.test(n)) return 'Jane Sandbox'
  if (/(count|number|jobs|reviews|rating|score|years|hours)/.test(n)) return '42'
  if (/(verified|active|status)/.test(n)) return 'true'
  return 'sandbox'
}

export function sandboxProof (claim: SandboxClaim, attestorPrivateKey: string): ReclaimProof {
  const host = claim.hosts[0]
  const extracted: Record<string, string> = {}
  for (const name of claim.parameters) extracted[name] = claim.values?.[name] ?? plausibleValue(name)
  // Values for parameters the source does not declare are carried too; only declared ones become facts.
  for (const [name, value] of Object.entries(claim.values ?? {})) extracted[name] ??= value
  const name = encodeURIComponent(claim.sourceName.toLowerCase())
  const first = claim.paths?.[0]
  const path = first === undefined ? `/sandbox/${name}` : first.endsWith('*') ? `${first.slice(0, -1)}${first.endsWith('/*') ? '' : '/'}sandbox/${name}` : first
  const parameters = {
    url: `https://${host}${path}`,
    method: 'GET',
    body: '',
    responseMatches: Object.keys(extracted).map((name) => ({ type: 'regex', value: `"${name}":"(?<${name}>[^"]*)"` })),
    responseRedactions: Object.keys(extracted).map((name) => {
      const rule = claim.extraction?.[name]
      return { jsonPath: rule === undefined ? `$.${name}` : rule.jsonPath ?? '', regex: rule?.regex ?? '', xPath: '' }
    }),
    paramValues: {}
  }
  return signClaim({
    parameters,
    timestampS: claim.timestampS,
    context: {
      contextAddress: '0x0',
      contextMessage: claim.contextMessage,
      extractedParameters: extracted,
      providerHash: hashProviderParams(parameters),
      reclaimSessionId: claim.reclaimSessionId
    }
  }, [attestorPrivateKey])
}
