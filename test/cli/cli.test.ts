import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp, DEFAULT_CATALOG, ROOT_DIR } from '../../src/app.js'
import { main } from '../../src/cli.js'
import { migrationProvider } from '../../src/db/migrations/index.js'
import { runCli } from '../support/cli.js'
import { loadConfig } from '../../src/config.js'
import { sha256Hex } from '../../src/lib/secrets.js'
import type { App } from '../../src/types.js'
import { dumpDatabase } from '../api/helpers.js'

const run = runCli

describe('the partner-api command', () => {
  let dataDir: string
  let app: App | null = null

  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-cli-')) })
  const sqliteFile = () => join(dataDir, 'partner-api.sqlite')
  afterEach(async () => {
    if (app) await app.close()
    app = null
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** The service, on the same SQLite file the command writes to. */
  async function serviceOnSameData (): Promise<App> {
    app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir }) })
    await app.ready()
    return app
  }
  const listSessions = async (service: App, key: string) =>
    await service.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })

  it('migrate applies the migrations once, then reports the database up to date', async () => {
    // Every migration, in order: the list the provider gives (a new migration changes nothing here).
    const all = Object.keys(await migrationProvider.getMigrations()).sort()
    expect(await run(dataDir, 'migrate')).toEqual({ code: 0, out: [`applied: ${all.join(', ')}`], err: [`wrote to SQLite at ${sqliteFile()}`] })
    expect(await run(dataDir, 'migrate')).toEqual({ code: 0, out: ['database is up to date'], err: [`checked SQLite at ${sqliteFile()}`] })
  })

  describe('keys', () => {
    it('keys create prints exactly one JSON object {id, key, teamId, reviewerId, prefix}, and the key works against the service', async () => {
      const res = await run(dataDir, 'keys', 'create', '--team', 'acme', '--reviewer', 'alice', '--name', 'ci')
      expect(res.code).toBe(0)
      expect(res.err).toEqual([`wrote to SQLite at ${sqliteFile()}`])
      expect(res.out).toHaveLength(1)
      const created = JSON.parse(res.out[0])
      expect(created).toEqual({
        id: 1, key: expect.stringMatching(/^pa_[A-Za-z0-9_-]{43}$/), teamId: 1, reviewerId: 'alice', prefix: created.key.slice(0, 9), livemode: true, permissions: ['read', 'create', 'decide', 'resend', 'cancel'], apiVersion: '2026-12-01'
      })

      const service = await serviceOnSameData()
      const list = await listSessions(service, created.key)
      expect(list.statusCode).toBe(200)
      expect(list.json()).toEqual({ success: true, data: [], total: 0, limit: 20, offset: 0, hasMore: false })
      // Stored only as its SHA-256.
      expect(await dumpDatabase(service.ctx.db)).not.toContain(created.key)
      const row = await service.ctx.db.kysely.selectFrom('apiKeys').select('keyHash').where('id', '=', created.id).executeTakeFirstOrThrow()
      expect(row.keyHash).toBe(sha256Hex(created.key))
    })

    it('keys create warns when the service on this machine\'s PORT uses another database, and not when it uses the same one', async () => {
      const other = mkdtempSync(join(tmpdir(), 'partner-api-cli-other-'))
      const service = await buildApp({ config: loadConfig({ DATA_DIR: other }) })
      try {
        await service.listen({ port: 0, host: '127.0.0.1' })
        const port = String((service.server.address() as AddressInfo).port)
        const io = () => { const out: string[] = []; const err: string[] = []; return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } } }
        const elsewhere = io()
        expect(await main(['keys', 'create', '--team', 'acme'], elsewhere.io, { DATA_DIR: dataDir, PORT: port })).toBe(0)
        expect(elsewhere.err).toEqual([
          `wrote to SQLite at ${sqliteFile()}`,
          `warning: the partner-api service on port ${port} uses another database than this command (SQLite at ${sqliteFile()}): what was written here is not seen there. Run the command with the service's DATA_DIR or DATABASE_URL (and in its directory).`
        ])
        const same = io()
        expect(await main(['keys', 'create', '--team', 'acme'], same.io, { DATA_DIR: other, PORT: port })).toBe(0)
        expect(same.err).toEqual([`wrote to SQLite at ${join(other, 'partner-api.sqlite')}`])
      } finally {
        await service.close()
        rmSync(other, { recursive: true, force: true })
      }
    })

    it('keys create without --reviewer makes a team-wide key; a second key of the team shares its teamId', async () => {
      const first = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
      const second = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
      const other = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'globex')).out[0])
      expect(first.reviewerId).toBeNull()
      expect(second.teamId).toBe(first.teamId)
      expect(other.teamId).not.toBe(first.teamId)
      expect(second.key).not.toBe(first.key)
    })

    it('keys create --permissions makes a key with only those, which the service holds it to', async () => {
      const res = await run(dataDir, 'keys', 'create', '--team', 'acme', '--permissions', 'decide, audit:read')
      expect(res.code).toBe(0)
      const created = JSON.parse(res.out[0])
      expect(created.permissions).toEqual(['decide', 'audit:read'])
      const service = await serviceOnSameData()
      const keys = await service.inject({ url: '/partner/keys', headers: { 'x-api-key': created.key } })
      expect(keys.statusCode).toBe(403)
      const audit = await service.inject({ url: '/partner/audit-log', headers: { 'x-api-key': created.key } })
      expect(audit.statusCode).toBe(200)
      expect(audit.json().data).toEqual([expect.objectContaining({ action: 'api_key.created', actor: { type: 'system', id: 'cli', label: 'partner-api command' } })])
    })

    it('keys list shows the keys but never the key itself', async () => {
      const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme', '--name', 'ci')).out[0])
      const res = await run(dataDir, 'keys', 'list')
      expect(res.code).toBe(0)
      const text = res.out.join('\n')
      expect(text).not.toContain(created.key)
      expect(text).not.toContain(created.key.slice(9))
      const listed = JSON.parse(text)
      expect(listed).toEqual([expect.objectContaining({ id: created.id, teamId: created.teamId, teamName: 'acme', name: 'ci', prefix: created.prefix, revokedAt: null })])
      expect(Object.keys(listed[0])).not.toContain('keyHash')
    })

    it('keys revoke makes the key 401 at once, even for a service already running', async () => {
      const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
      const service = await serviceOnSameData()
      expect((await listSessions(service, created.key)).statusCode).toBe(200)

      expect(await run(dataDir, 'keys', 'revoke', String(created.id))).toEqual({ code: 0, out: [JSON.stringify({ id: created.id, revoked: true })], err: [`wrote to SQLite at ${sqliteFile()}`] })
      const res = await listSessions(service, created.key)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ statusCode: 401, message: 'Invalid or revoked API key', error: 'Unauthorized', code: 'api_key_invalid', requestId: res.headers['x-request-id'] })
      expect(JSON.parse((await run(dataDir, 'keys', 'list')).out.join('\n'))[0].revokedAt).toEqual(expect.any(String))
    })

    it('keys revoke of an unknown or already revoked key exits 1', async () => {
      const created = JSON.parse((await run(dataDir, 'keys', 'create', '--team', 'acme')).out[0])
      await run(dataDir, 'keys', 'revoke', String(created.id))
      expect(await run(dataDir, 'keys', 'revoke', String(created.id))).toEqual({ code: 1, out: [], err: [`no active key with id ${created.id}`] })
      expect((await run(dataDir, 'keys', 'revoke', '999')).code).toBe(1)
    })
  })

  describe('sources', () => {
    it('sources list prints the default catalog, PayPal first', async () => {
      const res = await run(dataDir, 'sources', 'list')
      expect(res.code).toBe(0)
      const listed = JSON.parse(res.out.join('\n'))
      const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8'))
      expect(listed).toHaveLength(catalog.length)
      expect(listed[0]).toMatchObject({ id: 1, name: 'PayPal', sourceName: 'PayPal', category: 'payments' })
      expect(listed.map((s: { sourceName: string }) => s.sourceName)).toEqual(catalog.map((c: { sourceName: string }) => c.sourceName))
    })

    it('sources import upserts by sourceName: an edited description updates in place, a new source is added, ids stay', async () => {
      const before = JSON.parse((await run(dataDir, 'sources', 'list')).out.join('\n'))
      const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8'))
      catalog[0].description = 'Prove the income paid into your PayPal account last month.'
      catalog[1].sourceName = 'STRIPE' // same source, ignoring case
      catalog.push({ name: 'Acme Payroll', description: 'Prove salary paid through Acme Payroll.', sourceName: 'AcmePayroll', logoUrl: 'https://cdn.acme.test/logo.svg', category: 'payroll', providerId: 'acme-payroll-provider', loginFlow: null, proofRequirements: { hosts: ['payroll.acme.test'], parameters: ['monthlySalary'] } })
      const file = join(dataDir, 'edited.json')
      writeFileSync(file, JSON.stringify(catalog))

      const res = await run(dataDir, 'sources', 'import', file)
      expect(res).toEqual({ code: 0, out: [JSON.stringify({ created: 1, updated: before.length })], err: [`wrote to SQLite at ${sqliteFile()}`] })

      const after = JSON.parse((await run(dataDir, 'sources', 'list')).out.join('\n'))
      expect(after).toHaveLength(before.length + 1)
      expect(after.slice(0, before.length).map((s: { id: number }) => s.id)).toEqual(before.map((s: { id: number }) => s.id))
      expect(after[0]).toMatchObject({ id: 1, name: 'PayPal', description: 'Prove the income paid into your PayPal account last month.' })
      expect(after[1]).toMatchObject({ id: 2, name: 'Stripe' })
      expect(after.at(-1)).toMatchObject({ id: before.length + 1, name: 'Acme Payroll', sourceName: 'AcmePayroll', logoUrl: 'https://cdn.acme.test/logo.svg', loginFlow: null, enabled: true })

      // The service on the same data sees the edit.
      const service = await serviceOnSameData()
      expect((await service.ctx.repos.sources.findById(1))?.description).toBe('Prove the income paid into your PayPal account last month.')
    })

    it('sources import refuses an invalid catalog with exit 2 and changes nothing', async () => {
      const before = (await run(dataDir, 'sources', 'list')).out.join('\n')
      const file = join(dataDir, 'bad.json')
      writeFileSync(file, JSON.stringify([{ name: 'No source name' }]))
      const res = await run(dataDir, 'sources', 'import', file)
      expect(res.code).toBe(2)
      expect(res.err[0]).toMatch(/^error: catalog entry is invalid at \/0/)
      expect((await run(dataDir, 'sources', 'list')).out.join('\n')).toBe(before)
    })

    it('sources import of a missing file exits 2', async () => {
      const res = await run(dataDir, 'sources', 'import', join(dataDir, 'missing.json'))
      expect(res.code).toBe(2)
      expect(res.err[0]).toMatch(/^error: ENOENT/)
    })
  })

  describe('help and version', () => {
    it.each([[[]], [['help']], [['--help']], [['-h']], [['keys', 'create', '--help']]])('partner-api %j prints the usage and exits 0, starting nothing', async (argv) => {
      const res = await run(dataDir, ...argv)
      expect(res.code).toBe(0)
      expect(res.err).toEqual([])
      expect(res.out).toHaveLength(1)
      expect(res.out[0]).toMatch(/^Usage: partner-api <command>\n/)
      expect(res.out[0]).toContain('  doctor [--catalog FILE]')
      expect(readdirSync(dataDir)).toEqual([]) // no database opened
    })

    it.each([[['--version']], [['-v']], [['version']]])('partner-api %j prints the version of package.json', async (argv) => {
      const { version } = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'))
      expect(version).toMatch(/^\d+\.\d+\.\d+/)
      expect(await run(dataDir, ...argv)).toEqual({ code: 0, out: [version], err: [] })
    })

    it('help and version need no valid configuration', async () => {
      const out: string[] = []
      expect(await main(['--version'], { out: (s) => out.push(s), err: () => {} }, { PORT: 'eighty' })).toBe(0)
      expect(out).toHaveLength(1)
    })
  })

  describe('bad usage exits 2 with one line saying what is wrong and a hint, not the usage', () => {
    it.each([
      [['frobnicate'], 'error: unknown command "frobnicate"'],
      [['--frobnicate'], 'error: unknown option "--frobnicate"'],
      [['keys'], 'error: keys needs a command: create, list, revoke or limits'],
      [['keys', 'rotate'], 'error: unknown keys command "rotate"'],
      [['keys', 'create'], 'error: keys create needs --team NAME'],
      [['keys', 'create', '--team', ' '], 'error: keys create needs --team NAME'],
      [['keys', 'create', '--team', 'acme', '--bogus'], 'error: Unknown option \'--bogus\''],
      [['keys', 'create', '--team', 'acme', '-x'], 'error: Unknown option \'-x\''],
      [['keys', 'create', '--team'], 'error: Option \'--team <value>\' argument missing'],
      [['keys', 'create', '--team', 'acme', '--rate-limit', 'lots'], 'error: --rate-limit must be an integer >= 1'],
      [['keys', 'create', '--team', 'acme', '--permissions', 'decide,sudo'], 'error: --permissions: sudo is not available to a key; choose from read, create, decide, resend, cancel, redact, events, webhooks, redeliver, assign, users, keys:write, audit:read, settings'],
      [['keys', 'create', '--team', 'acme', '--reviewer', 'ann', '--permissions', 'webhooks,keys:write'], 'error: --permissions: webhooks, keys:write are not available to a reviewer\'s key; choose from read, create, decide, resend, cancel'],
      [['keys', 'list', 'all'], 'error: Unexpected argument \'all\''],
      [['keys', 'revoke'], 'error: keys revoke needs an ID'],
      [['keys', 'revoke', 'abc'], 'error: ID must be an integer >= 1'],
      [['keys', 'revoke', '1', '2'], 'error: keys revoke takes one ID'],
      [['sources'], 'error: sources needs a command: list, import, hash or pin'],
      [['sources', 'import'], 'error: sources import needs a FILE'],
      [['sources', 'import', 'a.json', 'b.json'], 'error: sources import takes one FILE'],
      [['sources', 'delete'], 'error: unknown sources command "delete"'],
      [['proof'], 'error: proof needs a command: proof verify FILE'],
      [['proof', 'sign'], 'error: unknown proof command "sign"'],
      [['migrate', '--force'], 'error: Unknown option \'--force\''],
      [['serve', '--port', '80'], 'error: Unknown option \'--port\''],
      [['doctor', '--catalog'], 'error: Option \'--catalog <value>\' argument missing'],
      [['demo', 'now'], 'error: Unexpected argument \'now\'']
    ])('partner-api %j', async (argv, message) => {
      expect(await run(dataDir, ...argv)).toEqual({ code: 2, out: [], err: [message, 'run `partner-api --help` for the usage'] })
    })

    it('an unknown command is reported before a bad configuration', async () => {
      const err: string[] = []
      expect(await main(['frobnicate'], { out: () => {}, err: (s) => err.push(s) }, { PORT: 'eighty' })).toBe(2)
      expect(err[0]).toBe('error: unknown command "frobnicate"')
    })

    it('a bad configuration exits 2 with one line', async () => {
      const err: string[] = []
      const code = await main(['keys', 'list'], { out: () => {}, err: (s) => err.push(s) }, { DATA_DIR: dataDir, PORT: 'eighty' })
      expect(code).toBe(2)
      expect(err).toEqual(['configuration error: PORT must be an integer, got "eighty"'])
    })

    it.each([
      ['RATE_LIMIT_ENABLED', 'perhaps'],
      ['WEBHOOK_ALLOW_PRIVATE_URLS', 'maybe']
    ])('a boolean setting that is neither true nor false (%s) exits 2 with one line', async (name, value) => {
      const err: string[] = []
      const code = await main(['keys', 'list'], { out: () => {}, err: (s) => err.push(s) }, { DATA_DIR: dataDir, [name]: value })
      expect(code).toBe(2)
      expect(err).toEqual([`configuration error: ${name} must be true or false, got "${value}"`])
    })
  })
})
