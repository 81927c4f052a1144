import nodemailer, { type Transporter } from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js'
import { fetch } from 'undici'

/** What one attempt came to: sent (with the provider's id), a refusal not worth retrying, or a failure that may pass. */
export type SendResult =
  | { ok: true, providerId: string | null }
  | { ok: false, permanent: boolean, error: string, refusedRecipient?: RecipientRefusal }

/**
 * The mail server refused the recipient itself, for good (a 5xx answer to RCPT TO), with the
 * enhanced status code of its answer (RFC 3463, `5.1.1`), null when it gave none: the service
 * decides whether that is a hard bounce, as it does for a later bounce notification.
 */
export interface RecipientRefusal { status: string | null }

export interface EmailContent { subject: string, text: string, html: string, unsubscribeUrl: string }
export interface SmsContent { body: string }

export interface EmailTransport { readonly name: 'smtp' | 'outbox', send: (to: string, content: EmailContent) => Promise<SendResult>, close: () => void }
export interface SmsTransport { readonly name: 'sms_gateway' | 'outbox', send: (to: string, content: SmsContent) => Promise<SendResult>, close: () => void }

/** What a stored error keeps of an answer (characters). */
const ERROR_KEPT = 500
const clip = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, ERROR_KEPT)

/** Messages kept in the database only (no SMTP_URL / SMS_WEBHOOK_URL): the Outbox page and `partner-api outbox list` show them. */
export const outboxTransport = { name: 'outbox' as const, send: async (): Promise<SendResult> => ({ ok: true, providerId: null }), close: () => {} }

/**
 * Email through SMTP (nodemailer): multipart text + HTML, with List-Unsubscribe (one click,
 * RFC 8058). A 5xx answer is a refusal of the address or the message (failed, with the server's
 * text; a refusal at RCPT TO says so, `refusedRecipient`); a 4xx answer or a connection failure
 * may pass (retried).
 */
export class SmtpTransport implements EmailTransport {
  readonly name = 'smtp' as const
  private readonly transporter: Transporter
  constructor (smtpUrl: string, private readonly from: string, timeoutMs = 15_000) {
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs
    } as SMTPTransport.Options)
  }

  async send (to: string, content: EmailContent): Promise<SendResult> {
    try {
      const info = await this.transporter.sendMail({
        from: this.from,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        list: { unsubscribe: { url: content.unsubscribeUrl, comment: 'Unsubscribe' } },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' }
      }) as { messageId?: string, rejected?: unknown[] }
      return { ok: true, providerId: info.messageId ?? null }
    } catch (err) {
      const e = err as { responseCode?: number, response?: string, message?: string, code?: string, command?: string }
      if (typeof e.responseCode === 'number') {
        const error = clip(e.response ?? e.message ?? `SMTP ${e.responseCode}`)
        if (e.responseCode < 500) return { ok: false, permanent: false, error }
        // Only a refusal at RCPT TO is about the recipient (one at MAIL FROM, 5.1.8, is about our sender).
        const refusedRecipient = e.code === 'EENVELOPE' && e.command === 'RCPT TO' ? { status: enhancedStatus(e.response) } : undefined
        return { ok: false, permanent: true, error, ...(refusedRecipient ? { refusedRecipient } : {}) }
      }
      return { ok: false, permanent: false, error: clip(`SMTP: ${e.code ?? ''} ${e.message ?? String(err)}`) }
    }
  }

  close (): void { this.transporter.close() }
}

/** The enhanced status code (RFC 3463) that begins an SMTP answer's text (`550 5.1.1 <a@b>: ...` -> `5.1.1`), or null. */
export function enhancedStatus (response: string | undefined): string | null {
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/.exec(response ?? '')?.[1] ?? null
}

/**
 * SMS through a Twilio-compatible HTTP gateway: a form POST of To, From and Body (and StatusCallback
 * when SMS_INBOUND_TOKEN is set), with basic auth taken from the URL's user and password. A 4xx answer refuses the message (failed, with the
 * answer's text); a 5xx answer or no answer may pass (retried).
 */
export class HttpSmsTransport implements SmsTransport {
  readonly name = 'sms_gateway' as const
  private readonly url: string
  private readonly authorization: string | null
  /** `statusCallback`: where the gateway reports the message's later fate (Twilio's StatusCallback), null for none. */
  constructor (webhookUrl: string, private readonly from: string, private readonly statusCallback: string | null = null, private readonly timeoutMs = 10_000) {
    const parsed = new URL(webhookUrl)
    this.authorization = parsed.username !== ''
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
      : null
    parsed.username = ''
    parsed.password = ''
    this.url = parsed.toString()
  }

  async send (to: string, content: SmsContent): Promise<SendResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          ...(this.authorization ? { authorization: this.authorization } : {})
        },
        body: new URLSearchParams({ To: to, From: this.from, Body: content.body, ...(this.statusCallback !== null ? { StatusCallback: this.statusCallback } : {}) }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs)
      })
      const text = await res.text().catch(() => '')
      if (res.status >= 200 && res.status < 300) {
        let providerId: string | null = null
        try { providerId = (JSON.parse(text) as { sid?: unknown }).sid as string ?? null } catch { /* not JSON: no id */ }
        return { ok: true, providerId: typeof providerId === 'string' ? providerId.slice(0, 200) : null }
      }
      const error = clip(`Gateway answered HTTP ${res.status}${text ? `: ${text}` : ''}`)
      return { ok: false, permanent: res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408, error }
    } catch (err) {
      const e = err as { name?: string, message?: string, cause?: { code?: string } }
      const error = e.name === 'TimeoutError' ? `Gateway did not answer within ${this.timeoutMs / 1000} s` : `Gateway request failed: ${e.cause?.code ?? e.message ?? String(err)}`
      return { ok: false, permanent: false, error: clip(error) }
    }
  }

  close (): void {}
}

/**
 * The status callback the gateway is given with each SMS: POST /partner/delivery/sms/status with
 * SMS_INBOUND_TOKEN as the basic-auth password in the URL (Twilio sends credentials written in a
 * callback URL as basic auth); null while the token is unset (the route would refuse it).
 */
export function statusCallbackUrl (config: { publicBaseUrl: string, delivery: { smsInboundToken: string | null } }): string | null {
  if (config.delivery.smsInboundToken === null) return null
  const url = new URL(`${config.publicBaseUrl}/partner/delivery/sms/status`)
  url.username = 'gateway'
  url.password = config.delivery.smsInboundToken
  return url.toString()
}
