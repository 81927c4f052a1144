import { createHash } from 'node:crypto'
import type { SessionRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { catalogs } from '../../lib/i18n.js'
import { parseJson } from '../../lib/json.js'
import { DEFAULT_LOCALE, localeFromAcceptLanguage, matchLocale, type Locale } from '../../lib/locales.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { canAnswerConsent, SESSION_TRANSITIONS } from '../lifecycle/lifecycle.js'
import type { SettingsService } from '../settings/settings.service.js'
import { proofRequirementsOf, type SourcesService } from '../sources/sources.service.js'
import { assertOwnSession, type ApplicantPrincipal } from '../../lib/principals.js'
import type { ConsentAnswerBody, ConsentAnswerResponse, ConsentQuery, ConsentRecord, ConsentTextResponse } from './consent.schemas.js'

/** Where an answer came from: kept with the record. */
export interface Requester { ip: string, userAgent: string | null, acceptLanguage: string | null }

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

let version: string | null = null
/** The consent wording's version: a hash of every language's consent templates, so any change of wording makes a new one. */
export async function consentVersion (): Promise<string> {
  version ??= 'c1-' + sha256((await catalogs()).consentTemplates()).slice(0, 12)
  return version
}

/** The record as kept on the session, or null (none, or unreadable). */
export function consentOf (row: Pick<SessionRow, 'consent'>): ConsentRecord | null {
  const record = parseJson<ConsentRecord | null>(row.consent, null)
  return record && typeof record === 'object' && typeof record.acceptedAt === 'string' ? record : null
}

/**
 * The applicant's consent: the text (who asks, why, what each selectable source shares, how long it
 * is kept) rendered from the applicant's catalog, exactly as the hosted page shows it, and the
 * answer: accepting keeps {version, textHash, locale, acceptedAt, ip, userAgent} on the session;
 * declining ends it (EXPIRED, consent_declined).
 */
/** The applicant's session as consent reads it (the sessions module provides it; sessions/ imports consent's view, not the other way round). */
export interface ApplicantSessions { getForApplicant: (sessionId: number) => Promise<SessionRow> }

export class ConsentService {
  constructor (
    private readonly sessions: ApplicantSessions,
    private readonly sources: SourcesService,
    private readonly settings: SettingsService,
    private readonly lifecycle: LifecycleRepository,
    private readonly clock: Clock,
    /** RETENTION_DAYS: how long final sessions are kept when the team sets no retentionDays. */
    private readonly retentionDays: number | null
  ) {}

  /** The language: the one asked for, else the session's (params.locale), else Accept-Language, else the team's default, else en. */
  private async localeFor (session: SessionRow, asked: string | undefined, acceptLanguage: string | null): Promise<Locale> {
    return matchLocale(asked) ?? matchLocale(session.locale) ?? localeFromAcceptLanguage(acceptLanguage) ??
      (await this.settings.forTeam(session.teamId)).defaultLocale ?? DEFAULT_LOCALE
  }

  private async render (session: SessionRow, locale: Locale): Promise<{ version: string, text: string, textHash: string }> {
    const [settings, rows, i18n] = await Promise.all([this.settings.forTeam(session.teamId), this.sources.ofSession(session.id), catalogs()])
    const text = i18n.consentText(locale, {
      team: settings.displayName,
      purpose: session.purpose,
      purposeText: session.purposeText,
      sources: rows.map((row) => ({ name: row.name, parameters: proofRequirementsOf(row).parameters })),
      retentionDays: settings.retentionDays ?? this.retentionDays
    })
    return { version: await consentVersion(), text, textHash: sha256(text) }
  }

  async text (principal: ApplicantPrincipal, query: ConsentQuery, acceptLanguage: string | null): Promise<ConsentTextResponse> {
    assertOwnSession(principal, query.sessionId)
    const session = await this.sessions.getForApplicant(query.sessionId)
    const locale = await this.localeFor(session, query.locale, acceptLanguage)
    const rendered = await this.render(session, locale)
    return { success: true, data: { ...rendered, locale, acceptedAt: consentOf(session)?.acceptedAt ?? null } }
  }

  async answer (principal: ApplicantPrincipal, body: ConsentAnswerBody, requester: Requester): Promise<ConsentAnswerResponse> {
    assertOwnSession(principal, body.sessionId)
    const session = await this.sessions.getForApplicant(body.sessionId)
    if (!canAnswerConsent(session.status)) throw fail('session_status_conflict', `Consent cannot be answered while the session is ${session.status}`)
    const current = await consentVersion()
    if (body.version !== current) throw fail('consent_version_mismatch', `The consent text has changed (version ${current}): read it again (GET /partner/verification/consent)`)
    const locale = await this.localeFor(session, body.locale, requester.acceptLanguage)
    const at = this.clock.iso()
    if (!body.accepted) {
      const detail = JSON.stringify({ version: current, locale })
      if (!await this.lifecycle.declineConsent(session, detail, at)) throw fail('concurrent_update')
      return { success: true, data: { accepted: false, status: SESSION_TRANSITIONS.declineConsent.to, statusReason: SESSION_TRANSITIONS.declineConsent.reason, consent: null } }
    }
    const existing = consentOf(session)
    let record: ConsentRecord
    if (existing) {
      record = existing // accepted before: the first record stands
    } else {
      const { textHash } = await this.render(session, locale)
      record = { version: current, textHash, locale, acceptedAt: at, ip: requester.ip, userAgent: requester.userAgent?.slice(0, 500) ?? null }
      const detail = JSON.stringify({ version: record.version, textHash, locale, acceptedAt: at })
      if (!await this.lifecycle.acceptConsent(session, JSON.stringify(record), detail, at)) throw fail('concurrent_update')
    }
    return {
      success: true,
      data: {
        accepted: true,
        status: session.status,
        statusReason: session.statusReason,
        consent: { version: record.version, textHash: record.textHash, locale: record.locale, acceptedAt: record.acceptedAt }
      }
    }
  }
}
