import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { NewSession } from '../../src/db/types.js'
import { createKey, futureIso, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

// PostgreSQL only (vitest.config.ts pgOnly). Creations and key lookups that arrive together share a
// statement (src/db/batcher.ts, LifecycleRepository.insertSessionsPg, KeysRepository.lookUp): each
// session must still get its own row (rows read here come back camelCased, as every query's), allowed sources, audit row, event and count, once.
describe('PostgreSQL batched creations and key lookups', () => {
  const t = useTestApp()
  let key: PartnerKey
  const texts: string[] = []
  const query = pg.Client.prototype.query
  beforeAll(async () => { key = await createKey(t.app, `batch-${randomBytes(3).toString('hex')}`) })
  afterEach(() => { pg.Client.prototype.query = query })

  /** Records the statements every pg client sends until the end of the test. */
  function recordStatements () {
    texts.length = 0
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const text = typeof config === 'string' ? config : (config as { text?: string })?.text
      if (typeof text === 'string') texts.push(text)
      return (query as (...a: unknown[]) => unknown).call(this, config, ...rest)
    } as typeof query
  }

  const create = async (i: number, apiKey = key.key) => await t.app.inject({
    method: 'POST',
    url: '/partner/session',
    headers: { 'x-api-key': apiKey },
    payload: {
      params: {
        expiryDate: futureIso(t.app),
        applicantId: `ap-batch-${i}`,
        applicantFirstName: `First${i}`,
        metadata: { i },
        ...(i % 2 === 0 ? { allowedSources: [{ id: 1 }, { id: 2 }] } : {})
      }
    }
  })

  it('gives each of 48 concurrent creations its own session, sources, audit row, event and count, in fewer statements', async () => {
    const before = await sql<{ n: string }>`select coalesce(sum(n), 0) as n from session_counts where team_id = ${key.teamId}`.execute(t.db.kysely)
    recordStatements()
    const answers = await Promise.all(Array.from({ length: 48 }, async (_, i) => await create(i)))
    pg.Client.prototype.query = query
    expect(answers.map((a) => a.statusCode)).toEqual(Array(48).fill(201))
    const created = answers.map((a) => a.json().data)
    expect(new Set(created.map((c) => c.id)).size).toBe(48)
    created.forEach((c, i) => {
      // Each answer is its own request's session, not a neighbour's from the batch.
      expect(c.applicantId).toBe(`ap-batch-${i}`)
      expect(c.metadata).toEqual({ i })
      expect(c.allowedSources.map((s: { id: number }) => s.id)).toEqual(i % 2 === 0 ? [1, 2] : [])
    })

    // Fewer statements than one per creation and one per key lookup: some were shared.
    const creations = texts.filter((s) => /insert into sessions/.test(s))
    const lookups = texts.filter((s) => /from "api_keys"/.test(s))
    expect(creations.some((s) => /unnest/.test(s))).toBe(true)
    expect(creations.length).toBeLessThan(48)
    expect(lookups.length).toBeLessThan(48)

    const ids = created.map((c) => c.id as number)
    const rows = (await sql<{ id: number, applicantId: string, first: string }>`select id, applicant_id, applicant_first_name as first from sessions where id = any(${ids}::integer[]) order by id`.execute(t.db.kysely)).rows
    expect(rows).toHaveLength(48)
    for (const r of rows) expect(r.first).toBe(`First${r.applicantId.slice('ap-batch-'.length)}`)
    const audits = (await sql<{ sessionId: number, n: string }>`select session_id, count(*) as n from audit_log where action = 'session.created' and session_id = any(${ids}::integer[]) group by session_id`.execute(t.db.kysely)).rows
    expect(audits).toHaveLength(48)
    expect(audits.every((a) => Number(a.n) === 1)).toBe(true)
    const events = (await sql<{ sessionId: number, payload: any }>`select session_id, payload from events where type = 'session.created' and session_id = any(${ids}::integer[])`.execute(t.db.kysely)).rows
    expect(events).toHaveLength(48)
    const applicantOf = new Map(rows.map((r) => [r.id, r.applicantId]))
    for (const e of events) {
      const payload = typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload
      expect(payload.sessionId).toBe(e.sessionId)
      expect(payload.applicantId).toBe(applicantOf.get(e.sessionId))
      expect(payload.status).toBe('PENDING')
    }
    const sources = (await sql<{ sessionId: number, sourceId: number }>`select session_id, source_id from session_allowed_sources where session_id = any(${ids}::integer[]) order by session_id, source_id`.execute(t.db.kysely)).rows
    expect(sources).toHaveLength(48)
    const after = await sql<{ n: string }>`select coalesce(sum(n), 0) as n from session_counts where team_id = ${key.teamId}`.execute(t.db.kysely)
    expect(Number(after.rows[0].n) - Number(before.rows[0].n)).toBe(48)
  })

  it('fails a creation the database refuses alone: the others of its batch are created', async () => {
    const lifecycle = t.app.ctx.repos.lifecycle
    const at = new Date(t.app.ctx.clock.ms()).toISOString()
    const session = (teamId: number, i: number): NewSession => ({
      teamId,
      livemode: 1,
      status: 'PENDING',
      expiryDate: futureIso(t.app),
      linkTokenHash: randomBytes(32).toString('hex'),
      applicantId: `ap-refused-${i}`,
      createdAt: at,
      updatedAt: at
    })
    // Team 0 does not exist (a foreign key refuses it); they arrive together, so they share batches.
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, async (_, i) =>
      await lifecycle.createSession(session(i === 5 ? 0 : key.teamId, i), [], 'test')))
    expect(attempts.map((a) => a.status)).toEqual(Array.from({ length: 12 }, (_, i) => i === 5 ? 'rejected' : 'fulfilled'))
    const stored = (await sql<{ applicantId: string }>`select applicant_id from sessions where applicant_id like 'ap-refused-%' order by applicant_id`.execute(t.db.kysely)).rows
    expect(stored.map((r) => r.applicantId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ap-refused-${i}`).filter((id) => id !== 'ap-refused-5').sort())
  })

  it('refuses a revoked key from the next request on, however lookups are batched', async () => {
    const victim = await createKey(t.app, 'batch-revoked')
    const first = await Promise.all(Array.from({ length: 8 }, async (_, i) => await create(100 + i, victim.key)))
    expect(first.every((a) => a.statusCode === 201)).toBe(true)
    await t.app.ctx.keys.revoke(victim.id)
    const after = await Promise.all(Array.from({ length: 8 }, async (_, i) => await create(200 + i, victim.key)))
    expect(after.map((a) => a.statusCode)).toEqual(Array(8).fill(401))
  })
})
