import type { FastifyRequest } from 'fastify'
import { permissionsHeld } from '../../lib/permissions.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { AUDIT } from '../audit/audit-declarations.js'
import { CreatedUserResponse, CreateUserBody, EmptyBody, UpdateUserBody, UserIdParams, UserListResponse, UserResponse } from './users.schemas.js'
import type { UserManager, UsersService } from './users.service.js'

const tags = ['Users']

/** The caller as a user manager: what it holds bounds the roles it may give and the users it may reach. */
function managerOf (request: FastifyRequest): UserManager {
  const principal = requirePrincipal(request)
  return { kind: principal.kind, permissions: permissionsHeld(principal) }
}
const ADMIN_ONLY = 'Admin users and live team keys only (403 for reviewers, viewers, reviewer keys and test keys: console users work on live data). A key made with a narrower list cannot make, raise or reach a user whose role holds a permission it lacks (403 `role_exceeds_caller`).'

export default async function usersRoutes (app: App, { users }: { users: UsersService }) {
  app.get('/partner/users', {
    config: { auth: 'apiKey', permission: 'users' },
    schema: {
      operationId: 'listUsers',
      tags,
      summary: 'List the team\'s users',
      description: `Every user of the team, oldest first, enabled or not. ${ADMIN_ONLY}`,
      security: apiKeySecurity,
      response: { 200: UserListResponse, ...errors(401, 403, 429) }
    }
  }, async (request) => ({ success: true as const, data: await users.list(requirePrincipal(request).teamId) }))

  app.post('/partner/users', {
    config: { auth: 'apiKey', permission: 'users', idempotent: true, audit: AUDIT.userCreated },
    schema: {
      operationId: 'createUser',
      tags,
      summary: 'Create a user',
      description: `A new user of the team and a one-time setup link (24 hours) where they set a password; 409 \`user_exists\` when the team has one with this email, in any case. reviewerId defaults to the email (lower case). ${ADMIN_ONLY}`,
      security: apiKeySecurity,
      body: CreateUserBody,
      response: { 201: CreatedUserResponse, ...errors(400, 401, 403, 409, 415, 429) }
    }
  }, async (request, reply) => await reply.status(201).send({ success: true as const, data: await users.create(requirePrincipal(request).teamId, request.body, managerOf(request)) }))

  app.post('/partner/users/:id/setup-link', {
    config: { auth: 'apiKey', permission: 'users', idempotent: true, audit: AUDIT.userSetupLinkIssued },
    schema: {
      operationId: 'createUserSetupLink',
      tags,
      summary: 'A new setup link for a user',
      description: `For a lost or expired link, or a forgotten password: a new one-time link (24 hours) where the user sets a password; any earlier link stops working, and a password already set stays until the link is used. 409 \`user_disabled\` for a disabled user. ${ADMIN_ONLY}`,
      security: apiKeySecurity,
      params: UserIdParams,
      body: EmptyBody,
      response: { 201: CreatedUserResponse, ...errors(400, 401, 403, 404, 409, 429) }
    },
    preValidation: async (request) => { request.body ??= {} }
  }, async (request, reply) => await reply.status(201).send({ success: true as const, data: await users.newSetupLink(requirePrincipal(request).teamId, request.params.id, managerOf(request)) }))

  app.patch('/partner/users/:id', {
    config: { auth: 'apiKey', permission: 'users', audit: AUDIT.userUpdated },
    schema: {
      operationId: 'updateUser',
      tags,
      summary: 'Change a user\'s role, or disable them',
      description: `A change of role or a disabling ends the user's console sessions at once; 409 \`user_last_admin\` for the team's last enabled admin. ${ADMIN_ONLY}`,
      security: apiKeySecurity,
      params: UserIdParams,
      body: UpdateUserBody,
      response: { 200: UserResponse, ...errors(400, 401, 403, 404, 409, 415, 429) }
    }
  }, async (request) => ({ success: true as const, data: { user: await users.update(requirePrincipal(request).teamId, request.params.id, request.body, managerOf(request)) } }))

  app.delete('/partner/users/:id/totp', {
    config: { auth: 'apiKey', permission: 'users', audit: AUDIT.userTotpReset },
    schema: {
      operationId: 'resetUserTotp',
      tags,
      summary: 'Turn a user\'s two-step sign-in off (lost authenticator)',
      description: `For a user who lost their authenticator app: two-step sign-in is turned off and their console sessions end; they sign in with their password and may enroll again. Answers the user (unchanged when it was off). ${ADMIN_ONLY}`,
      security: apiKeySecurity,
      params: UserIdParams,
      response: { 200: UserResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => ({ success: true as const, data: { user: await users.resetTotp(requirePrincipal(request).teamId, request.params.id, managerOf(request)) } }))
}
