import type { Kysely } from 'kysely'
import type { Database, UserRole, UserRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { HttpError } from '../../lib/http-errors.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { AuditOrigin, AuditService } from '../audit/audit.service.js'
import { ROLE_PERMISSIONS, type Permission } from '../../lib/permissions.js'
import { checkPasswordPolicy, hashPassword } from './password.js'
import type { UsersRepository } from './users.repository.js'
import { USER_ROLES, type CreateUserBody, type CreatedUserResponse, type UpdateUserBody, type User } from './users.schemas.js'

const SETUP_TTL_MS = 24 * 60 * 60 * 1000
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function viewUser (row: UserRow): User {
  return {
    id: row.id,
    teamId: row.teamId,
    email: row.email,
    name: row.name,
    role: row.role,
    reviewerId: row.reviewerId,
    passwordSet: row.passwordHash !== null,
    sso: row.oidcSubject !== null,
    totpEnabled: row.totpEnabledAt !== null,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

export function isRole (value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value)
}

/**
 * Who manages users over the API, and what it holds: it may not make, raise or reach (a new setup
 * link, a reset, a change) a user whose role holds a permission it lacks (a key made with `users`
 * and a narrow list). Null: the operator's command line.
 */
export interface UserManager { kind: 'key' | 'user', permissions: readonly Permission[] }

/** 403 role_exceeds_caller unless the manager holds every permission of `role`. */
function assertWithin (manager: UserManager | null, role: UserRole): void {
  if (manager === null) return
  const lacking = ROLE_PERMISSIONS[role].filter((p) => !manager.permissions.includes(p))
  if (lacking.length > 0) throw fail('role_exceeds_caller', `The ${role} role holds permissions this ${manager.kind} lacks: ${lacking.join(', ')}`)
}

/** What the users service needs of the console's sessions: ending every session of a user. */
export interface SessionEnder { endSessionsOf: (userId: number) => Promise<number> }

/** A team's users: created by an admin (API) or an operator (CLI), a password set through a one-time link. */
export class UsersService {
  constructor (
    private readonly repo: UsersRepository,
    private readonly clock: Clock,
    private readonly publicBaseUrl: string,
    private readonly sessions: SessionEnder,
    /** The team audit log: a password set through a setup link is recorded with the change. */
    private readonly audit: Pick<AuditService, 'record'> | null = null
  ) {}

  async create (teamId: number, input: CreateUserBody, manager: UserManager | null = null): Promise<CreatedUserResponse['data']> {
    return await this.createWith(this.repo, teamId, input, manager)
  }

  /** `create` through `repo` (one working in a transaction, for the command line's entry). */
  private async createWith (repo: UsersRepository, teamId: number, input: CreateUserBody, manager: UserManager | null): Promise<CreatedUserResponse['data']> {
    assertWithin(manager, input.role)
    const email = input.email.trim()
    if (!EMAIL.test(email)) throw fail('validation_failed', 'body.email must be an email address')
    const now = this.clock.iso()
    const row = await repo.insert({
      teamId,
      email,
      name: input.name ?? null,
      role: input.role,
      reviewerId: input.reviewerId ?? email.toLowerCase()
    }, now)
    if (!row) throw fail('user_exists')
    return { user: viewUser(row), setupUrl: await this.issueSetupLink(row.id, repo) }
  }

  /**
   * The CLI's create: the team by name (created when new, as `keys create` does). The command passes
   * `origin` (SYSTEM_CLI) for the entry the API's route records, written in the user's transaction
   * (the route's is in its request's); null records none (test factories).
   */
  async createInTeam (team: string, input: CreateUserBody, origin: AuditOrigin | null = null): Promise<CreatedUserResponse['data']> {
    const { id } = await this.repo.findOrCreateTeam(team, this.clock.iso())
    return await this.repo.withTeamLocked(id, async (repo, trx) => {
      const created = await this.createWith(repo, id, input, null)
      await this.recordFor(origin, id, 'user.created', { userId: created.user.id, email: created.user.email, role: created.user.role }, trx)
      return created
    })
  }

  /**
   * An entry the API's routes record from their declaration (audit-declarations.ts), for the same
   * change made with the command line: the same action and details, modeless, by `origin`.
   */
  private async recordFor (origin: AuditOrigin | null, teamId: number, action: string, details: Record<string, unknown>, trx?: Kysely<Database>): Promise<void> {
    if (origin === null) return
    if (this.audit === null) throw new Error('the users service was made without the audit log')
    await this.audit.record(origin, { teamId, livemode: null, action, details }, trx)
  }

  /** A new one-time link where the user sets a password; any earlier link stops working. */
  private async issueSetupLink (userId: number, repo: UsersRepository = this.repo): Promise<string> {
    const token = newSecret()
    const now = this.clock.ms()
    await repo.insertSetupToken(userId, sha256Hex(token), new Date(now).toISOString(), new Date(now + SETUP_TTL_MS).toISOString())
    return `${this.publicBaseUrl}/console/setup?token=${token}`
  }

  async list (teamId: number | null): Promise<User[]> {
    return (await this.repo.list(teamId)).map(viewUser)
  }

  async listWithTeams (team: string | null): Promise<Array<User & { teamName: string }>> {
    let teamId: number | null = null
    if (team !== null) {
      const found = await this.repo.teamByName(team)
      if (!found) return []
      teamId = found.id
    }
    return (await this.repo.list(teamId)).map((r) => ({ ...viewUser(r), teamName: r.teamName }))
  }

  async get (teamId: number, id: number): Promise<User> {
    const row = await this.repo.findInTeam(teamId, id)
    if (!row) throw fail('user_not_found')
    return viewUser(row)
  }

  /**
   * A change of role, a disabling or an enabling; the first two end the user's console sessions at
   * once. The last-admin check (409 user_last_admin) and the change are one transaction under the
   * team's lock: of two admins demoting or disabling each other at once, one wins, the other is refused.
   * A manager (a key or user) cannot touch a user whose role, old or new, holds what it lacks.
   */
  async update (teamId: number, id: number, body: UpdateUserBody, manager: UserManager | null = null): Promise<User> {
    return (await this.change(teamId, id, body, manager, { force: false, origin: null })).user
  }

  /**
   * `update`, and for the command line: `force` lets the team's last enabled admin go (`forced`: it
   * did), and `origin` records the route's `user.updated` entry in the change's transaction.
   */
  private async change (teamId: number, id: number, body: UpdateUserBody, manager: UserManager | null,
    opts: { force: boolean, origin: AuditOrigin | null }): Promise<{ user: User, forced: boolean }> {
    const now = this.clock.iso()
    const { row, changes, forced } = await this.repo.withTeamLocked(teamId, async (repo, trx) => {
      const found = await repo.findInTeam(teamId, id)
      if (!found) throw fail('user_not_found')
      assertWithin(manager, found.role)
      if (body.role !== undefined) assertWithin(manager, body.role)
      const changes: { role?: UserRole, disabledAt?: string | null } = {}
      if (body.role !== undefined && body.role !== found.role) changes.role = body.role
      if (body.disabled === true && found.disabledAt === null) changes.disabledAt = now
      if (body.disabled === false && found.disabledAt !== null) changes.disabledAt = null
      let row = found
      let forced = false
      if (Object.keys(changes).length > 0) {
        const losesAdmin = found.role === 'admin' && found.disabledAt === null &&
          ((changes.role !== undefined && changes.role !== 'admin') || changes.disabledAt != null)
        if (losesAdmin && await repo.countEnabledAdmins(teamId) <= 1) {
          if (!opts.force) throw fail('user_last_admin')
          forced = true
        }
        row = (await repo.update(id, changes, now)) as UserRow
      }
      await this.recordFor(opts.origin, teamId, 'user.updated', {
        userId: id, changed: Object.keys(body).sort(), role: row.role, disabled: body.disabled ?? null, ...(forced ? { forced } : {})
      }, trx)
      return { row, changes, forced }
    })
    if (changes.role !== undefined || changes.disabledAt != null) await this.sessions.endSessionsOf(id)
    return { user: viewUser(row), forced }
  }

  /**
   * A new setup link for a user of the team (a lost or expired one, or a forgotten password): any
   * earlier link stops working; the password, if set, stays until the new link is used.
   */
  async newSetupLink (teamId: number, id: number, manager: UserManager | null = null): Promise<CreatedUserResponse['data']> {
    return await this.newSetupLinkWith(this.repo, teamId, id, manager)
  }

  private async newSetupLinkWith (repo: UsersRepository, teamId: number, id: number, manager: UserManager | null): Promise<CreatedUserResponse['data']> {
    const row = await repo.findInTeam(teamId, id)
    if (!row) throw fail('user_not_found')
    assertWithin(manager, row.role)
    if (row.disabledAt !== null) throw fail('user_disabled')
    return { user: viewUser(row), setupUrl: await this.issueSetupLink(row.id, repo) }
  }

  /**
   * Turns a user's two-step sign-in off, for a lost authenticator (an admin, or the CLI's
   * `users reset-totp`); they sign in with the password and may enroll again. Their console
   * sessions end: whoever holds one may be the one who took the phone.
   */
  async resetTotp (teamId: number, id: number, manager: UserManager | null = null): Promise<User> {
    const { user, reset } = await this.resetTotpWith(this.repo, teamId, id, manager)
    if (reset) await this.sessions.endSessionsOf(id)
    return user
  }

  /** `resetTotp` through `repo`, but for ending the sessions (the caller's, once the change is stored); `reset`: it was on. */
  private async resetTotpWith (repo: UsersRepository, teamId: number, id: number, manager: UserManager | null): Promise<{ user: User, reset: boolean }> {
    const row = await repo.findInTeam(teamId, id)
    if (!row) throw fail('user_not_found')
    assertWithin(manager, row.role)
    if (row.totpEnabledAt === null && row.totpPendingSecret === null) return { user: viewUser(row), reset: false }
    const updated = await repo.disableTotp(id, this.clock.iso())
    return { user: viewUser(updated as UserRow), reset: true }
  }

  /** The CLI's reset-totp, by id or by email; `origin` as for `createInTeam` (the entry in the change's transaction). */
  async resetTotpFor (idOrEmail: string, team: string | null, origin: AuditOrigin | null = null): Promise<User> {
    const row = await this.find(idOrEmail, team)
    const { user, reset } = await this.repo.withTeamLocked(row.teamId, async (repo, trx) => {
      const done = await this.resetTotpWith(repo, row.teamId, row.id, null)
      await this.recordFor(origin, row.teamId, 'user.totp_reset', { userId: row.id }, trx)
      return done
    })
    if (reset) await this.sessions.endSessionsOf(row.id)
    return user
  }

  /** The CLI's setup-link, by id or by email; `origin` as for `createInTeam` (the entry in the new link's transaction). */
  async newSetupLinkFor (idOrEmail: string, team: string | null, origin: AuditOrigin | null = null): Promise<CreatedUserResponse['data']> {
    const row = await this.find(idOrEmail, team)
    return await this.repo.withTeamLocked(row.teamId, async (repo, trx) => {
      const link = await this.newSetupLinkWith(repo, row.teamId, row.id, null)
      await this.recordFor(origin, row.teamId, 'user.setup_link_issued', { userId: row.id }, trx)
      return link
    })
  }

  /** A user by id or by email (`team` needed when the email is in several teams). */
  private async find (idOrEmail: string, team: string | null): Promise<UserRow> {
    let teamId: number | null = null
    if (team !== null) {
      const found = await this.repo.teamByName(team)
      if (!found) throw fail('not_found', `No team named "${team}"`)
      teamId = found.id
    }
    let row: UserRow | undefined
    if (/^\d+$/.test(idOrEmail)) {
      row = await this.repo.findById(Number(idOrEmail))
      if (row && teamId !== null && row.teamId !== teamId) row = undefined
    } else {
      const matches = (await this.repo.list(teamId)).filter((u) => u.emailKey === idOrEmail.toLowerCase())
      if (matches.length > 1) throw fail('bad_request', `${idOrEmail} is a user of several teams: name one with --team`)
      row = matches[0]
    }
    if (!row) throw fail('user_not_found', `No user ${idOrEmail}${team !== null ? ` in team "${team}"` : ''}`)
    return row
  }

  /**
   * The CLI's disable, by id or by email (`team` needed when the email is in several teams): the
   * API's change (`update`), so the team's last enabled admin is refused here too, under the same
   * lock; unless `force` (an operator locking out a compromised sole admin): then `warning` says the
   * team has no admin left and how to make one, and the audit entry says `forced`.
   */
  async disable (idOrEmail: string, team: string | null, opts: { force?: boolean, origin?: AuditOrigin | null } = {}): Promise<{ user: User, warning: string | null }> {
    const row = await this.find(idOrEmail, team)
    const teamFlag = async (): Promise<{ name: string, flag: string }> => {
      const name = await this.repo.teamName(row.teamId) ?? String(row.teamId)
      return { name, flag: /^[\w.@-]+$/.test(name) ? name : JSON.stringify(name) }
    }
    try {
      const { user, forced } = await this.change(row.teamId, row.id, { disabled: true }, null, { force: opts.force === true, origin: opts.origin ?? null })
      if (!forced) return { user, warning: null }
      const t = await teamFlag()
      return { user, warning: `team "${t.name}" now has no enabled admin: nobody can manage its users from the console. Add one with: partner-api users create --team ${t.flag} --email EMAIL --role admin` }
    } catch (err) {
      if (!(err instanceof HttpError) || err.code !== 'user_last_admin') throw err
      const t = await teamFlag()
      throw fail('user_last_admin', `${row.email} is the last enabled admin of team "${t.name}": make another admin first (partner-api users create --team ${t.flag} --role admin ...), or disable them anyway with --force`)
    }
  }

  /**
   * Sets the password of the setup link's user (the link is used up, and their other console
   * sessions end); audit entry `user.password_set`, in the change's transaction, from `from`.
   */
  async setup (token: string, password: string, from: { ip: string | null, requestId: string | null } | null = null): Promise<User> {
    checkPasswordPolicy(password)
    const userId = await this.repo.takeSetupToken(sha256Hex(token), this.clock.iso())
    const row = userId === null ? undefined : await this.repo.findById(userId)
    if (!row || row.disabledAt !== null) throw fail('setup_token_invalid')
    const passwordHash = await hashPassword(password)
    await this.repo.transaction(async (trx) => {
      await this.repo.setPassword(row.id, passwordHash, this.clock.iso(), trx)
      if (this.audit !== null && from !== null) {
        await this.audit.record({ actor: { type: 'user', id: String(row.id), label: row.email }, ...from },
          { teamId: row.teamId, livemode: null, action: 'user.password_set', details: { userId: row.id } }, trx)
      }
    })
    await this.sessions.endSessionsOf(row.id)
    return viewUser((await this.repo.findById(row.id)) as UserRow)
  }
}
