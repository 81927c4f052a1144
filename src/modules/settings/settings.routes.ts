import { requirePrincipal } from '../../plugins/auth.js'
import { AUDIT } from '../audit/audit-declarations.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { TeamSettingsResponse, UpdateSettingsBody } from './settings.schemas.js'
import type { SettingsService } from './settings.service.js'

const TEAM_ONLY = 'Live team keys only: a key scoped to a reviewer gets 403 (`team_key_required`), a test key 403 (`forbidden`: live applicants follow these settings).'

export default async function settingsRoutes (app: App, { settings }: { settings: SettingsService }) {
  const tags = ['Settings']

  app.get('/partner/settings', {
    config: { auth: 'apiKey', permission: 'settings' },
    schema: {
      operationId: 'getSettings',
      tags,
      summary: 'Get the team\'s settings',
      description: `Every setting of the calling key's team, defaults included. ${TEAM_ONLY}`,
      security: apiKeySecurity,
      response: { 200: TeamSettingsResponse, ...errors(401, 403, 429) }
    }
  }, async (request) => await settings.get(requirePrincipal(request)))

  app.patch('/partner/settings', {
    config: { auth: 'apiKey', permission: 'settings', audit: AUDIT.settingsUpdated },
    schema: {
      operationId: 'updateSettings',
      tags,
      summary: 'Change the team\'s settings',
      description: 'Changes the fields sent and answers every setting. Every field is checked first: one invalid field (400 `validation_failed`) changes nothing. ' +
        `\`retentionDays\` overrides RETENTION_DAYS for the team's sessions in the retention sweep. ${TEAM_ONLY}`,
      security: apiKeySecurity,
      body: UpdateSettingsBody,
      response: { 200: TeamSettingsResponse, ...errors(400, 401, 403, 413, 415, 429) }
    }
  }, async (request) => await settings.update(requirePrincipal(request), request.body))
}
