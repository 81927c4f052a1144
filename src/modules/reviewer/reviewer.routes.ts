import { AUDIT } from '../audit/audit-declarations.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, SessionIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { DecisionBody, DecisionResponse, NoteBody, NoteResponse, ReviewerListQuery, ReviewerListResponse, ReviewerSessionResponse } from './reviewer.schemas.js'
import type { ReviewerService } from './reviewer.service.js'

export default async function reviewerRoutes (app: App, { reviewer }: { reviewer: ReviewerService }) {
  app.get('/partner/reviewer/sessions', {
    config: { auth: 'apiKey', permission: 'read', audit: AUDIT.sessionsListedWithFacts },
    schema: {
      operationId: 'listReviewerSessions',
      tags: ['Reviewer'],
      summary: 'Get reviewer sessions',
      description: 'Sessions of the key\'s reviewer, or of the whole team when the key has no reviewer. Filters: status (one or a comma-separated list), applicantId, q, createdAfter, createdBefore, overdue, tag. Sort: createdAt, updatedAt, status or dueAt. Paging: limit with offset, or limit with startingAfter (the page after that session in the sort order; 404 for a session not in the list); hasMore says whether more follow.',
      security: apiKeySecurity,
      querystring: ReviewerListQuery,
      response: { 200: ReviewerListResponse, ...errors(400, 401, 404, 429) }
    }
  }, async (request) => {
    return await reviewer.list(requirePrincipal(request), request.query)
  })
  app.get('/partner/reviewer/sessions/:sessionId', {
    config: { auth: 'apiKey', permission: 'read', audit: AUDIT.sessionViewed },
    schema: {
      operationId: 'getReviewerSession',
      tags: ['Reviewer'],
      summary: 'Get a session for review',
      description: 'The session with its steps and their proofs, the verified facts (values taken only from signed proof contexts, with their source) and the audit trail. A key with a reviewer sees only its reviewer\'s sessions; any other session reads as 404.',
      security: apiKeySecurity,
      params: SessionIdParams,
      response: { 200: ReviewerSessionResponse, ...errors(400, 401, 404, 429) }
    }
  }, async (request) => await reviewer.detail(requirePrincipal(request), request.params.sessionId))

  app.post('/partner/reviewer/sessions/:sessionId/decision', {
    config: { auth: 'apiKey', permission: 'decide', idempotent: true, audit: AUDIT.decision },
    schema: {
      operationId: 'decideSession',
      tags: ['Reviewer'],
      summary: 'Approve, reject or ask for more',
      description: 'Only while the session is REVIEWING (else 409; 410 once it has expired). APPROVE: the session is COMPLETED and its steps COMPLETED; REJECT: the session is REJECTED; REQUEST_MORE (with a message, reasons and optionally sourceIds): the session goes back to PROCESSING with new steps or new proofs to make, the message shown on the hosted page, event session.more_requested; at most 3 times per session (409 more_request_limit_reached). `reasons` are codes of the team\'s decision reasons of the decision\'s kind (a REQUEST_MORE also takes reject reasons): at least one for REJECT and REQUEST_MORE (422 decision_reason_required), optional for APPROVE; unknown codes 422 decision_reason_unknown. They are kept as decisionReasons and carried by the event. The optional note is kept as decisionNote.',
      security: apiKeySecurity,
      params: SessionIdParams,
      body: DecisionBody,
      response: { 200: DecisionResponse, ...errors(400, 401, 404, 409, 410, 415, 422, 429) }
    }
  }, async (request) => await reviewer.decide(requirePrincipal(request), request.params.sessionId, request.body))

  app.post('/partner/reviewer/sessions/:sessionId/notes', {
    config: { auth: 'apiKey', permission: 'decide', idempotent: true, audit: AUDIT.noteAdded },
    schema: {
      operationId: 'addSessionNote',
      tags: ['Reviewer'],
      summary: 'Add a note to a session',
      description: 'A note for the team\'s reviewers (author and time kept; listed in the session\'s detail, oldest first; in the audit trail). Any status; 410 session_redacted once the session is redacted, which erases the notes\' text. A key with a reviewer reaches only its reviewer\'s sessions.',
      security: apiKeySecurity,
      params: SessionIdParams,
      body: NoteBody,
      response: { 201: NoteResponse, ...errors(400, 401, 404, 410, 413, 415, 429) }
    }
  }, async (request, reply) => await reply.status(201).send(await reviewer.addNote(requirePrincipal(request), request.params.sessionId, request.body)))
}
