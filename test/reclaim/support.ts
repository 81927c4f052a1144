import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import { generateAttestor, signClaim, type Attestor } from '../../src/modules/proofs/proof-signer.js'
import { recoverSigner, type ReclaimProof } from '../../src/modules/proofs/proof-verifier.js'
import { initRequestDigest } from '../../src/modules/reclaim/reclaim-request.js'
import { hashProviderParams, providerHashOf } from '../../src/modules/proofs/provider-hash.js'
import type { InitiateResponse } from '../../src/modules/steps/step-proofs.schemas.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { applicantSession } from '../support/factories.js'

/** A provider request spec like Reclaim's; the '+' in the regex must survive every transport. */
export const PARAMETERS = {
  body: '',
  method: 'GET',
  url: 'https://api.examplepay.test/v1/reports/income?period={{period}}',
  paramValues: { period: '2026-10' },
  responseMatches: [{ type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>[0-9]+\\.[0-9]+)"' }],
  responseRedactions: [{ jsonPath: '$.monthlyIncome', regex: '', xPath: '' }]
}
export const PROVIDER_HASH = hashProviderParams(PARAMETERS)
export const INCOME = { monthlyIncome: '5400.00', currency: 'USD' }
/** The host of the proofs these tests sign; the test catalog binds PayPal and Stripe to it. */
export const TEST_HOST = 'api.examplepay.test'

/**
 * The catalog these tests run against: PayPal (1), Stripe (2) and Square (3) accept proofs of TEST_HOST
 * carrying INCOME's parameters, unpinned, on any path (no paths, no extraction: issue 23's rules 5.7
 * and 5.8 have tests of their own), so one signed proof serves either source.
 */
export async function bindTestSources (t: TestApp, sourceIds = [1, 2, 3]): Promise<void> {
  await t.db.kysely.updateTable('sources')
    .set({ proofHosts: JSON.stringify([TEST_HOST]), proofParameters: JSON.stringify(Object.keys(INCOME).sort()), providerHashes: '[]', proofPaths: '[]', proofExtraction: '{}' })
    .where('id', 'in', sourceIds).execute()
}

export interface ReclaimTestApp { t: TestApp, attestor: Attestor }

/** An app that trusts a freshly generated attestor key, as the tests sign proofs with it. */
export async function reclaimTestApp (env: Record<string, string> = {}): Promise<ReclaimTestApp> {
  const attestor = generateAttestor()
  const t = await buildTestApp({ RECLAIM_ATTESTORS: attestor.address, ...env })
  await bindTestSources(t)
  return { t, attestor }
}

export type FormData = InitiateResponse['data']['formData']

export async function initiate (t: TestApp, csrf: string, stepId: number) {
  return await t.app.inject({ method: 'POST', url: '/partner/step/initiate', headers: { 'x-csrf-token': csrf }, payload: { stepId } })
}

export async function submit (t: TestApp, csrf: string, stepId: number, proofs: unknown[]) {
  return await t.app.inject({ method: 'POST', url: '/partner/step/submit', headers: { 'x-csrf-token': csrf }, payload: { stepId, proofs } })
}

/** A session whose applicant selected `sourceIds`; its steps, in the order of the sources. */
export async function selectedSession (t: TestApp, key: string, sourceIds: number[] = [1], params: Record<string, unknown> = {}) {
  const { session, csrf } = await applicantSession(t.app, key, params)
  const sel = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: sourceIds, sessionId: session.id } })
  expect(sel.statusCode).toBe(200)
  const steps = (await t.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { 'x-csrf-token': csrf } })).json().data.steps as Array<{ id: number, dataSourceId: number }>
  const stepIds = sourceIds.map((id) => (steps.find((s) => s.dataSourceId === id) as { id: number }).id)
  return { session, csrf, stepIds }
}

export async function initiated (t: TestApp, csrf: string, stepId: number): Promise<FormData> {
  const res = await initiate(t, csrf, stepId)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.formData as FormData
}

/** A session with one selected source, its step initiated. */
export async function initiatedStep (t: TestApp, key: string, sourceId = 1, params: Record<string, unknown> = {}) {
  const { session, csrf, stepIds } = await selectedSession(t, key, [sourceId], params)
  const formData = await initiated(t, csrf, stepIds[0])
  return { session, csrf, stepId: stepIds[0], formData }
}

export interface ProofOptions {
  timestampS?: number
  extracted?: Record<string, unknown>
  parameters?: object | string
  providerHash?: string
  /** claimData.provider; default 'http'. */
  provider?: string
  /** Replaces fields of the context the initiation issued (to bind a proof elsewhere). */
  context?: Record<string, unknown>
  /** claimData.owner; default a fresh random address. */
  owner?: string
}

/** A proof as the Reclaim attestor would sign it for this initiation. */
export function proofFor (t: TestApp, formData: FormData, attestorKeys: string[], o: ProofOptions = {}): ReclaimProof {
  const parameters = o.parameters ?? PARAMETERS
  return signClaim({
    provider: o.provider,
    owner: o.owner,
    parameters,
    timestampS: o.timestampS ?? Math.floor(t.clock.now / 1000),
    context: {
      ...JSON.parse(formData.context),
      extractedParameters: o.extracted ?? INCOME,
      providerHash: o.providerHash ?? providerHashOf(typeof parameters === 'string' ? JSON.parse(parameters) : parameters) ?? PROVIDER_HASH,
      reclaimSessionId: formData.sessionId,
      ...o.context
    }
  }, attestorKeys)
}

/** Every row a proof submission may touch for this session, to show a rejected request changed nothing. */
export async function snapshot (t: TestApp, sessionId: number) {
  const k = t.db.kysely
  const steps = await k.selectFrom('steps').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  return {
    session: await k.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst(),
    steps,
    proofs: await k.selectFrom('proofs').selectAll().orderBy('id').execute(),
    audit: await k.selectFrom('auditLog').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute(),
    events: await k.selectFrom('events').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }
}

export async function stepRow (t: TestApp, stepId: number) {
  return await t.db.kysely.selectFrom('steps').selectAll().where('id', '=', stepId).executeTakeFirstOrThrow()
}

export async function sessionStatus (t: TestApp, sessionId: number): Promise<string> {
  return (await t.db.kysely.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status
}

/** An error body as answered: the guide's three fields, a snake_case code (exactly `code` when given), a request id (and a 400's errors). */
export function error (statusCode: number, message: string, code?: string) {
  const phrase: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 502: 'Bad Gateway', 503: 'Service Unavailable' }
  const body = { statusCode, message, error: phrase[statusCode], code: code ?? expect.stringMatching(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/), requestId: expect.any(String) }
  if (statusCode !== 400) return body
  // A validation 400 also lists the failing fields: exactly these fields, and errors if present.
  const fields = expect.objectContaining(body)
  return {
    asymmetricMatch: (actual: unknown) => {
      if (typeof actual !== 'object' || actual === null) return false
      const { errors, ...rest } = actual as Record<string, unknown>
      return (errors === undefined || Array.isArray(errors)) && Object.keys(rest).length === Object.keys(body).length && fields.asymmetricMatch(rest)
    },
    toString: () => 'ErrorBody',
    toAsymmetricMatcher: () => `ErrorBody ${JSON.stringify({ statusCode, message })}`
  }
}

/** A local stand-in of the Reclaim API's init endpoint, over real HTTP. */
export class ReclaimApiStandIn {
  server: Server = createServer((req, res) => { void this.handle(req, res) })
  requests: Array<Record<string, unknown>> = []
  failWith: number | null = null
  private issued = 0
  constructor (private readonly appId: string) {}

  get url (): string { return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}` }

  async start (): Promise<void> { await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve)) }
  async stop (): Promise<void> { await new Promise<void>((resolve) => this.server.close(() => resolve())) }

  private async handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = ''
    for await (const chunk of req) text += String(chunk)
    const answer = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)) }
    if (req.method !== 'POST' || req.url !== '/api/sdk/init/session/') return answer(404, { message: 'not found' })
    const body = JSON.parse(text) as { providerId: string, appId: string, timestamp: string, signature: string }
    this.requests.push(body)
    if (this.failWith !== null) return answer(this.failWith, { message: 'stand-in failure' })
    const signer = recoverSigner(initRequestDigest(body.providerId, body.timestamp), body.signature)
    if (signer === null || signer !== this.appId.toLowerCase() || body.appId !== this.appId) return answer(401, { message: 'Invalid signature' })
    answer(201, { sessionId: `rcl${++this.issued}a1b2c3`, resolvedProviderVersion: '1.2.0' })
  }
}
