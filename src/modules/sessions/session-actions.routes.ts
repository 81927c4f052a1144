import { AUDIT } from '../audit/audit-declarations.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, SessionIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { AssignBody, CancelBody, EmptyBody, LinkBody, LinkResponse, PartnerSessionResponse, SessionDetailResponse, TagsBody } from './session-actions.schemas.js'
import type { SessionActionsService } from './session-actions.service.js'

const scoped = 'A key with a reviewer reaches only its reviewer\'s sessions; any other session reads as 404.'

/** One session of the partner's: read it, cancel it, issue a new link, redact it, assign it. */
export default async function sessionActionsRoutes (app: App, { actions }: { actions: SessionActionsService }) {
  app.get('/partner/session/:sessionId', {
    config: { auth: 'apiKey', permission: 'read' },
    schema: {
      operationId: 'getSession',
      tags: ['Sessions'],
      summary: 'Get a session',
      description: `The session as the list shows it, with its allowed sources and its steps. ${scoped}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      response: { 200: SessionDetailResponse, ...errors(400, 401, 404, 429) }
    }
  }, async (request) => await actions.get(requirePrincipal(request), request.params.sessionId))

  app.post('/partner/session/:sessionId/cancel', {
    config: { auth: 'apiKey', permission: 'cancel', idempotent: true, audit: AUDIT.cancel },
    schema: {
      operationId: 'cancelSession',
      tags: ['Sessions'],
      summary: 'Cancel a session',
      description: `A PENDING, PROCESSING or REVIEWING session ends at once as EXPIRED with statusReason "canceled" (409 from any other status); the applicant's calls then answer 410, and the session.expired event carries the reason. The body is optional. ${scoped}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      body: CancelBody,
      response: { 200: PartnerSessionResponse, ...errors(400, 401, 404, 409, 415, 429) }
    },
    // The body is optional: a request without one is an empty one.
    preValidation: async (request) => { request.body ??= {} }
  }, async (request) => await actions.cancel(requirePrincipal(request), request.params.sessionId, request.body))

  app.post('/partner/session/:sessionId/link', {
    config: { auth: 'apiKey', permission: 'resend', idempotent: true, audit: AUDIT.reissueLink },
    schema: {
      operationId: 'reissueSessionLink',
      tags: ['Sessions'],
      summary: 'Issue a new verification link',
      description: `For an open session (409 once final): a new link token; the old one and every CSRF token of the session stop working at once. With \`delivery\`, the new link is also sent to the applicant (the session's applicantEmail / applicantPhone), and reminders count again from now; the answer's \`delivery\` says \`queued\` or \`outbox\`. Reminders always carry the newest link. ${scoped}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      body: LinkBody,
      response: { 201: LinkResponse, ...errors(400, 401, 404, 409, 429) }
    },
    // No body, or an object with at most `delivery`; anything else in it is refused.
    preValidation: async (request) => { request.body ??= {} }
  }, async (request, reply) => await reply.status(201).send(await actions.reissueLink(requirePrincipal(request), request.params.sessionId, request.body)))

  app.post('/partner/session/:sessionId/redact', {
    config: { auth: 'apiKey', permission: 'redact', idempotent: true, audit: AUDIT.redact },
    schema: {
      operationId: 'redactSession',
      tags: ['Sessions'],
      summary: 'Erase the applicant\'s data of a final session',
      description: 'Team keys only (403 for a reviewer\'s key); 409 for an open session. Erases the applicant\'s names, email, ids, applicantData, metadata, instructions, the decision note, audit details, proof contents, event payloads and the idempotency replay; keeps ids, statuses, dates, audit actions and proof identifiers; sets redactedAt. Idempotent.',
      security: apiKeySecurity,
      params: SessionIdParams,
      body: EmptyBody,
      response: { 200: PartnerSessionResponse, ...errors(400, 401, 403, 404, 409, 429) }
    },
    // No body, or an empty object; anything in it is refused.
    preValidation: async (request) => { request.body ??= {} }
  }, async (request) => await actions.redact(requirePrincipal(request), request.params.sessionId))

  app.post('/partner/session/:sessionId/assign', {
    config: { auth: 'apiKey', permission: 'assign', idempotent: true, audit: AUDIT.assign },
    schema: {
      operationId: 'assignSession',
      tags: ['Sessions'],
      summary: 'Assign a session to a reviewer',
      description: 'Team keys only (403 for a reviewer\'s key). reviewerId null puts the session back in the team\'s queue.',
      security: apiKeySecurity,
      params: SessionIdParams,
      body: AssignBody,
      response: { 200: PartnerSessionResponse, ...errors(400, 401, 403, 404, 415, 429) }
    }
  }, async (request) => await actions.assign(requirePrincipal(request), request.params.sessionId, request.body))

  app.put('/partner/session/:sessionId/tags', {
    config: { auth: 'apiKey', permission: 'decide', idempotent: true, audit: AUDIT.tagsChanged },
    schema: {
      operationId: 'setSessionTags',
      tags: ['Sessions'],
      summary: 'Set a session\'s tags',
      description: `Replaces the session's tags (at most 10, each 1 to 32 of a-z, 0-9 and -; an empty list removes them all). The reviewer list filters by one (tag=). Audited. ${scoped}`,
      security: apiKeySecurity,
      params: SessionIdParams,
      body: TagsBody,
      response: { 200: PartnerSessionResponse, ...errors(400, 401, 404, 413, 415, 429) }
    }
  }, async (request) => await actions.setTags(requirePrincipal(request), request.params.sessionId, request.body))
}
