import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext { pgRun: string }
}

// PostgreSQL test apps each get a schema named after this run; they are all dropped once, at the
// end. Dropping them while other workers migrate raced with Kysely's catalogue introspection.
export default function setup (project: TestProject) {
  const run = randomBytes(4).toString('hex')
  project.provide('pgRun', run)
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
