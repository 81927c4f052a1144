import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODE_PATTERN, ERRORS, errorCodeTable, fail } from '../../src/lib/error-codes.js'
import { ROOT_DIR } from '../../src/lib/paths.js'
import { frameworkCodeFor } from '../../src/plugins/errors.js'
import { readmeWithErrorTable } from '../../src/openapi-document.js'

/**
 * The error registry (src/lib/error-codes.ts) is the one list of codes: every code the source
 * raises is registered, every registered code is raised somewhere, and the README's table is the
 * registry's.
 */

function sourceFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])
}

const SRC = join(ROOT_DIR, 'src')
const files = sourceFiles(SRC).map((file) => ({ file: file.slice(ROOT_DIR.length + 1), text: readFileSync(file, 'utf8') }))

/** Codes named at a `fail('code'` (or `fail(x ?? 'code'`) call anywhere in src/. */
const failed = new Set(files.flatMap(({ text }) => [...text.matchAll(/\bfail\(\s*(?:[\w.]+ \?\? )?'([^']+)'/g)].map((m) => m[1])))
/** The proof verifier's rule codes, raised as `fail(verdict.code ?? 'proof_invalid', ...)`. */
const verifierCodes = new Set([...readFileSync(join(SRC, 'modules/proofs/proof-verifier.ts'), 'utf8').matchAll(/'(proof_[a-z_]+)'/g)].map((m) => m[1]))
/** What a framework or plugin error without a code of ours is answered with, by status. */
const frameworkCodes = new Set(Array.from({ length: 200 }, (_, i) => frameworkCodeFor(400 + i)))
const raised = new Set([...failed, ...verifierCodes, ...frameworkCodes])

describe('the error registry', () => {
  it('registers every code the source raises', () => {
    expect(failed.size).toBeGreaterThan(40)
    expect([...raised].filter((code) => !(code in ERRORS))).toEqual([])
  })

  it('raises every registered code somewhere', () => {
    expect(Object.keys(ERRORS).filter((code) => !raised.has(code))).toEqual([])
  })

  it('gives every code a snake_case name, an error status, a default message and a description', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(ERROR_CODE_PATTERN)
      expect(spec.status, code).toBeGreaterThanOrEqual(400)
      expect(spec.status, code).toBeLessThan(600)
      expect(spec.message.length, code).toBeGreaterThan(0)
      expect(spec.description, code).toMatch(/\.$/)
    }
  })

  it('derives no code from a message: no errorCodeFor, no table of message patterns, no HttpError without a code', () => {
    const offenders = files.filter(({ file, text }) =>
      /errorCodeFor|BY_MESSAGE/.test(text) || (file !== 'src/lib/error-codes.ts' && file !== 'src/lib/http-errors.ts' && /new HttpError\((?!err\.statusCode, err\.message, \{\}, frameworkCodeFor)/.test(text)))
    expect(offenders.map((f) => f.file)).toEqual([])
  })

  it('fail() takes the status from the registry and the message from the caller, or the default', () => {
    expect(fail('session_not_found')).toMatchObject({ statusCode: 404, message: 'Session not found', code: 'session_not_found', headers: {} })
    expect(fail('rate_limited', 'Too many requests, retry in 5 seconds', { 'Retry-After': '5' }))
      .toMatchObject({ statusCode: 429, message: 'Too many requests, retry in 5 seconds', code: 'rate_limited', headers: { 'Retry-After': '5' } })
  })

  it('is the README\'s table of codes', () => {
    const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8')
    expect(readme).toContain(errorCodeTable())
    expect(readmeWithErrorTable(readme), 'README.md: run `npm run openapi:generate` and commit the result').toBe(readme)
  })
})
