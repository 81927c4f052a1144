// The service on data kept by bench/reviewer-seed-keep.js (a SQLite data directory or pg:schema), for
// bench/reviewer-list-kept.js: in its process (keptServer), or as a process of its own that the
// parent pins to cpu 0 (PINNED=1), ready when it sends {url, key, reviewerKey, rows, dialect}; the
// message 'stop' closes it.
import { buildApp } from '../../dist/app.js'
import { loadConfig } from '../../dist/config.js'
import { createDatabase } from '../../dist/db/database.js'

export async function keptServer (where) {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const pg = where.startsWith('pg:')
  const db = pg ? createDatabase({ databaseUrl: url, dataDir: '/tmp', pgSchema: where.slice(3) }) : createDatabase({ databaseUrl: null, dataDir: where })
  const config = loadConfig({ DATA_DIR: pg ? '/tmp' : where, RATE_LIMIT_LIMIT: '1000000', LOG_LEVEL: 'silent' })
  const app = await buildApp({ config, db })
  const { key } = await app.ctx.keys.create({ team: 'bench' })
  const reviewer = await app.ctx.keys.create({ team: 'bench', reviewerId: 'r-1' })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const { n } = await db.kysely.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()
  return { url: address, key, reviewerKey: reviewer.key, rows: Number(n), dialect: db.dialect, close: async () => { await app.close() } }
}

if (process.send !== undefined && process.argv[2] !== undefined) {
  const server = await keptServer(process.argv[2])
  const { close, ...ready } = server
  // The parent gone (killed, crashed): so is this server, pinned to a core nobody measures.
  process.on('disconnect', () => process.exit(0))
  process.on('message', async (msg) => {
    if (msg !== 'stop') return
    await close()
    process.exit(0)
  })
  process.send(ready)
}
