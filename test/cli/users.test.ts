import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { runCli as run } from '../support/cli.js'
import { GOOD_PASSWORD, sessionCookieOf } from '../console/support.js'
import { codeAt } from '../../src/modules/users/totp.js'

describe('partner-api users', () => {
  let dataDir: string
  let app: App | null = null
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-users-')) })
  afterEach(async () => {
    if (app) await app.close()
    app = null
    rmSync(dataDir, { recursive: true, force: true })
  })
  /** The team's user.* audit entries, newest first (actor, action, details, ip, requestId). */
  const userEntries = async (s: App) => (await s.ctx.audit.list({ teamId: 1, livemode: null }, { action: 'user.*', limit: 100 }, 100)).data
    .map(({ action, actor, ip, requestId, details }) => ({ action, actor, ip, requestId, details }))
  const service = async (): Promise<App> => {
    app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: 'https://verify.lender.example' }) })
    await app.ready()
    return app
  }

  it('users create prints {user, setupUrl}; the link sets a password the console accepts', async () => {
    const res = await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'Ana@Acme.example', '--role', 'admin', '--name', 'Ana')
    expect(res.code).toBe(0)
    expect(res.out).toHaveLength(1)
    const created = JSON.parse(res.out[0])
    expect(created.user).toMatchObject({ id: 1, teamId: 1, email: 'Ana@Acme.example', name: 'Ana', role: 'admin', reviewerId: 'ana@acme.example', passwordSet: false, disabledAt: null })
    expect(created.setupUrl).toMatch(/^http:\/\/localhost(:\d+)?\/console\/setup\?token=[A-Za-z0-9_-]{43}$/)

    const s = await service()
    const token = new URL(created.setupUrl).searchParams.get('token')
    expect((await s.inject({ method: 'POST', url: '/console/setup', payload: { token, password: GOOD_PASSWORD } })).statusCode).toBe(200)
    const signIn = await s.inject({ method: 'POST', url: '/console/session', payload: { email: 'ana@acme.example', password: GOOD_PASSWORD } })
    expect(signIn.statusCode).toBe(200)
    expect(sessionCookieOf(signIn.headers['set-cookie'], '__Host-partner_console')).toBeTruthy()
  })

  it('users create takes --reviewer-id, and refuses a duplicate email in the team (any case)', async () => {
    const first = await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'bo@acme.example', '--role', 'reviewer', '--reviewer-id', 'queue-7')
    expect(JSON.parse(first.out[0]).user.reviewerId).toBe('queue-7')
    const dup = await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'BO@acme.example', '--role', 'viewer')
    expect(dup).toEqual({ code: 1, out: [], err: ['error: The team already has a user with this email'] })
    const otherTeam = await run(dataDir, 'users', 'create', '--team', 'globex', '--email', 'bo@acme.example', '--role', 'viewer')
    expect(otherTeam.code).toBe(0)
  })

  it('refuses bad flags with a usage error', async () => {
    expect((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'x@acme.example', '--role', 'owner')).err[0]).toBe('error: users create needs --role admin, reviewer or viewer')
    expect((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'nope', '--role', 'admin')).err[0]).toBe('error: --email must be an email address')
    expect((await run(dataDir, 'users', 'create', '--email', 'x@acme.example', '--role', 'admin')).err[0]).toBe('error: users create needs --team NAME')
    expect((await run(dataDir, 'users', 'frobnicate')).code).toBe(2)
  })

  it('users list shows every team\'s users, or one team\'s, without password hashes', async () => {
    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'a@acme.example', '--role', 'admin')
    await run(dataDir, 'users', 'create', '--team', 'globex', '--email', 'g@globex.example', '--role', 'viewer')
    const all = await run(dataDir, 'users', 'list')
    expect(JSON.parse(all.out.join('\n')).map((u: { email: string, teamName: string }) => `${u.teamName}:${u.email}`)).toEqual(['acme:a@acme.example', 'globex:g@globex.example'])
    const acme = await run(dataDir, 'users', 'list', '--team', 'acme')
    expect(JSON.parse(acme.out.join('\n'))).toHaveLength(1)
    expect(all.out.join('\n')).not.toMatch(/passwordHash|argon2/)
  })

  it('users disable by email or id ends the user\'s console sessions', async () => {
    const created = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'c@acme.example', '--role', 'viewer')).out[0])
    await run(dataDir, 'users', 'create', '--team', 'globex', '--email', 'c@acme.example', '--role', 'viewer')
    const s = await service()
    await s.inject({ method: 'POST', url: '/console/setup', payload: { token: new URL(created.setupUrl).searchParams.get('token'), password: GOOD_PASSWORD } })
    const signIn = await s.inject({ method: 'POST', url: '/console/session', payload: { email: 'c@acme.example', password: GOOD_PASSWORD } })
    const cookie = `__Host-partner_console=${sessionCookieOf(signIn.headers['set-cookie'], '__Host-partner_console') as string}`
    expect((await s.inject({ url: '/console/session', headers: { cookie } })).statusCode).toBe(200)

    expect(await run(dataDir, 'users', 'disable', 'c@acme.example')).toMatchObject({ code: 1, err: ['error: c@acme.example is a user of several teams: name one with --team'] })
    const disabled = await run(dataDir, 'users', 'disable', 'C@acme.example', '--team', 'acme')
    expect(disabled.code).toBe(0)
    expect(JSON.parse(disabled.out[0])).toMatchObject({ id: created.user.id, disabledAt: expect.any(String) })
    expect((await s.inject({ url: '/console/session', headers: { cookie } })).statusCode).toBe(401)

    expect(await run(dataDir, 'users', 'disable', '999')).toMatchObject({ code: 1, err: ['error: No user 999'] })
    expect((await run(dataDir, 'users', 'disable', String(created.user.id as number))).code).toBe(0) // already disabled: unchanged
  })

  it('users disable refuses the team\'s last enabled admin (exit 1, nothing changes); another admin can go', async () => {
    const ana = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'ana@acme.example', '--role', 'admin')).out[0])
    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'vic@acme.example', '--role', 'viewer')
    await run(dataDir, 'users', 'create', '--team', 'globex', '--email', 'gus@globex.example', '--role', 'admin') // another team's admin does not count
    const refused = await run(dataDir, 'users', 'disable', 'ana@acme.example')
    expect(refused).toEqual({ code: 1, out: [], err: ['error: ana@acme.example is the last enabled admin of team "acme": make another admin first (partner-api users create --team acme --role admin ...), or disable them anyway with --force'] })
    const listed = JSON.parse((await run(dataDir, 'users', 'list', '--team', 'acme')).out.join('\n'))
    expect(listed.find((u: { id: number }) => u.id === ana.user.id)).toMatchObject({ role: 'admin', disabledAt: null })

    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'bo@acme.example', '--role', 'admin')
    const disabled = await run(dataDir, 'users', 'disable', String(ana.user.id as number))
    expect(disabled.code).toBe(0)
    expect(JSON.parse(disabled.out[0])).toMatchObject({ id: ana.user.id, disabledAt: expect.any(String) })
    expect((await run(dataDir, 'users', 'disable', 'bo@acme.example')).code).toBe(1) // now the last one
  })

  it('users disable --force disables the last enabled admin, warns on stderr how to add one, and its audit entry says forced', async () => {
    const ana = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'ana@acme.example', '--role', 'admin')).out[0])
    const forced = await run(dataDir, 'users', 'disable', 'ana@acme.example', '--force')
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.out[0])).toMatchObject({ id: ana.user.id, role: 'admin', disabledAt: expect.any(String) })
    expect(forced.err).toEqual([
      'warning: team "acme" now has no enabled admin: nobody can manage its users from the console. Add one with: partner-api users create --team acme --email EMAIL --role admin',
      expect.stringMatching(/^wrote to /)
    ])
    const [entry] = await userEntries(await service())
    expect(entry).toMatchObject({ action: 'user.updated', details: { userId: ana.user.id, changed: ['disabled'], role: 'admin', disabled: true, forced: true } })

    // --force that overrides nothing (another admin stays) says nothing more, and is not recorded as forced.
    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'bo@acme.example', '--role', 'admin')
    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'cy@acme.example', '--role', 'admin')
    const plain = await run(dataDir, 'users', 'disable', 'bo@acme.example', '--force')
    expect(plain.err).toEqual([expect.stringMatching(/^wrote to /)])
    expect((await userEntries(app as App))[0].details).toEqual({ userId: JSON.parse(plain.out[0]).id, changed: ['disabled'], role: 'admin', disabled: true })
  })

  it('each users command leaves the audit entry the API writes for the same action, by the partner-api command', async () => {
    const ana = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'ana@acme.example', '--role', 'admin')).out[0])
    const bo = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'bo@acme.example', '--role', 'viewer')).out[0])
    expect((await run(dataDir, 'users', 'setup-link', 'bo@acme.example')).code).toBe(0)
    expect((await run(dataDir, 'users', 'reset-totp', 'bo@acme.example')).code).toBe(0)
    expect((await run(dataDir, 'users', 'disable', 'bo@acme.example')).code).toBe(0)
    expect((await run(dataDir, 'users', 'disable', 'ana@acme.example')).code).toBe(1) // refused: no entry
    await run(dataDir, 'users', 'list')

    const s = await service()
    const cli = { type: 'system', id: 'cli', label: 'partner-api command' }
    const byCli = (await userEntries(s)).reverse()
    expect(byCli).toEqual([
      { action: 'user.created', actor: cli, ip: null, requestId: null, details: { userId: ana.user.id, email: 'ana@acme.example', role: 'admin' } },
      { action: 'user.created', actor: cli, ip: null, requestId: null, details: { userId: bo.user.id, email: 'bo@acme.example', role: 'viewer' } },
      { action: 'user.setup_link_issued', actor: cli, ip: null, requestId: null, details: { userId: bo.user.id } },
      { action: 'user.totp_reset', actor: cli, ip: null, requestId: null, details: { userId: bo.user.id } }, // two-step sign-in was off: the API records it too
      { action: 'user.updated', actor: cli, ip: null, requestId: null, details: { userId: bo.user.id, changed: ['disabled'], role: 'viewer', disabled: true } }
    ])

    // The same actions over the API: the same entries but for who acted.
    const key = await s.ctx.keys.create({ team: 'acme' })
    const api = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const res = await s.inject({ method, url, headers: { 'x-api-key': key.key }, ...(payload ? { payload } : {}) })
      expect(res.statusCode, res.body).toBeLessThan(300)
      return res.json()
    }
    const cy = (await api('POST', '/partner/users', { email: 'cy@acme.example', role: 'viewer' })).data.user
    await api('POST', `/partner/users/${cy.id as number}/setup-link`, {})
    await api('DELETE', `/partner/users/${cy.id as number}/totp`)
    await api('PATCH', `/partner/users/${cy.id as number}`, { disabled: true })
    const byApi = (await userEntries(s)).reverse().slice(byCli.length)
    expect(byApi.map((e) => ({ ...e, actor: cli, ip: null, requestId: null, details: { ...e.details, userId: 0 } })))
      .toEqual(byCli.slice(1).map((e) => ({ ...e, details: { ...e.details, userId: 0, ...('email' in e.details ? { email: 'cy@acme.example' } : {}) } })))
  })

  it('commits each users command\'s change with its audit entry, or neither: a failing entry leaves the change unstored (SQLite)', async () => {
    const ana = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'ana@acme.example', '--role', 'admin')).out[0])
    const db = createDatabase({ databaseUrl: null, dataDir })
    try {
      // Two-step sign-in on, as an enrolled user has it.
      await db.kysely.updateTable('users').set({ totpSecret: 'sealed', totpEnabledAt: '2026-06-01T00:00:00.000Z' }).where('id', '=', ana.user.id).execute()
      const state = async () => ({
        users: (await db.kysely.selectFrom('users').select(['email', 'totpEnabledAt']).orderBy('id').execute()),
        tokens: (await db.kysely.selectFrom('userSetupTokens').select(['userId', 'tokenHash']).execute()),
        entries: (await db.kysely.selectFrom('auditEntries').select('action').execute()).length
      })
      const before = await state()
      // The audit log refuses every entry: each command fails, and what it changed is rolled back with it.
      await sql`create trigger audit_down before insert on audit_entries begin select raise(abort, 'audit log unavailable'); end`.execute(db.kysely)
      for (const argv of [
        ['users', 'create', '--team', 'acme', '--email', 'bo@acme.example', '--role', 'viewer'],
        ['users', 'setup-link', 'ana@acme.example'],
        ['users', 'reset-totp', 'ana@acme.example']
      ]) {
        await expect(run(dataDir, ...argv), argv[1]).rejects.toThrow('audit log unavailable')
        expect(await state(), argv[1]).toEqual(before)
      }
      await sql`drop trigger audit_down`.execute(db.kysely)
      // The first setup link still works: the refused command did not replace it.
      const s = await service()
      expect((await s.inject({ method: 'POST', url: '/console/setup', payload: { token: new URL(ana.setupUrl).searchParams.get('token'), password: GOOD_PASSWORD } })).statusCode).toBe(200)
    } finally {
      await db.close()
    }
  })

  it('users setup-link prints a new link for a user', async () => {
    await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'd@acme.example', '--role', 'viewer')
    const res = await run(dataDir, 'users', 'setup-link', 'd@acme.example')
    expect(res.code).toBe(0)
    expect(JSON.parse(res.out[0])).toMatchObject({ user: { email: 'd@acme.example' }, setupUrl: expect.stringMatching(/\/console\/setup\?token=[A-Za-z0-9_-]{43}$/) })
    expect((await run(dataDir, 'users', 'setup-link')).err[0]).toBe('error: users setup-link takes one ID or EMAIL')
  })
  it('users reset-totp turns a user\'s two-step sign-in off and ends their sessions (a lost phone)', async () => {
    const created = JSON.parse((await run(dataDir, 'users', 'create', '--team', 'acme', '--email', 'e@acme.example', '--role', 'reviewer')).out[0])
    const s = await service()
    await s.inject({ method: 'POST', url: '/console/setup', payload: { token: new URL(created.setupUrl).searchParams.get('token'), password: GOOD_PASSWORD } })
    const signIn = await s.inject({ method: 'POST', url: '/console/session', payload: { email: 'e@acme.example', password: GOOD_PASSWORD } })
    const cookie = `__Host-partner_console=${sessionCookieOf(signIn.headers['set-cookie'], '__Host-partner_console') as string}`
    const headers = { cookie, 'x-console-csrf': signIn.json().data.csrfToken, origin: 'https://verify.lender.example' }
    const secret = (await s.inject({ method: 'POST', url: '/console/totp', headers, payload: { password: GOOD_PASSWORD } })).json().data.secret as string
    expect((await s.inject({ method: 'POST', url: '/console/totp/confirm', headers, payload: { code: codeAt(secret, Date.now()) } })).json().data.user.totpEnabled).toBe(true)
    expect((await s.inject({ method: 'POST', url: '/console/session', payload: { email: 'e@acme.example', password: GOOD_PASSWORD } })).json().code).toBe('totp_required')

    const res = await run(dataDir, 'users', 'reset-totp', 'e@acme.example')
    expect(res.code).toBe(0)
    expect(JSON.parse(res.out[0])).toMatchObject({ email: 'e@acme.example', totpEnabled: false })
    expect((await s.inject({ url: '/console/session', headers: { cookie } })).statusCode).toBe(401)
    expect((await s.inject({ method: 'POST', url: '/console/session', payload: { email: 'e@acme.example', password: GOOD_PASSWORD } })).statusCode).toBe(200)
    expect((await run(dataDir, 'users', 'reset-totp')).err[0]).toBe('error: users reset-totp takes one ID or EMAIL')
  })
})
