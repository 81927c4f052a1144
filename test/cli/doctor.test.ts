import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CATALOG } from '../../src/app.js'
import { main } from '../../src/cli.js'
import { RECLAIM_PRODUCTION_ATTESTOR } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'

const HINT_NONE = 'ready for production: nothing missing or unsafe found'
const HINT_WARNED = 'ready for production, with 1 warning(s) to consider: nothing unsafe found'
const BOUNCE_TOKEN = 'b0unce-t0ken-long-and-random'
const INBOUND_TOKEN = '1nb0und-t0ken-long-and-random'
const BOUNCES_OK = 'ok     MAIL_BOUNCE_TOKEN: bounce handling is configured: bounces piped to POST https://verify.lender.example/partner/delivery/email/bounce (basic-auth password MAIL_BOUNCE_TOKEN) mark the email bounced, and a hard bounce suppresses the address'
const SMS_OK = 'ok     SMS_INBOUND_TOKEN: STOP replies and SMS statuses are handled: point the gateway\'s inbound webhook at POST https://verify.lender.example/partner/delivery/sms/inbound (basic-auth password SMS_INBOUND_TOKEN); each SMS carries its status callback, and an undelivered number is suppressed'

/** Everything a production instance sets; each test takes one thing away. */
const PRODUCTION: Record<string, string> = {
  RECLAIM_APP_ID: '0x' + 'a1'.repeat(20),
  RECLAIM_APP_SECRET: '0x' + '3c'.repeat(32),
  RECLAIM_ATTESTORS: `${RECLAIM_PRODUCTION_ATTESTOR},0x${'b2'.repeat(20)}`,
  RECLAIM_MIN_SIGNATURES: '1',
  RECLAIM_REQUIRE_PINNED: 'true',
  PUBLIC_BASE_URL: 'https://verify.lender.example',
  SANDBOX_ENABLED: 'false',
  METRICS_TOKEN: 'm3tr1cs-t0ken-long-and-random',
  TRUST_PROXY: '1',
  SMTP_URL: 'smtps://verify:pw@smtp.lender.example:465',
  MAIL_FROM: 'Lender Verify <verify@lender.example>',
  MAIL_BOUNCE_TOKEN: BOUNCE_TOKEN,
  SMS_WEBHOOK_URL: 'https://AC1:gateway-secret@api.twilio.example/Messages.json',
  SMS_FROM: '+15005550006',
  SMS_INBOUND_TOKEN: INBOUND_TOKEN
}

const pinnedSource = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  sourceName: name,
  description: `Prove income from ${name}.`,
  category: 'payments',
  providerId: `${name.toLowerCase()}-provider`,
  providerHashes: [],
  proofRequirements: { hosts: [`api.${name.toLowerCase()}.example`], providerHashes: ['0x' + 'cd'.repeat(32)], parameters: ['monthlyIncome'], hostsVerified: true },
  enabled: true,
  ...extra
})

describe('partner-api doctor', () => {
  let dir: string
  let catalog: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-api-doctor-'))
    catalog = join(dir, 'sources.json')
    writeFileSync(catalog, JSON.stringify([pinnedSource('PayPal'), pinnedSource('Stripe')]))
  })
  afterEach(() => { rmSync(dir, { recursive: true, force: true }) })

  async function doctor (env: Record<string, string>, ...args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main(['doctor', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) }, { DATA_DIR: dir, ...env })
    expect(err).toEqual([])
    // `ok` lines say what is set up; every other line is a finding, the last the verdict.
    const rest = out.filter((l) => !l.startsWith('ok '))
    return { code, out: rest, findings: rest.slice(0, -1), last: rest.at(-1), ok: out.filter((l) => l.startsWith('ok ')) }
  }
  const heads = (lines: string[]) => lines.map((l) => l.slice(0, l.indexOf(':')))

  it('on a fresh instance (no settings, the shipped catalog) lists what is missing or unsafe and exits 1', async () => {
    const shipped = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8')) as Array<{ enabled?: boolean }>
    const res = await doctor({})
    expect(res.code).toBe(1)
    expect(heads(res.findings)).toEqual([
      'error  RECLAIM_APP_ID',
      'error  RECLAIM_ATTESTORS',
      'error  PUBLIC_BASE_URL',
      'error  SANDBOX_ENABLED',
      'error  METRICS_TOKEN',
      'info   SMTP_URL',
      'info   SMS_WEBHOOK_URL',
      'info   TRUST_PROXY',
      'error  RECLAIM_REQUIRE_PINNED',
      'error  catalog',
      'info   catalog'
    ])
    expect(res.ok).toEqual([])
    expect(res.findings[10]).toMatch(/^info {3}catalog: \d+ enabled source\(s\) have request paths still marked to be checked \(PayPal, /)
    expect(res.findings[2]).toBe('error  PUBLIC_BASE_URL: PUBLIC_BASE_URL http://localhost:3000 is on this machine: phones and Reclaim cannot reach it: set it to the https address applicants and Reclaim\'s callbacks reach')
    expect(res.findings[8]).toContain(`${shipped.filter((s) => s.enabled !== false).length} enabled source(s) pin no provider hash (PayPal, Stripe,`)
    expect(res.last).toBe('not ready for production: 7 problem(s) to fix (see README, "Operating in production")')
  })

  it('with everything set and a pinned, checked catalog finds nothing and exits 0', async () => {
    expect(await doctor(PRODUCTION, '--catalog', catalog)).toEqual({ code: 0, out: [HINT_NONE], findings: [], last: HINT_NONE, ok: [BOUNCES_OK, SMS_OK] })
  })

  it.each([
    ['RECLAIM_APP_ID', { RECLAIM_APP_ID: '', RECLAIM_APP_SECRET: '' }, 'error  RECLAIM_APP_ID: RECLAIM_APP_ID and RECLAIM_APP_SECRET are unset: set them to your Reclaim application\'s address and private key'],
    ['RECLAIM_ATTESTORS', { RECLAIM_ATTESTORS: RECLAIM_PRODUCTION_ATTESTOR.toUpperCase().replace('0X', '0x') }, `error  RECLAIM_ATTESTORS: RECLAIM_ATTESTORS is the built-in default (${RECLAIM_PRODUCTION_ATTESTOR}): set it to the attestor addresses you have checked against Reclaim's current list`],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://127.0.0.1:8443' }, 'error  PUBLIC_BASE_URL: PUBLIC_BASE_URL https://127.0.0.1:8443 is on this machine: phones and Reclaim cannot reach it: set it to the https address applicants and Reclaim\'s callbacks reach'],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'http://verify.lender.example' }, 'error  PUBLIC_BASE_URL: PUBLIC_BASE_URL http://verify.lender.example is not https: set it to the https address applicants and Reclaim\'s callbacks reach'],
    ['APP_DEEPLINK_BASE_URL', { APP_DEEPLINK_BASE_URL: 'http://localhost:5173' }, 'error  APP_DEEPLINK_BASE_URL: APP_DEEPLINK_BASE_URL http://localhost:5173 is on this machine: phones and Reclaim cannot reach it: set it to the https address of the applicant page'],
    ['SANDBOX_ENABLED', { SANDBOX_ENABLED: '' }, 'error  SANDBOX_ENABLED: the sandbox is enabled (test keys and simulated proofs): set SANDBOX_ENABLED=false on a production instance'],
    ['SANDBOX_ENABLED', { SANDBOX_ENABLED: 'true' }, 'error  SANDBOX_ENABLED: the sandbox is enabled (test keys and simulated proofs): set SANDBOX_ENABLED=false on a production instance'],
    ['METRICS_TOKEN', { METRICS_TOKEN: ' ' }, 'error  METRICS_TOKEN: METRICS_TOKEN is unset, so /metrics answers anyone: set it to a long random token and give it to your Prometheus'],
    ['SERVER_SECRET', { DATABASE_URL: 'postgres://partner:pw@db.internal:5432/partner' }, 'error  SERVER_SECRET: SERVER_SECRET is unset while DATABASE_URL is set: set one long random secret, the same on every instance']
  ])('reports %s and exits 1: %j', async (_name, change, line) => {
    const res = await doctor({ ...PRODUCTION, ...change }, '--catalog', catalog)
    expect(res).toEqual({ code: 1, out: [line, 'not ready for production: 1 problem(s) to fix (see README, "Operating in production")'], findings: [line], last: expect.any(String), ok: expect.any(Array) })
  })

  it('SERVER_SECRET set with DATABASE_URL is clean; the database is not contacted', async () => {
    const res = await doctor({ ...PRODUCTION, DATABASE_URL: 'postgres://partner:pw@127.0.0.1:1/partner', SERVER_SECRET: 's'.repeat(48) }, '--catalog', catalog)
    expect(res.code).toBe(0)
    expect(res.out.join('\n')).not.toContain('pw')
  })

  it('SMTP_URL or SMS_WEBHOOK_URL unset is information only (their messages stay in the outbox), as is a token without its channel', async () => {
    const res = await doctor({ ...PRODUCTION, SMTP_URL: '', SMS_WEBHOOK_URL: '', SMS_FROM: '' }, '--catalog', catalog)
    expect(res.code).toBe(0)
    expect(res.findings).toEqual([
      'info   SMTP_URL: SMTP_URL is unset: emails carrying the verification link (params.delivery) stay in the outbox (GET /partner/outbox) instead of being sent; set it to your mail server, e.g. smtps://user:password@smtp.example.com:465',
      'info   MAIL_BOUNCE_TOKEN: MAIL_BOUNCE_TOKEN is set but SMTP_URL is not: no email leaves, so none can bounce',
      'info   SMS_WEBHOOK_URL: SMS_WEBHOOK_URL is unset: SMS carrying the verification link stay in the outbox (GET /partner/outbox) instead of being sent; set it (and SMS_FROM) to a Twilio-compatible gateway\'s message URL to send them',
      'info   SMS_INBOUND_TOKEN: SMS_INBOUND_TOKEN is set but SMS_WEBHOOK_URL is not: no SMS leaves, so no STOP reply or status can come back'
    ])
    expect(res.ok).toEqual([])
    expect(res.last).toBe(HINT_NONE)
  })

  it('says bounce handling is configured when SMTP_URL and MAIL_BOUNCE_TOKEN are set, and warns (exit 0) when the token is missing', async () => {
    const configured = await doctor(PRODUCTION, '--catalog', catalog)
    expect(configured.ok).toContain(BOUNCES_OK)

    const res = await doctor({ ...PRODUCTION, MAIL_BOUNCE_TOKEN: '' }, '--catalog', catalog)
    expect(res.code).toBe(0)
    expect(res.findings).toEqual([
      'warn   MAIL_BOUNCE_TOKEN: SMTP_URL is set but MAIL_BOUNCE_TOKEN is unset: bounce handling is off (bounce notifications are refused), so a bounced address is never marked bounced nor suppressed and keeps getting reminders and later links, which hurts your sender reputation; set a long random token (16+ characters) and pipe the bounces that reach MAIL_FROM to POST https://verify.lender.example/partner/delivery/email/bounce with it as the basic-auth password'
    ])
    expect(res.ok).toEqual([SMS_OK])
    expect(res.last).toBe(HINT_WARNED)
    // No secret of the delivery settings is printed.
    for (const secret of [BOUNCE_TOKEN, INBOUND_TOKEN, 'gateway-secret', 'verify:pw']) expect([...configured.out, ...configured.ok, ...res.out].join('\n')).not.toContain(secret)
  })

  it('warns when SMS are sent without SMS_INBOUND_TOKEN (no STOP, no status callback), and names the bounces\' mailbox when MAIL_FROM is unset', async () => {
    const sms = await doctor({ ...PRODUCTION, SMS_INBOUND_TOKEN: '' }, '--catalog', catalog)
    expect(sms.code).toBe(0)
    expect(sms.findings).toEqual([
      'warn   SMS_INBOUND_TOKEN: SMS_INBOUND_TOKEN is unset while SMS_WEBHOOK_URL is set: applicants\' STOP replies cannot reach POST https://verify.lender.example/partner/delivery/sms/inbound, and SMS carry no status callback, so undelivered numbers are never marked bounced nor suppressed; set a long random token and give it to the gateway as its inbound webhook\'s basic-auth password'
    ])
    expect(sms.ok).toEqual([BOUNCES_OK])
    expect(sms.last).toBe(HINT_WARNED)
    expect(sms.out.join('\n')).not.toContain('gateway-secret')

    const from = await doctor({ ...PRODUCTION, MAIL_FROM: '' }, '--catalog', catalog)
    expect(from.code).toBe(0)
    expect(from.findings).toEqual(['info   MAIL_FROM: MAIL_FROM is unset: emails are sent from no-reply@verify.lender.example, where mail servers return their bounces; make sure that mailbox exists and receives them, or set MAIL_FROM to one that does'])
  })

  it('TRUST_PROXY unset is information only: exit 0, one info line', async () => {
    const res = await doctor({ ...PRODUCTION, TRUST_PROXY: '' }, '--catalog', catalog)
    expect(res.code).toBe(0)
    expect(heads(res.findings)).toEqual(['info   TRUST_PROXY'])
    expect(res.last).toBe(HINT_NONE)
  })

  it('unpinned enabled sources are an error without RECLAIM_REQUIRE_PINNED, information with it; disabled ones are ignored', async () => {
    writeFileSync(catalog, JSON.stringify([
      pinnedSource('PayPal'),
      pinnedSource('Upwork', { proofRequirements: { hosts: ['www.upwork.com'], providerHashes: [], parameters: [], hostsVerified: true } }),
      pinnedSource('Legacy', { proofRequirements: undefined, providerHashes: [] }),
      pinnedSource('OldPinned', { proofRequirements: undefined, providerHashes: ['0x' + 'ef'.repeat(32)] }),
      pinnedSource('Retired', { enabled: false, proofRequirements: undefined })
    ]))
    const strict = await doctor(PRODUCTION, '--catalog', catalog)
    expect(strict.code).toBe(0)
    expect(strict.findings).toEqual([`info   catalog: 2 enabled source(s) pin no provider hash (Upwork, Legacy): with RECLAIM_REQUIRE_PINNED=true they refuse live proofs until pinned in ${catalog}`])

    const lax = await doctor({ ...PRODUCTION, RECLAIM_REQUIRE_PINNED: 'false' }, '--catalog', catalog)
    expect(lax.code).toBe(1)
    expect(lax.findings).toEqual([`error  RECLAIM_REQUIRE_PINNED: 2 enabled source(s) pin no provider hash (Upwork, Legacy), so their proofs are bound by host alone: pin their providerHashes in ${catalog} and set RECLAIM_REQUIRE_PINNED=true`])
  })

  it('hosts still marked to be checked are an error naming the sources', async () => {
    writeFileSync(catalog, JSON.stringify([
      pinnedSource('PayPal', { proofRequirements: { hosts: ['api.paypal.com'], providerHashes: ['0x' + 'cd'.repeat(32)], parameters: [], hostsVerified: false } }),
      pinnedSource('Stripe'),
      pinnedSource('Off', { enabled: false, proofRequirements: { hosts: ['x.example'], providerHashes: ['0x01'], hostsVerified: false } })
    ]))
    const res = await doctor(PRODUCTION, '--catalog', catalog)
    expect(res.code).toBe(1)
    expect(res.findings).toEqual([`error  catalog: 1 enabled source(s) have hosts still marked to be checked (PayPal): check each source's proofRequirements.hosts in ${catalog}, mark them checked, then partner-api sources import`])
  })

  it.each([
    ['a missing catalog', null, /^error {2}catalog: cannot read the catalog .*missing\.json: ENOENT/],
    ['a catalog that is not JSON', 'not json', /^error {2}catalog: cannot read the catalog .*: Unexpected token/],
    ['a catalog that is not an array', '{"name":"PayPal"}', /^error {2}catalog: the catalog .* is not a JSON array of sources$/]
  ])('%s is an error, not a crash', async (_name, text, message) => {
    const file = join(dir, 'missing.json')
    if (text !== null) writeFileSync(file, text)
    const res = await doctor(PRODUCTION, '--catalog', file)
    expect(res.code).toBe(1)
    expect(res.findings).toHaveLength(1)
    expect(res.findings[0]).toMatch(message)
  })

  it('flags a data directory or service file other local users may read, naming each with its mode', async () => {
    writeFileSync(join(dir, 'partner-api.sqlite'), '', { mode: 0o644 })
    writeFileSync(join(dir, 'server-secret'), 'x\n', { mode: 0o600 })
    chmodSync(dir, 0o755)
    const res = await doctor(PRODUCTION, '--catalog', catalog)
    expect(res.code).toBe(1)
    expect(res.findings).toEqual([`error  DATA_DIR: other local users may read the data directory (${dir} 755 (directory), ${join(dir, 'partner-api.sqlite')} 644): chmod 700 ${dir} and chmod 600 the files in it`])
    chmodSync(dir, 0o700)
    chmodSync(join(dir, 'partner-api.sqlite'), 0o600)
    expect((await doctor(PRODUCTION, '--catalog', catalog)).code).toBe(0)
  })

  it('warns (SQLite) when searches no longer read in id order, naming partner-api search order --recompute; no database file, no check', async () => {
    expect(await doctor(PRODUCTION, '--catalog', catalog)).toMatchObject({ code: 0, findings: [] })
    expect(existsSync(join(dir, 'partner-api.sqlite'))).toBe(false) // doctor made no database
    expect(await main(['migrate'], { out: () => {}, err: () => {} }, { DATA_DIR: dir })).toBe(0)
    const db = createDatabase({ databaseUrl: null, dataDir: dir })
    try {
      const [team] = await db.kysely.insertInto('teams').values({ name: 'acme', createdAt: '2026-06-01T00:00:00.000Z' }).returning('id').execute()
      const add = async (i: number, at: string) => await db.kysely.insertInto('sessions').values({ teamId: team.id, status: 'PENDING', expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: `h${i}`, createdAt: at, updatedAt: at }).execute()
      await add(1, '2026-06-01T00:10:00.000Z')
      expect(await doctor(PRODUCTION, '--catalog', catalog)).toMatchObject({ code: 0, findings: [], last: HINT_NONE })
      // A session created 2 minutes before the one inserted ahead of it (a clock stepped back): past the 60 s bound.
      await add(2, '2026-06-01T00:08:00.000Z')
      const lagged = await doctor(PRODUCTION, '--catalog', catalog)
      expect(lagged).toMatchObject({ code: 0, last: HINT_WARNED })
      expect(lagged.findings).toEqual(['warn   search order: a session\'s creation time fell 120 s below an earlier session\'s (an edited created_at or a clock stepped back), past the 60 s bound, so the reviewer search no longer reads its matches in id order: searches sorted by creation read as before, slower in a large list; correct any wrong created_at, then run partner-api search order --recompute (it measures the bound again from the stored sessions)'])
      // An edited creation time: unbounded.
      await db.kysely.updateTable('sessions').set({ createdAt: '2026-06-01T00:11:00.000Z' }).where('linkTokenHash', '=', 'h2').execute()
      expect((await doctor(PRODUCTION, '--catalog', catalog)).findings).toEqual(['warn   search order: a session\'s creation time was changed or not written as the service writes it (an edited created_at), so the reviewer search no longer reads its matches in id order: searches sorted by creation read as before, slower in a large list; correct any wrong created_at, then run partner-api search order --recompute (it measures the bound again from the stored sessions)'])
      // Measured again from the rows as they are now (in order): no finding.
      expect((await main(['search', 'order', '--recompute'], { out: () => {}, err: () => {} }, { DATA_DIR: dir }))).toBe(0)
      expect(await doctor(PRODUCTION, '--catalog', catalog)).toMatchObject({ code: 0, findings: [], last: HINT_NONE })
      // A session inserted without session_order's trigger (a migration rebuilding sessions would drop it).
      await sql`drop trigger session_order_insert`.execute(db.kysely)
      await add(3, '2026-06-01T00:12:00.000Z')
      expect((await doctor(PRODUCTION, '--catalog', catalog)).findings).toEqual(['warn   search order: the creation-order bound has not seen the newest sessions (they were inserted without its trigger), so the reviewer search no longer reads its matches in id order: searches sorted by creation read as before, slower in a large list; run partner-api search order --recompute (it measures the bound again from the stored sessions)'])
    } finally {
      await db.close()
    }
  })

  it('a configuration the service would refuse exits 2 with one line, as for every command', async () => {
    const err: string[] = []
    expect(await main(['doctor'], { out: () => {}, err: (s) => err.push(s) }, { ...PRODUCTION, RECLAIM_APP_SECRET: '' })).toBe(2)
    expect(err).toEqual(['configuration error: RECLAIM_APP_ID and RECLAIM_APP_SECRET must be set together'])
  })
})
