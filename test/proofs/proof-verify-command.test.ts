import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { proofVerifyCommand, sourcesHashCommand } from '../../src/modules/proofs/proof-verify.command.js'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { runCli } from '../support/cli.js'

const vectorText = readFileSync(new URL('../fixtures/reclaim-vector.json', import.meta.url), 'utf8')
const vector = JSON.parse(vectorText) as { attestor: string, providerHash: string, sessionId: string, proof: Record<string, unknown> }
const IDENTIFIER = '0x972bb3ed7eaf72e6bca37fbaf0df44b318552153715b171196a3723dcb717f7c'

const dir = mkdtempSync(join(tmpdir(), 'proof-verify-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file (name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const vectorFile = file('vector.json', vectorText)
const bareProofFile = file('proof.json', JSON.stringify(vector.proof))
const tampered = { ...vector.proof, claimData: { ...(vector.proof.claimData as object), timestampS: 1767225601 } }
const twoProofsFile = file('two.json', JSON.stringify([vector.proof, tampered]))

const noDefaults = { attestors: [] as string[], minSignatures: 1 }

async function run (argv: string[], defaults = noDefaults) {
  const out: string[] = []
  const err: string[] = []
  const code = await proofVerifyCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, defaults)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('partner-api proof verify', () => {
  it('exits 0 and prints the valid verdict for the test vector and its attestor', async () => {
    const { code, out, err } = await run([vectorFile, '--attestors', vector.attestor])
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(JSON.parse(out)).toMatchObject({
      valid: true,
      identifier: IDENTIFIER,
      signers: [vector.attestor],
      extracted: { currency: 'USD', monthlyIncome: '5400.00' },
    })
  })

  it('accepts a bare proof file and --option=value spelling', async () => {
    const { code, out } = await run([bareProofFile, `--attestors=${vector.attestor.toUpperCase().replace('0X', '0x')}`])
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ valid: true })
  })

  it('trusts the configured attestors when --attestors is absent', async () => {
    const { code } = await run([vectorFile], { attestors: [vector.attestor], minSignatures: 1 })
    expect(code).toBe(0)
  })

  it('exits 1 with the attestor verdict when another attestor is trusted', async () => {
    const { code, out } = await run([vectorFile, '--attestors', generateAttestor().address])
    expect(code).toBe(1)
    expect(JSON.parse(out)).toEqual({
      valid: false,
      rule: 'attestor',
      reason: 'no trusted attestor signed this proof',
      identifier: IDENTIFIER,
    })
  })

  it('prints one verdict per proof for an array and exits 1 when one is invalid', async () => {
    const { code, out } = await run([twoProofsFile, '--attestors', vector.attestor])
    expect(code).toBe(1)
    const verdicts = JSON.parse(out) as { valid: boolean, rule?: string }[]
    expect(verdicts).toHaveLength(2)
    expect(verdicts[0]).toMatchObject({ valid: true })
    expect(verdicts[1]).toMatchObject({ valid: false, rule: 'attestor' })
  })

  it.each<[string, string[], number, string | undefined]>([
    ['a matching --provider-hash', ['--provider-hash', vector.providerHash], 0, undefined],
    ['another --provider-hash', ['--provider-hash', `0x${'11'.repeat(32)}`], 1, 'provider'],
    ['a matching --session-id', ['--session-id', vector.sessionId], 0, undefined],
    ['another --session-id', ['--session-id', 'other'], 1, 'binding'],
    ['a matching --context-message', ['--context-message', 'partner-api:applicant-42'], 0, undefined],
    ['another --context-message', ['--context-message', 'partner-api:applicant-43'], 1, 'binding'],
    // The vector was signed on 2026-01-01: far more than a minute ago.
    ['--max-age 60', ['--max-age', '60'], 1, 'freshness'],
    ['--min-signatures 2', ['--min-signatures', '2'], 1, 'attestor'],
  ])('applies %s', async (_, flags, expectedCode, expectedRule) => {
    const { code, out } = await run([vectorFile, '--attestors', vector.attestor, ...flags])
    expect(code).toBe(expectedCode)
    expect(JSON.parse(out)).toMatchObject(expectedRule === undefined ? { valid: true } : { valid: false, rule: expectedRule })
  })

  it.each<[string, string[], RegExp]>([
    ['no FILE', ['--attestors', vector.attestor], /missing FILE/],
    ['two FILEs', [vectorFile, bareProofFile, '--attestors', vector.attestor], /exactly one FILE/],
    ['no trusted attestors anywhere', [vectorFile], /no trusted attestors/],
    ['an attestor that is not an address', [vectorFile, '--attestors', '0x1234'], /not an attestor address: 0x1234/],
    ['an unknown option', [vectorFile, '--attestors', vector.attestor, '--verbose'], /--verbose/],
    ['--min-signatures 0', [vectorFile, '--attestors', vector.attestor, '--min-signatures', '0'], /--min-signatures/],
    ['a --max-age that is not a number', [vectorFile, '--attestors', vector.attestor, '--max-age', '1h'], /--max-age/],
    ['a FILE that does not exist', [join(dir, 'missing.json'), '--attestors', vector.attestor], /cannot read .*ENOENT/],
    ['a FILE that is not JSON', [file('text.json', 'proof?'), '--attestors', vector.attestor], /is not JSON/],
    ['a FILE without a proof', [file('number.json', '42'), '--attestors', vector.attestor], /holds no proof/],
  ])('exits 2 with a message on stderr for %s', async (_, argv, message) => {
    const { code, out, err } = await run(argv)
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(message)
  })

  it('prints its usage on --help and exits 0', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/^usage: partner-api proof verify FILE/)
  })
})

const KAGGLE_HASH = '0x4c20776ae89ab7eead49e4e393f4e07348a4d85e21869201aa6eea6e2bc07f5b'
const kaggleFile = new URL('./fixtures/kaggle-proof.json', import.meta.url).pathname

const examplePay = {
  name: 'ExamplePay',
  description: 'The test vector\'s source.',
  sourceName: 'ExamplePay',
  logoUrl: '/assets/logos/paypal.svg',
  category: 'payments',
  providerId: 'example-pay',
  proofRequirements: { hosts: ['api.examplepay.test'], parameters: ['monthlyIncome'] },
}
const catalogFile = file('catalog.json', JSON.stringify([examplePay]))
const pinnedCatalogFile = file('pinned.json', JSON.stringify([{ ...examplePay, proofRequirements: { ...examplePay.proofRequirements, providerHashes: [vector.providerHash] } }]))

describe('partner-api proof verify --source', () => {
  it('applies the source\'s binding: the vector is an ExamplePay proof, and only declared parameters are kept', async () => {
    const { code, out, err } = await run([vectorFile, '--attestors', vector.attestor, '--source', 'examplepay', '--catalog', catalogFile])
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ valid: true, host: 'api.examplepay.test', pinned: false, providerHash: vector.providerHash, extracted: { monthlyIncome: '5400.00' } })
    expect(JSON.parse(out).extracted).not.toHaveProperty('currency')
  })

  it('refuses the vector as a PayPal proof of the shipped catalog, naming the rule', async () => {
    const { code, out } = await run([vectorFile, '--attestors', vector.attestor, '--source', 'PayPal'])
    expect(code).toBe(1)
    expect(JSON.parse(out)).toEqual({
      valid: false,
      rule: 'source',
      code: 'proof_host_mismatch',
      reason: 'rule 5 (source binding): the proof\'s request went to api.examplepay.test, which is not a host of PayPal',
      identifier: IDENTIFIER,
    })
  })

  it('--require-pinned refuses an unpinned source and accepts a pinned one', async () => {
    const unpinned = await run([vectorFile, '--attestors', vector.attestor, '--source', 'ExamplePay', '--catalog', catalogFile, '--require-pinned'])
    expect(unpinned.code).toBe(1)
    expect(JSON.parse(unpinned.out)).toMatchObject({ valid: false, rule: 'source', code: 'proof_provider_not_pinned' })
    const pinned = await run([vectorFile, '--attestors', vector.attestor, '--source', 'ExamplePay', '--catalog', pinnedCatalogFile, '--require-pinned'])
    expect(pinned.code).toBe(0)
    expect(JSON.parse(pinned.out)).toMatchObject({ valid: true, pinned: true })
  })

  it.each<[string, string[], RegExp]>([
    ['an unknown source', ['--source', 'NoSuchPay'], /no source "NoSuchPay" in .*sources\.json/],
    ['a catalog with an entry without hosts', ['--source', 'ExamplePay', '--catalog', file('hostless.json', JSON.stringify([{ ...examplePay, proofRequirements: undefined }]))],
      /catalog entry "ExamplePay" \(ExamplePay\) declares no proofRequirements\.hosts/],
    ['--catalog without --source', ['--catalog', catalogFile], /--catalog and --require-pinned need --source/],
  ])('exits 2 for %s', async (_, flags, message) => {
    const { code, out, err } = await run([vectorFile, '--attestors', vector.attestor, ...flags])
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(message)
  })
})

describe('partner-api sources hash', () => {
  async function hash (argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await sourcesHashCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('prints the provider hash of a provider\'s parameters', async () => {
    const parametersFile = file('parameters.json', (vector.proof.claimData as { parameters: string }).parameters)
    expect(await hash([parametersFile])).toEqual({ code: 0, out: vector.providerHash, err: '' })
  })

  it('takes claimData.parameters from a whole proof, or from a file wrapping one', async () => {
    expect(await hash([bareProofFile])).toEqual({ code: 0, out: vector.providerHash, err: '' })
    expect(await hash([vectorFile])).toEqual({ code: 0, out: vector.providerHash, err: '' })
    // Reclaim's public production proof: the hash its attestor signed.
    expect(await hash([kaggleFile])).toEqual({ code: 0, out: KAGGLE_HASH, err: '' })
  })

  it('is the `partner-api sources hash FILE` command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sources-hash-'))
    try {
      expect(await runCli(dataDir, 'sources', 'hash', kaggleFile)).toEqual({ code: 0, out: [KAGGLE_HASH], err: [] })
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it.each<[string, string[], number, RegExp]>([
    ['no FILE', [], 2, /missing FILE/],
    ['a FILE that does not exist', [join(dir, 'missing.json')], 2, /cannot read .*ENOENT/],
    ['a FILE that is not JSON', [file('not.json', 'nope')], 2, /is not JSON/],
    ['JSON that is no provider\'s parameters', [file('other.json', '{"method":"GET","responseMatches":[]}')], 1, /not a provider configuration \(requestData\), an HTTP provider's parameters/],
    ['parameters with a non-string field', [file('other2.json', '{"url":"https://a.test/","method":7}')], 1, /not a provider configuration/],
  ])('fails for %s', async (_, argv, expectedCode, message) => {
    const { code, out, err } = await hash(argv)
    expect(code).toBe(expectedCode)
    expect(out).toBe('')
    expect(err).toMatch(message)
  })
})
