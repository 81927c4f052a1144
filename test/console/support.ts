import { expect } from 'vitest'
import type { App } from '../../src/types.js'

export const GOOD_PASSWORD = 'violet-harbour-lantern-42'
export const COOKIE = 'partner_console'

export interface Signed { cookie: string, csrf: string, headers: (unsafe?: boolean) => Record<string, string> }

/** A user of `team` with a password set through their setup link, as an admin or the CLI would make them. */
export async function createUser (app: App, team: string, email: string, role: 'admin' | 'reviewer' | 'viewer', opts: { reviewerId?: string, password?: string | null } = {}) {
  const { user, setupUrl } = await app.ctx.users.createInTeam(team, { email, role, name: null, ...(opts.reviewerId ? { reviewerId: opts.reviewerId } : {}) })
  const token = new URL(setupUrl).searchParams.get('token') as string
  if (opts.password !== null) {
    const res = await app.inject({ method: 'POST', url: '/console/setup', payload: { token, password: opts.password ?? GOOD_PASSWORD } })
    expect(res.statusCode, res.body).toBe(200)
  }
  return user
}

/** The session cookie of a Set-Cookie header list. */
export function sessionCookieOf (setCookie: unknown, name = COOKIE): string | null {
  const list = Array.isArray(setCookie) ? setCookie.map(String) : setCookie === undefined ? [] : [String(setCookie)]
  for (const c of list) {
    const m = c.match(new RegExp(`^${name}=([^;]*)`))
    if (m) return m[1]
  }
  return null
}

export async function signIn (app: App, email: string, password = GOOD_PASSWORD): Promise<Signed> {
  const res = await app.inject({ method: 'POST', url: '/console/session', payload: { email, password } })
  expect(res.statusCode, res.body).toBe(200)
  const cookie = sessionCookieOf(res.headers['set-cookie'])
  expect(cookie).toBeTruthy()
  const csrf = res.json().data.csrfToken as string
  return {
    cookie: cookie as string,
    csrf,
    headers: (unsafe = false) => ({ cookie: `${COOKIE}=${cookie as string}`, ...(unsafe ? { 'x-console-csrf': csrf } : {}) })
  }
}
