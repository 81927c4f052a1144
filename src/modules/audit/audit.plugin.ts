import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../lib/clock.js'
import { REPLAYED_HEADER } from '../idempotency/idempotency.plugin.js'
import type { AuditOrigin, AuditService } from './audit.service.js'

/**
 * What a route records in the team audit log when it succeeds (2xx, not an idempotent replay),
 * declared on the route (`config.audit`) so the rule sits beside the route whatever module it lives
 * in. The entry is written before the answer leaves: a read of applicant data whose entry cannot be
 * written is not answered. A change's entry is written in the request's transaction (the route is
 * made `transaction: true`), so the change and its entry commit together or not at all; a read's
 * entry (`view`) is written on its own, outside any transaction.
 */
export interface AuditDeclaration {
  /** The action, or how to tell it from the request (a decision: approved or rejected). */
  action: string | ((request: FastifyRequest) => string)
  /** The path parameter that names the session the request is about. */
  sessionParam?: string
  /**
   * A read of applicant data: recorded once per actor, session and minute; `sessions` lists the
   * sessions an answer showed (a list with their facts), one entry each.
   */
  view?: {
    sessions?: (answer: any) => number[]
    /** Whether this request can show applicant data at all: when not, its answer is not read (a list without facts). */
    when?: (request: FastifyRequest) => boolean
  }
  /** Ids and settings only, from the request and the (parsed) answer; never the applicant's data. */
  details?: (request: FastifyRequest, answer: any) => Record<string, unknown>
  /** True when the answer shows that nothing changed (an idempotent repeat, e.g. redacting a redacted session): nothing is recorded. */
  unchanged?: (answer: any, startedAt: string) => boolean
  /**
   * A change of what has no mode (users, settings): recorded without one, so that the keys of both
   * modes read it, whichever mode the caller worked in (a console user's "Show test data").
   */
  modeless?: true
}

declare module 'fastify' {
  interface FastifyContextConfig { audit?: AuditDeclaration }
  interface FastifyRequest {
    /** When the request began, by the service's clock (ISO 8601): what `unchanged` compares with. */
    auditStartedAt: string
  }
}

/**
 * Who is acting, as the audit log names them, and from where: the key (its id, and its name or
 * prefix), the user (its id and label), else the applicant (their session; their address is never kept), else nobody known yet
 * (`system` without id: a sign-in attempt names its actor itself).
 */
export function auditOriginOf (request: FastifyRequest): AuditOrigin {
  const key = request.apiKey
  if (key) return { actor: { type: 'key', id: String(key.keyId), label: key.displayName }, ip: request.ip, requestId: request.id }
  const principal = request.principal
  // A user is labelled by their email, as their sign-in entries are (the console-auth plugin sets consoleUser).
  if (principal?.kind === 'user') return { actor: { type: 'user', id: String(principal.userId), label: request.consoleUser?.email ?? principal.label }, ip: request.ip, requestId: request.id }
  // A console route's caller (auth: 'console', no principal): the signed-in user.
  const user = request.consoleUser
  if (user) return { actor: { type: 'user', id: String(user.userId), label: user.email }, ip: request.ip, requestId: request.id }
  const applicant = request.applicant
  if (applicant) return { actor: { type: 'applicant', id: String(applicant.sessionId), label: null }, ip: null, requestId: request.id }
  return { actor: { type: 'system', id: null, label: null }, ip: request.ip, requestId: request.id }
}

/**
 * The team and mode of the caller (a key or a user), for entries recorded from a request. A console
 * route (auth: 'console': the user's own account, two-step sign-in) has no principal: its entry is
 * the signed-in user's team's, without a mode, as their sign-ins are.
 */
function scopeOf (request: FastifyRequest): { teamId: number, livemode: boolean | null } | null {
  const principal = request.principal
  if (principal) return { teamId: principal.teamId, livemode: principal.livemode }
  const user = request.consoleUser
  return user ? { teamId: user.teamId, livemode: null } : null
}

function parse (payload: unknown): unknown {
  if (typeof payload !== 'string') return null
  try { return JSON.parse(payload) } catch { return null }
}

async function recordDeclared (audit: AuditService, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const declared = request.routeOptions.config?.audit
  if (!declared || reply.statusCode < 200 || reply.statusCode >= 300 || reply.getHeader(REPLAYED_HEADER) !== undefined) return
  const scope = scopeOf(request)
  if (!scope) return
  const origin = auditOriginOf(request)
  if (declared.view?.when?.(request) === false) return
  const action = typeof declared.action === 'function' ? declared.action(request) : declared.action
  const needsAnswer = declared.details !== undefined || declared.view?.sessions !== undefined || declared.unchanged !== undefined
  const answer = needsAnswer ? parse(payload) : null
  if (declared.unchanged?.(answer, request.auditStartedAt) === true) return
  const details = declared.details?.(request, answer) ?? {}
  const param = declared.sessionParam === undefined ? undefined : (request.params as Record<string, unknown>)[declared.sessionParam]
  const named = typeof param === 'number' ? [param] : []
  const sessions = declared.view?.sessions ? declared.view.sessions(answer) : named
  if (declared.view) {
    await audit.recordAll(origin, [...new Set(sessions)].map((sessionId) => ({ ...scope, action, sessionId, details, once: 'minute' as const })))
    return
  }
  const entry = { ...scope, livemode: declared.modeless === true ? null : scope.livemode, action, sessionId: named[0] ?? null, details }
  const tx = request.requestTx
  // In the change's transaction, which the idempotency plugin's onSend (after this one) commits.
  if (tx !== null && !tx.ended) await tx.run(async () => await audit.record(origin, entry))
  else await audit.record(origin, entry)
}

async function auditPlugin (app: FastifyInstance, { audit, clock }: { audit: AuditService, clock: Clock }) {
  app.decorateRequest('auditStartedAt', '')
  // Registered before the idempotency plugin: its onRoute then runs a change's handler in a request
  // transaction, and this onSend writes the entry in it before that plugin's onSend commits.
  app.addHook('onRoute', (route) => {
    const declared = route.config?.audit
    if (route.config !== undefined && declared !== undefined && declared.view === undefined) route.config.transaction = true
  })
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.audit?.unchanged !== undefined) request.auditStartedAt = clock.iso()
  })
  app.addHook('onSend', async (request, reply, payload) => {
    await recordDeclared(audit, request, reply, payload)
    return payload
  })
}

export default fp(auditPlugin, { name: 'audit', dependencies: ['auth'] })
