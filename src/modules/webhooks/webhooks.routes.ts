import { AUDIT } from '../audit/audit-declarations.js'
import { Type } from 'typebox'
import { apiVersionOf } from '../../plugins/api-version.js'
import { requirePrincipal } from '../../plugins/auth.js'
import { apiKeySecurity, errors } from '../../schemas/common.js'
import type { App } from '../../types.js'
import type { WebhooksService } from './webhooks.service.js'
import {
  CreateWebhookBody, DeliveryParams, EventListResponse, ListDeliveriesQuery, ListEventsQuery, UpdateWebhookBody, WebhookDeliveryListResponse,
  WebhookDeliveryResponse, WebhookEndpointListResponse, WebhookEndpointResponse, WebhookEndpointWithSecretResponse, WebhookIdParams, WebhookTestResponse
} from './webhooks.schemas.js'

const DELIVERY_DOC = 'Deliveries are POSTed as JSON `{type, timestamp, apiVersion, data}` (`data` shaped by the endpoint\'s `apiVersion`, pinned when it is created: the version the creating request was served with) with Standard Webhooks headers ' +
  '(`webhook-id` = `evt_<n>`, the same on every retry; `webhook-timestamp`; `webhook-signature`), to be verified with the endpoint\'s secret. ' +
  'A 2xx answer within 10 s counts as delivered; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h, then the delivery is FAILED. ' +
  'Endpoints receive events that happen after they are created. A key scoped to a reviewer gets 403.'

export default async function webhooksRoutes (app: App, { webhooks }: { webhooks: WebhooksService }) {
  const tags = ['Webhooks']

  app.post('/partner/webhooks', {
    config: { auth: 'apiKey', permission: 'webhooks', idempotent: true, audit: AUDIT.webhookCreated },
    schema: {
      operationId: 'createWebhookEndpoint',
      tags,
      summary: 'Create webhook endpoint',
      description: `Registers a URL to receive the team's events. The response holds the signing secret, shown only here. ${DELIVERY_DOC}`,
      security: apiKeySecurity,
      body: CreateWebhookBody,
      response: { 201: WebhookEndpointWithSecretResponse, ...errors(400, 401, 403, 409, 413, 415, 429) }
    }
  }, async (request, reply) => {
    return reply.status(201).send(await webhooks.create(requirePrincipal(request), request.body, apiVersionOf(request)))
  })

  app.get('/partner/webhooks', {
    config: { auth: 'apiKey', permission: 'webhooks' },
    schema: {
      operationId: 'listWebhookEndpoints',
      tags,
      summary: 'List webhook endpoints',
      description: 'The team\'s endpoints, oldest first, without their secrets.',
      security: apiKeySecurity,
      response: { 200: WebhookEndpointListResponse, ...errors(401, 403, 429) }
    }
  }, async (request) => await webhooks.list(requirePrincipal(request)))

  app.get('/partner/webhooks/:id', {
    config: { auth: 'apiKey', permission: 'webhooks' },
    schema: {
      operationId: 'getWebhookEndpoint',
      tags,
      summary: 'Get webhook endpoint',
      security: apiKeySecurity,
      params: WebhookIdParams,
      response: { 200: WebhookEndpointResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => await webhooks.get(requirePrincipal(request), request.params.id))

  app.patch('/partner/webhooks/:id', {
    config: { auth: 'apiKey', permission: 'webhooks', audit: AUDIT.webhookUpdated },
    schema: {
      operationId: 'updateWebhookEndpoint',
      tags,
      summary: 'Update webhook endpoint',
      description: 'Changes the URL, the subscribed events, or enables/disables the endpoint. Disabling fails its pending deliveries.',
      security: apiKeySecurity,
      params: WebhookIdParams,
      body: UpdateWebhookBody,
      response: { 200: WebhookEndpointResponse, ...errors(400, 401, 403, 404, 413, 415, 429) }
    }
  }, async (request) => await webhooks.update(requirePrincipal(request), request.params.id, request.body))

  app.delete('/partner/webhooks/:id', {
    config: { auth: 'apiKey', permission: 'webhooks', audit: AUDIT.webhookDeleted },
    schema: {
      operationId: 'deleteWebhookEndpoint',
      tags,
      summary: 'Delete webhook endpoint',
      description: 'Deletes the endpoint and its delivery history; nothing more is sent to it.',
      security: apiKeySecurity,
      params: WebhookIdParams,
      response: { 204: Type.Null({ description: 'Deleted' }), ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request, reply) => {
    await webhooks.remove(requirePrincipal(request), request.params.id)
    return reply.status(204).send(null)
  })

  app.post('/partner/webhooks/:id/rotate-secret', {
    config: { auth: 'apiKey', permission: 'webhooks', idempotent: true, audit: AUDIT.webhookSecretRotated },
    schema: {
      operationId: 'rotateWebhookSecret',
      tags,
      summary: 'Rotate webhook signing secret',
      description: 'Returns a new secret, shown only here. For 24 hours deliveries carry two signatures, one per secret, so receivers can switch without missing any.',
      security: apiKeySecurity,
      params: WebhookIdParams,
      response: { 200: WebhookEndpointWithSecretResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => await webhooks.rotateSecret(requirePrincipal(request), request.params.id))

  app.post('/partner/webhooks/:id/test', {
    config: { auth: 'apiKey', permission: 'webhooks' },
    schema: {
      operationId: 'testWebhookEndpoint',
      tags,
      summary: 'Send a test event',
      description: 'Sends a `webhook.test` event to the endpoint now, signed as every delivery is (`webhook-id` `evt_test_<random>`), and answers with the receiver\'s status, ' +
        'the start of its answer and the time taken. Nothing is stored or retried; the endpoint\'s subscriptions and enabled flag do not apply. Team keys only.',
      security: apiKeySecurity,
      params: WebhookIdParams,
      response: { 200: WebhookTestResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => await webhooks.test(requirePrincipal(request), request.params.id))

  app.get('/partner/webhooks/:id/deliveries', {
    config: { auth: 'apiKey', permission: 'webhooks' },
    schema: {
      operationId: 'listWebhookDeliveries',
      tags,
      summary: 'List recent deliveries',
      description: 'The endpoint\'s deliveries, newest first: status, attempts, next attempt, the last attempt\'s HTTP status or error, the event payload sent and the start of the receiver\'s answer (2 KiB).',
      security: apiKeySecurity,
      params: WebhookIdParams,
      querystring: ListDeliveriesQuery,
      response: { 200: WebhookDeliveryListResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => await webhooks.deliveries(requirePrincipal(request), request.params.id, request.query))

  app.post('/partner/webhooks/:id/deliveries/:deliveryId/redeliver', {
    config: { auth: 'apiKey', permission: 'redeliver', idempotent: true },
    schema: {
      operationId: 'redeliverWebhookDelivery',
      tags,
      summary: 'Redeliver an event',
      description: 'Queues a new attempt of the delivery\'s event to this endpoint now (202): a DELIVERED or FAILED delivery is PENDING again with a fresh set of retries; ' +
        'a PENDING one is brought forward unless an attempt of it may be in flight. The same `webhook-id` is sent again. 409 while the endpoint is disabled.',
      security: apiKeySecurity,
      params: DeliveryParams,
      response: { 202: WebhookDeliveryResponse, ...errors(400, 401, 403, 404, 409, 429) }
    }
  }, async (request, reply) => {
    const { id, deliveryId } = request.params
    return reply.status(202).send(await webhooks.redeliver(requirePrincipal(request), id, deliveryId))
  })

  app.get('/partner/events', {
    config: { auth: 'apiKey', permission: 'events' },
    schema: {
      operationId: 'listEvents',
      tags,
      summary: 'List events',
      description: 'Every event the webhooks send, of the key\'s team and mode, newest first (`order=asc`: oldest first, for catching up), kept 30 days: to catch up after an outage. ' +
        '`type` filters by an exact type or a prefix (`session.*`; 400 when it matches no event type), `sessionId` by session; `startingAfter=<event id>` gives the page after that event in the chosen order (404 if it is not in this list). ' +
        'A key scoped to a reviewer gets 403.',
      security: apiKeySecurity,
      querystring: ListEventsQuery,
      response: { 200: EventListResponse, ...errors(400, 401, 403, 404, 429) }
    }
  }, async (request) => await webhooks.events(requirePrincipal(request), request.query, apiVersionOf(request)))
}
