// Verifications per second of the Reclaim test vector on one core, on the built verifier, beside raw
// native signature recovery (libsecp256k1's ecdsaRecover alone) on the same core, and their ratio
// (issue 12, item 6: at least 0.6).
// The three are measured in turns, ROUNDS times, and each figure is its median, so that load from
// other processes on a shared machine skews them alike.
// Usage: node bench/proof-verify.js [seconds]   (default 1 per turn; build with `npm run build` first)
import { readFileSync } from 'node:fs'
import { verifyProof, claimDigest } from '../dist/modules/proofs/proof-verifier.js'
import { secp256k1 } from '../dist/lib/eth.js'

const seconds = Number(process.argv[2] ?? 1)
const ROUNDS = 7
const vector = JSON.parse(readFileSync(new URL('../test/fixtures/reclaim-vector.json', import.meta.url), 'utf8'))
const { claimData } = vector.proof
const base = {
  trustedAttestors: [vector.attestor],
  expectedReclaimSessionId: vector.sessionId,
  now: claimData.timestampS,
}
// As the service verifies a proof of a catalog source: host, recomputed provider hash, pin, parameters.
const withSource = {
  ...base,
  source: { name: 'ExamplePay', hosts: ['api.examplepay.test'], providerHashes: [vector.providerHash], parameters: ['monthlyIncome', 'currency'] },
}

// Issue 23: Reclaim's 2026-03-24 production proof (test/fixtures/reclaim) as the service verifies it
// with every rule of today: request path and extraction bound, pinned, and its legacy TEE nonce
// (an application-key signature: a second recovery) checked for its application.
const tee = JSON.parse(readFileSync(new URL('../test/fixtures/reclaim/kaggle-2026-03-24-tee.json', import.meta.url), 'utf8'))
const withEverything = {
  trustedAttestors: ['0x244897572368eadf65bfbc5aec98d8e5443a9072'],
  expectedContextMessage: 'sample context',
  expectedReclaimSessionId: '1ab031c2ef',
  now: tee.claimData.timestampS,
  tee: { applicationId: '0xd116D518eacea61C7af9760E5d8D1b720a0CE8D5', appSecret: null },
  source: {
    name: 'Kaggle',
    hosts: ['www.kaggle.com'],
    providerHashes: ['0x4c20776ae89ab7eead49e4e393f4e07348a4d85e21869201aa6eea6e2bc07f5b'],
    parameters: ['username'],
    paths: ['/api/i/users.UsersService/GetCurrentUser'],
    extraction: { username: { jsonPath: '$.userName', regex: '"userName":"(.*)"' } },
  },
}

// A benchmark of a rejection path would measure nothing useful.
for (const [proof, options] of [[vector.proof, base], [vector.proof, withSource], [tee, withEverything]]) {
  const first = verifyProof(proof, options)
  if (!first.valid) throw new Error(`the vector does not verify: ${first.reason}`)
  if (proof === tee && first.teeNonce !== 'verified') throw new Error('the TEE nonce was not verified')
}

const signature = Buffer.from(vector.proof.signatures[0].slice(2), 'hex')
const compact = signature.subarray(0, 64)
const recoveryId = signature[64] - 27
const digest = claimDigest(claimData.identifier, claimData.owner, claimData.timestampS, claimData.epoch)

function perSecond (run) {
  // Warm-up, so the figure is the JIT-compiled steady state.
  for (let i = 0; i < 500; i++) run()
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(Math.round(seconds * 1e9))
  let count = 0
  let now = start
  while (now < deadline) {
    // Check the clock every 100 runs so reading it costs nothing measurable.
    for (let i = 0; i < 100; i++) run()
    count += 100
    now = process.hrtime.bigint()
  }
  return count / (Number(now - start) / 1e9)
}

const runs = {
  recover: () => secp256k1.ecdsaRecover(compact, recoveryId, digest, false),
  verify: () => verifyProof(vector.proof, base),
  verifySource: () => verifyProof(vector.proof, withSource),
  verifyTee: () => verifyProof(tee, withEverything),
}
const samples = { recover: [], verify: [], verifySource: [], verifyTee: [] }
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(runs)) samples[name].push(perSecond(run))
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const recover = median(samples.recover)
const verify = median(samples.verify)
const verifySource = median(samples.verifySource)
const verifyTee = median(samples.verifyTee)
const line = (name, rate) => `${name.padEnd(34)} ${String(Math.round(rate)).padStart(7)}/s  ${(1e6 / rate).toFixed(1).padStart(6)} µs  ratio to raw recovery ${(rate / recover).toFixed(2)}`
console.log(line('raw native recovery (ecdsaRecover)', recover))
console.log(line('proof verify (rules 1-4, 6)', verify))
console.log(line('proof verify with source (rule 5)', verifySource))
console.log(line('2026 TEE proof, every rule', verifyTee))
