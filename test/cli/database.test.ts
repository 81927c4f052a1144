import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeDatabase, main } from '../../src/cli.js'
import { freePort } from '../../src/lib/net.js'

/** The database a command says it used, and one clear line when it cannot use it. */
describe('the command and its database', () => {
  let dataDir: string
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-cli-db-')) })
  afterEach(() => { rmSync(dataDir, { recursive: true, force: true }) })

  async function run (env: Record<string, string>, ...argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { DATA_DIR: dataDir, ...env })
    return { code, out, err }
  }

  it.each([
    [{ databaseUrl: null, dataDir: '/srv/pa/data' }, 'SQLite at /srv/pa/data/partner-api.sqlite'],
    [{ databaseUrl: 'postgres://partner:s3cret@db.internal:6543/partners?sslmode=require', dataDir: '/x' }, 'PostgreSQL at db.internal:6543/partners'],
    [{ databaseUrl: 'postgresql://db.internal/partners', dataDir: '/x' }, 'PostgreSQL at db.internal:5432/partners'],
    [{ databaseUrl: 'postgres://u:p@[::1]:5433/db', dataDir: '/x' }, 'PostgreSQL at [::1]:5433/db']
  ])('describes %j as "%s", never with its password', (config, text) => {
    expect(describeDatabase(config)).toBe(text)
  })

  it.each([
    [['keys', 'create', '--team', 'acme']],
    [['keys', 'list']],
    [['keys', 'revoke', '1']],
    [['sources', 'import', 'catalog/sources.json']],
    [['migrate']]
  ])('partner-api %j with PostgreSQL refusing connections exits 1 with one line, no stack, no password', async (argv) => {
    const port = await freePort() // nothing listens there
    const res = await run({ DATABASE_URL: `postgres://partner:s3cret@127.0.0.1:${port}/partners` }, ...argv)
    expect(res).toEqual({ code: 1, out: [], err: [`error: cannot use PostgreSQL at 127.0.0.1:${port}/partners: connect ECONNREFUSED 127.0.0.1:${port}`] })
  })

  it('a PostgreSQL database that does not exist exits 1 with the server\'s own reason', async () => {
    const res = await run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/partner_api_no_such_database' }, 'keys', 'list')
    expect(res).toEqual({ code: 1, out: [], err: ['error: cannot use PostgreSQL at 127.0.0.1:5432/partner_api_no_such_database: database "partner_api_no_such_database" does not exist'] })
  })

  it('a SQLite data directory that cannot be opened exits 1 with one line', async () => {
    const blocker = join(dataDir, 'not-a-directory')
    writeFileSync(blocker, '')
    const res = await run({ DATA_DIR: join(blocker, 'data') }, 'keys', 'create', '--team', 'acme')
    expect(res).toEqual({ code: 1, out: [], err: [`error: cannot use SQLite at ${join(blocker, 'data', 'partner-api.sqlite')}: ENOTDIR: not a directory, mkdir '${join(blocker, 'data')}'`] })
  })
})
