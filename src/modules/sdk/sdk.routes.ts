import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import type { SdkService } from './sdk.service.js'
import { SdkSessionBody, SdkSessionResponse } from './sdk.schemas.js'

export default async function sdkRoutes (app: App, { sdk }: { sdk: SdkService }) {
  app.post('/partner/sdk/session', {
    config: { auth: 'apiKey', permission: 'create', idempotent: true },
    schema: {
      operationId: 'createSdkSession',
      tags: ['SDK'],
      summary: 'Create SDK verification session',
      description: 'Starts an SDK verification for one source: 404 "Verification source not found" for an unknown sourceName, 404 "Login flow not found" for a source without an SDK login flow.',
      security: apiKeySecurity,
      body: SdkSessionBody,
      response: { 201: SdkSessionResponse, ...errors(400, 401, 404, 429) }
    }
  }, async (request, reply) => {
    return reply.status(201).send(await sdk.create(requirePrincipal(request), request.body.sourceName))
  })
}
