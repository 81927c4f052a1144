import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildTestApp, useTestApp } from '../support/harness.js'
import { applicantSession, createKey, type PartnerKey } from '../support/factories.js'
import { ERROR_CODES } from '../../src/lib/error-codes.js'
import { expectError, expectNoChange, TEST_ENV, type Reply } from './helpers.js'

const MiB = 1024 * 1024

/**
 * Nothing internal in an error body: only the guide's three fields, code and requestId (and a
 * validation 400's errors), no stack frames, paths, SQL or driver codes.
 */
function expectCleanError (res: Reply): void {
  expect(res.statusCode).toBeGreaterThanOrEqual(400)
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  const body = res.json()
  const keys = Object.keys(body).filter((k) => !(k === 'errors' && res.statusCode === 400)).sort()
  expect(keys).toEqual(['code', 'error', 'message', 'requestId', 'statusCode'])
  expect(body.statusCode).toBe(res.statusCode)
  expect(body.requestId).toBe(res.headers['x-request-id'])
  expect(res.body).not.toMatch(/\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules|\/src\/|stack|SQLITE_|select |insert |FST_ERR|ECONNREFUSED|kysely/i)
}

describe('errors, operations and documentation', () => {
  const t = useTestApp({ ...TEST_ENV })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const postSession = async (payload: string, headers: Record<string, string>) =>
    await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key, ...headers }, payload })

  describe('unknown routes', () => {
    it.each([
      ['GET', '/nope', 'Route GET /nope not found'],
      ['POST', '/partner/sessions', 'Route POST /partner/sessions not found'],
      ['DELETE', '/partner/session', 'Route DELETE /partner/session not found'],
      ['PUT', '/partner/steps/1', 'Route PUT /partner/steps/1 not found']
    ])('404 in the guide\'s format for %s %s', async (method, url, message) => {
      const res = await t.app.inject({ method: method as 'GET', url })
      expectError(res, 404, message)
      expectCleanError(res)
    })

    it('does not echo the query string, which may carry a token', async () => {
      const res = await t.app.inject({ url: '/partner/verification/verifyy?token=secret-link-token&sessionId=1' })
      expectError(res, 404, 'Route GET /partner/verification/verifyy not found')
      expect(res.body).not.toContain('secret-link-token')
    })

    it('answers 404 the same with or without credentials', async () => {
      expectError(await t.app.inject({ url: '/partner/nope', headers: { 'x-api-key': key.key } }), 404, 'Route GET /partner/nope not found')
    })
  })

  describe('malformed requests', () => {
    it('400 for malformed JSON, and changes nothing', async () => {
      const res = await expectNoChange(t.db, async () => await postSession('{"params": {', { 'content-type': 'application/json' }))
      expectError(res, 400, 'Body is not valid JSON')
      expectCleanError(res)
    })

    it('400 for malformed JSON on an applicant route', async () => {
      const { csrf } = await applicantSession(t.app, key.key)
      const res = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: '{dataSourceIds: [1]}' })
      expectError(res, 400, 'Body is not valid JSON')
    })

    it('400 for a JSON body that tries to set __proto__', async () => {
      const res = await expectNoChange(t.db, async () => await postSession('{"params":{"expiryDate":"2099-01-01T00:00:00Z"},"__proto__":{"admin":true}}', { 'content-type': 'application/json' }))
      expect(res.statusCode).toBe(400)
      expectCleanError(res)
    })

    // PostgreSQL's text and jsonb columns refuse U+0000: these were 500s there.
    it.each([
      ['a text field', { applicantFirstName: 'Jo\u0000hn' }, 'body.params.applicantFirstName must not contain NUL (\\u0000) characters'],
      ['a metadata value', { metadata: { note: ['ok', 'a\u0000b'] } }, 'body.params.metadata.note.1 must not contain NUL (\\u0000) characters'],
      ['a metadata field name', { metadata: { 'k\u0000': 1 } }, 'body.params.metadata has a field name with a NUL (\\u0000) character']
    ])('400 for a NUL character in %s, and changes nothing', async (_where, params, message) => {
      const res = await expectNoChange(t.db, async () => await postSession(JSON.stringify({ params: { expiryDate: '2099-01-01T00:00:00Z', ...params } }), { 'content-type': 'application/json' }))
      expectError(res, 400, message)
    })

    // Found by the fuzz suite: the reviewer list's q and applicantId reach SQL as text, and were 500s on PostgreSQL.
    it.each([
      ['q=Ma%00ria', 'querystring.q must not contain NUL (\\u0000) characters'],
      ['applicantId=%00', 'querystring.applicantId must not contain NUL (\\u0000) characters'],
      ['status=PENDING&q%00=1', 'querystring has a field name with a NUL (\\u0000) character']
    ])('400 for a NUL character in a query string (%s), on both dialects', async (query, message) => {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ url: `/partner/reviewer/sessions?${query}`, headers: { 'x-api-key': key.key } }))
      expectError(res, 400, message)
    })

    it('400 for a NUL character in an SDK sourceName', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/partner/sdk/session', headers: { 'x-api-key': key.key }, payload: { sourceName: 'Pay\u0000Pal' } })
      expectError(res, 400, 'body.sourceName must not contain NUL (\\u0000) characters')
    })

    it('400 for metadata nested deeper than 32 levels (JSON.stringify overflowed the stack: a 500), and changes nothing', async () => {
      const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
      const res = await expectNoChange(t.db, async () => await postSession(`{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":${nested(5000)}}}`, { 'content-type': 'application/json' }))
      expectError(res, 400, 'body is nested more than 32 levels deep')
      const arrays = await postSession(`{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":{"x":${'['.repeat(100000)}${']'.repeat(100000)}}}}`, { 'content-type': 'application/json' })
      expectError(arrays, 400, 'body is nested more than 32 levels deep')
      const ok = await postSession(`{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":${nested(20)}}}`, { 'content-type': 'application/json' })
      expect(ok.statusCode).toBe(201)
    })

    it('413 for a body over 1 MiB, and changes nothing', async () => {
      const res = await expectNoChange(t.db, async () => await postSession(JSON.stringify({ params: { expiryDate: '2099-01-01T00:00:00Z', metadata: { a: 'x'.repeat(MiB) } } }), { 'content-type': 'application/json' }))
      expectError(res, 413, 'Request body is larger than 1 MiB')
      expectCleanError(res)
    })

    it('reads a body of exactly 1 MiB (and then judges its content)', async () => {
      const head = '{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":{"a":"'
      const tail = '"}}}'
      const payload = head + 'x'.repeat(MiB - head.length - tail.length) + tail
      expect(Buffer.byteLength(payload)).toBe(MiB)
      expectError(await postSession(payload, { 'content-type': 'application/json' }), 400, 'params.metadata must be at most 16384 bytes as JSON')
    })

    it('refuses an unauthenticated request before reading its body', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(2 * MiB) })
      expectError(res, 401, 'Missing API key: send it in the x-api-key header')
    })

    it.each([
      ['text/plain'],
      ['application/xml'],
      ['application/x-www-form-urlencoded'],
      ['multipart/form-data; boundary=x']
    ])('415 for Content-Type %s, and changes nothing', async (contentType) => {
      const res = await expectNoChange(t.db, async () => await postSession('{"params":{"expiryDate":"2099-01-01T00:00:00Z"}}', { 'content-type': contentType }))
      expectError(res, 415, 'Unsupported Content-Type; send application/json')
      expectCleanError(res)
    })

    it('415 for a body without a Content-Type', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: Buffer.from('{"params":{}}') })
      expectError(res, 415, 'Unsupported Content-Type; send application/json')
    })

    it('400 in the guide\'s format for a malformed percent-encoding in the path', async () => {
      const res = await t.app.inject({ url: '/partner/steps/%E0%A4%A' })
      expectError(res, 400, 'Malformed URL')
      expectCleanError(res)
    })

    it('400 in the guide\'s format for an over-long path parameter', async () => {
      const { csrf } = await applicantSession(t.app, key.key)
      const res = await t.app.inject({ url: `/partner/steps/${'1'.repeat(300)}`, headers: { 'x-csrf-token': csrf } })
      expectError(res, 400, 'Path parameter is too long')
      expectCleanError(res)
    })
  })

  describe('faults', () => {
    it('500 says only "Internal server error"', async () => {
      const spy = vi.spyOn(t.app.ctx.reviewer, 'list').mockRejectedValueOnce(new Error('boom: select * from api_keys at /work/main/src/x.ts:1:1'))
      try {
        const res = await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key.key } })
        expectError(res, 500, 'Internal server error')
        expectCleanError(res)
      } finally {
        spy.mockRestore()
      }
    })

    it('503 with Retry-After while the database is down; /readyz says so and /healthz stays up', async () => {
      const down = await buildTestApp({ ...TEST_ENV })
      try {
        const downKey = await createKey(down.app, 'acme')
        await down.db.close()
        const res = await down.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': downKey.key } })
        expectError(res, 503, 'Service temporarily unavailable, try again shortly')
        expect(res.headers['retry-after']).toBe('5')
        expectCleanError(res)
        expectError(await down.app.inject({ url: '/readyz' }), 503, 'Database is not reachable')
        expect((await down.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
      } finally {
        await down.close()
      }
    })

    it('no 4xx answer of any route carries more than the guide\'s three fields, code, requestId (and a validation 400\'s errors)', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const requests = [
        { url: '/partner/reviewer/sessions?limit=abc', headers: { 'x-api-key': key.key } },
        { url: '/partner/reviewer/sessions', headers: { 'x-api-key': 'wrong' } },
        { url: `/partner/sources/session/${session.id + 1000}`, headers: { 'x-csrf-token': csrf } },
        { url: '/partner/sources/search?text=', headers: { 'x-csrf-token': csrf } },
        { url: '/partner/steps/999999', headers: { 'x-csrf-token': csrf } },
        { method: 'POST' as const, url: '/partner/sdk/session', headers: { 'x-api-key': key.key }, payload: { sourceName: 'Nope' } },
        { method: 'POST' as const, url: '/partner/verification/verify', payload: { token: 'x', sessionId: session.id } },
        { method: 'POST' as const, url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: '2000-01-01T00:00:00Z' } } }
      ]
      for (const r of requests) expectCleanError(await t.app.inject(r))
    })
  })

  describe('operations', () => {
    it('/healthz answers 200 ok', async () => {
      const res = await t.app.inject({ url: '/healthz' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'ok' })
    })

    it('/readyz answers 200 with the database in use', async () => {
      const res = await t.app.inject({ url: '/readyz' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'ready', database: t.db.dialect, databaseId: expect.stringMatching(/^[0-9a-f]{16}$/) })
    })
  })

  describe('documentation', () => {
    // The guide's endpoints, in OpenAPI path syntax, with how each authenticates.
    const GUIDE: Array<[string, string, 'apiKey' | 'csrfToken']> = [
      ['get', '/partner/sources/session/{sessionId}', 'csrfToken'],
      ['post', '/partner/session', 'apiKey'],
      ['post', '/partner/sdk/session', 'apiKey'],
      ['post', '/partner/step/select-data-source', 'csrfToken'],
      ['post', '/partner/step/initiate', 'csrfToken'],
      ['get', '/partner/steps/session/{sessionId}', 'csrfToken'],
      ['get', '/partner/reviewer/sessions', 'apiKey'],
      ['get', '/partner/steps/{stepId}', 'csrfToken'],
      ['get', '/partner/sources/search', 'csrfToken'],
      ['post', '/partner/step/submit', 'csrfToken']
    ]
    let doc: any
    beforeAll(async () => {
      const res = await t.app.inject({ url: '/openapi.json' })
      expect(res.statusCode).toBe(200)
      doc = res.json()
    })

    it('/openapi.json is an OpenAPI 3 document with its three security schemes', () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/)
      expect(doc.info).toMatchObject({ title: 'Partner API', version: expect.any(String) })
      expect(doc.components.securitySchemes).toEqual({
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        consoleCookie: { type: 'apiKey', in: 'cookie', name: 'partner_console', description: expect.stringContaining('x-console-csrf') }
      })
    })

    it.each(GUIDE)('documents %s %s of the guide with its security', (method, path, scheme) => {
      const op = doc.paths[path]?.[method]
      expect(op, `${method} ${path}`).toBeDefined()
      expect(op.security).toEqual([{ [scheme]: [] }])
      expect(op.responses['200'] ?? op.responses['201']).toBeDefined()
      for (const param of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters.some((p: any) => p.in === 'path' && `{${p.name}}` === param && p.required === true)).toBe(true)
      }
    })

    it('documents errors with the guide\'s error body', () => {
      expect(doc.components.schemas.Error).toMatchObject({
        type: 'object',
        required: ['statusCode', 'message', 'error', 'code', 'requestId'],
        properties: {
          statusCode: { type: 'integer' },
          message: { type: 'string' },
          error: { type: 'string' },
          code: { type: 'string' },
          requestId: { type: 'string' },
          errors: { type: 'array' }
        }
      })
      // Every code is documented.
      for (const code of Object.keys(ERROR_CODES)) expect(doc.components.schemas.Error.properties.code.description).toContain(`\`${code}\``)
      expect(doc.paths['/partner/session'].post.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' })
    })

    it('every $ref in the document resolves, and every operation has responses', () => {
      const refs: string[] = []
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) { node.forEach(walk); return }
        if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === '$ref' && typeof v === 'string') refs.push(v)
            else walk(v)
          }
        }
      }
      walk(doc)
      const resolve = (ref: string) => ref.replace(/^#\//, '').split('/').reduce((n: any, part) => n?.[part], doc)
      expect(refs.filter((r) => !r.startsWith('#/') || resolve(r) === undefined)).toEqual([])
      for (const [path, item] of Object.entries<any>(doc.paths)) {
        for (const [method, op] of Object.entries<any>(item)) {
          expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0)
        }
      }
    })

    it('documents every /partner route the app registered', () => {
      const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}')
      const missing = t.app.routeCatalog
        .filter((r) => r.url.startsWith('/partner') && r.method !== 'HEAD')
        .filter((r) => !doc.paths[toOpenApi(r.url)]?.[r.method.toLowerCase()])
        .map((r) => `${r.method} ${r.url}`)
      expect(missing).toEqual([])
    })

    it('/docs serves the interactive documentation as HTML', async () => {
      const res = await t.app.inject({ url: '/docs' })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('swagger-ui')
    })
  })
})
