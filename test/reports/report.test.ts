import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli.js'
import { bundleSha256, canonicalBundle, checkBundleSignature, publicKeyFrom } from '../../src/modules/reports/report-signature.js'
import { createKey, sessionIn, type PartnerKey } from '../support/factories.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { initiatedStep, proofFor, reclaimTestApp, submit, type ReclaimTestApp, INCOME, PARAMETERS, TEST_HOST } from '../reclaim/support.js'

const run = promisify(execFile)
const SEED = '7e'.repeat(32)

/** A session whose step was proven with a real signed proof and that is now REVIEWING. */
async function reviewed (rt: ReclaimTestApp, key: PartnerKey) {
  const { session, csrf, stepId, formData } = await initiatedStep(rt.t, key.key, 1, { applicantFirstName: 'Ada', applicantLastName: 'Lovelace', applicantEmail: 'ada@example.com' })
  const res = await submit(rt.t, csrf, stepId, [proofFor(rt.t, formData, [rt.attestor.privateKey])])
  expect(res.statusCode, res.body).toBe(200)
  return { session, stepId }
}

describe('session reports', () => {
  let rt: ReclaimTestApp
  let acme: PartnerKey
  const dir = mkdtempSync(join(tmpdir(), 'partner-api-report-'))
  beforeAll(async () => {
    rt = await reclaimTestApp({ ...TEST_ENV, REPORT_SIGNING_KEY: SEED })
    acme = await createKey(rt.t.app, 'acme')
  })
  afterAll(async () => { await rt.t.close(); rmSync(dir, { recursive: true, force: true }) })

  const get = async (url: string, key: PartnerKey = acme) => await rt.t.app.inject({ url, headers: { 'x-api-key': key.key } })
  /** A report.pdf answer as text (pdftotext -layout). */
  const pdfText = async (res: Awaited<ReturnType<typeof get>>, name: string) => {
    expect(res.statusCode, res.body).toBe(200)
    const path = join(dir, name)
    writeFileSync(path, res.rawPayload)
    return (await run('pdftotext', ['-layout', path, '-'])).stdout
  }
  const cli = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { DATA_DIR: dir, PORT: '9', RECLAIM_ATTESTORS: rt.attestor.address })
    return { code, out, err }
  }

  it('report.json is the bundle signed with the instance key, verifiable with the published JWK, proofs complete', async () => {
    const { session, stepId } = await reviewed(rt, acme)
    const res = await get(`/partner/session/${session.id}/report.json`)
    expect(res.statusCode, res.body).toBe(200)
    const report = res.json()
    expect(Object.keys(report).sort()).toEqual(['bundle', 'signature'])
    expect(report.signature).toEqual({ alg: 'Ed25519', kid: expect.any(String), value: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) })
    const b = report.bundle
    expect(b).toMatchObject({
      format: 'partner-api.evidence/1',
      service: { name: 'partner-api', verificationRules: 'docs/proof-verification.md' },
      session: { id: session.id, status: 'REVIEWING', applicantFirstName: 'Ada', applicantEmail: 'ada@example.com' },
      attestors: [rt.attestor.address.toLowerCase()]
    })
    expect(b.facts.map((f: { name: string, value: string }) => [f.name, f.value]).sort()).toEqual(Object.entries(INCOME).sort())
    expect(b.steps).toEqual([expect.objectContaining({
      id: stepId,
      status: 'VERIFIED',
      binding: { contextMessage: expect.any(String), reclaimSessionId: expect.any(String) },
      proofRequirements: { hosts: [TEST_HOST], providerHashes: [], parameters: Object.keys(INCOME).sort() },
      proofs: [expect.objectContaining({ host: TEST_HOST, attestors: [rt.attestor.address.toLowerCase()], proof: expect.objectContaining({ claimData: expect.any(Object), signatures: expect.any(Array) }) })]
    })])

    const jwk = (await rt.t.app.inject({ url: '/.well-known/partner-api-report-key' })).json()
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: report.signature.kid, alg: 'EdDSA', use: 'sig' })
    const key = publicKeyFrom(JSON.stringify(jwk))
    expect(checkBundleSignature(report, key)).toBeNull()
    // One byte of the bundle changed: the signature no longer holds.
    const changed = structuredClone(report)
    changed.bundle.facts[0].value = '9999.00'
    expect(checkBundleSignature(changed, key)).toMatch(/does not match/)
    // The canonical JSON is RFC 8785's: keys sorted, no spaces.
    expect(canonicalBundle({ b: 1, a: [2, { d: 1, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":1}],"b":1}')
  })

  it('partner-api report verify: 0 for the report as served, 1 naming the rule for a changed fact, signature or proof', async () => {
    const { session } = await reviewed(rt, acme)
    const report = (await get(`/partner/session/${session.id}/report.json`)).json()
    const jwk = JSON.stringify((await rt.t.app.inject({ url: '/.well-known/partner-api-report-key' })).json())
    const file = (name: string, value: unknown) => { const p = join(dir, name); writeFileSync(p, JSON.stringify(value)); return p }

    const ok = await cli('report', 'verify', file('ok.json', report), '--public-key', jwk)
    expect(ok.code, ok.out.join('\n')).toBe(0)
    expect(ok.out.at(-1)).toBe(`valid: the signature, 1 proof(s) and ${Object.keys(INCOME).length} fact(s) hold`)

    const tampered = structuredClone(report)
    tampered.bundle.facts[0].value = '9999.00'
    const bad = await cli('report', 'verify', file('tampered.json', tampered), '--public-key', jwk)
    expect(bad.code).toBe(1)
    expect(bad.out.at(-1)).toMatch(/^invalid: signature: the signature does not match the bundle/)

    // Another instance's key: the kid says so.
    const other = await cli('report', 'verify', file('ok2.json', report), '--public-key', JSON.stringify({ x: Buffer.alloc(32, 9).toString('base64url') }))
    expect(other.code).toBe(1)
    expect(other.out.at(-1)).toMatch(/^invalid: signature: the report is signed with key/)

    // A report re-signed by whoever holds the key, with a fact its proof does not prove: the fact check catches it.
    const { signBundle, reportKeyFromSeed } = await import('../../src/modules/reports/report-signature.js')
    const lying = structuredClone(report.bundle)
    lying.facts.find((f: { name: string }) => f.name === 'monthlyIncome').value = '9999.00'
    const lie = await cli('report', 'verify', file('lie.json', signBundle(lying, reportKeyFromSeed(SEED))), '--public-key', jwk)
    expect(lie.code).toBe(1)
    expect(lie.out.at(-1)).toBe('invalid: fact monthlyIncome: the bundle says "9999.00", the proof proves "5400.00"')

    // A proof bound to another step (its binding changed), re-signed: rule 4 refuses it.
    const moved = structuredClone(report.bundle)
    moved.steps[0].binding.contextMessage = 'another-step'
    const bind = await cli('report', 'verify', file('bind.json', signBundle(moved, reportKeyFromSeed(SEED))), '--public-key', jwk)
    expect(bind.code).toBe(1)
    expect(bind.out.at(-1)).toMatch(/^invalid: proof 0x[0-9a-f]{64} of step \d+: rule binding/)

    const usage = await cli('report', 'verify')
    expect(usage.code).toBe(2)
  })

  it('carries the source\'s proof requirements as they were when the proof was verified (issue 21 item 6: "at the time"), so the report still verifies after the source changes', async () => {
    const { session, stepId } = await reviewed(rt, acme)
    const step = await rt.t.db.kysely.selectFrom('steps').select('sourceId').where('id', '=', stepId).executeTakeFirstOrThrow()
    const before = await rt.t.db.kysely.selectFrom('sources').select(['proofHosts', 'proofParameters']).where('id', '=', step.sourceId).executeTakeFirstOrThrow()
    // The operator re-imports the source later with another host and other parameters.
    await rt.t.db.kysely.updateTable('sources').set({ proofHosts: JSON.stringify(['api.changed.example']), proofParameters: JSON.stringify(['somethingElse']) }).where('id', '=', step.sourceId).execute()
    try {
      const report = (await get(`/partner/session/${session.id}/report.json`)).json()
      expect(report.bundle.steps[0].proofRequirements).toEqual({ hosts: [TEST_HOST], providerHashes: [], parameters: Object.keys(INCOME).sort() })
      const path = join(dir, 'at-the-time.json')
      writeFileSync(path, JSON.stringify(report))
      const jwk = JSON.stringify((await rt.t.app.inject({ url: '/.well-known/partner-api-report-key' })).json())
      const verified = await cli('report', 'verify', path, '--public-key', jwk)
      expect(verified.code, verified.out.join('\n')).toBe(0)
    } finally {
      await rt.t.db.kysely.updateTable('sources').set(before).where('id', '=', step.sourceId).execute()
    }
  })

  it('report.pdf reads back as text with the facts, the decision, the proof\'s host and attestor, and the bundle\'s sha256 (also as a QR code)', async () => {
    const { session } = await reviewed(rt, acme)
    const decided = await rt.t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${session.id}/decision`, headers: { 'x-api-key': acme.key }, payload: { decision: 'APPROVE', note: 'Income confirmed by proof' } })
    expect(decided.statusCode, decided.body).toBe(200)
    const res = await get(`/partner/session/${session.id}/report.pdf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const sha = res.headers['x-report-sha256'] as string
    const json = (await get(`/partner/session/${session.id}/report.json`)).json()
    // The bundle differs in generatedAt only when the clock moved: the test clock did not.
    expect(bundleSha256(json.bundle)).toBe(sha)

    const pdfPath = join(dir, 'report.pdf')
    writeFileSync(pdfPath, res.rawPayload)
    const { stdout: info } = await run('pdfinfo', [pdfPath])
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1)
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeLessThanOrEqual(3)
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-'])
    for (const expected of [`Verification report: session #${session.id}`, 'Ada Lovelace', 'ada@example.com', 'COMPLETED', 'Income confirmed by proof', 'monthlyIncome', '5400.00', TEST_HOST, rt.attestor.address.toLowerCase(), sha]) {
      expect(text).toContain(expected)
    }
    // The QR code decodes to the same sha256.
    const png = join(dir, 'page')
    await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '3', pdfPath, png])
    const { stdout: pages } = await run('sh', ['-c', `ls ${dir}/page*.png`])
    const decoded = await Promise.all(pages.trim().split('\n').map(async (p) => await run('zbarimg', ['--quiet', '--raw', p]).then((r) => r.stdout.trim(), () => '')))
    expect(decoded.filter(Boolean)).toEqual([sha])
  })

  it('carries the applicant\'s consent (version, text sha256, language, time) and the signals, in report.json and read back from report.pdf', async () => {
    const owner = '0x' + 'c0'.repeat(20)
    // Ada proves with one owner key, then Grace with the same key: proof_owner_reused on Grace's session.
    const first = await initiatedStep(rt.t, acme.key, 1, { applicantFirstName: 'Ada', applicantLastName: 'Lovelace', applicantEmail: 'ada@example.com' })
    expect((await submit(rt.t, first.csrf, first.stepId, [proofFor(rt.t, first.formData, [rt.attestor.privateKey], { owner })])).statusCode).toBe(200)
    const { session, csrf, stepId, formData } = await initiatedStep(rt.t, acme.key, 1, { applicantFirstName: 'Grace', applicantLastName: 'Hopper', applicantEmail: 'grace@example.com' })
    const consentText = await rt.t.app.inject({ url: `/partner/verification/consent?sessionId=${session.id}&locale=fr`, headers: { 'x-csrf-token': csrf } })
    expect(consentText.statusCode, consentText.body).toBe(200)
    const { version, textHash } = consentText.json().data as { version: string, textHash: string }
    const accepted = await rt.t.app.inject({ method: 'POST', url: '/partner/verification/consent', headers: { 'x-csrf-token': csrf, 'user-agent': 'ReportTest/1.0' }, payload: { sessionId: session.id, accepted: true, version, locale: 'fr' } })
    expect(accepted.statusCode, accepted.body).toBe(200)
    const acceptedAt = accepted.json().data.consent.acceptedAt as string
    expect((await submit(rt.t, csrf, stepId, [proofFor(rt.t, formData, [rt.attestor.privateKey], { owner })])).statusCode).toBe(200)

    const json = (await get(`/partner/session/${session.id}/report.json`)).json()
    const b = json.bundle
    expect(b.consent).toEqual({ version, textHash, locale: 'fr', acceptedAt })
    expect(b.signals).toEqual([{
      code: 'proof_owner_reused',
      stepId,
      score: null,
      sentence: 'The proof\'s owner key was also used for another applicant of the team.',
      details: { sessionIds: [first.session.id], ownerHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      createdAt: expect.any(String)
    }])
    // The consent's address and browser stay out of the report; the signature covers what was added.
    expect(JSON.stringify(b)).not.toMatch(/127\.0\.0\.1|ReportTest/)
    const jwk = JSON.stringify((await rt.t.app.inject({ url: '/.well-known/partner-api-report-key' })).json())
    expect(checkBundleSignature(json, publicKeyFrom(jwk))).toBeNull()

    const text = await pdfText(await get(`/partner/session/${session.id}/report.pdf`), 'consent.pdf')
    for (const expected of ['Consent', 'Accepted', acceptedAt, 'Language', 'Text version', version, 'Text sha256', textHash, 'Signals', 'proof_owner_reused', 'owner key was also used', `step ${stepId}`]) {
      expect(text).toContain(expected)
    }
    expect(text).toMatch(/Language\s+fr\b/)
    expect(text).not.toContain('No signals were raised.')

    // A session without either (another team's: Ada's earlier sessions are acme's) says so.
    const initech = await createKey(rt.t.app, 'initech')
    const { session: other } = await reviewed(rt, initech)
    const otherBundle = (await get(`/partner/session/${other.id}/report.json`, initech)).json().bundle
    expect([otherBundle.consent, otherBundle.signals]).toEqual([null, []])
    const otherText = await pdfText(await get(`/partner/session/${other.id}/report.pdf`, initech), 'plain.pdf')
    expect(otherText).toContain('No consent text was accepted')
    expect(otherText).toContain('No signals were raised.')
  })

  it('report.pdf marks a value read through an OPRF-hashing redaction as a hash, never as the clear value (issue 23, rule 5.9)', async () => {
    const oprf = 'b3ByZi1oYXNoLW9mLXRoZS1jdXJyZW5jeQ'
    const { session, csrf, stepId, formData } = await initiatedStep(rt.t, acme.key, 1, { applicantFirstName: 'Grace', applicantLastName: 'Hopper' })
    const parameters = {
      ...PARAMETERS,
      responseMatches: [...PARAMETERS.responseMatches, { type: 'regex', value: '"currency":"(?<currency>[^"]+)"' }],
      responseRedactions: [...PARAMETERS.responseRedactions, { jsonPath: '$.currency', regex: '', xPath: '', hash: 'oprf' }]
    }
    const res = await submit(rt.t, csrf, stepId, [proofFor(rt.t, formData, [rt.attestor.privateKey], { parameters, extracted: { ...INCOME, currency: oprf } })])
    expect(res.statusCode, res.body).toBe(200)
    const facts = (await get(`/partner/session/${session.id}/report.json`)).json().bundle.facts
    expect(facts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'currency', value: oprf, hashed: true })]))
    const text = await pdfText(await get(`/partner/session/${session.id}/report.pdf`), 'hashed.pdf')
    const line = (name: string) => text.split('\n').find((l) => l.includes(`: ${name}`)) ?? ''
    expect(line('currency')).toMatch(/OPRF hash/)
    expect(line('monthlyIncome')).toContain('5400.00')
    expect(line('monthlyIncome')).not.toMatch(/hash/i)
  })

  it('is 409 before REVIEWING, 410 once redacted, 404 for another team or another reviewer, and 401 without a key', async () => {
    const pending = await sessionIn(rt.t.app, acme.key, 'PENDING')
    expectError(await get(`/partner/session/${pending.session.id}/report.json`), 409, 'A report documents a session from REVIEWING on; this one is PENDING', 'session_status_conflict')
    expect((await get(`/partner/session/${pending.session.id}/report.pdf`)).statusCode).toBe(409)
    const { session } = await reviewed(rt, acme)
    const globex = await createKey(rt.t.app, 'globex')
    expectError(await get(`/partner/session/${session.id}/report.json`, globex), 404, 'Session not found', 'session_not_found')
    const bob = await createKey(rt.t.app, 'acme', { reviewerId: 'bob' })
    expect((await get(`/partner/session/${session.id}/report.pdf`, bob)).statusCode).toBe(404)
    expect((await rt.t.app.inject({ url: `/partner/session/${session.id}/report.json` })).statusCode).toBe(401)
    expect((await rt.t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${session.id}/decision`, headers: { 'x-api-key': acme.key }, payload: { decision: 'APPROVE' } })).statusCode).toBe(200)
    expect((await rt.t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/redact`, headers: { 'x-api-key': acme.key } })).statusCode).toBe(200)
    expectError(await get(`/partner/session/${session.id}/report.json`), 410, 'The session was redacted: its report is gone with the applicant\'s data', 'session_redacted')
  })
})
