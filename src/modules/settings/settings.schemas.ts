import { Type, type Static } from 'typebox'
import { Nullable } from '../../schemas/common.js'
import { SUPPORTED_LOCALES } from '../../lib/locales.js'

export const AUTO_ASSIGN_MODES = ['round_robin', 'none'] as const
export type AutoAssignMode = typeof AUTO_ASSIGN_MODES[number]

/** The most reminders a session sends, and the latest one (hours after the link was sent). */
export const MAX_REMINDERS = 3
export const MAX_REMINDER_HOURS = 24 * 90

export const RemindersSchema = Type.Object({
  afterHours: Type.Array(Type.Number({ minimum: 0.01, maximum: MAX_REMINDER_HOURS }), {
    maxItems: MAX_REMINDERS,
    description: `Hours after the link was sent at which it is sent again (at most ${MAX_REMINDERS}, each distinct, fractions allowed); [] sends no reminder.`
  })
}, { additionalProperties: false, examples: [{ afterHours: [24, 72] }] })
export type Reminders = Static<typeof RemindersSchema>

const DisplayName = Type.String({ minLength: 1, maxLength: 100, description: 'Who asks, as applicants read it in messages and on the page; defaults to the team\'s name.' })
const SupportEmail = Type.String({ format: 'email', maxLength: 254, description: 'Where applicants may write with questions; shown in messages when set.' })
const DefaultLocale = Type.Enum(SUPPORTED_LOCALES, { description: 'The language of messages when a session names none.' })
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name (`America/New_York`): reminders are not sent between 21:00 and 08:00 there, unless a session names its own.' })
const RequireConsent = Type.Boolean({ description: 'The applicant must accept the consent text before selecting a source.' })
const RetentionDays = Type.Integer({ minimum: 1, maximum: 36500, description: 'Final sessions of the team are redacted this many days after they ended; overrides RETENTION_DAYS. null follows RETENTION_DAYS.' })
const ReviewSlaHours = Type.Number({ minimum: 0.01, maximum: 8760, description: 'Hours a session may wait in REVIEWING before it is overdue (at least 0.01); fractions allowed. null: no target.' })
const AutoAssign = Type.Enum(AUTO_ASSIGN_MODES, { description: '`round_robin` assigns new sessions to the team\'s reviewers in turn; `none` leaves them in the team\'s queue.' })

export const TeamSettingsSchema = Type.Object({
  displayName: DisplayName,
  supportEmail: Nullable(SupportEmail),
  defaultLocale: DefaultLocale,
  timezone: TimeZone,
  reminders: RemindersSchema,
  requireConsent: RequireConsent,
  retentionDays: Nullable(RetentionDays),
  reviewSlaHours: Nullable(ReviewSlaHours),
  autoAssign: AutoAssign,
  updatedAt: Nullable(Type.String({ description: 'When the settings last changed; null while every one is the default.' }))
}, { $id: 'TeamSettings', description: 'A team\'s settings: every field, defaults included' })
export type TeamSettings = Static<typeof TeamSettingsSchema>

export const TeamSettingsResponse = Type.Object({ success: Type.Literal(true), data: TeamSettingsSchema })
export type TeamSettingsResponse = Static<typeof TeamSettingsResponse>

export const UpdateSettingsBody = Type.Object({
  displayName: Type.Optional(Nullable(DisplayName)),
  supportEmail: Type.Optional(Nullable(SupportEmail)),
  defaultLocale: Type.Optional(DefaultLocale),
  timezone: Type.Optional(TimeZone),
  reminders: Type.Optional(RemindersSchema),
  requireConsent: Type.Optional(RequireConsent),
  retentionDays: Type.Optional(Nullable(RetentionDays)),
  reviewSlaHours: Type.Optional(Nullable(ReviewSlaHours)),
  autoAssign: Type.Optional(AutoAssign)
}, {
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change (at least one); a field left out keeps its value. null sets displayName back to the team\'s name, and clears supportEmail, retentionDays and reviewSlaHours.',
  examples: [{ displayName: 'Acme Leasing', timezone: 'America/Chicago', reminders: { afterHours: [24, 72] } }]
})
export type UpdateSettingsBody = Static<typeof UpdateSettingsBody>
