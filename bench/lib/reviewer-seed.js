// The data of bench/reviewer-list.js and bench/reviewer-list-work.js: one team's sessions (plus 10%
// noise from another team), bulk-inserted in rows of 1,000 (the search index follows through its
// triggers on SQLite, its GIN index on PostgreSQL), then session_counts rebuilt, as the migration
// does, and the tables analysed. Names are drawn from fixed pools by a hash of the row number, so
// matches spread over the history.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createDatabase, dropPgSchema, ensurePgSchema } from '../../dist/db/database.js'

export const STATUSES = ['PENDING', 'PROCESSING', 'REVIEWING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
// Ten first names (a tenth of the sessions each), 500 last names (0.2% each), a unique applicant id.
export const FIRST = ['Sofia', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Amara', 'Yusuf', 'Chen', 'Priya']
export const LAST = Array.from({ length: 500 }, (_, i) => `${['Garcia', 'Smith', 'Kowalski', 'Nguyen', 'Okafor', 'Haddad', 'Rossi', 'Tanaka', 'Silva', 'Novak'][i % 10]}${i < 10 ? '' : `-${String.fromCharCode(97 + (i * 7) % 26)}${String.fromCharCode(97 + (i * 13) % 26)}${i}`}`)
/** When the first session was created; row j was created j seconds later. */
export const SEED_START_MS = Date.parse('2026-01-01T00:00:00Z')

export function applicant (j) {
  const h = Math.imul(j + 1, 2654435761) >>> 0
  const first = FIRST[h % 10]
  const last = LAST[(h >>> 8) % 500]
  return { applicantFirstName: first, applicantLastName: last, applicantEmail: `${first}.${last}.${j}@example.com`.toLowerCase(), applicantId: `ap-${String(j).padStart(8, '0')}` }
}

/**
 * A database for a bench: on PostgreSQL when BENCH_DATABASE_URL is set (in a schema of its own),
 * else SQLite in a temporary data directory. `close` drops it.
 */
export async function openBenchDb (prefix) {
  const pgUrl = process.env.BENCH_DATABASE_URL
  const dataDir = mkdtempSync(join(tmpdir(), `pa-${prefix}-`))
  const schema = `${prefix.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`
  if (pgUrl) await ensurePgSchema(pgUrl, schema)
  const db = createDatabase({ databaseUrl: pgUrl ?? null, dataDir, pgSchema: pgUrl ? schema : undefined })
  return {
    db,
    dataDir,
    async close () {
      await db.close()
      if (pgUrl) await dropPgSchema(pgUrl, schema)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/**
 * Grows the sessions of team `teamId` (every tenth row goes to `noiseTeamId`) to each size asked in
 * turn, up to `maxSize`. `sessions` is the SessionsRepository that rebuilds session_counts.
 * `rows` is the number of rows inserted so far (team and noise).
 */
export function reviewerSeeder (db, { teamId, noiseTeamId, sessions, maxSize }) {
  const MAX = maxSize * 1.12
  let seeded = 0 // sessions of the team so far
  let j = 0 // rows inserted so far (team + noise)
  return {
    get rows () { return j },
    /** Inserts up to `size` sessions of the team; returns the seconds it took. */
    async growTo (size) {
      const t0 = Date.now()
      while (seeded < size) {
        const rows = []
        while (rows.length < 1000 && seeded < size) {
          const noise = j % 10 === 9
          if (!noise) seeded++
          rows.push({
            teamId: noise ? noiseTeamId : teamId,
            reviewerId: j % 3 === 0 ? 'r-1' : null,
            status: STATUSES[j % STATUSES.length],
            expiryDate: '2099-01-01T00:00:00.000Z',
            linkTokenHash: randomBytes(32).toString('hex'),
            createdAt: new Date(SEED_START_MS + j * 1000).toISOString(),
            updatedAt: new Date(SEED_START_MS + ((j * 7919) % MAX) * 1000).toISOString(),
            ...applicant(j)
          })
          j++
        }
        await db.kysely.insertInto('sessions').values(rows).execute()
      }
      await sessions.recount()
      // Steady state: autovacuum would have analysed and vacuumed a table this size.
      if (db.dialect === 'postgres') await sql`vacuum analyze sessions`.execute(db.kysely)
      else await sql`analyze`.execute(db.kysely)
      return (Date.now() - t0) / 1000
    }
  }
}
