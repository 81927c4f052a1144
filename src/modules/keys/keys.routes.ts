import { requireApiKey } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { MeResponse } from './keys.schemas.js'
import type { KeysService } from './keys.service.js'

export default async function keysRoutes (app: App, { keys }: { keys: KeysService }) {
  app.get('/partner/me', {
    config: { auth: 'apiKey', permission: 'read' },
    schema: {
      operationId: 'getMe',
      tags: ['Sessions'],
      summary: 'The calling key',
      description: 'Whose key this is (team, reviewer, mode) and what it may do.',
      security: apiKeySecurity,
      response: { 200: MeResponse, ...errors(401, 429) }
    }
  }, async (request) => await keys.me(requireApiKey(request)))
}
