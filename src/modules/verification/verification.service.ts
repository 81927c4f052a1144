import type { SessionRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import type { ApplicantPrincipal } from '../../lib/principals.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { DeliveryService } from '../delivery/delivery.service.js'
import { canSelectSources, canSubmitInSession } from '../lifecycle/lifecycle.js'
import { moreRequestOf } from '../sessions/sessions.view.js'
import type { SessionsRepository } from '../sessions/sessions.repository.js'
import type { SessionsService } from '../sessions/sessions.service.js'
import type { SettingsService } from '../settings/settings.service.js'
import { consentOf } from '../consent/consent.service.js'
import type { VerificationRepository } from './verification.repository.js'
import type { VerifyInput, VerifyResponse } from './verification.schemas.js'

export type { ApplicantPrincipal } from '../../lib/principals.js'

/** The reviewer's request for more, while the applicant still has something to do for it (PROCESSING). */
function applicantMoreRequest (session: SessionRow): { message: string, at: string } | null {
  const request = moreRequestOf(session)
  if (request === null || request.message === null || !canSubmitInSession(session.status)) return null
  return { message: request.message, at: request.at }
}

export class VerificationService {
  constructor (
    private readonly repo: VerificationRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly csrfTtlSeconds: number,
    private readonly delivery: DeliveryService
  ) {}

  /** Exchanges the link token for a CSRF token of that session; 401 for a wrong pair, 410 once expired. */
  async exchange (input: VerifyInput): Promise<VerifyResponse> {
    const row = await this.sessionsRepo.findByLinkTokenHash(sha256Hex(input.token))
    if (!row || row.id !== input.sessionId) throw fail('link_token_invalid')
    const session = await this.sessions.getForApplicant(row.id)
    const settings = await this.settings.forTeam(session.teamId)
    const consent = consentOf(session)
    const csrfToken = newSecret()
    const now = this.clock.ms()
    const expiresAt = new Date(now + this.csrfTtlSeconds * 1000).toISOString()
    await this.repo.insertCsrf({ tokenHash: sha256Hex(csrfToken), sessionId: session.id, expiresAt, createdAt: new Date(now).toISOString() })
    await this.delivery.opened(session.id, input.c)
    return {
      success: true,
      data: {
        csrfToken,
        expiresAt,
        sessionId: session.id,
        session: {
          id: session.id,
          status: session.status,
          expiryDate: session.expiryDate,
          instructions: session.instructions,
          applicantFirstName: session.applicantFirstName,
          applicantLastName: session.applicantLastName,
          selectedPlatform: session.selectedPlatform,
          livemode: session.livemode === 1,
          canContinue: canSelectSources(session.status),
          locale: session.locale,
          defaultLocale: settings.defaultLocale,
          requester: settings.displayName,
          requireConsent: settings.requireConsent,
          consent: consent === null ? null : { version: consent.version, locale: consent.locale, acceptedAt: consent.acceptedAt },
          moreRequest: applicantMoreRequest(session)
        }
      }
    }
  }

  async authenticate (token: string | undefined): Promise<ApplicantPrincipal | null> {
    if (!token || token.length > 200) return null
    const row = await this.repo.findLiveCsrf(sha256Hex(token), this.clock.iso())
    return row ? { sessionId: row.sessionId } : null
  }

  async purgeExpired (): Promise<number> {
    return await this.repo.deleteExpiredCsrf(this.clock.iso())
  }
}
