import type { App } from '../../src/types.js'

export interface PartnerKey { id: number, key: string, teamId: number, reviewerId: string | null }

export async function createKey (app: App, team = 'acme', opts: { reviewerId?: string | null, name?: string } = {}): Promise<PartnerKey> {
  return await app.ctx.keys.create({ team, reviewerId: opts.reviewerId ?? null, name: opts.name ?? null })
}

export function futureIso (app: App, seconds = 7 * 24 * 3600): string {
  return new Date(app.ctx.clock() + seconds * 1000).toISOString()
}

export async function createSession (app: App, key: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/partner/session',
    headers: { 'x-api-key': key, ...headers },
    payload: { params: { expiryDate: futureIso(app), ...params } }
  })
  if (res.statusCode !== 201) throw new Error(`createSession: ${res.statusCode} ${res.body}`)
  return res.json().data as { id: number, status: string, verificationLink: { token: string, manualVerificationLink: string, deeplinkVerificationLink: string } } & Record<string, any>
}

export async function exchange (app: App, sessionId: number, token: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token, sessionId } })
  if (res.statusCode !== 200) throw new Error(`exchange: ${res.statusCode} ${res.body}`)
  return res.json().data.csrfToken as string
}

/** A session and its applicant's CSRF token. */
export async function applicantSession (app: App, key: string, params: Record<string, unknown> = {}) {
  const session = await createSession(app, key, params)
  const csrf = await exchange(app, session.id, session.verificationLink.token)
  return { session, csrf }
}
