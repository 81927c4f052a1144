import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext { pgRun: string }
}

// PostgreSQL test apps each get a schema named after this run; they are all dropped once, at the
// end. Dropping them while other workers migrate raced with Kysely's catalogue introspection.
export default async function setup (project: TestProject) {
  const run = randomBytes(4).toString('hex')
  project.provide('pgRun', run)
  // pg_trgm (the search index, migration 0012) once, in public, before the test apps migrate in
  // parallel: created by the first of them it would land in that app's schema, and go with it.
  if (process.env.TEST_DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try { await client.query('create extension if not exists pg_trgm with schema public') } finally { await client.end() }
  }
  return async () => {
    const url = process.env.TEST_DATABASE_URL
    if (!url) return
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`t_${run}_%`])
      for (const { nspname } of rows) await client.query(`drop schema if exists ${nspname} cascade`)
    } finally {
      await client.end()
    }
  }
}
