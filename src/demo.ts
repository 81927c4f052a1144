// `partner-api demo`: a newcomer's first look at the product. Boots a fresh embedded instance
// (SQLite in a temporary directory, an attestor key of its own that it trusts) and runs the guide's
// whole typical workflow over real HTTP, printing every call and its answer.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Io } from './cli-io.js'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { TEST_KEY_PREFIX } from './modules/keys/keys.service.js'
import { freePort } from './lib/net.js'

const MAX_LINES = 60 // of one printed answer
const MAX_STRING = 96 // characters of one printed string value
const LINE_WIDTH = 110

class DemoFailure extends Error {}

const shorten = (_key: string, v: unknown): unknown => typeof v === 'string' && v.length > MAX_STRING ? `${v.slice(0, MAX_STRING - 1)}…` : v

// JSON, but what fits on a line stays on one line: a long answer reads at a glance.
function compact (value: unknown, indent: string): string {
  const flat = JSON.stringify(value, shorten) ?? String(value)
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= LINE_WIDTH) return flat
  const inner = indent + '  '
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compact(v, inner)).join(',\n')}\n${indent}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compact(v, inner)}`).join(',\n')}\n${indent}}`
}

function readable (value: unknown): string {
  const lines = compact(value, '').split('\n')
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… (${lines.length - MAX_LINES} more lines)`] : lines
  return shown.map((l) => `    ${l}`).join('\n')
}

function secretPreview (value: string): string {
  return value.length > 12 ? `${value.slice(0, 10)}…` : value
}

export interface DemoOptions {
  /** A running instance to drive (with `key`, a test key); absent: a fresh embedded instance. */
  url?: string
  key?: string
}

/**
 * The typical workflow over real HTTP, through the sandbox (a test key; the proof simulated and
 * verified by the service like any other), on a fresh embedded instance or on a running one.
 */
export async function demoCommand (io: Io, options: DemoOptions = {}): Promise<number> {
  if (options.url !== undefined && !options.key?.startsWith(TEST_KEY_PREFIX)) {
    io.err(`error: demo --url needs --key with a test key (${TEST_KEY_PREFIX}...): partner-api keys create --team NAME --test`)
    return 2
  }
  const embedded = options.url === undefined
  const dataDir = embedded ? await mkdtemp(join(tmpdir(), 'partner-api-demo-')) : null
  const port = embedded ? await freePort() : 0
  const base = embedded ? `http://127.0.0.1:${port}` : (options.url as string).replace(/\/+$/, '')
  const app = dataDir === null
    ? null
    : await buildApp({
      config: loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), PUBLIC_BASE_URL: base, APP_DEEPLINK_BASE_URL: base })
    })
  let step = 0

  const title = (text: string) => { io.out(`\n${++step}. ${text}`) }
  const call = async (method: 'GET' | 'POST', path: string, expected: number, options: { body?: unknown, shown?: unknown, headers?: Record<string, string> } = {}) => {
    io.out(`  → ${method} ${path}`)
    for (const [name, value] of Object.entries(options.headers ?? {})) io.out(`    ${name}: ${secretPreview(value)}`)
    if (options.body !== undefined) io.out(readable(options.shown ?? options.body))
    const res = await fetch(base + path, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {})
    })
    const text = await res.text()
    let answer: any
    try { answer = JSON.parse(text) } catch { answer = text }
    io.out(`  ← ${res.status} ${res.statusText}`)
    io.out(readable(answer))
    if (res.status !== expected) throw new DemoFailure(`${method} ${path} answered ${res.status}, expected ${expected}`)
    return answer
  }

  try {
    let apiKey: string
    let allowedSources: Array<{ id: number, name: string }> | undefined
    if (app !== null) {
      await app.listen({ port, host: '127.0.0.1' })
      io.out(`partner-api demo: a fresh instance at ${base}`)
      io.out(`  database: SQLite in ${dataDir} (deleted at the end)`)
      io.out(`  sandbox attestor: ${app.ctx.sandbox?.address ?? 'none (SANDBOX_ENABLED=false)'} (this instance's own key; it signs the simulated proof)`)

      title('The partner gets a test API key (the CLI does this: partner-api keys create --team "Demo Lending" --test)')
      const key = await app.ctx.keys.create({ team: 'Demo Lending', name: 'demo', test: true })
      io.out(readable({ id: key.id, key: secretPreview(key.key), teamId: key.teamId, prefix: key.prefix, livemode: key.livemode }))
      apiKey = key.key
      const catalog = await Promise.all(['PayPal', 'Stripe', 'Upwork'].map(async (name) => await app.ctx.repos.sources.findBySourceName(name)))
      allowedSources = catalog.flatMap((s) => s ? [{ id: s.id, name: s.name }] : [])
    } else {
      io.out(`partner-api demo: the instance at ${base}, with the test key ${secretPreview(options.key as string)}`)
      apiKey = options.key as string
    }
    const partner = { 'x-api-key': apiKey }

    title('The partner creates a verification session and sends the applicant the link')
    const created = await call('POST', '/partner/session', 201, {
      headers: partner,
      body: {
        params: {
          expiryDate: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
          applicantId: 'applicant-42',
          applicantFirstName: 'John',
          applicantLastName: 'Doe',
          applicantEmail: 'john.doe@example.com',
          instructions: 'Please prove your monthly income',
          metadata: { loanApplication: 'LA-1001' },
          ...(allowedSources ? { allowedSources } : {})
        }
      }
    })
    const sessionId: number = created.data.id

    title('The applicant opens the link: its token is exchanged for a CSRF token')
    const verified = await call('POST', '/partner/verification/verify', 200, { body: { token: created.data.verificationLink.token, sessionId } })
    const applicant = { 'x-csrf-token': verified.data.csrfToken as string }

    title('The applicant lists the data sources of the session')
    const sources = await call('GET', `/partner/sources/session/${sessionId}`, 200, { headers: applicant })

    title('… or searches them')
    const found = await call('GET', `/partner/sources/search?text=paypal&sessionId=${sessionId}`, 200, { headers: applicant })
    const paypal = (found as Array<{ id: number }>)[0] ?? (sources as Array<{ id: number }>)[0]
    if (!paypal) throw new DemoFailure('the session lists no data source')

    title('The applicant selects PayPal')
    await call('POST', '/partner/step/select-data-source', 200, { headers: applicant, body: { dataSourceIds: [paypal.id], sessionId } })

    title('The applicant lists the steps this created')
    const steps = await call('GET', `/partner/steps/session/${sessionId}`, 200, { headers: applicant })
    const stepId: number = steps.data.steps[0].id

    title('The applicant initiates the step: a Reclaim proof request bound to this attempt')
    const initiated = await call('POST', '/partner/step/initiate', 200, { headers: applicant, body: { stepId } })
    const { formData } = initiated.data

    io.out(`  (a live session would now send the applicant to ${String(initiated.data.redirectUrl).slice(0, 60)}…; request ${formData.sessionId})`)

    title('The sandbox completes the step as a real proof would: signed by the sandbox attestor, about PayPal\'s host, verified offline like any proof')
    await call('POST', '/partner/sandbox/step/simulate', 200, {
      headers: applicant, body: { stepId, outcome: 'success', extractedParameters: { monthlyIncome: '5400.00', currency: 'USD' } }
    })

    title('The reviewer lists the team\'s sessions: this one is REVIEWING')
    const list = await call('GET', '/partner/reviewer/sessions?status=REVIEWING', 200, { headers: partner })
    if (!(list.data as Array<{ id: number }>).some((s) => s.id === sessionId)) throw new DemoFailure('the session is not REVIEWING')

    title('The reviewer reads the session: steps, verified facts and audit trail')
    const detail = await call('GET', `/partner/reviewer/sessions/${sessionId}`, 200, { headers: partner })
    const facts = detail.data.facts as Array<{ name: string, value: unknown, sourceName: string, proofIdentifier: string, provenAt: string, host: string | null, pinned: boolean }>
    io.out('  Verified facts (only from the proof\'s signed context):')
    for (const f of facts) {
      io.out(`    ${f.name} = ${JSON.stringify(f.value)}  (${f.sourceName}, request to ${f.host ?? '?'}${f.pinned ? ', provider pinned' : ', bound by host'}, proof ${f.proofIdentifier.slice(0, 10)}…, attested ${f.provenAt})`)
    }
    io.out('  Audit trail:')
    for (const a of detail.data.auditTrail as Array<{ at: string, actor: string, action: string, fromStatus: string | null, toStatus: string | null }>) {
      io.out(`    ${a.at}  ${a.actor.padEnd(16)} ${a.action.padEnd(18)} ${a.fromStatus ?? ''}${a.toStatus ? ` → ${a.toStatus}` : ''}`.trimEnd())
    }
    if (!facts.some((f) => f.name === 'monthlyIncome' && f.value === '5400.00')) throw new DemoFailure('the verified income is missing from the facts')

    title('The reviewer approves')
    const decided = await call('POST', `/partner/reviewer/sessions/${sessionId}/decision`, 200, {
      headers: partner, body: { decision: 'APPROVE', note: 'Income verified with PayPal' }
    })
    if (decided.data.status !== 'COMPLETED') throw new DemoFailure(`the session is ${decided.data.status}, expected COMPLETED`)

    io.out(`\nDone: session ${sessionId} is COMPLETED, every call answered as expected.`)
    return 0
  } catch (err) {
    io.err(`demo failed: ${err instanceof DemoFailure ? err.message : (err as Error).stack ?? String(err)}`)
    return 1
  } finally {
    if (app !== null) await app.close()
    if (dataDir !== null) await rm(dataDir, { recursive: true, force: true })
  }
}
