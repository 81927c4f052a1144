import { defineConfig } from 'vitest/config'

// The suite runs on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL is set
// (.ci/run sets it). Tests that touch no database, or only SQLite, run once.
const dbFree = ['test/proofs/**', 'test/client/**', 'test/lib/**', 'test/config.test.ts', 'test/webhooks/private-address.test.ts', 'test/concurrency/sqlite-writers.test.ts', 'test/cluster/refusal.test.ts']
const pg = process.env.TEST_DATABASE_URL
// What needs PostgreSQL (its own faults, serve --workers): the postgres project only.
const pgOnly = ['test/faults/pg-*.test.ts', 'test/cluster/workers.test.ts', 'test/cluster/haproxy.test.ts']

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: [...pgOnly], env: { TEST_DB: 'sqlite' } } },
      ...(pg
        ? [{ extends: true as const, test: { name: 'postgres', include: ['test/**/*.test.ts'], exclude: [...dbFree, 'test/browser/**', 'test/cli/**', 'test/readme/**'], env: { TEST_DB: 'postgres' } } }]
        : [])
    ]
  }
})
