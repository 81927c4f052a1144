import { requireApplicant } from '../../plugins/auth.js'
import { csrfSecurity, errors, SessionIdParams } from '../../schemas/common.js'
import type { App } from '../../types.js'
import type { SourcesService } from './sources.service.js'
import { assertOwnSession } from '../../lib/principals.js'
import { SearchQuery, SourceListResponse } from './sources.schemas.js'

/** What these routes need of the sessions module (its SessionsService): the applicant's session, 404 if missing, 410 once expired. */
interface ApplicantSessions {
  getForApplicant: (sessionId: number) => Promise<{ id: number }>
}

export default async function sourcesRoutes (app: App, { sources, sessions }: { sources: SourcesService, sessions: ApplicantSessions }) {
  app.get('/partner/sources/session/:sessionId', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'listSessionSources',
      tags: ['Sources'],
      summary: 'Get verification sources by session',
      description: 'The session\'s allowed sources, or every enabled source when the session set none.',
      security: csrfSecurity,
      params: SessionIdParams,
      response: { 200: SourceListResponse, ...errors(400, 401, 403, 404, 410, 429) }
    }
  }, async (request) => {
    const principal = requireApplicant(request)
    assertOwnSession(principal, request.params.sessionId)
    const session = await sessions.getForApplicant(request.params.sessionId)
    const rows = await sources.ofSession(session.id)
    return rows.map((r) => sources.view(r))
  })

  app.get('/partner/sources/search', {
    config: { auth: 'csrf' },
    schema: {
      operationId: 'searchSources',
      tags: ['Sources'],
      summary: 'Search data sources',
      description: 'Case-insensitive search over name, sourceName, description and category, best matches first. With sessionId, only that session\'s sources.',
      security: csrfSecurity,
      querystring: SearchQuery,
      response: { 200: SourceListResponse, ...errors(400, 401, 403, 410, 429) }
    }
  }, async (request) => {
    const principal = requireApplicant(request)
    const { text, sessionId } = request.query
    let rows
    if (sessionId !== undefined) {
      assertOwnSession(principal, sessionId)
      const session = await sessions.getForApplicant(sessionId)
      rows = await sources.ofSession(session.id)
    } else {
      await sessions.getForApplicant(principal.sessionId)
      rows = await sources.forSession([])
    }
    return sources.search(rows, text).map((r) => sources.view(r))
  })
}
