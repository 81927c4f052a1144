import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { TEST_ENV } from './helpers.js'

/**
 * The OpenAPI document as client generators need it. Every operation names itself with an explicit
 * operationId, written in its route's schema (never derived from the path, so that renaming a path
 * parameter cannot rename a generated method): a new route without one fails here.
 */

// The ids clients are generated with: renaming one breaks every generated client.
const STABLE_IDS: Record<string, string> = {
  'post /partner/session': 'createSession',
  'post /partner/verification/verify': 'exchangeLinkToken',
  'get /partner/verification/verify': 'exchangeLinkTokenByQuery',
  'get /partner/sources/session/{sessionId}': 'listSessionSources',
  'get /partner/sources/search': 'searchSources',
  'post /partner/step/select-data-source': 'selectDataSources',
  'get /partner/steps/session/{sessionId}': 'listSessionSteps',
  'get /partner/steps/{stepId}': 'getStep',
  'post /partner/step/initiate': 'initiateStep',
  'post /partner/step/submit': 'submitStepProofs',
  'post /partner/sandbox/step/simulate': 'simulateStep',
  'post /partner/reclaim/callback/{callbackToken}': 'receiveReclaimCallback',
  'post /partner/sdk/session': 'createSdkSession',
  'get /partner/reviewer/sessions': 'listReviewerSessions',
  'get /partner/reviewer/sessions/{sessionId}': 'getReviewerSession',
  'post /partner/reviewer/sessions/{sessionId}/decision': 'decideSession',
  'get /partner/me': 'getMe',
  'get /partner/session/{sessionId}': 'getSession',
  'post /partner/session/{sessionId}/cancel': 'cancelSession',
  'post /partner/session/{sessionId}/link': 'reissueSessionLink',
  'post /partner/session/{sessionId}/redact': 'redactSession',
  'post /partner/session/{sessionId}/assign': 'assignSession',
  'post /partner/webhooks': 'createWebhookEndpoint',
  'get /partner/webhooks': 'listWebhookEndpoints',
  'get /partner/webhooks/{id}': 'getWebhookEndpoint',
  'patch /partner/webhooks/{id}': 'updateWebhookEndpoint',
  'delete /partner/webhooks/{id}': 'deleteWebhookEndpoint',
  'post /partner/webhooks/{id}/rotate-secret': 'rotateWebhookSecret',
  'post /partner/webhooks/{id}/test': 'testWebhookEndpoint',
  'get /partner/webhooks/{id}/deliveries': 'listWebhookDeliveries',
  'post /partner/webhooks/{id}/deliveries/{deliveryId}/redeliver': 'redeliverWebhookDelivery',
  'get /partner/events': 'listEvents'
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete'])

describe('the OpenAPI document, for client generators', () => {
  const t = useTestApp(TEST_ENV)
  let doc: any
  let operations: Array<{ name: string, op: any }>
  beforeAll(async () => {
    doc = (await t.app.inject({ url: '/openapi.json' })).json()
    operations = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).filter(([method]) => METHODS.has(method)).map(([method, op]) => ({ name: `${method} ${path}`, op })))
  })

  it('gives every operation a unique camelCase operationId', () => {
    expect(operations.filter(({ op }) => typeof op.operationId !== 'string').map(({ name }) => name), 'operations without an operationId: set one in the route schema').toEqual([])
    expect(operations.filter(({ op }) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId)).map(({ name }) => name)).toEqual([])
    const ids = operations.map(({ op }) => op.operationId)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('keeps the operationIds clients were generated with', () => {
    const served = Object.fromEntries(operations.map(({ name, op }) => [name, op.operationId]))
    for (const [name, id] of Object.entries(STABLE_IDS)) expect(served[name], name).toBe(id)
  })

  it('declares security on every operation, none on the token-authenticated ones', () => {
    expect(operations.filter(({ op }) => !Array.isArray(op.security)).map(({ name }) => name)).toEqual([])
    const open = operations.filter(({ op }) => op.security.length === 0).map(({ name }) => name).sort()
    expect(open).toEqual([
      'get /console/sign-in', 'get /partner/delivery/unsubscribe', 'get /partner/verification/verify',
      'post /console/session', 'post /console/setup', 'post /partner/delivery/email/bounce', 'post /partner/delivery/sms/inbound', 'post /partner/delivery/sms/status', 'post /partner/delivery/unsubscribe', 'post /partner/reclaim/callback/{callbackToken}', 'post /partner/verification/verify'
    ])
  })

  it('gives every request body an example', () => {
    const missing = operations.flatMap(({ name, op }) => Object.entries<any>(op.requestBody?.content ?? {})
      .filter(([, media]) => media.example === undefined && media.examples === undefined).map(([type]) => `${name} ${type}`))
    expect(missing).toEqual([])
  })

  it('names the main bodies as component schemas', () => {
    for (const name of ['Error', 'Session', 'CreatedSession', 'Step', 'Source', 'ReviewerSession', 'ReviewerSessionListItem', 'Fact', 'WebhookEndpoint', 'CsrfTokenGrant']) {
      expect(doc.components.schemas[name], name).toMatchObject({ type: 'object' })
    }
    expect(doc.paths['/partner/steps/{stepId}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Step' })
    expect(doc.paths['/partner/session'].post.responses['201'].content['application/json'].schema.properties.data).toEqual({ $ref: '#/components/schemas/CreatedSession' })
  })

  it('declares the headers: Idempotency-Key, X-Request-Id, RateLimit-* and Retry-After', () => {
    expect(doc.paths['/partner/session'].post.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false }))
    for (const name of ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After']) {
      expect(doc.components.headers[name], name).toMatchObject({ schema: { type: expect.any(String) } })
    }
    const ref = (name: string) => ({ $ref: `#/components/headers/${name}` })
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        expect(response.headers?.['X-Request-Id'], `${name} ${status}`).toEqual(ref('X-Request-Id'))
        if (status === '429') expect(response.headers['Retry-After'], `${name} 429`).toEqual(ref('Retry-After'))
      }
    }
    // Counted routes (key, applicant session, link exchange) carry the limit headers; the callback is not counted.
    for (const key of ['post /partner/session', 'get /partner/steps/{stepId}', 'post /partner/verification/verify']) {
      const { op } = operations.find(({ name }) => name === key)!
      const ok = op.responses['200'] ?? op.responses['201']
      expect(ok.headers['RateLimit-Remaining'], key).toEqual(ref('RateLimit-Remaining'))
      expect(op.responses['429'].headers['RateLimit-Reset'], key).toEqual(ref('RateLimit-Reset'))
    }
    const callback = operations.find(({ name }) => name === 'post /partner/reclaim/callback/{callbackToken}')!.op
    expect(callback.responses['200'].headers['RateLimit-Limit']).toBeUndefined()
    expect(operations.some(({ op }) => 'x-rate-limited' in op)).toBe(false)
  })

  it('names the instance as the server, through a variable', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '{baseUrl}', variables: { baseUrl: expect.objectContaining({ default: 'http://partner.test' }) } })])
    expect(doc.info.license).toMatchObject({ name: 'Apache-2.0' })
  })
})
