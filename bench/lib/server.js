// The server side of the endpoint benchmark and the soak: the service and the bare routes
// (bench/lib/bare-routes.js) on one database, in a process of their own (the parent pins it to a core).
// The parent drives it over IPC: {id, cmd: 'seed', endpoint, n, target} answers with the requests that
// hit n fresh states; {cmd: 'rss'} with the resident size; {cmd: 'heap'} with the heap in use (after a full GC under --expose-gc); {cmd: 'cpu'} with the CPU time used (µs); {cmd: 'stop'} closes everything.
// Seeding writes rows directly (bulk inserts), so thousands of fresh states cost seconds, not minutes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { buildApp } from '../../dist/app.js'
import { loadConfig } from '../../dist/config.js'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../../dist/db/database.js'
import { newSecret, sha256Hex } from '../../dist/lib/secrets.js'
import { generateAttestor, signClaim } from '../../dist/modules/proofs/proof-signer.js'
import { hashProviderParams } from '../../dist/modules/proofs/provider-hash.js'
import { buildBareApp } from './bare-routes.js'

const opts = JSON.parse(process.argv[2] ?? '{}')
const FAR = '2099-01-01T00:00:00.000Z'
// The bench's proofs go to BENCH_HOST, and the source binds them (rule 5): pinned to their real
// provider hash, carrying monthlyIncome, so every submit runs the whole verification.
const BENCH_HOST = 'api.examplepay.test'
const PARAMETERS = { body: '', method: 'GET', url: `https://${BENCH_HOST}/v1/income`, responseMatches: [{ type: 'contains', value: 'income' }], responseRedactions: [] }
const PROVIDER_HASH = hashProviderParams(PARAMETERS)
const BATCH = 400

const pgUrl = opts.db === 'postgres' ? opts.pgUrl : null
const dataDir = mkdtempSync(join(tmpdir(), 'pa-bench-ep-'))
const schema = `bench_ep_${randomBytes(4).toString('hex')}`
if (pgUrl) await ensurePgSchema(pgUrl, schema)
const db = createDatabase({ databaseUrl: pgUrl, dataDir, pgSchema: pgUrl ? schema : undefined, sqliteStatementCacheSize: opts.statementCache })
const attestor = generateAttestor()
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // The limiter stays on (memory store, as deployed) with limits no run reaches.
  RATE_LIMIT_LIMIT: '1000000',
  APPLICANT_RATE_LIMIT_LIMIT: '1000000',
  RECLAIM_ATTESTORS: attestor.address,
  PUBLIC_BASE_URL: 'http://127.0.0.1',
  ...(opts.env ?? {})
})
const app = await buildApp({ config, db })
const k = db.kysely
// Team A holds exactly the 200 sessions the reviewer list pages over; every write the runs make
// (created sessions, fresh states) goes to team B, so the list's size does not depend on the order.
const { key, teamId } = await app.ctx.keys.create({ team: 'bench' })
const writer = await app.ctx.keys.create({ team: 'bench-writes' })
const now = () => new Date().toISOString()

// A source of our own: its provider hash is the one the bench's proofs carry.
const sourceRow = await k.insertInto('sources').values({
  name: 'Bench Pay',
  description: 'Income report (benchmark)',
  sourceName: 'BenchPay',
  sourceNameKey: 'benchpay',
  logoUrl: 'https://example.test/logo.png',
  category: 'income',
  providerId: 'bench-provider',
  providerHashes: JSON.stringify([PROVIDER_HASH]),
  proofHosts: JSON.stringify([BENCH_HOST]),
  proofParameters: JSON.stringify(['monthlyIncome']),
  loginFlow: JSON.stringify([{ step: 1, action: 'login', description: 'Sign in to Bench Pay' }]),
  verificationTypeIds: '[]',
  enabled: 1,
  createdAt: now(),
  updatedAt: now()
}).returning('id').executeTakeFirstOrThrow()
const sourceId = sourceRow.id

/** n sessions of the team in `status`, each with its link token, a CSRF token, its allowed source, and optionally a step. */
async function seedSessions (n, { status = 'PENDING', step = null, team = writer.teamId } = {}) {
  const out = []
  for (let i = 0; i < n; i += BATCH) {
    const at = now()
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => ({ link: newSecret(), csrf: newSecret(), first: `Applicant ${i + j}` }))
    const rows = await k.insertInto('sessions').values(batch.map((b) => ({
      teamId: team,
      reviewerId: null,
      status,
      expiryDate: FAR,
      linkTokenHash: sha256Hex(b.link),
      applicantFirstName: b.first,
      createdAt: at,
      updatedAt: at
    }))).returning(['id', 'linkTokenHash']).execute()
    const byHash = new Map(rows.map((r) => [r.linkTokenHash, r.id]))
    for (const b of batch) b.sessionId = byHash.get(sha256Hex(b.link))
    await k.insertInto('sessionAllowedSources').values(batch.map((b) => ({ sessionId: b.sessionId, sourceId }))).execute()
    await k.insertInto('csrfTokens').values(batch.map((b) => ({ tokenHash: sha256Hex(b.csrf), sessionId: b.sessionId, expiresAt: FAR, createdAt: at }))).execute()
    if (step) {
      for (const b of batch) {
        b.contextMessage = step === 'INITIATED' ? `partner-api:step:bench:${randomBytes(16).toString('hex')}` : null
        b.reclaimSessionId = step === 'INITIATED' ? randomBytes(12).toString('hex') : null
      }
      const steps = await k.insertInto('steps').values(batch.map((b) => ({
        sessionId: b.sessionId,
        sourceId,
        type: 'RECLAIM',
        status: step,
        attempts: step === 'PENDING' ? 0 : 1,
        contextMessage: b.contextMessage,
        reclaimSessionId: b.reclaimSessionId,
        callbackTokenHash: null,
        metadata: null,
        initiatedAt: step === 'PENDING' ? null : at,
        verifiedAt: step === 'VERIFIED' ? at : null,
        failureReason: null,
        createdAt: at,
        updatedAt: at
      }))).returning(['id', 'sessionId']).execute()
      const bySession = new Map(steps.map((s) => [s.sessionId, s.id]))
      for (const b of batch) b.stepId = bySession.get(b.sessionId)
    }
    out.push(...batch)
  }
  return out
}

function proofFor (s) {
  return signClaim({
    parameters: PARAMETERS,
    timestampS: Math.floor(Date.now() / 1000) + 1,
    context: {
      contextAddress: '0x0',
      contextMessage: s.contextMessage,
      extractedParameters: { monthlyIncome: '5400.00' },
      providerHash: PROVIDER_HASH,
      reclaimSessionId: s.reclaimSessionId
    }
  }, [attestor.privateKey])
}

const json = (method, path, headers, body) => ({ method, path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const get = (path, headers) => ({ method: 'GET', path, headers })
const apiKey = { 'x-api-key': key }
const writerKey = { 'x-api-key': writer.key }
const csrfOf = (s) => ({ 'x-csrf-token': s.csrf })

// A session in PROCESSING with a VERIFIED step: what the read endpoints (applicant and reviewer) look at.
const [reader] = await seedSessions(1, { status: 'PROCESSING', step: 'VERIFIED', team: teamId })
// The team's page of sessions: 200 of them, as in issue 12's table.
await seedSessions(199, { team: teamId })

/**
 * The requests of one endpoint. Reads reuse one state; `fresh` endpoints (once per state) get one
 * state per request, n of them; autocannon walks the list once.
 */
async function requestsFor (endpoint, n) {
  switch (endpoint) {
    case 'session.create': return [json('POST', '/partner/session', writerKey, { params: { expiryDate: FAR, applicantFirstName: 'Ada', applicantLastName: 'Lovelace' } })]
    case 'sdk.session': return [json('POST', '/partner/sdk/session', writerKey, { sourceName: 'BenchPay' })]
    case 'verification.verify': return [json('POST', '/partner/verification/verify', {}, { token: reader.link, sessionId: reader.sessionId })]
    case 'sources.session': return [get(`/partner/sources/session/${reader.sessionId}`, csrfOf(reader))]
    case 'sources.search': return [get('/partner/sources/search?text=pay', csrfOf(reader))]
    case 'steps.session': return [get(`/partner/steps/session/${reader.sessionId}`, csrfOf(reader))]
    case 'steps.get': return [get(`/partner/steps/${reader.stepId}`, csrfOf(reader))]
    case 'reviewer.list': return [get('/partner/reviewer/sessions?limit=20', apiKey)]
    case 'reviewer.detail': return [get(`/partner/reviewer/sessions/${reader.sessionId}`, apiKey)]
    case 'step.select':
      return (await seedSessions(n)).map((s) => json('POST', '/partner/step/select-data-source', csrfOf(s), { dataSourceIds: [sourceId], sessionId: s.sessionId }))
    case 'step.initiate':
      return (await seedSessions(n, { status: 'PROCESSING', step: 'PENDING' })).map((s) => json('POST', '/partner/step/initiate', csrfOf(s), { stepId: s.stepId }))
    case 'step.submit':
      return (await seedSessions(n, { status: 'PROCESSING', step: 'INITIATED' })).map((s) => json('POST', '/partner/step/submit', csrfOf(s), { stepId: s.stepId, proofs: [proofFor(s)] }))
    case 'reviewer.decision':
      return (await seedSessions(n, { status: 'REVIEWING', step: 'VERIFIED' })).map((s) => json('POST', `/partner/reviewer/sessions/${s.sessionId}/decision`, writerKey, { decision: 'APPROVE', note: 'ok' }))
    default: throw new Error(`unknown endpoint ${endpoint}`)
  }
}

const bare = await buildBareApp({ db, attestors: config.reclaim.attestors, csrfTtlSeconds: config.csrfTtlSeconds })
const appUrl = await app.listen({ host: '127.0.0.1', port: 0 })
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'seed') {
      const requests = await requestsFor(msg.endpoint, msg.n)
      if (db.dialect === 'postgres') await sql`analyze`.execute(k)
      process.send({ id: msg.id, requests })
    } else if (msg.cmd === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send({ id: msg.id, cpuUs: user + system })
    } else if (msg.cmd === 'rss') {
      process.send({ id: msg.id, rss: process.memoryUsage().rss })
    } else if (msg.cmd === 'heap') {
      // The live heap: after a full collection when the process runs with --expose-gc.
      globalThis.gc?.()
      process.send({ id: msg.id, heapUsed: process.memoryUsage().heapUsed, collected: typeof globalThis.gc === 'function' })
    } else if (msg.cmd === 'stop') {
      await bare.close()
      await app.close()
      await db.close()
      if (pgUrl) await dropPgSchema(pgUrl, schema)
      rmSync(dataDir, { recursive: true, force: true })
      process.send({ id: msg.id, stopped: true }, () => process.exit(0))
    }
  } catch (err) {
    process.send({ id: msg.id, error: String(err && err.stack ? err.stack : err) })
  }
})
process.send({ ready: true, appUrl, bareUrl, dialect: db.dialect })
