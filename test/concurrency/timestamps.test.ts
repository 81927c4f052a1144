import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey } from '../support/factories.js'

/**
 * Timestamps are ISO 8601 text on SQLite (compared as text) and timestamptz on PostgreSQL. A
 * four-digit year with an offset can still be a five-digit year in UTC: `toISOString()` then writes
 * "+010000-...", which sorts before every real date on SQLite and which PostgreSQL refuses.
 */
describe('an expiryDate whose UTC instant lies past year 9999', () => {
  const t = useTestApp()
  let key: string
  beforeAll(async () => { key = (await createKey(t.app)).key })

  it('is refused with a 400 on both dialects and leaves nothing behind', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/partner/session',
      headers: { 'x-api-key': key },
      payload: { params: { expiryDate: '9999-12-31T23:59:59-01:00' } }
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().message).toMatch(/expiryDate/)
    const n = await t.db.kysely.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(0)
  })

  it('the last accepted instant still sorts after now on both dialects (the sweep leaves it open)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/partner/session',
      headers: { 'x-api-key': key },
      payload: { params: { expiryDate: '9999-12-31T23:59:59Z' } }
    })
    expect(res.statusCode, res.body).toBe(201)
    await t.app.ctx.sessions.sweepExpired()
    const row = await t.db.kysely.selectFrom('sessions').select(['status', 'expiryDate']).where('id', '=', res.json().data.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'PENDING', expiryDate: '9999-12-31T23:59:59.000Z' })
  })
})
