import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createDatabase } from './db/database.js'
import { errorCodeTable } from './lib/error-codes.js'
import { ROOT_DIR } from './lib/paths.js'

/**
 * The committed OpenAPI document (openapi/openapi.json) and the TypeScript client's types generated
 * from it (clients/typescript/src/schema.d.ts): made by `npm run openapi:generate`, checked by
 * test/client/openapi-drift.test.ts. The document is the one the server serves at /openapi.json,
 * from an app built in-process with a fixed base URL, so that it does not depend on who runs it.
 */
export const OPENAPI_FILE = join(ROOT_DIR, 'openapi', 'openapi.json')
export const CLIENT_TYPES_FILE = join(ROOT_DIR, 'clients', 'typescript', 'src', 'schema.d.ts')
export const README_FILE = join(ROOT_DIR, 'README.md')

const TABLE_START = /<!-- error-codes:start[^>]*-->\n/
const TABLE_END = '\n<!-- error-codes:end -->'

/** The README with its error code table (between the error-codes markers) generated from the registry. */
export function readmeWithErrorTable (readme: string): string {
  const start = TABLE_START.exec(readme)
  const end = readme.indexOf(TABLE_END)
  if (start === null || end < start.index) throw new Error('README.md has no error-codes markers')
  return readme.slice(0, start.index + start[0].length) + errorCodeTable() + readme.slice(end)
}

const DOCUMENT_ENV = { PUBLIC_BASE_URL: 'http://localhost:3000', SERVER_SECRET: 'openapi-document-0123456789abcdef' }

/** What GET /openapi.json answers, from an app on an in-memory SQLite database. */
export async function servedOpenapi (): Promise<Record<string, unknown>> {
  const db = createDatabase({ databaseUrl: null, dataDir: '', sqliteFile: ':memory:' })
  const app = await buildApp({ config: loadConfig(DOCUMENT_ENV), db })
  try {
    await app.ready()
    const res = await app.inject({ method: 'GET', url: '/openapi.json' })
    if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}: ${res.body}`)
    return res.json()
  } finally {
    await app.close()
    await db.close()
  }
}

export const documentText = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n'

const TYPES_BANNER = '/**\n * Generated from openapi/openapi.json by openapi-typescript: do not edit.\n * Regenerate with `npm run openapi:generate` at the repository root.\n */\n\n'

/** The client's types for a document (openapi-typescript, loaded only here: it is a dev dependency). */
export async function clientTypes (doc: Record<string, unknown>): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript')
  const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0], { alphabetize: false, exportType: false })
  return TYPES_BANNER + astToString(ast)
}

/**
 * The files as the server makes them now (and the README's error code table), each with whether the committed one differs; written
 * unless `write` is false (CI checks, and never rewrites what it checks).
 */
export async function generateOpenapiFiles ({ write = true } = {}): Promise<Array<{ file: string, changed: boolean }>> {
  const doc = await servedOpenapi()
  const files: Array<[string, string]> = [
    [OPENAPI_FILE, documentText(doc)],
    [CLIENT_TYPES_FILE, await clientTypes(doc)],
    [README_FILE, readmeWithErrorTable(readCommitted(README_FILE) ?? '')]
  ]
  return files.map(([file, text]) => {
    const changed = readCommitted(file) !== text
    if (changed && write) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
    }
    return { file, changed }
  })
}

export const readCommitted = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}
