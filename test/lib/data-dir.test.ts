import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase } from '../../src/db/database.js'
import { instanceSecret, randomHexSecret } from '../../src/lib/instance-secrets.js'

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8)

describe('DATA_DIR is private', () => {
  const made: string[] = []
  afterEach(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }) })
  const parent = () => { const d = mkdtempSync(join(tmpdir(), 'partner-api-datadir-')); made.push(d); return d }

  it('the SQLite database creates its directory 0700 and the database, WAL and shared-memory files 0600, whatever the umask', async () => {
    const old = process.umask(0o022)
    try {
      const dir = join(parent(), 'nested', 'data')
      const db = createDatabase({ databaseUrl: null, dataDir: dir })
      await sql`create table t (x integer)`.execute(db.kysely)
      await sql`insert into t values (1)`.execute(db.kysely)
      expect(modeOf(dir)).toBe('700')
      expect(modeOf(join(dir, '..'))).toBe('700')
      expect(modeOf(join(dir, 'partner-api.sqlite'))).toBe('600')
      expect(modeOf(join(dir, 'partner-api.sqlite-wal'))).toBe('600')
      expect(modeOf(join(dir, 'partner-api.sqlite-shm'))).toBe('600')
      await db.close()
    } finally { process.umask(old) }
  })

  it('an instance secret creates its directory 0700 and its file 0600', () => {
    const dir = join(parent(), 'secrets')
    instanceSecret(null, dir, 'server-secret', randomHexSecret)
    expect(modeOf(dir)).toBe('700')
    expect(modeOf(join(dir, 'server-secret'))).toBe('600')
  })
})
