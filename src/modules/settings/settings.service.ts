import type { TeamSettingsRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { parseJson } from '../../lib/json.js'
import { canonicalTimeZone, DEFAULT_LOCALE, isSupportedLocale } from '../../lib/locales.js'
import type { Principal } from '../../lib/permissions.js'
import type { KeysRepository } from '../keys/keys.repository.js'
import type { SettingsRepository, TeamSettingsChanges } from './settings.repository.js'
import { AUTO_ASSIGN_MODES, type AutoAssignMode, type TeamSettings, type TeamSettingsResponse, type UpdateSettingsBody } from './settings.schemas.js'

export const DEFAULT_TIMEZONE = 'UTC'

const isAutoAssign = (value: string | null): value is AutoAssignMode => (AUTO_ASSIGN_MODES as readonly string[]).includes(value ?? '')

/** A team's settings as stored, each unset one replaced by its default. */
function withDefaults (teamName: string, row: TeamSettingsRow | undefined): TeamSettings {
  const reminders = parseJson<{ afterHours?: unknown }>(row?.reminders ?? null, {})
  const hours = Array.isArray(reminders.afterHours) ? reminders.afterHours.filter((h): h is number => typeof h === 'number') : []
  return {
    displayName: row?.displayName ?? teamName,
    supportEmail: row?.supportEmail ?? null,
    defaultLocale: row?.defaultLocale && isSupportedLocale(row.defaultLocale) ? row.defaultLocale : DEFAULT_LOCALE,
    timezone: row?.timezone ?? DEFAULT_TIMEZONE,
    reminders: { afterHours: hours },
    requireConsent: row?.requireConsent === 1,
    retentionDays: row?.retentionDays ?? null,
    reviewSlaHours: row?.reviewSlaHours === null || row?.reviewSlaHours === undefined ? null : Number(row.reviewSlaHours),
    autoAssign: isAutoAssign(row?.autoAssign ?? null) ? row?.autoAssign as AutoAssignMode : 'none',
    updatedAt: row?.updatedAt ?? null
  }
}

/**
 * A team's settings: what the partner reads and changes over the API, and what the other modules
 * ask through `forTeam` (the message language, reminders, consent, retention, review targets).
 */
export class SettingsService {
  constructor (
    private readonly repo: SettingsRepository,
    private readonly keys: KeysRepository,
    private readonly clock: Clock
  ) {}

  /** The team's settings, defaults included; for the other modules (no permission check). */
  async forTeam (teamId: number): Promise<TeamSettings> {
    const [team, row] = await Promise.all([this.keys.findTeam(teamId), this.repo.find(teamId)])
    if (!team) throw fail('not_found', 'Team not found')
    return withDefaults(team.name, row)
  }

  /** Teams whose retention overrides RETENTION_DAYS (the retention sweep's list). */
  async retentionOverrides (): Promise<Array<{ teamId: number, retentionDays: number }>> {
    return await this.repo.retentionOverrides()
  }

  async get (principal: Principal): Promise<TeamSettingsResponse> {
    return { success: true, data: await this.forTeam(principal.teamId) }
  }

  /** Checks every field before changing any: a refused change changes nothing. */
  async update (principal: Principal, body: UpdateSettingsBody): Promise<TeamSettingsResponse> {
    const changes: TeamSettingsChanges = {}
    if (body.displayName !== undefined) {
      const name = body.displayName?.trim() ?? null
      if (name === '') throw fail('validation_failed', 'body.displayName must not be blank')
      // It is a line of every SMS and email subject: no line of its own, no escape sequence, no reversed text.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (name !== null && /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) {
        throw fail('validation_failed', 'body.displayName must not contain line breaks or other control characters')
      }
      changes.displayName = name
    }
    if (body.supportEmail !== undefined) changes.supportEmail = body.supportEmail
    if (body.defaultLocale !== undefined) changes.defaultLocale = body.defaultLocale
    if (body.timezone !== undefined) {
      const zone = canonicalTimeZone(body.timezone)
      if (zone === null) throw fail('validation_failed', `body.timezone must be an IANA time zone name such as America/New_York, got "${body.timezone}"`)
      changes.timezone = zone
    }
    if (body.reminders !== undefined) {
      const hours = body.reminders.afterHours
      if (new Set(hours).size !== hours.length) throw fail('validation_failed', 'body.reminders.afterHours must not repeat an hour')
      changes.reminders = JSON.stringify({ afterHours: [...hours].sort((a, b) => a - b) })
    }
    if (body.requireConsent !== undefined) changes.requireConsent = body.requireConsent ? 1 : 0
    if (body.retentionDays !== undefined) changes.retentionDays = body.retentionDays
    if (body.reviewSlaHours !== undefined) changes.reviewSlaHours = body.reviewSlaHours
    if (body.autoAssign !== undefined) changes.autoAssign = body.autoAssign
    const team = await this.keys.findTeam(principal.teamId)
    if (!team) throw fail('not_found', 'Team not found')
    const row = await this.repo.upsert(principal.teamId, changes, this.clock.iso())
    return { success: true, data: withDefaults(team.name, row) }
  }
}
