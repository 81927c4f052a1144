import { requirePrincipal } from '../../plugins/auth.js'
import { AUDIT } from '../audit/audit-declarations.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { DecisionReasonsResponse, PutDecisionReasonsBody } from './decision-reasons.schemas.js'
import type { DecisionReasonsService } from './decision-reasons.service.js'

export default async function decisionReasonsRoutes (app: App, { decisionReasons }: { decisionReasons: DecisionReasonsService }) {
  app.get('/partner/settings/decision-reasons', {
    config: { auth: 'apiKey', permission: 'read' },
    schema: {
      operationId: 'getDecisionReasons',
      tags: ['Settings'],
      summary: 'The team\'s decision reasons',
      description: 'The reasons reviewers give with a decision (`reasons` of POST /partner/reviewer/sessions/:sessionId/decision): each with a code, a label and the decision it is for (reject, approve, more). A team that never set its own reads the defaults (isDefault: true).',
      security: apiKeySecurity,
      response: { 200: DecisionReasonsResponse, ...errors(401, 429) }
    }
  }, async (request) => await decisionReasons.get(requirePrincipal(request)))

  app.put('/partner/settings/decision-reasons', {
    config: { auth: 'apiKey', permission: 'settings', idempotent: true, audit: AUDIT.decisionReasonsUpdated },
    schema: {
      operationId: 'putDecisionReasons',
      tags: ['Settings'],
      summary: 'Replace the team\'s decision reasons',
      description: 'Needs the settings permission (a live team key or an admin; 403 for a reviewer\'s key and a test key). The whole list, in order; codes unique; at least one reject reason (a REQUEST_MORE takes more and reject reasons). The body is `{reasons: [...]}`, or the bare array `[{code, label, kind}]`. Decisions already made keep the codes and labels they were given.',
      security: apiKeySecurity,
      body: PutDecisionReasonsBody,
      response: { 200: DecisionReasonsResponse, ...errors(400, 401, 403, 413, 415, 429) }
    },
    // Issue 21 item 1 writes the list as `[{code, label, kind}]`: a bare array is the list itself.
    preValidation: async (request) => { if (Array.isArray(request.body)) request.body = { reasons: request.body } }
  }, async (request) => await decisionReasons.put(requirePrincipal(request), request.body))
}
