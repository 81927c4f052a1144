import { requireApiKey } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { MeResponse } from './keys.schemas.js'
import type { KeysService } from './keys.service.js'
import type { ConsoleAuthService } from '../console-auth/console-auth.service.js'

export default async function keysRoutes (app: App, { keys, consoleAuth }: { keys: KeysService, consoleAuth: ConsoleAuthService }) {
  app.get('/partner/me', {
    config: { auth: 'apiKey', permission: 'read' },
    schema: {
      operationId: 'getMe',
      tags: ['Sessions'],
      summary: 'The caller: a key or a console user',
      description: 'Whose key this is, or which user signed in to the console (team, reviewer scope, mode, role) and what it may do.',
      security: apiKeySecurity,
      response: { 200: MeResponse, ...errors(401, 429) }
    }
  }, async (request) => request.consoleUser ? await consoleAuth.me(request.consoleUser) : await keys.me(requireApiKey(request)))
}
