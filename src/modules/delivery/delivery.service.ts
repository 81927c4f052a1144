import type { Transaction } from 'kysely'
import type { Config } from '../../config.js'
import type { Database, DeliveryPlanRow, DeliverySuppressionRow, LinkDeliveryRow, SessionRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { parseJson } from '../../lib/json.js'
import { canonicalTimeZone, isSupportedLocale, localeFromAcceptLanguage, matchLocale, resolveLocale, SUPPORTED_LOCALES, type Locale } from '../../lib/locales.js'
import { hmacHex, seal, unseal } from '../../lib/secrets.js'
import type { Principal } from '../../lib/permissions.js'
import { canRemind, canSendLink, type DeliveryChangeName } from '../lifecycle/lifecycle.js'
import type { LifecycleRepository } from '../lifecycle/lifecycle.repository.js'
import { manualVerificationLink } from '../../lib/verification-links.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { TeamSettings } from '../settings/settings.schemas.js'
import type { StepsRepository } from '../steps/steps.repository.js'
import { format, renderEmail, renderSms } from './delivery-messages.js'
import type { ClaimedMessage, DeliveryRepository, MessageOutcome, NewMessage } from './delivery.repository.js'
import type {
  Channel, DeliveryMode, DeliveryReportResponse, DeliveryRequest, DeliveryStatus, DeliveryView, InboundSmsBody, InboundSmsResponse, OutboxMessage, OutboxResponse,
  SmsStatusBody, SuppressionResponse, SuppressionsQuery, SuppressionsResponse, SuppressionView
} from './delivery.schemas.js'
import { parseDsn } from './dsn.js'
import { afterQuietHours, isQuiet } from './quiet-hours.js'
import { outboxTransport, type EmailContent, type EmailTransport, type SendResult, type SmsContent, type SmsTransport } from './transports.js'

/** What delivery reads of a session (the sessions module's repository provides it; sessions/ calls delivery, not the other way round). */
export interface SessionLookup { findById: (id: number) => Promise<SessionRow | undefined> }

const HOUR_MS = 3600_000
/** Wait after the n-th failed attempt (seconds); the 5th failure is final. */
export const RETRY_DELAYS_S = [30, 120, 600, 3600] as const
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_S.length + 1
/** How long a claimed message stays leased to its sender (ms): longer than any attempt. */
const LEASE_MS = 120_000
const CLAIM_BATCH = 8

/** What a session's creation asks for, checked (see `prepare`). */
export interface PreparedDelivery {
  channels: Channel[]
  locale: Locale
  timezone: string | null
  reminderHours: number[]
  email: string | null
  phone: string | null
  mode: DeliveryMode | null // null: nothing is sent now (a phone number kept for later)
  settings: TeamSettings
}

/** The delivery fields of POST /partner/session's params. */
export interface DeliveryParams {
  delivery?: DeliveryRequest
  applicantPhone?: string | null
  applicantEmail?: string | null
  reminders?: { afterHours: number[] }
  timezone?: string
  /** The applicant's language (the hosted page's too): the messages' when `delivery.locale` names none. */
  locale?: string | null
}

export interface Transports { email: EmailTransport, sms: SmsTransport }

/** A reissue's delivery, checked (see `prepareReissue`). */
export interface ReissueDelivery { channels: Channel[], locale: Locale, contact: { email: string | null, phone: string | null }, settings: TeamSettings }

export interface DispatchResult { reminders: number, sent: number, retrying: number, failed: number, suppressed: number }

interface SealedContent { email?: EmailContent, sms?: SmsContent }

export function maskAddress (channel: Channel, address: string): string {
  if (channel === 'email') {
    const at = address.lastIndexOf('@')
    return `${address.slice(0, 1)}***${address.slice(at)}`
  }
  const digits = address.slice(1)
  return `+${digits.slice(0, 1)}${'*'.repeat(Math.max(0, digits.length - 5))}${digits.slice(-4)}`
}

const normalize = (channel: Channel, address: string) => channel === 'email' ? address.trim().toLowerCase() : address.trim()

/** SMS keywords (case-insensitive, the whole message) that stop or restart messages, as carriers define them. */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ALTO', 'PARAR', 'BAJA'])
const START_WORDS = new Set(['START', 'UNSTOP', 'YES'])

/**
 * Sends the verification link to the applicant by email and SMS: plans the messages when a session
 * is created or its link reissued, sends them from an outbox in the background (retries, leases
 * shared by every worker), sends reminders, records the applicant's STOP and unsubscribe, and
 * records the first opening of the link.
 */
export class DeliveryService {
  private running: Promise<DispatchResult> | null = null
  private stopping = false

  constructor (
    private readonly repo: DeliveryRepository,
    private readonly lifecycle: LifecycleRepository,
    private readonly sessions: SessionLookup,
    private readonly steps: StepsRepository,
    private readonly settings: SettingsService,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly serverSecret: string,
    private readonly transports: Transports
  ) {}

  /** Whether a channel's messages go out for real or stay in the outbox. */
  modeOf (channels: readonly Channel[]): DeliveryMode {
    return channels.some((c) => this.transports[c].name === 'outbox') ? 'outbox' : 'queued'
  }

  // ------------------------------------------------------------------ planning

  /**
   * Checks a session's delivery fields before the session is made (400 for anything wrong, so a
   * refused request changes nothing); null when the request asks for none of it.
   */
  async prepare (teamId: number, params: DeliveryParams, expiryMs: number): Promise<PreparedDelivery | null> {
    const { delivery } = params
    const phone = params.applicantPhone ?? null
    if (!delivery && phone === null && params.reminders === undefined && params.timezone === undefined) return null
    if (params.reminders !== undefined && !delivery) throw fail('validation_failed', 'params.reminders needs params.delivery: reminders are sent on its channels')
    const timezone = params.timezone === undefined ? null : canonicalTimeZone(params.timezone)
    if (params.timezone !== undefined && timezone === null) {
      throw fail('validation_failed', `params.timezone must be an IANA time zone name such as America/New_York, got "${params.timezone}"`)
    }
    const settings = await this.settings.forTeam(teamId)
    const email = params.applicantEmail?.trim() || null
    const channels = delivery ? this.checkChannels(delivery.channels, { email, phone }, 'params') : []
    // Issue 20 item 4: delivery.locale, else params.locale (checked by the sessions service), else the team's default.
    const locale = this.checkLocale(delivery?.locale, 'params.delivery.locale') ?? matchLocale(params.locale) ?? resolveLocale(settings.defaultLocale)
    let reminderHours: number[] = []
    const now = this.clock.ms()
    if (params.reminders !== undefined) {
      const hours = params.reminders.afterHours
      if (new Set(hours).size !== hours.length) throw fail('validation_failed', 'params.reminders.afterHours must not repeat an hour')
      const late = hours.find((h) => now + h * HOUR_MS >= expiryMs)
      if (late !== undefined) throw fail('validation_failed', `params.reminders.afterHours must each fall before params.expiryDate; ${late} h does not`)
      reminderHours = [...hours].sort((a, b) => a - b)
    } else if (delivery) {
      // The team's reminders, those that fall before this session's expiry.
      reminderHours = settings.reminders.afterHours.filter((h) => now + h * HOUR_MS < expiryMs)
    }
    return { channels, locale, timezone, reminderHours, email, phone, mode: delivery ? this.modeOf(channels) : null, settings }
  }

  private checkChannels (channels: readonly Channel[], contact: { email: string | null, phone: string | null }, field: string): Channel[] {
    if (channels.includes('email') && contact.email === null) throw fail('validation_failed', `${field}.applicantEmail is required to send by email`)
    if (channels.includes('sms') && contact.phone === null) throw fail('validation_failed', `${field}.applicantPhone is required to send by SMS`)
    return [...new Set(channels)]
  }

  private checkLocale (tag: string | undefined, field: string): Locale | null {
    if (tag === undefined) return null
    const language = tag.split(/[-_]/)[0].toLowerCase()
    if (!isSupportedLocale(tag) && !isSupportedLocale(language)) {
      throw fail('validation_failed', `${field} must be one of ${SUPPORTED_LOCALES.join(', ')} (or a regional form such as es-MX), got "${tag}"`)
    }
    return resolveLocale(tag)
  }

  /** In the session's creation transaction (every read through `trx`: SQLite has one connection): the plan and, when delivery was asked for, its first messages. */
  async plan (trx: Transaction<Database>, session: SessionRow, token: string, prepared: PreparedDelivery): Promise<void> {
    const now = this.clock.iso()
    const sending = prepared.channels.length > 0
    const messages = sending
      ? await this.messages(session, token, 1, 'link', prepared.channels, { email: prepared.email, phone: prepared.phone }, prepared.locale, prepared.timezone, prepared.settings)
      : []
    await this.repo.insertPlan({
      sessionId: session.id,
      teamId: session.teamId,
      livemode: session.livemode,
      email: prepared.email,
      phone: prepared.phone,
      channels: JSON.stringify(prepared.channels),
      locale: prepared.locale,
      timezone: prepared.timezone,
      reminderHours: JSON.stringify(prepared.reminderHours),
      linkSealed: this.sealLink(session, token),
      sends: sending ? 1 : 0,
      remindersSent: 0,
      anchorAt: sending ? now : null,
      nextReminderAt: sending ? this.reminderAt(now, prepared.reminderHours, 0, session.expiryDate, prepared.timezone ?? prepared.settings.timezone) : null,
      openedAt: null,
      createdAt: now,
      updatedAt: now
    }, messages, trx)
  }

  /** The phone number, language and channels a session's link was planned and last sent with (a re-verification sends the new link the same way). */
  async contactOf (sessionId: number): Promise<{ phone: string | null, locale: string | null, channels: Channel[] }> {
    const plan = await this.repo.findPlan(sessionId)
    return { phone: plan?.phone ?? null, locale: plan?.locale ?? null, channels: plan ? parseJson<Channel[]>(plan.channels, []) : [] }
  }

  /** Checks a reissue's `delivery` before the link changes (400 for anything wrong, so nothing changes). */
  async prepareReissue (session: SessionRow, delivery: DeliveryRequest | undefined): Promise<ReissueDelivery | null> {
    if (!delivery) return null
    const [plan, settings] = await Promise.all([this.repo.findPlan(session.id), this.settings.forTeam(session.teamId)])
    const contact = { email: plan?.email ?? session.applicantEmail, phone: plan?.phone ?? null }
    const channels = this.checkChannels(delivery.channels, contact, 'the session\'s params')
    // The language the link was last sent in, else the session's (params.locale), else the team's default.
    const locale = this.checkLocale(delivery.locale, 'body.delivery.locale') ?? matchLocale(plan?.locale ?? session.locale) ?? resolveLocale(settings.defaultLocale)
    return { channels, locale, contact, settings }
  }

  /**
   * After a new link was issued: the plan carries it from now on (reminders send the new one);
   * with a delivery, it is sent now, and reminders count again from now.
   */
  async linkReissued (session: SessionRow, token: string, prepared: ReissueDelivery | null): Promise<DeliveryMode | null> {
    const now = this.clock.iso()
    if (!prepared) {
      await this.repo.updatePlan(session.id, { linkSealed: this.sealLink(session, token), updatedAt: now })
      return null
    }
    const { channels, locale, contact, settings } = prepared
    await this.repo.insertPlanIfAbsent({
      sessionId: session.id,
      teamId: session.teamId,
      livemode: session.livemode,
      email: contact.email,
      phone: contact.phone,
      channels: '[]',
      locale,
      timezone: null,
      // The team's reminders (those before this session's expiry): none were planned without a delivery.
      reminderHours: JSON.stringify(settings.reminders.afterHours.filter((h) => Date.parse(now) + h * HOUR_MS < Date.parse(session.expiryDate))),
      linkSealed: null,
      sends: 0,
      remindersSent: 0,
      anchorAt: null,
      nextReminderAt: null,
      openedAt: null,
      createdAt: now,
      updatedAt: now
    })
    for (let tries = 0; tries < 5; tries++) {
      const current = await this.repo.findPlan(session.id)
      if (!current) break
      const hours = parseJson<number[]>(current.reminderHours, [])
      const timezone = current.timezone ?? settings.timezone
      const messages = await this.messages(session, token, current.sends + 1, 'link', channels, contact, locale, current.timezone, settings)
      const started = await this.repo.startSend(session.id, current.sends, {
        channels: JSON.stringify(channels),
        locale,
        linkSealed: this.sealLink(session, token),
        anchorAt: now,
        remindersSent: 0,
        nextReminderAt: this.reminderAt(now, hours, 0, session.expiryDate, timezone),
        updatedAt: now
      }, messages)
      if (started) return this.modeOf(channels)
    }
    throw new Error('delivery: the plan kept changing while a send was started')
  }

  /**
   * Sends the session's current link again, now, on the channels it was last sent on, in the
   * applicant's language (a reviewer asked for more, issue 21): null when the link was never sent
   * by the service (no plan or no channel) or can no longer be read (redacted).
   */
  async resendLink (session: SessionRow): Promise<DeliveryMode | null> {
    const settings = await this.settings.forTeam(session.teamId)
    for (let tries = 0; tries < 5; tries++) {
      const plan = await this.repo.findPlan(session.id)
      const channels = plan ? parseJson<Channel[]>(plan.channels, []) : []
      const token = plan ? this.unsealLink(plan) : null
      if (!plan || channels.length === 0 || token === null) return null
      const messages = await this.messages(session, token, plan.sends + 1, 'link', channels, { email: plan.email, phone: plan.phone }, resolveLocale(plan.locale), plan.timezone, settings)
      if (await this.repo.startSend(session.id, plan.sends, { updatedAt: this.clock.iso() }, messages)) return this.modeOf(channels)
    }
    throw new Error('delivery: the plan kept changing while a send was started')
  }

  private sealLink (session: SessionRow, token: string): string {
    return seal(token, `delivery:${session.id}`, session.teamId, this.serverSecret)
  }

  private unsealLink (plan: DeliveryPlanRow): string | null {
    return plan.linkSealed === null ? null : unseal(plan.linkSealed, `delivery:${plan.sessionId}`, plan.teamId, this.serverSecret)
  }

  /** When the reminder after `sent` others is due: its hour after the anchor, moved out of quiet hours; null when none is left before expiry. */
  private reminderAt (anchor: string, hours: number[], sent: number, expiryDate: string, timezone: string): string | null {
    const expiry = Date.parse(expiryDate)
    for (let i = sent; i < hours.length; i++) {
      const at = afterQuietHours(Date.parse(anchor) + hours[i] * HOUR_MS, timezone)
      if (at < expiry) return new Date(at).toISOString()
    }
    return null
  }

  /**
   * One message per channel of a send, rendered and sealed. A suppressed address is not checked
   * here: the worker checks each message as its turn comes (a bounce may arrive meanwhile), and
   * records it `suppressed`, with its event, instead of sending it.
   */
  private async messages (session: SessionRow, token: string, sendNo: number, kind: 'link' | 'reminder', channels: readonly Channel[],
    contact: { email: string | null, phone: string | null }, locale: Locale, timezone: string | null, settings: TeamSettings): Promise<NewMessage[]> {
    const now = this.clock.iso()
    const out: NewMessage[] = []
    for (const channel of channels) {
      const address = channel === 'email' ? contact.email : contact.phone
      if (address === null) continue
      const toHash = this.addressHash(channel, address)
      const link = `${manualVerificationLink(this.config.publicBaseUrl, session.id, token)}&c=${channel === 'email' ? 'e' : 's'}`
      let content: SealedContent | null = null
      let error: string | null = null
      if (channel === 'email') {
        // `lang`: the page answers in the email's language (a mail client's one-click sends no Accept-Language).
        const unsubscribeUrl = `${this.config.publicBaseUrl}/partner/delivery/unsubscribe?t=${this.unsubscribeToken(session.teamId, toHash)}&lang=${locale}`
        const email = renderEmail({
          locale,
          kind,
          team: settings.displayName,
          applicantName: session.applicantFirstName,
          instructions: session.instructions,
          link,
          expiresAt: session.expiryDate,
          timezone: timezone ?? settings.timezone,
          supportEmail: settings.supportEmail,
          unsubscribeUrl
        })
        content = { email: { ...email, unsubscribeUrl } }
      } else {
        const body = renderSms({ locale, kind, team: settings.displayName, link })
        if (body === null) error = 'The link does not fit in one SMS (PUBLIC_BASE_URL is too long)'
        else content = { sms: { body } }
      }
      out.push({
        sessionId: session.id,
        teamId: session.teamId,
        livemode: session.livemode,
        sendNo,
        kind,
        channel,
        toAddress: address,
        toMasked: maskAddress(channel, address),
        toHash,
        locale,
        status: error === null ? 'queued' : 'failed',
        attempts: 0,
        nextAttemptAt: now,
        claimedUntil: null,
        lastError: error,
        transport: null,
        providerId: null,
        content: content === null ? null : seal(JSON.stringify(content), `delivery:${session.id}`, session.teamId, this.serverSecret),
        createdAt: now,
        updatedAt: now,
        sentAt: null,
        openedAt: null
      })
    }
    return out
  }

  private addressHash (channel: Channel, address: string): string {
    return hmacHex(this.serverSecret, `delivery-address:${channel}:${normalize(channel, address)}`)
  }

  // ------------------------------------------------------------------ reading

  async listForSession (sessionId: number): Promise<DeliveryView[]> {
    return (await this.repo.listForSession(sessionId)).map(viewDelivery)
  }

  /** The team's outbox messages of the caller's mode (live or test: they never see each other), newest first, with what they say (the route wants the `events` permission: team keys). */
  async outbox (principal: Principal, limit: number): Promise<OutboxResponse> {
    return { success: true, data: await this.outboxMessages({ teamId: principal.teamId, livemode: principal.livemode, limit }) }
  }

  /** Outbox messages (of one team and mode, or all for the CLI), opened. */
  async outboxMessages (q: { teamId?: number, livemode?: boolean, limit: number }): Promise<OutboxMessage[]> {
    const rows = await this.repo.listOutbox(q)
    return rows.map((r) => {
      const content = r.content === null ? null : parseJson<SealedContent | null>(unseal(r.content, `delivery:${r.sessionId}`, r.teamId, this.serverSecret), null)
      return {
        id: r.id,
        sessionId: r.sessionId,
        livemode: r.livemode === 1,
        kind: r.kind,
        channel: r.channel as Channel,
        to: r.toAddress,
        status: r.status as DeliveryStatus,
        subject: content?.email?.subject ?? null,
        text: content?.email?.text ?? content?.sms?.body ?? null,
        html: content?.email?.html ?? null,
        createdAt: r.createdAt,
        sentAt: r.sentAt
      }
    })
  }

  // ------------------------------------------------------------------ the applicant

  /** The first link exchange of a session with a delivery plan: `session.opened`, with the channel the link came from when it says. */
  async opened (sessionId: number, marker: string | undefined): Promise<void> {
    const channel: Channel | null = marker === 'e' ? 'email' : marker === 's' ? 'sms' : null
    const plan = await this.repo.findPlan(sessionId)
    if (!plan || plan.openedAt !== null) return
    const at = this.clock.iso()
    await this.lifecycle.recordDelivery(sessionId, 'opened', 'applicant', { channel }, at,
      async (trx) => await this.repo.markOpened(trx, sessionId, channel, at))
  }

  /** An SMS the gateway received: STOP (and its synonyms) ends messages to that number from every team that sent it one; START undoes it. */
  async inboundSms (authorization: string | undefined, body: InboundSmsBody): Promise<InboundSmsResponse> {
    const expected = this.config.delivery.smsInboundToken
    if (expected === null || !basicPasswordIs(authorization, expected)) throw fail('sms_inbound_unauthorized')
    const from = body.From.trim()
    if (!/^\+[1-9][0-9]{6,14}$/.test(from)) throw fail('validation_failed', 'body.From must be an E.164 number')
    const word = body.Body.trim().toUpperCase().replace(/[.!]+$/, '')
    const hash = this.addressHash('sms', from)
    const teams = await this.repo.teamsThatMessaged('sms', hash)
    if (STOP_WORDS.has(word)) {
      await this.repo.suppress(teams, 'sms', hash, 'sms_stop', this.clock.iso())
      return { success: true, data: { action: 'stopped', teams: teams.length } }
    }
    if (START_WORDS.has(word)) {
      await this.repo.unsuppress(teams, 'sms', hash)
      return { success: true, data: { action: 'started', teams: teams.length } }
    }
    return { success: true, data: { action: 'ignored', teams: 0 } }
  }

  /**
   * The gateway's later word on an SMS it accepted (Twilio's StatusCallback): `undelivered` (the
   * carrier could not deliver it) makes the message `bounced`, `failed` (the gateway could not send
   * it) `failed`, with the error code, and the event session.link_delivery_failed. An `undelivered`
   * that is a hard bounce (see `hardSmsBounce`) also suppresses the number for the team. Every other
   * status (queued, sent, delivered...) changes nothing.
   */
  async smsStatus (authorization: string | undefined, body: SmsStatusBody): Promise<DeliveryReportResponse> {
    const expected = this.config.delivery.smsInboundToken
    if (expected === null || !basicPasswordIs(authorization, expected)) throw fail('sms_inbound_unauthorized')
    const status = body.MessageStatus.trim().toLowerCase()
    const lost = status === 'undelivered' ? 'bounced' : status === 'failed' ? 'failed' : null
    if (lost === null) return { success: true, data: { action: 'ignored' } }
    const code = body.ErrorCode?.trim() ?? ''
    const why = body.ErrorMessage?.trim() || GATEWAY_ERRORS[code] || null
    const error = `Gateway reported the SMS ${status}${code ? ` (error ${code}${why ? `: ${why}` : ''})` : why ? `: ${why}` : ''}`
    const hard = lost === 'bounced' && hardSmsBounce(code)
    const done = await this.reportLost('sms', body.MessageSid.trim(), lost, error, { suppress: hard ? { code: code || null } : null })
    return { success: true, data: { action: done ? lost : 'ignored' } }
  }

  /**
   * A mail server's bounce (a delivery status notification) for an email that left: when it says
   * delivery failed for good to the address the message was sent to, the message is `bounced` with
   * the server's answer, and the event session.link_delivery_failed; a hard bounce (see
   * `hardEmailBounce`) also suppresses the address for the team. Delays and other messages'
   * notifications change nothing.
   */
  async mailBounce (authorization: string | undefined, raw: unknown): Promise<DeliveryReportResponse> {
    const expected = this.config.delivery.mailBounceToken
    if (expected === null || !basicPasswordIs(authorization, expected)) throw fail('mail_bounce_unauthorized')
    const report = typeof raw === 'string' ? parseDsn(raw) : null
    if (report === null) throw fail('validation_failed', 'body must be a delivery status notification (RFC 3464: a multipart/report with a message/delivery-status part)')
    const failed = report.recipients.find((r) => r.action === 'failed')
    if (report.messageId === null || !failed) return { success: true, data: { action: 'ignored' } }
    const error = `Bounced${failed.status ? ` (${failed.status})` : ''}${failed.diagnostic ? `: ${failed.diagnostic}` : ''}`.slice(0, 500)
    const hash = this.addressHash('email', failed.recipient)
    const suppress = hardEmailBounce(failed.status) ? { code: failed.status } : null
    const done = await this.reportLost('email', report.messageId, 'bounced', error, { matches: (row) => row.toHash === hash, suppress })
    return { success: true, data: { action: done ? 'bounced' : 'ignored' } }
  }

  /**
   * A sent message reported lost by its provider: its new status and the event, once (a repeated
   * report changes nothing). A hard bounce (`suppress`) also suppresses the address for the
   * message's team, in the same transaction; the event says so (`suppressed: true`).
   */
  private async reportLost (channel: Channel, providerId: string, status: 'bounced' | 'failed', error: string,
    o: { matches?: (row: LinkDeliveryRow) => boolean, suppress?: { code: string | null } | null } = {}): Promise<boolean> {
    const row = await this.repo.findByProvider(channel, providerId)
    if (!row || row.status !== 'sent' || !(o.matches?.(row) ?? true)) return false
    const at = this.clock.iso()
    const suppress = o.suppress ?? null
    const payload = {
      deliveryId: row.id,
      channel: row.channel,
      kind: row.kind,
      to: row.toMasked,
      ...(row.transport ? { transport: row.transport } : {}),
      status,
      error,
      ...(suppress ? { suppressed: true } : {})
    }
    return await this.lifecycle.recordDelivery(row.sessionId, 'linkDeliveryFailed', 'system', payload, at, async (trx) => {
      if (!await this.repo.markLost(trx, row.id, status, error, at)) return false
      if (suppress) {
        await this.repo.suppressBounced(trx, { teamId: row.teamId, channel: row.channel, addressHash: row.toHash, code: suppress.code, sessionId: row.sessionId, deliveryId: row.id, createdAt: at })
      }
      return true
    })
  }

  // ------------------------------------------------------------------ suppressions

  /** The team's suppressions, newest first (`address` is hashed to find its own, and kept nowhere). */
  async suppressions (principal: Principal, q: SuppressionsQuery): Promise<SuppressionsResponse> {
    const limit = q.limit ?? 50
    let channel: Channel | undefined = q.channel
    let addressHash: string | undefined
    if (q.address !== undefined) {
      const address = addressQuery(q.address)
      if (address === null) throw fail('validation_failed', 'query.address must be an email address or an E.164 number (+15551234567; in a query string write + as %2B, or leave it out)')
      if (channel !== undefined && channel !== address.channel) throw fail('validation_failed', `query.address is ${address.channel === 'email' ? 'an email address' : 'a phone number'}, and query.channel is ${channel}`)
      channel = address.channel
      addressHash = this.addressHash(address.channel, address.value)
    }
    const rows = await this.repo.listSuppressions({ teamId: principal.teamId, channel, reason: q.reason, addressHash, beforeId: q.startingAfter, limit })
    return { success: true, data: rows.slice(0, limit).map(viewSuppression), hasMore: rows.length > limit }
  }

  /**
   * Lifts one of the team's suppressions: the address gets the team's messages again (the next send
   * or reminder; messages already recorded `suppressed` stay so). The applicant's STOP is theirs to
   * lift (START): 409.
   */
  async liftSuppression (principal: Principal, id: number): Promise<SuppressionResponse> {
    const row = await this.repo.findSuppressionById(principal.teamId, id)
    if (!row) throw fail('suppression_not_found')
    if (row.reason === 'sms_stop') throw fail('suppression_applicant_stop')
    if (!await this.repo.deleteSuppression(principal.teamId, id)) throw fail('suppression_not_found')
    return { success: true, data: viewSuppression(row) }
  }

  private unsubscribeToken (teamId: number, addressHash: string): string {
    const payload = `${teamId}.${addressHash}`
    return `${payload}.${hmacHex(this.serverSecret, `unsubscribe:${payload}`).slice(0, 32)}`
  }

  /** The team and address an unsubscribe token names, or null when it is not one of ours. */
  private readUnsubscribe (token: string): { teamId: number, addressHash: string } | null {
    const m = /^([1-9][0-9]{0,9})\.([0-9a-f]{64})\.([0-9a-f]{32})$/.exec(token)
    if (!m) return null
    const expected = hmacHex(this.serverSecret, `unsubscribe:${m[1]}.${m[2]}`).slice(0, 32)
    return timingSafeEqualText(expected, m[3]) ? { teamId: Number(m[1]), addressHash: m[2] } : null
  }

  /**
   * The unsubscribe page's question (GET) and its answer (POST, also the mail client's one-click
   * unsubscribe). A token that is not ours gets the page saying so (an applicant's browser reads it), and changes nothing.
   */
  async unsubscribePage (token: string, confirm: boolean, acceptLanguage: string | undefined, lang?: unknown): Promise<{ status: 200, html: string }> {
    const locale = (typeof lang === 'string' ? matchLocale(lang) : null) ?? localeFromAcceptLanguage(acceptLanguage) ?? resolveLocale(null)
    const target = this.readUnsubscribe(token)
    if (!target) return { status: 200, html: page(locale, format(locale, 'unsubscribe.title'), `<p>${escapeHtml(format(locale, 'unsubscribe.invalid'))}</p>`) }
    const team = (await this.settings.forTeam(target.teamId).catch(() => null))?.displayName ?? ''
    if (!confirm) {
      const form = `<form method="post"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(format(locale, 'unsubscribe.confirm'))}</button></form>`
      return { status: 200, html: page(locale, format(locale, 'unsubscribe.title'), `<p>${escapeHtml(format(locale, 'unsubscribe.question', { team }))}</p>${form}`) }
    }
    await this.repo.suppress([target.teamId], 'email', target.addressHash, 'email_unsubscribe', this.clock.iso())
    return { status: 200, html: page(locale, format(locale, 'unsubscribe.title'), `<p>${escapeHtml(format(locale, 'unsubscribe.done', { team }))}</p>`) }
  }

  // ------------------------------------------------------------------ the background worker

  /** Sends due reminders, then every due message. Overlapping calls of one process share a run; other processes share the work through leases. */
  async dispatchDue (): Promise<DispatchResult> {
    if (this.stopping) return { reminders: 0, sent: 0, retrying: 0, failed: 0, suppressed: 0 }
    this.running ??= this.run().finally(() => { this.running = null })
    return await this.running
  }

  async stop (): Promise<void> {
    this.stopping = true
    await this.running?.catch(() => {})
    this.transports.email.close()
    this.transports.sms.close()
  }

  private async run (): Promise<DispatchResult> {
    const result: DispatchResult = { reminders: 0, sent: 0, retrying: 0, failed: 0, suppressed: 0 }
    await this.failAbandoned()
    for (const plan of await this.repo.dueReminders(this.clock.iso(), 100)) {
      if (this.stopping) break
      if (await this.remind(plan)) result.reminders++
    }
    for (let rounds = 0; rounds < 100 && !this.stopping; rounds++) {
      const claimed = await this.repo.claimDue(this.clock.iso(), this.clock.iso(LEASE_MS), CLAIM_BATCH)
      if (claimed.length === 0) break
      for (const outcome of await Promise.all(claimed.map(async (m) => await this.attempt(m)))) {
        if (outcome) result[outcome]++
      }
    }
    return result
  }

  /**
   * A message whose attempt outlived its lease: the worker stopped mid-attempt, and whether the
   * message left is unknown. It is not sent again (the applicant must never get one twice): failed.
   */
  private async failAbandoned (): Promise<void> {
    for (const m of await this.repo.abandoned(this.clock.iso(), 100)) {
      await this.settle(m, { ok: false, permanent: true, error: 'The sender stopped during the attempt; not retried, so that the applicant never receives the message twice' }, null)
    }
  }

  /** Sends the plan's next reminder when the session still wants one; true when one was queued. */
  private async remind (plan: DeliveryPlanRow): Promise<boolean> {
    const now = this.clock.ms()
    const session = await this.sessions.findById(plan.sessionId)
    const steps = session ? await this.steps.listForSession(session.id) : []
    const settings = session ? await this.settings.forTeam(session.teamId) : null
    const token = this.unsealLink(plan)
    if (!session || !settings || token === null || Date.parse(session.expiryDate) <= now || !canRemind(session.status, steps.map((s) => s.status))) {
      await this.repo.advanceReminder(plan, { nextReminderAt: null, remindersSent: plan.remindersSent }, this.clock.iso())
      return false
    }
    const timezone = plan.timezone ?? settings.timezone
    if (isQuiet(now, timezone)) {
      const later = afterQuietHours(now, timezone)
      const next = later < Date.parse(session.expiryDate) ? new Date(later).toISOString() : null
      await this.repo.advanceReminder(plan, { nextReminderAt: next, remindersSent: plan.remindersSent }, this.clock.iso())
      return false
    }
    const hours = parseJson<number[]>(plan.reminderHours, [])
    const sent = plan.remindersSent + 1
    // Claim the reminder first: of several workers, one moves the plan on and sends.
    if (!await this.repo.advanceReminder(plan, { nextReminderAt: this.reminderAt(plan.anchorAt ?? this.clock.iso(), hours, sent, session.expiryDate, timezone), remindersSent: sent }, this.clock.iso())) {
      return false
    }
    const channels = parseJson<Channel[]>(plan.channels, [])
    const locale = resolveLocale(plan.locale)
    for (let tries = 0; tries < 5; tries++) {
      const current = await this.repo.findPlan(plan.sessionId)
      if (!current) return false
      const messages = await this.messages(session, token, current.sends + 1, 'reminder', channels, { email: current.email, phone: current.phone }, locale, current.timezone, settings)
      if (await this.repo.startSend(plan.sessionId, current.sends, { updatedAt: this.clock.iso() }, messages)) return messages.length > 0
    }
    return false
  }

  private async attempt (m: ClaimedMessage): Promise<'sent' | 'retrying' | 'failed' | 'suppressed' | null> {
    const session = await this.sessions.findById(m.sessionId)
    const content = m.content === null ? null : parseJson<SealedContent | null>(unseal(m.content, `delivery:${m.sessionId}`, m.teamId, this.serverSecret), null)
    const open = session !== undefined && canSendLink(session.status) && Date.parse(session.expiryDate) > this.clock.ms()
    const suppression = open ? await this.repo.findSuppression(m.teamId, m.channel, m.toHash) : undefined
    if (suppression) return await this.settleSuppressed(m, suppression)
    let result: SendResult
    let transport: string | null = null
    if (!open) {
      result = { ok: false, permanent: true, error: 'The session is no longer open' }
    } else if (m.toAddress === null || content === null) {
      result = { ok: false, permanent: true, error: 'The message can no longer be read (the session was redacted)' }
    } else if (m.channel === 'email' && content.email) {
      transport = this.transports.email.name
      result = await this.transports.email.send(m.toAddress, content.email)
    } else if (m.channel === 'sms' && content.sms) {
      transport = this.transports.sms.name
      result = await this.transports.sms.send(m.toAddress, content.sms)
    } else {
      result = { ok: false, permanent: true, error: 'The message has no content for its channel' }
    }
    if (this.stopping && !result.ok && !result.permanent) return null // shutting down: the lease runs out, and it is failed as abandoned
    return await this.settle(m, result, transport)
  }

  /**
   * A message to a suppressed address: not attempted (the claim's count is undone), `suppressed`
   * with the reason in lastError, and session.link_delivery_failed with `status: "suppressed"`, the
   * reason and the suppression's id.
   */
  private async settleSuppressed (m: ClaimedMessage, suppression: DeliverySuppressionRow): Promise<'suppressed' | null> {
    const now = this.clock.iso()
    const error = suppressedError(suppression)
    const outcome: MessageOutcome = { status: 'suppressed', attempts: m.attempts - 1, nextAttemptAt: now, lastError: error, transport: null, providerId: null, sentAt: null, updatedAt: now }
    const payload = { deliveryId: m.id, channel: m.channel, kind: m.kind, to: m.toMasked, status: 'suppressed', reason: suppression.reason, suppressionId: suppression.id, error }
    const done = await this.lifecycle.recordDelivery(m.sessionId, 'linkDeliveryFailed', 'system', payload, now,
      async (trx) => await this.repo.finish(m.id, m.attempts, outcome, trx))
    return done ? 'suppressed' : null
  }

  /** Records an attempt's outcome and, for a final one, its event (in one transaction). */
  private async settle (m: Pick<LinkDeliveryRow, 'id' | 'sessionId' | 'teamId' | 'attempts' | 'kind' | 'channel' | 'toMasked' | 'toHash'>, result: SendResult, transport: string | null): Promise<'sent' | 'retrying' | 'failed' | null> {
    const now = this.clock.iso()
    const base = { transport, updatedAt: now }
    if (!result.ok && !result.permanent && m.attempts < MAX_DELIVERY_ATTEMPTS) {
      const outcome: MessageOutcome = { ...base, status: 'queued', nextAttemptAt: this.clock.iso(RETRY_DELAYS_S[m.attempts - 1] * 1000), lastError: result.error, providerId: null, sentAt: null }
      return await this.repo.finish(m.id, m.attempts, outcome) ? 'retrying' : null
    }
    const outcome: MessageOutcome = result.ok
      ? { ...base, status: 'sent', nextAttemptAt: now, lastError: null, providerId: result.providerId, sentAt: now }
      : { ...base, status: 'failed', nextAttemptAt: now, lastError: result.error, providerId: null, sentAt: null }
    const change: DeliveryChangeName = result.ok ? (m.kind === 'reminder' ? 'reminderSent' : 'linkSent') : 'linkDeliveryFailed'
    // The mail server refused the address itself for good at send time: a hard bounce, told now
    // rather than by a later notification (same classification, but a status is needed: a bare 550
    // at RCPT TO may be a policy refusal). The message stays `failed` (it never left).
    const refused = result.ok ? undefined : result.refusedRecipient
    const suppress = m.channel === 'email' && refused?.status != null && hardEmailBounce(refused.status) ? { code: refused.status } : null
    const payload = {
      deliveryId: m.id,
      channel: m.channel,
      kind: m.kind,
      to: m.toMasked,
      ...(transport ? { transport } : {}),
      ...(result.ok ? {} : { error: result.error }),
      ...(suppress ? { suppressed: true } : {})
    }
    const done = await this.lifecycle.recordDelivery(m.sessionId, change, 'system', payload, now, async (trx) => {
      if (!await this.repo.finish(m.id, m.attempts, outcome, trx)) return false
      if (suppress) {
        await this.repo.suppressBounced(trx, { teamId: m.teamId, channel: m.channel, addressHash: m.toHash, code: suppress.code, sessionId: m.sessionId, deliveryId: m.id, createdAt: now })
      }
      return true
    })
    return done ? (result.ok ? 'sent' : 'failed') : null
  }
}

export function viewDelivery (r: LinkDeliveryRow): DeliveryView {
  return {
    id: r.id,
    channel: r.channel as Channel,
    kind: r.kind as 'link' | 'reminder',
    to: r.toMasked,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    lastError: r.lastError,
    transport: r.transport,
    at: r.status === 'bounced' || (r.status === 'failed' && r.sentAt !== null) ? r.updatedAt : r.openedAt ?? r.sentAt ?? r.updatedAt
  }
}

/** The transports the configuration names; a channel without one keeps its messages in the outbox. */
export function transportsFor (config: Config['delivery'], make: {
  smtp: (url: string, from: string) => EmailTransport
  sms: (url: string, from: string) => SmsTransport
}): Transports {
  return {
    email: config.smtpUrl !== null ? make.smtp(config.smtpUrl, config.mailFrom) : outboxTransport,
    sms: config.smsWebhookUrl !== null && config.smsFrom !== null ? make.sms(config.smsWebhookUrl, config.smsFrom) : outboxTransport
  }
}

/** What Twilio's commonest delivery error codes mean, for lastError when the callback gives only the code. */
const GATEWAY_ERRORS: Record<string, string> = {
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered by the carrier',
  30008: 'Unknown error'
}

/**
 * Gateway error codes of `undelivered` that say the number itself cannot get messages (Twilio's:
 * blocked, unknown handset, landline or unreachable carrier). Others are not about the number
 * (30007: the carrier filtered the content) or may pass (30003: the handset is off or out of
 * coverage; 30008: unknown), so they do not suppress it.
 */
const HARD_SMS_ERRORS = new Set(['30004', '30005', '30006'])

/** Whether an SMS reported `undelivered` is a hard bounce: a code naming the number as unreachable for good, or no code at all (the gateway gives no other reason). */
export function hardSmsBounce (code: string): boolean {
  return code === '' || HARD_SMS_ERRORS.has(code)
}

/**
 * Whether a mail server's permanent failure (a DSN's `failed`) is a hard bounce: about the address
 * (RFC 3463: 5.1.x no such mailbox or domain, 5.2.1 mailbox disabled, 5.4.4 no route to the
 * domain), or naming no status. A full mailbox (5.2.2), a refusal of the message or its sender
 * (5.7.x, 5.6.x) and the like leave the address alone: the message is `bounced`, the next may pass.
 */
export function hardEmailBounce (status: string | null): boolean {
  return status === null || /^5\.1\.\d{1,3}$/.test(status) || status === '5.2.1' || status === '5.4.4'
}

const SUPPRESSED_BECAUSE: Record<string, string> = {
  bounced: 'a message to it bounced',
  sms_stop: 'the applicant replied STOP',
  email_unsubscribe: 'the applicant unsubscribed'
}

/** A suppressed message's lastError: why, and which suppression (the id a partner lifts). */
function suppressedError (s: DeliverySuppressionRow): string {
  return `Not sent: the address is suppressed for the team (${SUPPRESSED_BECAUSE[s.reason] ?? s.reason}; suppression ${s.id})`
}

export function viewSuppression (r: DeliverySuppressionRow): SuppressionView {
  return {
    id: r.id,
    channel: r.channel as Channel,
    reason: r.reason as SuppressionView['reason'],
    code: r.code,
    sessionId: r.sessionId,
    deliveryId: r.deliveryId,
    createdAt: r.createdAt
  }
}

/** The address a list is asked about, and its channel; null when it is neither an email address nor a number. */
function addressQuery (raw: string): { channel: Channel, value: string } | null {
  const value = raw.trim()
  if (/^[^@\s]+@[^@\s]+$/.test(value)) return { channel: 'email', value }
  // In a query string an unencoded + reads as a space: a number is taken with or without it.
  const digits = /^\+?([1-9][0-9]{6,14})$/.exec(value)
  return digits ? { channel: 'sms', value: `+${digits[1]}` } : null
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

function page (locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d2433}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#1f5eff;color:#fff}</style>' +
    `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
}

function timingSafeEqualText (a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** Whether an Authorization: Basic header's password (any user) is `expected`. */
function basicPasswordIs (header: string | undefined, expected: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '')
  if (!m) return false
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const password = decoded.slice(decoded.indexOf(':') + 1)
  return decoded.includes(':') && timingSafeEqualText(password, expected)
}
