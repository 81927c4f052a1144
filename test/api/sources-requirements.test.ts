import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, DEFAULT_CATALOG } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { migrationProvider } from '../../src/db/migrations/index.js'
import { normalizeHost, validateCatalogEntry } from '../../src/modules/sources/catalog.js'
import { CatalogError, parseCatalog } from '../../src/modules/sources/sources.service.js'
import { buildTestApp, openTestDb, TestClock, type TestApp } from '../support/harness.js'
import { applicantSession, createKey, type PartnerKey } from '../support/factories.js'
import { TEST_ENV } from './helpers.js'

interface Requirements { hosts: string[], providerHashes: string[], parameters: string[], hostsVerified: boolean, paths?: string[], extraction?: Record<string, { jsonPath?: string, regex?: string }> }
interface CatalogEntry { name: string, sourceName: string, enabled?: boolean, proofRequirements: Requirements }
const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8')) as CatalogEntry[]
const shown = (entry: CatalogEntry) => ({
  hosts: entry.proofRequirements.hosts,
  providerHashes: entry.proofRequirements.providerHashes,
  parameters: entry.proofRequirements.parameters,
  paths: entry.proofRequirements.paths ?? [],
  extraction: entry.proofRequirements.extraction ?? {}
})

describe('the shipped catalog\'s proof requirements', () => {
  it('gives all 45 sources at least one https host, marked as to be checked by the operator', () => {
    expect(catalog).toHaveLength(45)
    for (const entry of catalog) {
      expect(validateCatalogEntry(entry), entry.sourceName).toEqual([])
      expect(entry.proofRequirements.hosts.length, entry.sourceName).toBeGreaterThan(0)
      expect(entry.proofRequirements.parameters.length, entry.sourceName).toBeGreaterThan(0)
      expect(entry.proofRequirements.hostsVerified).toBe(false)
    }
    expect(catalog.find((e) => e.sourceName === 'PayPal')?.proofRequirements.hosts).toEqual(['www.paypal.com'])
    expect(catalog.find((e) => e.sourceName === 'Upwork')?.proofRequirements.hosts).toEqual(['www.upwork.com'])
  })
})

describe('validateCatalogEntry and normalizeHost', () => {
  const entry = (proofRequirements?: unknown) => ({ name: 'Pay Co', sourceName: 'PayCo', proofRequirements } as Parameters<typeof validateCatalogEntry>[0])

  it('refuses an entry without hosts, naming it', () => {
    const problem = 'catalog entry "PayCo" (Pay Co) declares no proofRequirements.hosts: every source needs at least one https host its proofs\' requests go to'
    expect(validateCatalogEntry(entry())).toEqual([problem])
    expect(validateCatalogEntry(entry({ hosts: [], parameters: [] }))).toEqual([problem])
  })

  it.each(['https://www.paypal.com', 'www.paypal.com/path', 'paypal', 'user@www.paypal.com', '{{host}}.paypal.com', 'www.paypal.com:99999', '10.0.0.1', ''])(
    'refuses the host %j', (host) => {
      expect(normalizeHost(host)).toBeNull()
      expect(validateCatalogEntry(entry({ hosts: [host] }))).toEqual([
        `catalog entry "PayCo" (Pay Co) lists ${JSON.stringify(host)} in proofRequirements.hosts, which is not an https host name (e.g. "www.paypal.com")`
      ])
    })

  it('normalises case and the default port', () => {
    expect(normalizeHost('WWW.PayPal.com')).toBe('www.paypal.com')
    expect(normalizeHost('www.paypal.com:443')).toBe('www.paypal.com')
    expect(normalizeHost('api.paypal.com:8443')).toBe('api.paypal.com:8443')
  })

  it('refuses parameter names that are not names', () => {
    expect(validateCatalogEntry(entry({ hosts: ['a.test'], parameters: ['monthly income', 'x', 'x'] }))).toEqual([
      'catalog entry "PayCo" (Pay Co) lists "monthly income" in proofRequirements.parameters, which is not a parameter name',
      'catalog entry "PayCo" (Pay Co) lists a parameter twice in proofRequirements.parameters'
    ])
  })

  it('parseCatalog refuses the whole file over one entry without hosts, and merges both places of pins', () => {
    const good = { name: 'A', description: '', sourceName: 'A', logoUrl: '/a.svg', category: 'payments', providerId: 'p', proofRequirements: { hosts: ['A.test'], parameters: ['x'] } }
    const bad = { ...good, name: 'B', sourceName: 'B', proofRequirements: undefined }
    expect(() => parseCatalog(JSON.stringify([good, bad]))).toThrow(CatalogError)
    expect(() => parseCatalog(JSON.stringify([good, bad]))).toThrow('catalog entry "B" (B) declares no proofRequirements.hosts')
    const pin = `0x${'AB'.repeat(32)}`
    const [parsed] = parseCatalog(JSON.stringify([{ ...good, providerHashes: [pin], proofRequirements: { hosts: ['A.test'], providerHashes: [pin.toLowerCase()] } }]))
    expect(parsed).toMatchObject({ providerHashes: [pin.toLowerCase()], proofHosts: ['a.test'], proofParameters: [], hostsVerified: false })
  })
})

describe('sources show proofRequirements', () => {
  let t: TestApp
  let key: PartnerKey

  beforeAll(async () => {
    t = await buildTestApp({ ...TEST_ENV })
    key = await createKey(t.app, 'acme')
  })
  afterAll(async () => { await t.close() })

  it('on every source of GET /partner/sources/session/:sessionId, as the catalog declares them', async () => {
    const { session, csrf } = await applicantSession(t.app, key.key)
    const res = await t.app.inject({ url: `/partner/sources/session/${session.id}`, headers: { 'x-csrf-token': csrf } })
    expect(res.statusCode).toBe(200)
    const enabled = catalog.filter((e) => e.enabled !== false)
    expect(res.json().map((s: any) => [s.sourceName, s.proofRequirements])).toEqual(enabled.map((e) => [e.sourceName, shown(e)]))
  })

  it('on GET /partner/sources/search', async () => {
    const { csrf } = await applicantSession(t.app, key.key)
    const res = await t.app.inject({ url: '/partner/sources/search?text=upwork', headers: { 'x-csrf-token': csrf } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toHaveLength(1)
    expect(res.json()[0].proofRequirements).toEqual({ hosts: ['www.upwork.com'], providerHashes: [], parameters: ['monthlyIncome', 'currency', 'completedContracts'], paths: ['/api/*', '/nx/*'], extraction: {} })
  })

  it('an import with an entry without hosts is refused naming the entry, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'))
    try {
      const file = join(dir, 'sources.json')
      const entries = [
        { name: 'New Pay', description: '', sourceName: 'NewPay', logoUrl: '/a.svg', category: 'payments', providerId: 'p', proofRequirements: { hosts: ['www.newpay.test'] } },
        { name: 'Hostless', description: '', sourceName: 'Hostless', logoUrl: '/a.svg', category: 'payments', providerId: 'p' }
      ]
      await writeFile(file, JSON.stringify(entries))
      const before = await t.app.ctx.sources.repo.count()
      await expect(t.app.ctx.sources.importFile(file)).rejects.toThrow('catalog entry "Hostless" (Hostless) declares no proofRequirements.hosts')
      expect(await t.app.ctx.sources.repo.count()).toBe(before)
      expect(await t.app.ctx.sources.repo.findBySourceName('NewPay')).toBeUndefined()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

const OLD_ROW = { description: 'old', logoUrl: '/a.svg', category: 'payments', providerId: 'p', loginFlow: null, verificationTypeIds: '[1]', enabled: 1 }
const STRIPE_EDITED = {
  name: 'Stripe',
  description: 'old',
  sourceName: 'Stripe',
  logoUrl: '/a.svg',
  category: 'payments',
  providerId: 'p',
  providerHashes: [],
  verificationTypeIds: [1],
  loginFlow: null,
  enabled: true
}

describe('upgrading a database from before proof requirements', () => {
  it('gives existing sources the shipped hosts by sourceName, keeping ids, an operator\'s pins and its own sources', async () => {
    const { db, drop } = await openTestDb()
    try {
      const migrationTableSchema = db.dialect === 'postgres'
        ? (await sql<{ current: string }>`select current_schema() as current`.execute(db.kysely)).rows[0].current
        : undefined
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider, migrationTableSchema })
      const before = await migrator.migrateTo('2026-11-25-0004-idempotency-created-at-index')
      expect(before.error).toBeUndefined()

      // Rows as the previous release wrote them: no proof columns yet.
      const old = db.kysely as unknown as Kysely<any>
      const now = new Date().toISOString()
      const pin = `0x${'cd'.repeat(32)}`
      const row = (sourceName: string, providerHashes: string[]) => ({
        ...OLD_ROW, name: sourceName, sourceName, sourceNameKey: sourceName.toLowerCase(), providerHashes: JSON.stringify(providerHashes), createdAt: now, updatedAt: now
      })
      await old.insertInto('sources').values([row('Stripe', []), row('PayPal', [pin]), row('OwnSource', [])]).execute()

      const config = loadConfig({ PUBLIC_BASE_URL: 'http://partner.test', APP_DEEPLINK_BASE_URL: 'https://app.partner.test', ...TEST_ENV })
      const app = await buildApp({ config, db, clock: new TestClock() })
      try {
        await app.ready()
        const rows = await app.ctx.sources.repo.listAll()
        const view = Object.fromEntries(rows.map((r) => [r.sourceName, [r.id, app.ctx.sources.view(r).proofRequirements, r.hostsVerified, r.description]]))
        const stripe = catalog.find((e) => e.sourceName === 'Stripe')!
        const paypal = catalog.find((e) => e.sourceName === 'PayPal')!
        expect(view).toEqual({
          Stripe: [1, shown(stripe), 0, 'old'],
          PayPal: [2, { ...shown(paypal), providerHashes: [pin] }, 0, 'old'],
          OwnSource: [3, { hosts: [], providerHashes: [], parameters: [], paths: [], extraction: {} }, 0, 'old']
        })
        // An operator's hosts survive the next boot's seeding.
        await app.ctx.sources.repo.upsert([{ ...STRIPE_EDITED, proofHosts: ['connect.stripe.com'], proofParameters: ['payouts'] }], now)
        await app.ctx.sources.seedDefaultCatalog()
        expect(app.ctx.sources.view((await app.ctx.sources.repo.findBySourceName('Stripe'))!).proofRequirements)
          .toEqual({ hosts: ['connect.stripe.com'], providerHashes: [], parameters: ['payouts'], paths: [], extraction: {} })
      } finally {
        await app.close()
      }

      // And the migration goes down and up again.
      expect((await migrator.migrateDown()).error).toBeUndefined()
      expect((await migrator.migrateUp()).error).toBeUndefined()
    } finally {
      await drop()
    }
  })
})
