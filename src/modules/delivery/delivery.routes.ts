import { Type } from 'typebox'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, noSecurity } from '../../schemas/common.js'
import type { App } from '../../types.js'
import { AUDIT } from '../audit/audit-declarations.js'
import type { DeliveryService } from './delivery.service.js'
import {
  DeliveryReportResponse, InboundSmsBody, InboundSmsResponse, OutboxQuery, OutboxResponse, SmsStatusBody, SuppressionIdParams, SuppressionResponse, SuppressionsQuery,
  SuppressionsResponse, UnsubscribeQuery
} from './delivery.schemas.js'

const FORM = 'application/x-www-form-urlencoded'
/** A bounce as mail servers write it (RFC 3464), whole or as text. */
const DSN_TYPES = ['message/rfc822', 'multipart/report', 'text/plain']
const DSN_LIMIT = 512 * 1024
const DSN_EXAMPLE = [
  'From: MAILER-DAEMON@mx.example.com', 'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '',
  '--b', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.com', '',
  'Final-Recipient: rfc822; jane@example.com', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
  '--b', 'Content-Type: text/rfc822-headers', '', 'Message-ID: <0c3a9e1f-2b4d@verify.example.com>', 'To: jane@example.com', '', '--b--', ''
].join('\r\n')
const DsnBody = Type.String({ maxLength: DSN_LIMIT, description: 'The delivery status notification, as received', examples: [DSN_EXAMPLE] })

// The unsubscribe page: a form and a sentence, no script; the token in the URL is not kept anywhere.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store'
}

export default async function deliveryRoutes (app: App, { delivery }: { delivery: DeliveryService }) {
  app.get('/partner/outbox', {
    config: { auth: 'apiKey', permission: 'events' },
    schema: {
      operationId: 'listOutbox',
      tags: ['Delivery'],
      summary: 'Messages kept in the outbox',
      description: 'Without SMTP_URL (or SMS_WEBHOOK_URL) the messages that carry the link to applicants are kept in the database instead of sent: the team\'s of the caller\'s mode (a test key sees test sessions\' messages only, a live key live ones), newest first, with what they say (the console\'s Outbox page). Team keys only (403 `team_key_required`).',
      security: apiKeySecurity,
      querystring: OutboxQuery,
      response: { 200: OutboxResponse, ...errors(400, 401, 403, 429) }
    }
  }, async (request) => await delivery.outbox(requirePrincipal(request), request.query.limit ?? 20))

  const SUPPRESSIONS = 'An address is suppressed for the team on one channel after the applicant\'s STOP reply or unsubscribe, or a hard bounce ' +
    '(the mail server\'s permanent failure for the address, in a bounce or when it refuses the recipient at send time with 5.1.x, 5.2.1 or 5.4.4; the SMS gateway\'s `undelivered`): the team\'s messages to it are not sent ' +
    '(`suppressed` in the session\'s `deliveries`, with the event `session.link_delivery_failed`). Suppressions are the team\'s, in both modes. ' +
    'Only a keyed hash of each address is kept. Team keys with the `settings` permission (403 `team_key_required` for a key scoped to a reviewer).'

  app.get('/partner/delivery/suppressions', {
    config: { auth: 'apiKey', permission: 'settings' },
    schema: {
      operationId: 'listDeliverySuppressions',
      tags: ['Delivery'],
      summary: 'The team\'s suppressed addresses',
      description: `Newest first, by \`channel\`, \`reason\` or \`address\` (an email address or an E.164 number, compared by its keyed hash); \`startingAfter=<id>\` gives the next page. ${SUPPRESSIONS}`,
      security: apiKeySecurity,
      querystring: SuppressionsQuery,
      response: { 200: SuppressionsResponse, ...errors(400, 401, 403, 429) }
    }
  }, async (request) => await delivery.suppressions(requirePrincipal(request), request.query))

  app.delete('/partner/delivery/suppressions/:id', {
    config: { auth: 'apiKey', permission: 'settings', audit: AUDIT.suppressionLifted },
    schema: {
      operationId: 'liftDeliverySuppression',
      tags: ['Delivery'],
      summary: 'Lift a suppression',
      description: 'The team\'s messages reach the address again, from the next send or reminder on (the address was fixed, or the applicant asked to hear from you again); answers the suppression lifted. ' +
        `A STOP is the applicant's to lift, by replying START (409 \`suppression_applicant_stop\`). ${SUPPRESSIONS}`,
      security: apiKeySecurity,
      params: SuppressionIdParams,
      response: { 200: SuppressionResponse, ...errors(400, 401, 403, 404, 409, 429) }
    }
  }, async (request) => await delivery.liftSuppression(requirePrincipal(request), request.params.id))

  await app.register(async (scope: App) => {
    // Gateways post inbound messages form-encoded (Twilio) or as JSON; here only, a form is an object.
    scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)))
    })

    scope.post('/partner/delivery/sms/inbound', {
      config: { auth: 'none' },
      schema: {
        operationId: 'receiveInboundSms',
        tags: ['Delivery'],
        summary: 'An SMS reply from the gateway (STOP)',
        description: 'Where the SMS gateway posts replies (Twilio\'s inbound webhook shape: `From`, `Body`, form-encoded or JSON), with HTTP basic auth whose password is SMS_INBOUND_TOKEN (401 otherwise, and always while it is unset). `STOP` (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, ALTO, PARAR, BAJA) ends every message to that number from each team that sent it one, reminders included; `START` (UNSTOP, YES) undoes it. Other text is ignored.',
        security: noSecurity,
        body: InboundSmsBody,
        response: { 200: InboundSmsResponse, ...errors(400, 401, 413, 415, 429) }
      }
    }, async (request) => await delivery.inboundSms(request.headers.authorization, request.body))

    scope.post('/partner/delivery/sms/status', {
      config: { auth: 'none' },
      schema: {
        operationId: 'receiveSmsStatus',
        tags: ['Delivery'],
        summary: 'The gateway\'s later status of an SMS (undelivered, failed)',
        description: 'Where the SMS gateway reports what became of a message it accepted (Twilio\'s StatusCallback: `MessageSid`, `MessageStatus`, `ErrorCode`, form-encoded or JSON), with HTTP basic auth whose password is SMS_INBOUND_TOKEN (401 otherwise, and always while it is unset); while the token is set, each SMS is sent with this URL as its `StatusCallback`. `undelivered` makes the message `bounced`, `failed` makes it `failed`, with the error in lastError and the event `session.link_delivery_failed`; other statuses change nothing. A message is reported lost once. An `undelivered` without an error code, or with 30004, 30005 or 30006 (blocked, unknown handset, landline), is a hard bounce: the number is suppressed for the team (GET /partner/delivery/suppressions) and the event says `suppressed: true`.',
        security: noSecurity,
        body: SmsStatusBody,
        response: { 200: DeliveryReportResponse, ...errors(400, 401, 413, 415, 429) }
      }
    }, async (request) => await delivery.smsStatus(request.headers.authorization, request.body))

    // A bounce is the whole notification: a mail server pipes it, a provider forwards it.
    for (const type of DSN_TYPES) {
      scope.addContentTypeParser(type, { parseAs: 'string', bodyLimit: DSN_LIMIT }, (_request, body, done) => { done(null, body) })
    }

    scope.post('/partner/delivery/email/bounce', {
      config: { auth: 'none' },
      bodyLimit: DSN_LIMIT,
      schema: {
        operationId: 'receiveMailBounce',
        tags: ['Delivery'],
        summary: 'A bounce of an email (a delivery status notification)',
        description: 'Where the mail server\'s bounces go (RFC 3464 delivery status notifications sent back to MAIL_FROM: pipe them here, `Content-Type: message/rfc822`, `multipart/report` or `text/plain`, the message as received), with HTTP basic auth whose password is MAIL_BOUNCE_TOKEN (401 otherwise, and always while it is unset). A notification that delivery `failed` for the address an email was sent to, naming the email by its Message-ID (in the returned headers), makes that message `bounced`, with the server\'s status and diagnostic in lastError and the event `session.link_delivery_failed`; delays and notifications of other messages change nothing. A hard bounce (status 5.1.x, 5.2.1 or 5.4.4: no such mailbox or domain, mailbox disabled; or no status) also suppresses the address for the team (GET /partner/delivery/suppressions) and the event says `suppressed: true`; a full mailbox or a refusal of the message does not. 400 for a body that is no delivery status notification.',
        security: noSecurity,
        // One schema per media type a bounce comes as (anything else: 415, or 400 for JSON).
        body: { content: Object.fromEntries(DSN_TYPES.map((type) => [type, { schema: DsnBody }])) },
        response: { 200: DeliveryReportResponse, ...errors(400, 401, 413, 415, 429) }
      }
    }, async (request) => await delivery.mailBounce(request.headers.authorization, request.body as unknown))

    scope.get('/partner/delivery/unsubscribe', {
      config: { auth: 'none' },
      schema: {
        operationId: 'unsubscribePage',
        tags: ['Delivery'],
        summary: 'The email\'s unsubscribe page',
        description: 'Asks the applicant to confirm (a page with one button); nothing changes on GET, so mail scanners that follow links unsubscribe nobody. A token that is not the service\'s gets a page saying the link is not valid. The page speaks `lang` (the email\'s language, in the link), else the browser\'s Accept-Language.',
        security: noSecurity,
        querystring: UnsubscribeQuery,
        response: { 200: Type.String({ description: 'HTML' }), ...errors(400, 415, 429) }
      }
    }, async (request, reply) => {
      const { status, html } = await delivery.unsubscribePage(request.query.t, false, request.headers['accept-language'], request.query.lang)
      return await reply.status(status).headers(PAGE_HEADERS).send(html)
    })

    scope.post('/partner/delivery/unsubscribe', {
      config: { auth: 'none' },
      schema: {
        operationId: 'unsubscribe',
        tags: ['Delivery'],
        summary: 'Unsubscribe (the page\'s button, or the mail client\'s one-click)',
        description: 'Stops the team\'s messages to the address the token names (RFC 8058 one-click: `List-Unsubscribe=One-Click` in the body, the token in the query; or the page\'s form with `t`).',
        security: noSecurity,
        querystring: Type.Object({ t: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: true }),
        body: Type.Object({ t: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: true, examples: [{ 'List-Unsubscribe': 'One-Click' }] }),
        response: { 200: Type.String({ description: 'HTML' }), ...errors(400, 415, 429) }
      },
      preValidation: async (request) => { request.body ??= {} }
    }, async (request, reply) => {
      const token = request.body.t ?? request.query.t ?? ''
      const { status, html } = await delivery.unsubscribePage(token, true, request.headers['accept-language'], (request.query as Record<string, unknown>).lang)
      return await reply.status(status).headers(PAGE_HEADERS).send(html)
    })
  })
}
