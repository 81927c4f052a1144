import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_TYPES_FILE, clientTypes, documentText, OPENAPI_FILE, readCommitted, servedOpenapi } from '../../src/openapi-document.js'

/**
 * The committed OpenAPI document and the client's generated types are what the server serves now.
 * A route or schema changed without regenerating fails here: run `npm run openapi:generate`.
 */
const HINT = 'out of date: run `npm run openapi:generate` and commit the result'

describe('openapi/openapi.json and clients/typescript/src/schema.d.ts', () => {
  let served: Record<string, unknown>
  beforeAll(async () => { served = await servedOpenapi() })

  it('openapi/openapi.json is the document the server serves', () => {
    expect(readCommitted(OPENAPI_FILE), `openapi/openapi.json ${HINT}`).toBe(documentText(served))
  })

  it('the client\'s types are generated from that document', async () => {
    expect(readCommitted(CLIENT_TYPES_FILE), `clients/typescript/src/schema.d.ts ${HINT}`).toBe(await clientTypes(served))
  })

  it('the client package depends on openapi-fetch alone, the version the repository tests with', () => {
    const client = JSON.parse(readFileSync(new URL('../../clients/typescript/package.json', import.meta.url), 'utf8'))
    const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(client.name).toBe('@partner-api/client')
    expect(client.dependencies).toEqual({ 'openapi-fetch': root.devDependencies['openapi-fetch'] })
  })
})
