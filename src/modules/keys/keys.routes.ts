import type { FastifyRequest } from 'fastify'
import { permissionsHeld } from '../../lib/permissions.js'
import { auditOriginOf } from '../audit/audit.plugin.js'
import { requireApiKey, requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { ApiKeyListResponse, ApiKeyResponse, ApiKeyWithSecretResponse, CreateKeyBody, KeyIdParams, MeResponse, NoBody, RollKeyBody } from './keys.schemas.js'
import type { KeyCreator, KeysService } from './keys.service.js'

/**
 * The caller as a key creator (it passed the routes' `keys:write`): what it holds bounds what it may
 * grant. A key makes keys of its own mode and no longer-lived than itself; a user (an admin) either mode.
 */
function creatorOf (request: FastifyRequest): KeyCreator {
  const principal = requirePrincipal(request)
  const key = request.apiKey
  return {
    teamId: principal.teamId,
    keyId: key?.keyId ?? null,
    livemode: principal.kind === 'key' ? principal.livemode : null,
    permissions: permissionsHeld(principal),
    expiresAt: key?.expiresAt ?? null,
    origin: auditOriginOf(request)
  }
}

/** What /partner/me needs of the console-auth module (its service): a signed-in user's answer. */
interface ConsoleMe {
  me: (user: NonNullable<FastifyRequest['consoleUser']>) => Promise<MeResponse>
}

const tags = ['Keys']
const WHO = 'Needs the `keys:write` permission (team keys have it unless made without it; admin users). A key sees and makes keys of its own mode.'

export default async function keysRoutes (app: App, { keys, consoleAuth }: { keys: KeysService, consoleAuth: ConsoleMe }) {
  app.get('/partner/me', {
    config: { auth: 'apiKey', permission: 'read' },
    schema: {
      operationId: 'getMe',
      tags: ['Sessions'],
      summary: 'The caller: a key or a console user',
      description: 'Whose key this is, or which user signed in to the console (team, reviewer scope, mode, role), what it may do, and for a key its permission list and pinned API version.',
      security: apiKeySecurity,
      response: { 200: MeResponse, ...errors(401, 429) }
    }
  }, async (request) => request.consoleUser ? await consoleAuth.me(request.consoleUser) : await keys.me(requireApiKey(request)))

  app.get('/partner/keys', {
    config: { auth: 'apiKey', permission: 'keys:write' },
    schema: {
      operationId: 'listApiKeys',
      tags,
      summary: 'List API keys',
      description: `The team's keys of the caller's mode, oldest first, revoked and expired ones included; never the keys themselves. ${WHO}`,
      security: apiKeySecurity,
      response: { 200: ApiKeyListResponse, ...errors(401, 403, 429) }
    }
  }, async (request) => ({ success: true as const, data: await keys.listForTeam(creatorOf(request)) }))

  app.post('/partner/keys', {
    config: { auth: 'apiKey', permission: 'keys:write', idempotent: true },
    schema: {
      operationId: 'createApiKey',
      tags,
      summary: 'Create an API key',
      description: 'A new key, shown once in `key`, pinned to the current API version. It never holds more than the caller: ' +
        'no permission the caller lacks, the caller\'s mode, and no later expiry than the caller\'s (403 `key_exceeds_creator`). ' +
        `Event \`api_key.created\`; audit entry \`api_key.created\`. ${WHO}`,
      security: apiKeySecurity,
      body: CreateKeyBody,
      response: { 201: ApiKeyWithSecretResponse, ...errors(400, 401, 403, 415, 429) }
    }
  }, async (request, reply) => await reply.status(201).send({ success: true as const, data: await keys.createForTeam(creatorOf(request), request.body) }))

  app.post('/partner/keys/:id/roll', {
    config: { auth: 'apiKey', permission: 'keys:write', idempotent: true },
    schema: {
      operationId: 'rollApiKey',
      tags,
      summary: 'Roll an API key',
      description: 'A new key (shown once) with the same name, reviewer, mode, permissions, API version, expiry and rate limits; the old key keeps working ' +
        'for `expiresInSeconds` (0 by default: it stops at once; at most 7 days), then is refused. A key is rolled once (409 `api_key_already_rolled`: roll its successor); ' +
        `a revoked or expired key cannot be rolled (409). The caller must hold every permission of the key. Event \`api_key.rolled\`. ${WHO}`,
      security: apiKeySecurity,
      params: KeyIdParams,
      body: RollKeyBody,
      response: { 201: ApiKeyWithSecretResponse, ...errors(400, 401, 403, 404, 409, 415, 429) }
    },
    preValidation: async (request) => { request.body ??= {} }
  }, async (request, reply) => {
    const data = await keys.roll(creatorOf(request), request.params.id, request.body.expiresInSeconds ?? 0)
    return await reply.status(201).send({ success: true as const, data })
  })

  app.post('/partner/keys/:id/revoke', {
    config: { auth: 'apiKey', permission: 'keys:write', idempotent: true },
    schema: {
      operationId: 'revokeApiKey',
      tags,
      summary: 'Revoke an API key',
      description: 'The key is refused from the next request on (every process: keys are not cached). Revoking a revoked key answers it as it is. ' +
        'The caller must hold every permission of the key (403 `key_exceeds_creator`); a key may always revoke itself. ' +
        `Event \`api_key.revoked\`. ${WHO}`,
      security: apiKeySecurity,
      params: KeyIdParams,
      body: NoBody,
      response: { 200: ApiKeyResponse, ...errors(400, 401, 403, 404, 415, 429) }
    },
    preValidation: async (request) => { request.body ??= {} }
  }, async (request) => ({ success: true as const, data: await keys.revokeForTeam(creatorOf(request), request.params.id) }))
}
