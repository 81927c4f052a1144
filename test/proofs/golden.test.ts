import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import canonicalize from 'canonicalize'
import { afterAll, describe, expect, it } from 'vitest'
import { keccak256Hex } from '../../src/lib/eth.js'
import { verifyProof, type ReclaimProof, type SourceRequirements, type VerifyOptions } from '../../src/modules/proofs/proof-verifier.js'
import { hashProviderParams } from '../../src/modules/proofs/provider-hash.js'
import { parseCatalog } from '../../src/modules/sources/sources.service.js'
import { runCli } from '../support/cli.js'

// Issue 23, item 1: Reclaim's public production proofs of 2026 (test/fixtures/reclaim/README.md says
// where each came from) keep verifying, through the verifier's rules and `partner-api proof verify`.
const fixture = (name: string) => new URL(`../fixtures/reclaim/${name}`, import.meta.url).pathname
const load = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as ReclaimProof

const ATTESTOR = '0x244897572368eadf65bfbc5aec98d8e5443a9072'
const KAGGLE_HASH = '0x4c20776ae89ab7eead49e4e393f4e07348a4d85e21869201aa6eea6e2bc07f5b'
const TEE_APP = '0xd116D518eacea61C7af9760E5d8D1b720a0CE8D5'
const CATALOG = fixture('catalog.json')

const [kaggleEntry] = parseCatalog(readFileSync(CATALOG, 'utf8'))
const KAGGLE: SourceRequirements = {
  name: kaggleEntry.name,
  hosts: kaggleEntry.proofHosts ?? [],
  providerHashes: kaggleEntry.providerHashes,
  parameters: kaggleEntry.proofParameters ?? [],
  paths: kaggleEntry.proofPaths ?? [],
  extraction: kaggleEntry.proofExtraction ?? {}
}

const GOLDEN = [
  { file: 'kaggle-2026-03-10.json', identifier: '0x51c192777d45010e9318c0e1eb2fefc0bc5a444f59e3d3e5a11e9a3d1b98e10c', session: '8e825912c9', username: 'mushaheedsyed', sessionIdFrom: 'parameters', tee: false },
  { file: 'kaggle-2026-03-24-tee.json', identifier: '0xbb5c63656a650276728d3cb9ce3f90361223c7814fd94f6582b682dfc96e4ba8', session: '1ab031c2ef', username: 'srivatsanqb', sessionIdFrom: 'both', tee: true }
] as const

function optionsFor (proof: ReclaimProof, session: string, extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    trustedAttestors: [ATTESTOR],
    now: proof.claimData.timestampS + 30,
    notBefore: proof.claimData.timestampS - 30,
    expectedContextMessage: 'sample context',
    expectedReclaimSessionId: session,
    source: KAGGLE,
    requirePinned: true,
    tee: { applicationId: TEE_APP, appSecret: null },
    ...extra
  }
}

describe.each(GOLDEN)('golden proof $file', ({ file, identifier, session, username, sessionIdFrom, tee }) => {
  const proof = load(file)

  it('verifies under every rule: signer, session binding, host, path, pinned provider, extraction', () => {
    expect(verifyProof(proof, optionsFor(proof, session))).toEqual({
      valid: true,
      identifier,
      owner: proof.claimData.owner,
      timestampS: proof.claimData.timestampS,
      epoch: 1,
      provider: 'http',
      providerHash: KAGGLE_HASH,
      host: 'www.kaggle.com',
      pinned: true,
      sandbox: false,
      contextMessage: 'sample context',
      reclaimSessionId: session,
      // DYNAMIC_GEO is signed too, but the source declares only username.
      extracted: { username },
      signers: [ATTESTOR],
      hashed: [],
      teeNonce: tee ? 'verified' : 'absent',
      bindings: {
        host: 'www.kaggle.com',
        path: { value: '/api/i/users.UsersService/GetCurrentUser', bound: 'exact' },
        providerPinned: true,
        facts: { username: { extraction: 'jsonPath+regex', hashed: false } },
        teeNonce: tee ? 'verified' : 'absent',
        sessionIdFrom
      }
    })
  })

  it('recomputes the provider hash Reclaim signed in its context', () => {
    expect(hashProviderParams(proof.claimData.parameters)).toBe(KAGGLE_HASH)
    expect(JSON.parse(proof.claimData.context).providerHash).toBe(KAGGLE_HASH)
  })

  it('is refused for another Reclaim session, another host, path or extraction, another pin', () => {
    const refused = (extra: Partial<VerifyOptions>) => verifyProof(proof, optionsFor(proof, session, extra))
    expect(refused({ expectedReclaimSessionId: 'another' })).toMatchObject({ valid: false, rule: 'binding' })
    expect(refused({ source: { ...KAGGLE, hosts: ['kaggle.com'] } })).toMatchObject({ valid: false, code: 'proof_host_mismatch' })
    expect(refused({ source: { ...KAGGLE, paths: ['/api/i/users.UsersService/GetUser'] } })).toMatchObject({ valid: false, code: 'proof_path_mismatch' })
    expect(refused({ source: { ...KAGGLE, paths: ['/api/i/kernels/*'] } })).toMatchObject({ valid: false, code: 'proof_path_mismatch' })
    expect(refused({ source: { ...KAGGLE, paths: ['/api/i/*'] } })).toMatchObject({ valid: true, bindings: { path: { bound: 'prefix' } } })
    expect(refused({ source: { ...KAGGLE, extraction: { username: { jsonPath: '$.displayName' } } } })).toMatchObject({ valid: false, code: 'proof_extraction_mismatch' })
    expect(refused({ source: { ...KAGGLE, providerHashes: [keccak256Hex('another provider')] } })).toMatchObject({ valid: false, code: 'proof_provider_not_pinned' })
  })

  it('is refused when any byte of a signed field changes', () => {
    const options = optionsFor(proof, session, { source: undefined, expectedContextMessage: undefined, expectedReclaimSessionId: undefined, tee: undefined })
    expect(verifyProof(proof, options).valid).toBe(true)
    const fields = ['provider', 'parameters', 'owner', 'context'] as const
    let changed = 0
    for (const field of fields) {
      const text = proof.claimData[field]
      for (let i = 0; i < text.length; i++) {
        // A different character that keeps the field's shape where it must (hex stays hex).
        const replacement = /[0-9a-f]/.test(text[i]) ? (text[i] === '0' ? '1' : '0') : (text[i] === 'x' ? 'y' : 'x')
        const forged = structuredClone(proof)
        forged.claimData[field] = text.slice(0, i) + replacement + text.slice(i + 1)
        const verdict = verifyProof(forged, options)
        expect(verdict.valid, `${field}[${i}]`).toBe(false)
        changed++
      }
    }
    for (const [field, value] of [['timestampS', proof.claimData.timestampS + 1], ['epoch', 2]] as const) {
      expect(verifyProof({ ...proof, claimData: { ...proof.claimData, [field]: value } }, options).valid).toBe(false)
    }
    const signature = proof.signatures[0]
    for (let i = 2; i < signature.length; i++) {
      const forged = { ...proof, signatures: [signature.slice(0, i) + (signature[i] === '0' ? '1' : '0') + signature.slice(i + 1)] }
      const verdict = verifyProof(forged, options)
      expect(verdict.valid && verdict.signers.includes(ATTESTOR), `signature[${i}]`).toBe(false)
      changed++
    }
    expect(changed).toBeGreaterThan(1000)
  })
})

describe('the 2026-03 TEE nonce (rule 4.2) on the golden proof', () => {
  const proof = load('kaggle-2026-03-24-tee.json')
  const session = '1ab031c2ef'

  it('is the legacy form: our application key\'s signature, verified without the app secret', () => {
    expect(verifyProof(proof, optionsFor(proof, session))).toMatchObject({ valid: true, teeNonce: 'verified' })
  })

  it('is reported unchecked, not trusted, when no application id is configured', () => {
    expect(verifyProof(proof, optionsFor(proof, session, { tee: undefined }))).toMatchObject({ valid: true, teeNonce: 'unchecked' })
  })

  it('refuses it for another application (422 proof_tee_nonce_invalid)', () => {
    expect(verifyProof(proof, optionsFor(proof, session, { tee: { applicationId: ATTESTOR } }))).toMatchObject({
      valid: false, rule: 'binding', code: 'proof_tee_nonce_invalid', reason: expect.stringMatching(/^rule 4\.2 .*not this service's/)
    })
  })
})

describe('`partner-api proof verify --source Kaggle` on the golden proofs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'golden-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it.each(GOLDEN)('exits 0 for $file against the test catalog (pinned, host, path, extraction), freshness set aside', async ({ file, identifier }) => {
    const maxAge = String(Math.floor(Date.now() / 1000))
    const { code, out, err } = await runCli(dataDir, 'proof', 'verify', fixture(file), '--source', 'Kaggle', '--catalog', CATALOG, '--require-pinned', '--max-age', maxAge)
    expect(err).toEqual([])
    expect(code).toBe(0)
    expect(JSON.parse(out.join('\n'))).toMatchObject({ valid: true, identifier, pinned: true, host: 'www.kaggle.com', extracted: { username: expect.any(String) } })
  })

  it('exits 1 for a copy with one byte changed', async () => {
    const proof = load('kaggle-2026-03-10.json')
    const changed = join(dataDir, 'changed.json')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(changed, JSON.stringify({ ...proof, claimData: { ...proof.claimData, owner: proof.claimData.owner.replace(/.$/, (c) => c === 'e' ? 'f' : 'e') } }))
    const { code, out } = await runCli(dataDir, 'proof', 'verify', changed, '--source', 'Kaggle', '--catalog', CATALOG, '--max-age', String(Math.floor(Date.now() / 1000)))
    expect(code).toBe(1)
    expect(JSON.parse(out.join('\n'))).toMatchObject({ valid: false })
  })
})

describe('`partner-api proof verify --source NAME` without --catalog: the source as the service holds it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'golden-db-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const maxAge = () => String(Math.floor(Date.now() / 1000))

  it('reads an imported source and the pins `sources pin` wrote, not the shipped catalog file', async () => {
    const proof = fixture('kaggle-2026-03-10.json')
    // Not in the shipped catalog, nor yet in the database.
    const missing = await runCli(dataDir, 'proof', 'verify', proof, '--source', 'Kaggle', '--max-age', maxAge())
    expect(missing.code).toBe(2)
    expect(missing.err.join('\n')).toMatch(/no source "Kaggle"/)

    // Imported unpinned: bound by host, path and extraction, refused by --require-pinned.
    const unpinned = join(dataDir, 'unpinned.json')
    const { writeFileSync } = await import('node:fs')
    const [entry] = JSON.parse(readFileSync(CATALOG, 'utf8'))
    writeFileSync(unpinned, JSON.stringify([{ ...entry, proofRequirements: { ...entry.proofRequirements, providerHashes: [] } }]))
    expect((await runCli(dataDir, 'sources', 'import', unpinned)).code).toBe(0)
    const refused = await runCli(dataDir, 'proof', 'verify', proof, '--source', 'Kaggle', '--require-pinned', '--max-age', maxAge())
    expect(refused.code, refused.err.join('\n')).toBe(1)
    expect(JSON.parse(refused.out.join('\n'))).toMatchObject({ valid: false, code: 'proof_provider_not_pinned' })

    // Pinned from Reclaim's provider configuration with `sources pin`: accepted, pinned.
    expect((await runCli(dataDir, 'sources', 'pin', 'Kaggle', '--config', fixture('kaggle-provider-config.json'), '--version', '1')).code).toBe(0)
    const pinned = await runCli(dataDir, 'proof', 'verify', proof, '--source', 'Kaggle', '--require-pinned', '--max-age', maxAge())
    expect(pinned.err).toEqual([])
    expect(pinned.code).toBe(0)
    expect(JSON.parse(pinned.out.join('\n'))).toMatchObject({ valid: true, pinned: true, host: 'www.kaggle.com', extracted: { username: 'mushaheedsyed' } })
  })
})

describe('the 2025-01 GitHub proof (the older provider-hash recipe)', () => {
  const proof = load('github-2025-01-12-legacy-hash.json')
  const GITHUB: SourceRequirements = { name: 'GitHub', hosts: ['github.com'], providerHashes: [], parameters: ['username'] }

  it('is genuine (identifier, Reclaim\'s attestor) but names a provider hash of attestor-core\'s older recipe, so rule 5 refuses it', () => {
    const options: VerifyOptions = { trustedAttestors: [ATTESTOR], now: proof.claimData.timestampS + 30 }
    expect(verifyProof(proof, options)).toMatchObject({ valid: true, identifier: '0x937c69accba0809e876033ab5394b6b905104881a8a00f7ae0a6f47bf0e24e1e', signers: [ATTESTOR] })
    // {url, method, responseMatches, responseRedactions, geoLocation} as written (invert: false kept, no body).
    const params = JSON.parse(proof.claimData.parameters)
    const older = keccak256Hex(canonicalize({ url: params.url, method: params.method, responseMatches: params.responseMatches, responseRedactions: params.responseRedactions, geoLocation: params.geoLocation }) as string)
    expect(older).toBe(JSON.parse(proof.claimData.context).providerHash)
    expect(verifyProof(proof, { ...options, source: GITHUB })).toMatchObject({ valid: false, code: 'proof_provider_hash_mismatch' })
  })
})
