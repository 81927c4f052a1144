import type { FastifyRequest } from 'fastify'
import type { AuditDeclaration } from './audit.plugin.js'

/**
 * What the existing routes record in the team audit log (their `config.audit`), kept here so every
 * rule about what an entry may hold is in one file: ids, actions, settings; never the applicant's
 * data (no note, no cancellation reason, no names), nor a secret.
 */

const body = (request: FastifyRequest): Record<string, unknown> => (request.body ?? {}) as Record<string, unknown>
const params = (request: FastifyRequest): Record<string, unknown> => (request.params ?? {}) as Record<string, unknown>

/** A webhook URL without its query (which may carry the partner's own token). */
function urlShown (url: unknown): string | null {
  if (typeof url !== 'string') return null
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return null
  }
}

const DECISION_ACTIONS: Record<string, string> = { APPROVE: 'session.approved', REJECT: 'session.rejected', REQUEST_MORE: 'session.more_requested' }

export const AUDIT = {
  /** A reviewer's read of one session (steps, facts, trail). */
  sessionViewed: { action: 'session.viewed', sessionParam: 'sessionId', view: {} },
  /** An evidence report (report.json or report.pdf): the session's facts and proofs, a read like the detail. */
  reportRead: { action: 'session.viewed', sessionParam: 'sessionId', view: {} },
  /** A list read with include=facts: one entry per session shown with its facts. */
  sessionsListedWithFacts: {
    action: 'session.viewed',
    view: {
      sessions: (answer: { data?: Array<{ id?: unknown, facts?: unknown }> } | null) =>
        (answer?.data ?? []).filter((s) => Array.isArray(s.facts) && typeof s.id === 'number').map((s) => s.id as number),
      // A list without facts shows no verified data: its answer (a page of sessions) is not parsed again.
      when: (request) => (request.query as { include?: unknown } | undefined)?.include === 'facts'
    }
  },
  decision: {
    action: (request) => DECISION_ACTIONS[String(body(request).decision)] ?? 'session.decided',
    sessionParam: 'sessionId',
    // The reason codes (the team's list, no free text) and, for REQUEST_MORE, the sources asked for; never the message.
    details: (request) => ({
      decision: body(request).decision ?? null,
      reasons: Array.isArray(body(request).reasons) ? body(request).reasons : [],
      ...(Array.isArray(body(request).sourceIds) ? { sourceIds: body(request).sourceIds } : {})
    })
  },
  /** A reviewer's note: its id, never its words (they may quote the applicant). */
  noteAdded: { action: 'session.note_added', sessionParam: 'sessionId', details: (_request, answer) => ({ noteId: answer?.data?.note?.id ?? answer?.data?.id ?? null }) },
  tagsChanged: { action: 'session.tags_changed', sessionParam: 'sessionId', details: (request) => ({ tags: Array.isArray(body(request).tags) ? body(request).tags : null }) },
  reverified: {
    action: 'session.reverified',
    sessionParam: 'sessionId',
    details: (request, answer) => ({ newSessionId: answer?.data?.id ?? null, channels: (body(request).delivery as { channels?: unknown } | undefined)?.channels ?? [] })
  },
  settingsUpdated: { action: 'settings.updated', modeless: true, details: (request) => ({ changed: Object.keys(body(request)).sort() }) },
  decisionReasonsUpdated: {
    action: 'settings.decision_reasons_updated',
    modeless: true,
    details: (request) => {
      const reasons = body(request).reasons
      return { codes: Array.isArray(reasons) ? reasons.map((r) => (r as { code?: unknown }).code ?? null) : null }
    }
  },
  userTotpReset: { action: 'user.totp_reset', modeless: true, details: (request) => ({ userId: params(request).id ?? null }) },
  /** A delivery suppression lifted: its id, channel and reason (the address is not known to the service, only its hash). */
  suppressionLifted: {
    action: 'delivery.suppression_lifted',
    details: (request, answer) => ({ suppressionId: params(request).id ?? null, channel: answer?.data?.channel ?? null, reason: answer?.data?.reason ?? null })
  },
  // A user's own two-step sign-in (console routes, the signed-in user acting on their account): the
  // user's id only; never the secret (in the enrollment's answer), a code or the password (in the body).
  userTotpEnrollmentStarted: { action: 'user.totp_enrollment_started', details: (request) => ({ userId: request.consoleUser?.userId ?? null }) },
  userTotpEnabled: { action: 'user.totp_enabled', details: (request) => ({ userId: request.consoleUser?.userId ?? null }) },
  userTotpDisabled: { action: 'user.totp_disabled', details: (request) => ({ userId: request.consoleUser?.userId ?? null }) },
  cancel: { action: 'session.canceled', sessionParam: 'sessionId', details: (request) => ({ reasonGiven: typeof body(request).reason === 'string' && String(body(request).reason).trim() !== '' }) },
  redact: {
    action: 'session.redacted',
    sessionParam: 'sessionId',
    // Redacting a redacted session answers it as it was: no second entry.
    unchanged: (answer, startedAt) => typeof answer?.data?.redactedAt === 'string' && answer.data.redactedAt < startedAt
  },
  reissueLink: { action: 'session.link_reissued', sessionParam: 'sessionId' },
  assign: { action: 'session.assigned', sessionParam: 'sessionId', details: (request) => ({ reviewerId: body(request).reviewerId ?? null }) },
  webhookCreated: {
    action: 'webhook_endpoint.created',
    details: (_request, answer) => ({ endpointId: answer?.data?.id ?? null, url: urlShown(answer?.data?.url), events: answer?.data?.events ?? null, apiVersion: answer?.data?.apiVersion ?? null })
  },
  webhookUpdated: {
    action: 'webhook_endpoint.updated',
    details: (request, answer) => ({
      endpointId: params(request).id ?? null,
      changed: Object.keys(body(request)).sort(),
      url: urlShown(answer?.data?.url),
      events: answer?.data?.events ?? null,
      enabled: answer?.data?.enabled ?? null
    })
  },
  // The accounts module's routes (issue 19 items 1-4) declare these: staff emails and roles are no applicant data.
  userCreated: {
    action: 'user.created',
    modeless: true,
    details: (_request, answer) => ({ userId: answer?.data?.user?.id ?? null, email: answer?.data?.user?.email ?? null, role: answer?.data?.user?.role ?? null })
  },
  userUpdated: {
    action: 'user.updated',
    modeless: true,
    details: (request, answer) => ({ userId: params(request).id ?? null, changed: Object.keys(body(request)).sort(), role: answer?.data?.user?.role ?? null, disabled: body(request).disabled ?? null })
  },
  userSetupLinkIssued: { action: 'user.setup_link_issued', modeless: true, details: (request) => ({ userId: params(request).id ?? null }) },
  webhookDeleted: { action: 'webhook_endpoint.deleted', details: (request) => ({ endpointId: params(request).id ?? null }) },
  webhookSecretRotated: { action: 'webhook_endpoint.secret_rotated', details: (request) => ({ endpointId: params(request).id ?? null }) }
} satisfies Record<string, AuditDeclaration>
