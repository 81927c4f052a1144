// Verifications per second of the Reclaim test vector on one core, on the built verifier.
// Usage: node bench/proof-verify.js [seconds]   (default 2; build with `npm run build` first)
import { readFileSync } from 'node:fs'
import { verifyProof } from '../dist/modules/proofs/proof-verifier.js'

const seconds = Number(process.argv[2] ?? 2)
const vector = JSON.parse(readFileSync(new URL('../test/fixtures/reclaim-vector.json', import.meta.url), 'utf8'))
const options = {
  trustedAttestors: [vector.attestor],
  expectedReclaimSessionId: vector.sessionId,
  allowedProviderHashes: [vector.providerHash],
  now: vector.proof.claimData.timestampS,
}

// A benchmark of a rejection path would measure nothing useful.
const first = verifyProof(vector.proof, options)
if (!first.valid) throw new Error(`the vector does not verify: ${first.reason}`)

// Warm-up, so the figure is the JIT-compiled steady state.
for (let i = 0; i < 500; i++) verifyProof(vector.proof, options)

const start = process.hrtime.bigint()
const deadline = start + BigInt(Math.round(seconds * 1e9))
let count = 0
let now = start
while (now < deadline) {
  // Check the clock every 100 verifications so reading it costs nothing measurable.
  for (let i = 0; i < 100; i++) verifyProof(vector.proof, options)
  count += 100
  now = process.hrtime.bigint()
}
const elapsedS = Number(now - start) / 1e9
const perSecond = Math.round(count / elapsedS)
console.log(
  `proof verify: ${perSecond} verifications/s (${count} in ${elapsedS.toFixed(2)} s, ${(1e6 / perSecond).toFixed(0)} µs each)`
)
