import * as client from 'openid-client'
import type { OidcConfig } from '../../config.js'
import type { UserRole, UserRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import { fail } from '../../lib/error-codes.js'
import type { HttpError } from '../../lib/http-errors.js'
import type { UsersRepository } from '../users/users.repository.js'
import type { ConsoleAuthRepository } from './console-auth.repository.js'
import type { ConsoleAuthService, SignedIn, SignInOrigin } from './console-auth.service.js'

const FLOW_TTL_MS = 10 * 60 * 1000
const EMAIL_TAKEN = 'Your single sign-on email belongs to another user of this console: ask an admin of your team'
const RANK: Record<UserRole, number> = { viewer: 1, reviewer: 2, admin: 3 }

/**
 * A sign-in the service refuses, with what the page tells the person (never a provider's
 * internals): a browser gets a page, any other client the error itself.
 */
export class SsoRefusal extends Error {
  constructor (readonly error: HttpError, options?: ErrorOptions) { super(error.message, options) }
}

/** The highest role the user's groups map to, or null when none of them is mapped. */
export function roleFromGroups (claim: unknown, roleMap: OidcConfig['roleMap']): UserRole | null {
  const groups = Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : typeof claim === 'string' ? claim.split(/[\s,]+/) : []
  let best: UserRole | null = null
  for (const { group, role } of roleMap) {
    if (groups.includes(group) && (best === null || RANK[role] > RANK[best])) best = role
  }
  return best
}

/**
 * Single sign-on with an OpenID Connect provider: authorization code with PKCE (S256), state and
 * nonce, through openid-client. The flow's secrets wait in the database under the SHA-256 of a
 * random id that only the browser holds (an HttpOnly cookie), so a callback is accepted only in the
 * browser that started it, once, within 10 minutes. The user is created or updated from the
 * claims (email, name, role from the groups) at every sign-in, except that the team's last enabled
 * admin stays an admin when the groups now give a lower role (the sign-in's audit entry says
 * `lastAdminKept`); a user in no mapped group is refused and their row left as it is.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | null = null

  constructor (
    private readonly settings: OidcConfig,
    private readonly redirectUri: string,
    private readonly repo: ConsoleAuthRepository,
    private readonly users: UsersRepository,
    private readonly auth: ConsoleAuthService,
    private readonly clock: Clock
  ) {}

  /** The provider's metadata, fetched on first use; a failure is retried by the next sign-in. */
  private async configuration (): Promise<client.Configuration> {
    this.discovered ??= (async () => {
      const insecure = this.settings.issuerUrl.startsWith('http:') // loopback only (config.ts)
      return await client.discovery(
        new URL(this.settings.issuerUrl),
        this.settings.clientId,
        this.settings.clientSecret ?? undefined,
        this.settings.clientSecret === null ? client.None() : client.ClientSecretPost(this.settings.clientSecret),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined
      )
    })()
    try {
      return await this.discovered
    } catch (err) {
      this.discovered = null
      throw new SsoRefusal(fail('sso_unavailable'), { cause: err })
    }
  }

  /** Where to send the browser, and the flow id for its cookie. */
  async start (): Promise<{ url: string, flowId: string }> {
    const config = await this.configuration()
    const codeVerifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const nonce = client.randomNonce()
    const flowId = newSecret()
    const now = this.clock.ms()
    await this.repo.insertFlow({
      flowHash: sha256Hex(flowId),
      state,
      nonce,
      codeVerifier,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + FLOW_TTL_MS).toISOString()
    })
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce
    })
    return { url: url.href, flowId }
  }

  /** Checks the provider's answer (state, nonce, PKCE, ID token), then signs the user in. */
  async callback (flowId: string | undefined, query: Record<string, string>, from?: SignInOrigin): Promise<SignedIn> {
    const flow = flowId ? await this.repo.takeFlow(sha256Hex(flowId), this.clock.iso()) : null
    if (!flow) throw new SsoRefusal(fail('sso_flow_invalid'))
    if (query.error !== undefined) throw new SsoRefusal(fail('sso_denied'))
    const config = await this.configuration()
    const current = new URL(this.redirectUri)
    for (const [name, value] of Object.entries(query)) current.searchParams.set(name, value)
    let claims: Record<string, unknown>
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true
      })
      const idClaims = tokens.claims() as Record<string, unknown>
      const info = tokens.access_token ? await client.fetchUserInfo(config, tokens.access_token, String(idClaims.sub)) : {}
      claims = { ...info, ...idClaims, [this.settings.roleClaim]: (info as Record<string, unknown>)[this.settings.roleClaim] ?? idClaims[this.settings.roleClaim] }
    } catch (err) {
      throw new SsoRefusal(fail('sso_failed'), { cause: err })
    }
    return await this.signIn(claims, from)
  }

  private async signIn (claims: Record<string, unknown>, from?: SignInOrigin): Promise<SignedIn> {
    const subject = typeof claims.sub === 'string' ? claims.sub : ''
    const email = typeof claims.email === 'string' ? claims.email.trim() : ''
    if (subject === '' || email === '' || claims.email_verified === false) {
      throw new SsoRefusal(fail('sso_no_email'))
    }
    const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim().slice(0, 200) : null
    const role = roleFromGroups(claims[this.settings.roleClaim], this.settings.roleMap)
    const now = this.clock.iso()
    const team = await this.users.findOrCreateTeam(this.settings.team, now)
    let user: UserRow | undefined = await this.users.findBySubjectInTeam(team.id, subject)
    if (!user) {
      // An account linked to another provider account is not someone else's because they now claim its email.
      user = await this.users.findByEmailInTeam(team.id, email)
      if (user && user.oidcSubject !== null && user.oidcSubject !== subject) throw new SsoRefusal(fail('conflict', EMAIL_TAKEN))
    }
    if (role === null) {
      // Access removed at the provider: the user's console sessions end too.
      if (user) {
        await this.auth.endSessionsOf(user.id)
        if (from) await this.auth.recordFailures(from, [user], 'no_role')
      }
      throw new SsoRefusal(fail('sso_no_role'))
    }
    if (user?.disabledAt != null) {
      if (from) await this.auth.recordFailures(from, [user], 'disabled')
      throw new SsoRefusal(fail('sso_user_disabled'))
    }
    if (!user) {
      user = await this.users.insert({ teamId: team.id, email, name, role, reviewerId: email.toLowerCase(), oidcSubject: subject }, now) ??
        await this.users.findByEmailInTeam(team.id, email)
      if (!user) throw new SsoRefusal(fail('conflict', 'Your account could not be created: try again'))
    } else {
      const other = user.emailKey === email.toLowerCase() ? undefined : await this.users.findByEmailInTeam(team.id, email)
      if (other !== undefined) throw new SsoRefusal(fail('conflict', EMAIL_TAKEN))
      const before = user
      const { row, lastAdminKept } = await this.users.withTeamLocked(team.id, async (repo) => {
        // The team's last enabled admin stays one (as PATCH /partner/users refuses with 409
        // user_last_admin): checked and changed under the team's lock, like the API's change.
        const current = await repo.findById(before.id)
        if (!current || current.disabledAt !== null) return { row: undefined, lastAdminKept: false }
        const kept = current.role === 'admin' && role !== 'admin' && await repo.countEnabledAdmins(team.id) <= 1
        const updated = await repo.update(before.id, { email, name: name ?? current.name, role: kept ? 'admin' : role, oidcSubject: subject }, now)
        return { row: updated, lastAdminKept: kept }
      })
      if (!row) { // disabled while this sign-in went on
        if (from) await this.auth.recordFailures(from, [before], 'disabled')
        throw new SsoRefusal(fail('sso_user_disabled'))
      }
      if (row.role !== before.role) await this.auth.endSessionsOf(row.id)
      user = row
      if (lastAdminKept) return await this.auth.startSession(user, 'sso', from, { lastAdminKept: true, mappedRole: role })
    }
    return await this.auth.startSession(user, 'sso', from)
  }
}
