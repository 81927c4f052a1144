// `partner-api report verify FILE [--public-key K]`: re-checks a report.json offline, as anyone
// holding it and the instance's public key can: its Ed25519 signature first, then every proof of
// every step with the rules of docs/proof-verification.md (signatures by trusted attestors, the
// binding to its step, the source's hosts, provider hashes and parameters), then every fact
// against the proof it cites. Exit 0 when all hold, 1 with the first rule that failed, 2 on a usage error.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { verifyProof, type ProofVerdict } from '../proofs/proof-verifier.js'
import { checkBundleSignature, publicKeyFrom, reportKeyFromSeed } from './report-signature.js'
import type { ReportBundle } from './reports.service.js'

export const REPORT_VERIFY_USAGE =
  'usage: partner-api report verify FILE [--public-key K] [--attestors A,B] [--sandbox-attestor ADDRESS]\n' +
  'FILE is a report.json ({bundle, signature}). K is the instance\'s public key: a JWK (as\n' +
  'GET /.well-known/partner-api-report-key serves it), a file holding one, or its x in base64url;\n' +
  'without it, this instance\'s own key (REPORT_SIGNING_KEY or DATA_DIR). Attestors default to\n' +
  'RECLAIM_ATTESTORS. Exit 0 when the signature, every proof and every fact hold; 1 with the rule\n' +
  'that failed; 2 on a usage error.'

interface Io { out: (s: string) => void, err: (s: string) => void }
interface Defaults { attestors: string[], minSignatures: number, reportSigningKey: string | null, dataDir: string, sandboxAttestor: string | null }

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

function readKey (value: string | undefined, defaults: Defaults): { publicKey: import('node:crypto').KeyObject, kid: string } | string {
  try {
    if (value !== undefined) return publicKeyFrom(existsSync(value) ? readFileSync(value, 'utf8') : value)
    const file = join(defaults.dataDir, 'report-signing.key')
    const seed = defaults.reportSigningKey ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : null)
    if (seed === null) return 'no public key: pass --public-key (GET /.well-known/partner-api-report-key of the instance that signed it)'
    return reportKeyFromSeed(seed)
  } catch (err) {
    return `--public-key: ${(err as Error).message}`
  }
}

export async function reportVerifyCommand (argv: string[], io: Io, defaults: Defaults): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'public-key': { type: 'string' }, attestors: { type: 'string' }, 'sandbox-attestor': { type: 'string' }, help: { type: 'boolean' } } })
  } catch (err) {
    io.err(`${(err as Error).message}\n${REPORT_VERIFY_USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help === true) { io.out(REPORT_VERIFY_USAGE); return 0 }
  if (positionals.length !== 1) { io.err(`report verify takes one FILE\n${REPORT_VERIFY_USAGE}`); return 2 }
  const attestors = values.attestors !== undefined ? values.attestors.split(',').map((a) => a.trim()) : defaults.attestors
  if (attestors.length === 0 || !attestors.every((a) => ADDRESS.test(a))) { io.err('--attestors must be 0x addresses separated by commas'); return 2 }
  const sandboxAttestor = values['sandbox-attestor'] ?? defaults.sandboxAttestor
  if (sandboxAttestor !== null && !ADDRESS.test(sandboxAttestor)) { io.err('--sandbox-attestor must be a 0x address'); return 2 }

  let report: unknown
  try {
    report = JSON.parse(readFileSync(positionals[0], 'utf8'))
  } catch (err) {
    io.err(`cannot read ${positionals[0]}: ${(err as Error).message}`)
    return 2
  }
  const key = readKey(values['public-key'], defaults)
  if (typeof key === 'string') { io.err(key); return 2 }

  const failed = (rule: string, why: string) => { io.out(`invalid: ${rule}: ${why}`); return 1 }
  const signature = checkBundleSignature(report, key)
  if (signature !== null) return failed('signature', signature)
  io.out(`signature: valid (Ed25519, key ${key.kid})`)

  const bundle = (report as { bundle: ReportBundle }).bundle
  if (!Array.isArray(bundle?.steps) || !Array.isArray(bundle?.facts)) return failed('bundle', 'no steps or facts: not a partner-api evidence bundle')
  const test = bundle.session?.livemode === false
  const verdicts = new Map<string, Extract<ProofVerdict, { valid: true }>>()
  for (const step of bundle.steps) {
    for (const p of step.proofs) {
      const verdict = verifyProof(p.proof, {
        trustedAttestors: attestors,
        minSignatures: defaults.minSignatures,
        ...(step.binding.contextMessage !== null ? { expectedContextMessage: step.binding.contextMessage } : {}),
        ...(step.binding.reclaimSessionId !== null ? { expectedReclaimSessionId: step.binding.reclaimSessionId } : {}),
        source: { name: step.sourceName, ...step.proofRequirements },
        // A test session's proofs are the sandbox's: trusted only when its attestor is named.
        ...(test && sandboxAttestor !== null ? { sandbox: { attestors: [sandboxAttestor], accept: true } } : {}),
        now: Math.floor(Date.now() / 1000)
      })
      if (!verdict.valid) return failed(`proof ${p.identifier} of step ${step.id}: rule ${verdict.rule}${verdict.code ? ` (${verdict.code})` : ''}`, verdict.reason)
      if (verdict.identifier !== p.identifier) return failed(`proof of step ${step.id}`, `the bundle names it ${p.identifier}, its claim is ${verdict.identifier}`)
      verdicts.set(p.identifier, verdict)
      io.out(`proof ${p.identifier} (${step.sourceName}, ${verdict.host ?? '?'}): valid, signed by ${verdict.signers.join(', ')}`)
    }
  }
  for (const fact of bundle.facts) {
    const verdict = verdicts.get(String(fact.proofIdentifier))
    if (verdict === undefined) return failed(`fact ${String(fact.name)}`, `it cites proof ${String(fact.proofIdentifier)}, which the bundle does not hold`)
    if (JSON.stringify(verdict.extracted[String(fact.name)]) !== JSON.stringify(fact.value)) {
      return failed(`fact ${String(fact.name)}`, `the bundle says ${JSON.stringify(fact.value)}, the proof proves ${JSON.stringify(verdict.extracted[String(fact.name)])}`)
    }
  }
  io.out(`valid: the signature, ${verdicts.size} proof(s) and ${bundle.facts.length} fact(s) hold`)
  return 0
}
