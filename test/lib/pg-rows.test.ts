import { CamelCasePlugin } from 'kysely'
import { describe, expect, it } from 'vitest'
import { isoOfPgTimestamptz, RowsCamelCasePlugin } from '../../src/db/database.js'

// The driver's row handling (src/db/database.ts): PostgreSQL's timestamptz text read without Date's
// parser when it is in UTC, and rows mapped to camelCase by a loop; both must answer exactly as the
// slower code they replace (Date, and Kysely's CamelCasePlugin).
describe('PostgreSQL rows: timestamps and camelCase keys', () => {
  let seed = 11
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  const pad = (n: number, w: number) => String(n).padStart(w, '0')

  it('reads a UTC timestamptz as Date would, whatever its decimals (0 to 6), and any other through Date', () => {
    for (let i = 0; i < 3000; i++) {
      const at = new Date(Date.UTC(1970 + random(130), random(12), 1 + random(28), random(24), random(60), random(60)))
      const decimals = random(7)
      const fraction = decimals === 0 ? '' : `.${pad(random(10 ** decimals), decimals)}`
      const text = `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 19)}${fraction}+00`
      expect(isoOfPgTimestamptz(text), text).toBe(new Date(text).toISOString())
    }
    // Another zone: Date reads it.
    for (const text of ['2026-06-01 12:30:00.5+02', '2026-06-01 10:30:00-05:30', '2026-06-01 10:30:00.25+05:45']) {
      expect(isoOfPgTimestamptz(text), text).toBe(new Date(text).toISOString())
    }
    expect(isoOfPgTimestamptz('2026-06-01 10:30:00.123456+00')).toBe('2026-06-01T10:30:00.123Z')
    expect(isoOfPgTimestamptz('2026-06-01 10:30:00+00')).toBe('2026-06-01T10:30:00.000Z')
    // Years 100 to 9999 as Date reads them; before 100 Date reads two digits (0050 as 1950): the text as it is.
    for (const year of ['0100', '0999', '1969', '9999']) expect(isoOfPgTimestamptz(`${year}-03-01 00:00:00.5+00`), year).toBe(new Date(`${year}-03-01 00:00:00.5+00`).toISOString())
    expect(isoOfPgTimestamptz('0050-03-01 00:00:00+00')).toBe('0050-03-01T00:00:00.000Z')
  })

  it('maps rows to camelCase keys as Kysely\'s plugin does, flat or holding objects and arrays', async () => {
    const rows = [
      { id: 1, team_id: 2, applicant_first_name: 'Ann', decided_at: null, livemode: 1, link_token_hash: 'x' },
      { id: 2, ids_read: [1, 2], nested_value: { inner_key: 1, deeper_list: [{ a_b: 1 }] } },
      { id: 3, blob_value: Buffer.from('ab'), when_at: '2026-06-01T00:00:00.000Z' },
      {}
    ]
    const args = { result: { rows: structuredClone(rows.slice(0, 2)).concat(rows.slice(2)) }, queryId: { queryId: 'q' } }
    const want = await new CamelCasePlugin().transformResult(args as any)
    const got = await new RowsCamelCasePlugin().transformResult(args as any)
    expect(got.rows).toEqual(want.rows)
    // Own keys only, as the plugin's Object.keys: an inherited enumerable key is not a column.
    const inheriting = Object.assign(Object.create({ inherited_key: 1 }), { team_id: 2 })
    const one = { result: { rows: [inheriting] }, queryId: { queryId: 'q' } }
    expect((await new RowsCamelCasePlugin().transformResult(one as any)).rows).toEqual((await new CamelCasePlugin().transformResult(one as any)).rows)
    expect(got.rows[0]).toEqual({ id: 1, teamId: 2, applicantFirstName: 'Ann', decidedAt: null, livemode: 1, linkTokenHash: 'x' })
    expect(Object.keys(got.rows[1])).toEqual(['id', 'idsRead', 'nestedValue'])
    expect((got.rows[1] as any).nestedValue).toEqual({ innerKey: 1, deeperList: [{ aB: 1 }] })
  })
})
