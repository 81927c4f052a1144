import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll } from 'vitest'
import { createContext } from '../../src/context.js'
import { TEST_ENV } from '../api/helpers.js'
import { useTestApp, type TestApp, type TestClock } from '../support/harness.js'
import { Receiver } from '../webhooks/receiver.js'

export interface ReceivedMail { from: string, to: string[], parsed: ParsedMail, raw: string }

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), parsing each message it accepts with mailparser.
 * `refuse` answers a recipient with an SMTP error (e.g. 550 for a dead mailbox, 451 for a
 * temporary failure), as a real server would at RCPT TO.
 */
export class MailServer {
  readonly received: ReceivedMail[] = []
  refuse: (to: string) => { code: number, message: string } | null = () => null
  /** Recipients the server was asked to deliver to (RCPT TO), refused or not. */
  readonly rcpt: string[] = []
  private server: SMTPServer | null = null
  private port = 0

  async start (): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.rcpt.push(address.address)
        const refusal = this.refuse(address.address)
        if (refusal) {
          const err = new Error(refusal.message) as Error & { responseCode: number }
          err.responseCode = refusal.code
          callback(err)
          return
        }
        callback()
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          simpleParser(raw).then((parsed) => {
            this.received.push({
              from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              raw
            })
            callback()
          }, callback)
        })
      }
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.port = ((this.server as unknown as { server: { address: () => AddressInfo } }).server.address()).port
    return this
  }

  url (): string { return `smtp://127.0.0.1:${this.port}` }

  async close (): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }
}

export const INBOUND_TOKEN = 'inbound-token-0123456789'
export const BOUNCE_TOKEN = 'bounce-token-0123456789'

/**
 * A delivery suite's app (useTestApp) sending through a real SMTP server (`mail`) and a local SMS
 * gateway (`gateway`, a Receiver at /sms unless `smsWebhookUrl` says otherwise), with the inbound
 * SMS and bounce tokens set: the servers start before the app is built and close after it (vitest
 * runs afterAll hooks in reverse).
 */
export function useDeliveryApp (options: { clock?: TestClock, smsWebhookUrl?: (gateway: Receiver) => string } = {}) {
  const mail = new MailServer()
  const gateway = new Receiver()
  beforeAll(async () => {
    await mail.start()
    await gateway.start()
  })
  afterAll(async () => {
    await mail.close()
    await gateway.close()
  })
  const t = useTestApp(() => ({
    ...TEST_ENV,
    SMTP_URL: mail.url(),
    MAIL_FROM: 'Verify <verify@partner.test>',
    SMS_WEBHOOK_URL: options.smsWebhookUrl?.(gateway) ?? gateway.url('/sms'),
    SMS_FROM: '+15005550006',
    SMS_INBOUND_TOKEN: INBOUND_TOKEN,
    MAIL_BOUNCE_TOKEN: BOUNCE_TOKEN
  }), options.clock)
  return { t, mail, gateway }
}

/** A second set of services on the same database: another worker process, as far as the outbox can tell. */
export function secondWorker (t: TestApp) {
  return createContext(t.config, t.db, t.clock)
}

/** The manual link in a text (an email's text part, an SMS). */
export function linkIn (text: string): string {
  const m = /(https?:\/\/\S+\/partner\/verification\/verify\?\S+)/.exec(text)
  if (!m) throw new Error(`no link in: ${text}`)
  return m[1]
}

/** A bounce as Postfix writes it (RFC 3464), returning the original message's headers. */
export function dsn (o: { recipient: string, action?: string, status?: string, diagnostic?: string, returnedHeaders: string }): string {
  return [
    'Return-Path: <>',
    'From: MAILER-DAEMON@mx.partner.test (Mail Delivery System)',
    'To: verify@partner.test',
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <20261206213000.ABC123@mx.partner.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0UND"',
    '',
    '--B0UND',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I\'m sorry to have to inform you that your message could not be delivered.',
    '',
    '--B0UND',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.partner.test',
    'Arrival-Date: Sun,  6 Dec 2026 21:30:00 +0000 (UTC)',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Original-Recipient: rfc822;${o.recipient}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${o.status ?? '5.1.1'}`,
    'Remote-MTA: dns; mx.example.com',
    `Diagnostic-Code: smtp; ${o.diagnostic ?? '550 5.1.1 <nobody@example.com>: Recipient address rejected:'}`,
    '    User unknown in virtual mailbox table',
    '',
    '--B0UND',
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    o.returnedHeaders.trim(),
    '',
    '--B0UND--',
    ''
  ].join('\r\n')
}
