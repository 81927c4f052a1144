import type { FastifyRequest } from 'fastify'
import { fail } from '../../lib/error-codes.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { AuditLogQuery, AuditLogResponse } from './audit.schemas.js'
import { auditCsv, type AuditScope, type AuditService } from './audit.service.js'

/** What the caller reads (it passed the route's `audit:read`): its team; a key its own mode's entries (and those without one), a user every mode's. */
function scopeOf (request: FastifyRequest): AuditScope {
  const principal = requirePrincipal(request)
  return { teamId: principal.teamId, livemode: principal.kind === 'key' ? principal.livemode : null }
}

export default async function auditRoutes (app: App, { audit }: { audit: AuditService }) {
  app.get('/partner/audit-log', {
    config: { auth: 'apiKey', permission: 'audit:read' },
    schema: {
      operationId: 'listAuditLog',
      tags: ['Audit'],
      summary: 'The team audit log',
      description: 'Who did what, newest first: sign-ins, user, key and webhook changes, decisions, cancellations, redactions, and every read of applicant data ' +
        '(`session.viewed`: once per actor, session and minute). Entries are never changed or deleted (the database refuses to) and hold no applicant data, ' +
        'so they outlive a session\'s redaction. A key reads its mode\'s entries and those without a mode. `startingAfter=<entry id>` gives the next page ' +
        '(404 if it is not in this list). `format=csv` answers the same page as text/csv (1000 entries by default), with the headers `Partner-Has-More` and, when true, ' +
        '`Partner-Next-Starting-After`. Needs the `audit:read` permission (team keys, admin and viewer users).',
      security: apiKeySecurity,
      querystring: AuditLogQuery,
      response: {
        200: {
          description: 'One page of entries',
          content: {
            'application/json': { schema: AuditLogResponse },
            'text/csv': { schema: { type: 'string', description: 'A header row (id, at, actorType, actorId, actorLabel, action, sessionId, ip, requestId, details) and one row per entry' } }
          }
        },
        ...errors(400, 401, 403, 404, 429)
      }
    }
  }, async (request, reply) => {
    const scope = scopeOf(request)
    const q = request.query
    if (q.format === 'csv') {
      const page = await audit.list(scope, { ...q, limit: q.limit ?? 1000 }, 1000)
      reply.header('Partner-Has-More', String(page.hasMore))
      if (page.hasMore) reply.header('Partner-Next-Starting-After', page.data[page.data.length - 1].id)
      return await reply.type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(page.data))
    }
    if (q.limit !== undefined && q.limit > 100) throw fail('validation_failed', 'query.limit must be at most 100 as JSON (1000 with format=csv)')
    const page = await audit.list(scope, q, 100)
    return { success: true as const, ...page }
  })
}
