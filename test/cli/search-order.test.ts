import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli.js'
import { createDatabase } from '../../src/db/database.js'

// `partner-api search order`: the creation-order bound a search sorted by creation reads by (SQLite,
// migration 0026), and --recompute, which measures it again from the stored sessions once an edited
// created_at made it unbounded and the rows were put right.
describe('partner-api search order', () => {
  let dataDir: string
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-search-order-')) })
  afterEach(() => { rmSync(dataDir, { recursive: true, force: true }) })

  async function run (...argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { DATA_DIR: dataDir })
    return { code, out, err }
  }

  it('says the bound, turns the id order off after an edited creation time, and --recompute measures it again', async () => {
    expect((await run('migrate')).code).toBe(0)
    const db = createDatabase({ databaseUrl: null, dataDir })
    try {
      const [team] = await db.kysely.insertInto('teams').values({ name: 'acme', createdAt: '2026-06-01T00:00:00.000Z' }).returning('id').execute()
      const at = (i: number) => new Date(Date.parse('2026-06-01T00:00:00.000Z') + i * 1000).toISOString()
      for (let i = 0; i < 3; i++) {
        await db.kysely.insertInto('sessions').values({ teamId: team.id, status: 'PENDING', expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: `h${i}`, createdAt: at(i), updatedAt: at(i) }).execute()
      }
      const first = await run('search', 'order')
      expect(first.code).toBe(0)
      expect(JSON.parse(first.out[0])).toEqual({ lagMs: 0, maxId: 3, idOrder: true })
      // An operator's edit of a creation time: no bound any more.
      await db.kysely.updateTable('sessions').set({ createdAt: at(-5) }).where('id', '=', 2).execute()
      expect(JSON.parse((await run('search', 'order')).out[0])).toMatchObject({ idOrder: false })
      // Measured from the rows as they are: session 2 now lies 5 s below session 1.
      const measured = await run('search', 'order', '--recompute')
      expect(measured.code).toBe(0)
      expect(JSON.parse(measured.out[0])).toEqual({ lagMs: 5000, maxId: 3, idOrder: true })
      expect(measured.err.join('\n')).toContain('wrote to SQLite at')
    } finally {
      await db.close()
    }
  })

  it('refuses an unknown subcommand or option (exit 2)', async () => {
    expect((await run('search')).code).toBe(2)
    expect((await run('search', 'reorder')).code).toBe(2)
    expect((await run('search', 'order', '--all')).code).toBe(2)
  })
})
