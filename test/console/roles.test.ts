import { describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, sessionIn } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { createUser, signIn } from './support.js'

/**
 * The console's cookie on the /partner/* routes: the same routes, the same permission checks as a
 * key, by role (admin: everything in the team; reviewer: the sessions of its reviewerId; viewer:
 * reads only), with the cookie's rules (CSRF header and same Origin on changes).
 */
const t = useTestApp({ ...TEST_ENV })

async function team (name: string) {
  const key = await createKey(t.app, name)
  const testKey = await t.app.ctx.keys.create({ team: name, test: true })
  const assigned = await sessionIn(t.app, key.key, 'REVIEWING', { reviewerId: `rev@${name}.example` })
  const unassigned = await sessionIn(t.app, key.key, 'REVIEWING')
  const testSession = await sessionIn(t.app, testKey.key, 'REVIEWING')
  await createUser(t.app, name, `admin@${name}.example`, 'admin')
  await createUser(t.app, name, `rev@${name}.example`, 'reviewer')
  await createUser(t.app, name, `view@${name}.example`, 'viewer')
  return {
    key,
    assigned: assigned.session.id,
    unassigned: unassigned.session.id,
    testSession: testSession.session.id,
    admin: await signIn(t.app, `admin@${name}.example`),
    reviewer: await signIn(t.app, `rev@${name}.example`),
    viewer: await signIn(t.app, `view@${name}.example`)
  }
}

const ids = (res: { json: () => any }) => (res.json().data as Array<{ id: number }>).map((s) => s.id).sort((a, b) => a - b)

describe('GET /partner/me for a user', () => {
  it('answers who the user is, their role and what it may do', async () => {
    const x = await team('me-team')
    const res = await t.app.inject({ url: '/partner/me', headers: x.viewer.headers() })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      kind: 'user',
      keyId: null,
      teamName: 'me-team',
      role: 'viewer',
      reviewerId: null,
      livemode: true,
      user: { email: 'view@me-team.example', role: 'viewer' },
      permissions: { decide: false, resend: false, cancel: false, redact: false, events: false, webhooks: false, assign: false },
      // By name, what a key this user made could hold (the console's Keys page offers these).
      permissionList: ['read', 'audit:read']
    })
    const reviewer = (await t.app.inject({ url: '/partner/me', headers: x.reviewer.headers() })).json().data
    expect(reviewer).toMatchObject({ role: 'reviewer', reviewerId: 'rev@me-team.example', permissions: { decide: true, redact: false } })
  })
})

describe('an admin user', () => {
  it('reads every live session of the team, decides, and manages users', async () => {
    const x = await team('adm')
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.admin.headers() }))).toEqual([x.assigned, x.unassigned])
    const decided = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${x.unassigned}/decision`, headers: x.admin.headers(true), payload: { decision: 'APPROVE' } })
    expect(decided.statusCode).toBe(200)
    const created = await t.app.inject({ method: 'POST', url: '/partner/users', headers: x.admin.headers(true), payload: { email: 'new@adm.example', role: 'viewer' } })
    expect(created.statusCode).toBe(201)
  })

  it('switches to the team\'s test data and back', async () => {
    const x = await team('modes')
    const toTest = await t.app.inject({ method: 'PATCH', url: '/console/session', headers: x.admin.headers(true), payload: { livemode: false } })
    expect(toTest.json().data.livemode).toBe(false)
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.admin.headers() }))).toEqual([x.testSession])
    expect((await t.app.inject({ url: '/partner/me', headers: x.admin.headers() })).json().data.livemode).toBe(false)
    await t.app.inject({ method: 'PATCH', url: '/console/session', headers: x.admin.headers(true), payload: { livemode: true } })
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.admin.headers() }))).toEqual([x.assigned, x.unassigned])
  })
})

describe('a reviewer user', () => {
  it('sees and decides only the sessions assigned to its reviewerId', async () => {
    const x = await team('rev')
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.reviewer.headers() }))).toEqual([x.assigned])
    expectError(await t.app.inject({ url: `/partner/reviewer/sessions/${x.unassigned}`, headers: x.reviewer.headers() }), 404, 'Session not found', 'session_not_found')
    const other = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${x.unassigned}/decision`, headers: x.reviewer.headers(true), payload: { decision: 'APPROVE' } }))
    expect(other.statusCode).toBe(404)
    const own = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${x.assigned}/decision`, headers: x.reviewer.headers(true), payload: { decision: 'REJECT', reasons: ['income_insufficient'] } })
    expect(own.statusCode, own.body).toBe(200)
  })

  it('may not redact, read events, manage webhooks or users (403 forbidden)', async () => {
    const x = await team('rev2')
    for (const [method, url, payload] of [
      ['POST', `/partner/session/${x.assigned}/redact`, undefined],
      ['GET', '/partner/events', undefined],
      ['GET', '/partner/webhooks', undefined],
      ['POST', '/partner/users', { email: 'z@rev2.example', role: 'admin' }],
      ['GET', '/partner/users', undefined]
    ] as const) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method, url, headers: x.reviewer.headers(true), ...(payload ? { payload } : {}) }))
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json().code, `${method} ${url}`).toBe('forbidden')
    }
  })
})

describe('a viewer user', () => {
  it('reads the team\'s sessions', async () => {
    const x = await team('vw')
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.viewer.headers() }))).toEqual([x.assigned, x.unassigned])
    expect((await t.app.inject({ url: `/partner/reviewer/sessions/${x.assigned}`, headers: x.viewer.headers() })).statusCode).toBe(200)
    expect((await t.app.inject({ url: `/partner/session/${x.unassigned}`, headers: x.viewer.headers() })).statusCode).toBe(200)
  })

  it('changes nothing: 403 forbidden on every change, and the database is as before', async () => {
    const x = await team('vw2')
    for (const [method, url, payload] of [
      ['POST', `/partner/reviewer/sessions/${x.assigned}/decision`, { decision: 'APPROVE' }],
      ['POST', `/partner/session/${x.assigned}/cancel`, {}],
      ['POST', `/partner/session/${x.assigned}/link`, undefined],
      ['POST', `/partner/session/${x.assigned}/assign`, { reviewerId: 'someone' }],
      ['POST', '/partner/session', { params: { expiryDate: '2099-01-01T00:00:00.000Z' } }],
      ['POST', '/partner/webhooks', { url: 'https://hooks.example.test/x' }],
      ['POST', '/partner/users', { email: 'y@vw2.example', role: 'admin' }]
    ] as const) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method, url, headers: x.viewer.headers(true), ...(payload ? { payload } : {}) }))
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403)
      expect(res.json().code, `${method} ${url}`).toBe('forbidden')
    }
  })

  it('is refused every change route the service has (403 forbidden), whatever the body: the permission is checked before the input', async () => {
    const x = await team('vw3')
    const changes = t.app.routeCatalog.filter((r) => r.auth === 'apiKey' && !['GET', 'HEAD'].includes(r.method))
    expect(changes.length).toBeGreaterThan(20)
    for (const route of changes) {
      const url = route.url.replace(':sessionId', String(x.assigned)).replace(/:[A-Za-z]+/g, '1')
      for (const payload of [{}, { unknownField: true }]) {
        const res = await expectNoChange(t.db, async () => await t.app.inject({ method: route.method as 'POST', url, headers: x.viewer.headers(true), payload }))
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(payload)}: ${res.body}`).toBe(403)
        expect(res.json().code, `${route.method} ${route.url}`).toBe('forbidden')
      }
    }
  })
})

describe('the cookie\'s own rules on /partner/* routes', () => {
  it('a change needs the x-console-csrf header (403), and a same-site Origin (403)', async () => {
    const x = await team('csrf')
    const url = `/partner/reviewer/sessions/${x.unassigned}/decision`
    const noHeader = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url, headers: x.admin.headers(), payload: { decision: 'APPROVE' } }))
    expectError(noHeader, 403, 'Missing or wrong x-console-csrf header: send the csrfToken of GET /console/session', 'console_csrf_invalid')
    const wrongHeader = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url, headers: { ...x.admin.headers(), 'x-console-csrf': x.viewer.csrf }, payload: { decision: 'APPROVE' } }))
    expect(wrongHeader.statusCode).toBe(403)
    const foreign = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url, headers: { ...x.admin.headers(true), origin: 'https://evil.example' }, payload: { decision: 'APPROVE' } }))
    expectError(foreign, 403, 'Cross-site request refused: the Origin is not this service\'s', 'origin_forbidden')
    const same = await t.app.inject({ method: 'POST', url, headers: { ...x.admin.headers(true), origin: 'http://partner.test' }, payload: { decision: 'APPROVE' } })
    expect(same.statusCode).toBe(200)
  })

  it('a read needs no CSRF header; an ended session is 401', async () => {
    const x = await team('reads')
    expect((await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.viewer.headers() })).statusCode).toBe(200)
    await t.app.inject({ method: 'DELETE', url: '/console/session', headers: x.viewer.headers(true) })
    expectError(await t.app.inject({ url: '/partner/reviewer/sessions', headers: x.viewer.headers() }), 401, 'Your console session has ended: sign in again', 'console_session_invalid')
  })

  it('a user of another team reads none of this team\'s sessions (404)', async () => {
    const x = await team('own')
    const y = await team('foreign')
    expectError(await t.app.inject({ url: `/partner/session/${x.assigned}`, headers: y.admin.headers() }), 404, 'Session not found', 'session_not_found')
    expect(ids(await t.app.inject({ url: '/partner/reviewer/sessions', headers: y.admin.headers() }))).toEqual([y.assigned, y.unassigned])
  })

  it('an x-api-key with the cookie is the key\'s request', async () => {
    const x = await team('both')
    const other = await createKey(t.app, 'keyteam')
    const res = await t.app.inject({ url: '/partner/me', headers: { ...x.viewer.headers(), 'x-api-key': other.key } })
    expect(res.json().data).toMatchObject({ teamName: 'keyteam', keyId: other.id })
  })
})
