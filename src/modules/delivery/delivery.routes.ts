import { Type } from 'typebox'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors, noSecurity } from '../../schemas/common.js'
import type { App } from '../../types.js'
import type { DeliveryService } from './delivery.service.js'
import { InboundSmsBody, InboundSmsResponse, OutboxQuery, OutboxResponse, UnsubscribeQuery } from './delivery.schemas.js'

const FORM = 'application/x-www-form-urlencoded'

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

    scope.get('/partner/delivery/unsubscribe', {
      config: { auth: 'none' },
      schema: {
        operationId: 'unsubscribePage',
        tags: ['Delivery'],
        summary: 'The email\'s unsubscribe page',
        description: 'Asks the applicant to confirm (a page with one button); nothing changes on GET, so mail scanners that follow links unsubscribe nobody. A token that is not the service\'s gets a page saying the link is not valid.',
        security: noSecurity,
        querystring: UnsubscribeQuery,
        response: { 200: Type.String({ description: 'HTML' }), ...errors(400, 415, 429) }
      }
    }, async (request, reply) => {
      const { status, html } = await delivery.unsubscribePage(request.query.t, false, request.headers['accept-language'])
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
      const { status, html } = await delivery.unsubscribePage(token, true, request.headers['accept-language'])
      return await reply.status(status).headers(PAGE_HEADERS).send(html)
    })
  })
}
