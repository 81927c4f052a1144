import { type CompiledQuery, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import type { SessionRow } from '../../src/db/types.js'
import { SessionsRepository, type ListQuery } from '../../src/modules/sessions/sessions.repository.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { capturing, planOf as planOfQuery } from '../support/query-plan.js'

// A term holding a word after a separator ("00000777" of "ap-00000777") reads its matches through
// the word index of migration 0029 (SQLite: FTS5's ascii tokenizer; PostgreSQL: a GIN index of the
// document's words). Every answer is compared with the filter computed here from the team's rows, over
// hand-picked edges (a word's start and end, a term's start, non-ASCII neighbours, ASCII case) and
// over random fields and terms drawn from a small alphabet, so that words and separators collide.
describe('reviewer list: a term\'s words read through the word index', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let all: SessionRow[] = []
  const PEOPLE: Array<[string | null, string | null, string | null, string | null]> = [
    ['Jean-Luc', 'Picard', 'jl.picard@Starfleet.org', 'NCC-1701-D'],
    ['Jean', 'Luc-Picard', 'jean@luc.example', 'ncc-17010'],
    ['Zoë', 'Ø-Brien', 'zoë.o-brien@example.com', 'é-1701'],
    ['Ann', 'Map-Pin', 'ann+tag@example.com', 'map-17010-x'],
    ['X', 'Lu', null, 'ap-00000777'],
    ['Y', null, null, 'AP-000007770'],
    ['Z', null, null, 'ap-00000776'],
    ['W', null, null, 'zap-00000777x'],
    [null, 'O\'Neil-été', 'o.neil@été.fr', 'x—1701']
  ]
  const TERMS = ['ncc-1701', 'NCC-1701-d', '-1701', 'c-17010', 'luc-pic', 'n-luc', 'p-pin', 'ap-00000777', 'p-00000777', '-00000777', 'ap-0000077',
    'é-1701', 'ë.o-brien', 'o-bri', '@starfleet.', '+tag@', 'tag@exa', 'jl.picard@starfleet.org', 'ap-000007770', '-1701-d', 'x-17', '—1701',
    "o'neil-été", "'neil", '.neil@', '@été.fr', 'l-été', 'il-ét', 'ap-00000777x', 'p-00000778']
  // ASCII capitals only: the filter here folds ASCII case, as SQLite does (PostgreSQL's lower() folds more).
  const ALPHABET = ['a', 'b', 'A', '1', '0', '1', 'a', '-', '.', 'é', '@']
  let seed = 7
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  const field = () => random(6) === 0 ? null : Array.from({ length: 3 + random(10) }, () => ALPHABET[random(ALPHABET.length)]).join('')

  beforeAll(async () => {
    team = await createKey(t.app, 'words')
    const other = await createKey(t.app, 'words-other')
    const people = [...PEOPLE, ...Array.from({ length: 240 }, () => [field(), field(), field(), field()] as [string | null, string | null, string | null, string | null])]
    const rows = people.map(([first, last, email, applicantId], i) => ({
      teamId: i % 10 === 9 ? other.teamId : team.teamId,
      status: 'PENDING' as const,
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: `words-${i}`,
      createdAt: new Date(Date.parse('2026-05-01T00:00:00Z') + i * 1000).toISOString(),
      updatedAt: '2026-05-01T00:00:00.000Z',
      applicantFirstName: first,
      applicantLastName: last,
      applicantEmail: email,
      applicantId
    }))
    // The hand-picked people all in the team.
    for (const r of rows.slice(0, PEOPLE.length)) r.teamId = team.teamId
    await t.db.kysely.insertInto('sessions').values(rows).execute()
    await new SessionsRepository(t.db.kysely).recount()
    all = await t.db.kysely.selectFrom('sessions').selectAll().where('teamId', '=', team.teamId).execute()
  })

  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  const expected = (q: string) => all.filter((r) => [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId]
    .some((v) => v !== null && fold(v).includes(fold(q)))).map((r) => r.id).sort((a, b) => a - b)
  const query = (q: string): ListQuery => ({ teamId: team.teamId, livemode: true, reviewerId: null, q, limit: 500, offset: 0, sortBy: 'createdAt', sortOrder: 'desc' })
  const found = async (repo: SessionsRepository, q: string) => {
    const page = await repo.list(query(q))
    expect(page.totalExact ?? true, q).toBe(true)
    expect(page.total, q).toBe(page.rows.length)
    return page.rows.map((r) => r.id).sort((a, b) => a - b)
  }

  /** The repository on a Kysely that keeps every query it sends. */
  function capturingRepo (): { repo: SessionsRepository, sent: CompiledQuery[] } {
    const { kysely, sent } = capturing(t.db)
    return { repo: new SessionsRepository(kysely), sent }
  }

  it('finds what the terms\' plain filter finds, for hand-picked edges of words', async () => {
    const repo = new SessionsRepository(t.db.kysely)
    for (const q of TERMS) expect(await found(repo, q), q).toEqual(expected(q))
    // Some of them match: the comparison is not of empty lists only.
    expect(expected('ap-00000777')).toHaveLength(3)
    expect(expected('-1701').length).toBeGreaterThanOrEqual(4)
  })

  it('finds what the plain filter finds for random terms cut from random fields (words and separators colliding)', async () => {
    const repo = new SessionsRepository(t.db.kysely)
    const values = all.flatMap((r) => [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId]).filter((v): v is string => v !== null && v.length >= 4)
    let withWords = 0
    for (let i = 0; i < 300; i++) {
      const v = values[random(values.length)]
      const start = random(v.length - 3)
      const q = v.slice(start, start + 4 + random(v.length - start - 3))
      if (/[-.@][a-z0-9]{3}/i.test(q)) withWords++
      expect(await found(repo, q), q).toEqual(expected(q))
    }
    expect(withWords).toBeGreaterThan(20)
  })

  it('reads a term with a word through the word index, and a term without one through the trigrams (the queries sent, and their plans)', async () => {
    const { repo, sent } = capturingRepo()
    expect(await found(repo, 'ap-00000777')).toEqual(expected('ap-00000777'))
    // The read of the word's sessions. SQLite counts the word's documents first, once in a while;
    // PostgreSQL reads a word its sample finds in few documents or none at once (one query), and counts
    // only those the sample puts in more (wordDocuments).
    const counting = (c: { sql: string }) => t.db.dialect === 'sqlite' ? c.sql.includes('sessions_words') && !c.sql.includes('join sessions s') : c.sql.includes('@@') && c.sql.includes('select 1 from sessions')
    expect(sent.filter(counting)).toHaveLength(t.db.dialect === 'sqlite' ? 1 : 0)
    const words = sent.filter((c) => !counting(c) && (t.db.dialect === 'sqlite' ? c.sql.includes('sessions_words') && c.sql.includes('join sessions s') : c.sql.includes('@@')))
    expect(words).toHaveLength(1)
    expect(words[0].parameters).toContain(t.db.dialect === 'sqlite' ? '"00000777"*' : '00000777:*')
    const plan = (await planOf(words[0])).join('\n')
    expect(plan).toMatch(t.db.dialect === 'sqlite' ? /SCAN sessions_words VIRTUAL TABLE INDEX/ : /Bitmap Index Scan on sessions_search_word_hours_idx/)
    sent.length = 0
    expect(await found(repo, '00000777')).toEqual(expected('00000777'))
    expect(sent.filter((c) => c.sql.includes('sessions_words') || c.sql.includes('@@'))).toHaveLength(0)
  })

  it('keeps the word index in step with the row: a new id is found by its word, the old one not; nothing once deleted', async () => {
    const repo = new SessionsRepository(t.db.kysely)
    const [row] = await t.db.kysely.insertInto('sessions').values({
      teamId: team.teamId,
      status: 'PENDING',
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: 'words-step',
      applicantId: 'ref-55501234',
      createdAt: '2026-05-02T00:00:00.000Z',
      updatedAt: '2026-05-02T00:00:00.000Z'
    }).returning('id').execute()
    expect(await found(repo, 'f-55501234')).toEqual([row.id])
    await t.db.kysely.updateTable('sessions').set({ applicantId: 'ref-66601234' }).where('id', '=', row.id).execute()
    expect(await found(repo, 'f-55501234')).toEqual([])
    expect(await found(repo, 'f-66601234')).toEqual([row.id])
    await t.db.kysely.deleteFrom('sessions').where('id', '=', row.id).execute()
    expect(await found(repo, 'f-66601234')).toEqual([])
    if (t.db.dialect === 'sqlite') {
      const left = await sql<{ n: number }>`select count(*) as n from sessions_words where rowid = ${row.id}`.execute(t.db.kysely)
      expect(left.rows[0].n).toBe(0)
    }
  })

  const planOf = async (query: CompiledQuery) => await planOfQuery(t.db, query)
})
