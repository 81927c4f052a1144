// Seeds bench/reviewer-list.js's data once and keeps it, for bench/reviewer-list-kept.js: seeding a
// million sessions takes about 10 minutes, the measure 3.
// Usage: node bench/reviewer-seed-keep.js <size> <sqlite data dir | pg:schema>
//   pg:schema seeds a schema of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
// The team's id is 1 in a new database; drop the directory or schema to start again.
import { mkdirSync } from 'node:fs'
import { createDatabase, ensurePgSchema, migrateToLatest } from '../dist/db/database.js'
import { SessionsRepository } from '../dist/modules/sessions/sessions.repository.js'
import { reviewerSeeder } from './lib/reviewer-seed.js'

const [size, where] = process.argv.slice(2)
if (!size || !where) throw new Error('usage: node bench/reviewer-seed-keep.js <size> <sqlite data dir | pg:schema>')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const pg = where.startsWith('pg:')
if (pg) await ensurePgSchema(url, where.slice(3))
else mkdirSync(where, { recursive: true })
const db = pg ? createDatabase({ databaseUrl: url, dataDir: '/tmp', pgSchema: where.slice(3) }) : createDatabase({ databaseUrl: null, dataDir: where })
await migrateToLatest(db)
const k = db.kysely
const [team] = await k.insertInto('teams').values({ name: 'bench', createdAt: new Date().toISOString() }).returning('id').execute()
const [noise] = await k.insertInto('teams').values({ name: 'noise', createdAt: new Date().toISOString() }).returning('id').execute()
const seed = reviewerSeeder(db, { teamId: team.id, noiseTeamId: noise.id, sessions: new SessionsRepository(k), maxSize: Number(size) })
const took = await seed.growTo(Number(size))
console.log(`${seed.rows} sessions (team ${team.id}: ${size}) on ${db.dialect} in ${took.toFixed(1)} s`)
await db.close()
