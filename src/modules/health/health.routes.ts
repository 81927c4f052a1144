import { Type } from 'typebox'
import { fail } from '../../lib/error-codes.js'
import { errors } from '../../schemas/common.js'
import type { Db } from '../../db/database.js'
import type { App } from '../../types.js'

// Probes for orchestrators, not part of the API that clients are generated from (README lists them),
// so hidden from the OpenAPI document like /metrics.

export default async function healthRoutes (app: App, { db, databaseId }: { db: Pick<Db, 'ping' | 'dialect'>, databaseId: string }) {
  app.get('/healthz', {
    config: { auth: 'none' },
    schema: { hide: true, tags: ['Operations'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/readyz', {
    config: { auth: 'none' },
    schema: {
      hide: true,
      tags: ['Operations'],
      summary: 'Readiness: the database answers',
      response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String(), databaseId: Type.String({ description: 'Which database, as a short hash (the CLI compares it with its own)' }) }), ...errors(503) }
    }
  }, async () => {
    if (!(await db.ping())) throw fail('database_unavailable', 'Database is not reachable')
    return { status: 'ready' as const, database: db.dialect, databaseId }
  })
}
