import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../lib/error-codes.js'
import type { HttpError } from '../lib/http-errors.js'

/** Deeper than any real request (a proof is ~5 levels); past it JSON.stringify of a stored value overflows the stack. */
export const MAX_INPUT_DEPTH = 32

// A high surrogate not followed by a low one, or a low one not preceded by a high one. JSON's
// "\ud800" escape makes one; it is no Unicode character, and PostgreSQL refuses it in json/text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function loneSurrogate (text: string): string | null {
  const lone = LONE_SURROGATE.exec(text)
  return lone ? `a lone UTF-16 surrogate (\\u${lone[0].charCodeAt(0).toString(16)}), which is not a Unicode character` : null
}

/**
 * Three things no schema expresses and the storage cannot take, refused as 400 before validation
 * (in a body or a query string):
 * NUL characters (PostgreSQL's text and jsonb reject U+0000, which surfaced as a 500), lone UTF-16
 * surrogates (PostgreSQL refuses them as invalid json: another 500, while SQLite stored them) and
 * nesting deeper than MAX_INPUT_DEPTH (a 1 MiB body can nest ~500,000 levels; serialising it for
 * storage threw RangeError, another 500). Same answer on both dialects. Iterative, so a hostile body
 * cannot overflow the stack here either.
 */
export function inputProblem (where: string, input: unknown): string | null {
  return inputError(where, input)?.message ?? null
}

/** The 400 for an input no storage takes (invalid_characters or body_too_deep), or null. */
export function inputError (where: string, input: unknown): HttpError | null {
  const chars = (message: string) => fail('invalid_characters', message)
  const stack: Array<[unknown, string, number]> = [[input, where, 0]]
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return chars(`${path} must not contain NUL (\\u0000) characters`)
      const lone = loneSurrogate(value)
      if (lone) return chars(`${path} must not contain ${lone}`)
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_INPUT_DEPTH) return fail('body_too_deep', `${where} is nested more than ${MAX_INPUT_DEPTH} levels deep`)
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}.${i}`, depth + 1]))
      continue
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return chars(`${path} has a field name with a NUL (\\u0000) character`)
      const lone = loneSurrogate(key)
      if (lone) return chars(`${path} has a field name with ${lone}`)
      stack.push([item, `${path}.${key}`, depth + 1])
    }
  }
  return null
}

async function inputGuardPlugin (app: FastifyInstance) {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // Bodies and query strings (the reviewer list's q and applicantId reach SQL as text: a %00
    // there was a 500 on PostgreSQL). Not path values: ids and tokens, hashed or matched in memory
    // (and an asset path with %00 stays a plain 404).
    const problem = inputError('body', request.body) ?? inputError('querystring', request.query)
    if (problem) throw problem
  })
}

export default fp(inputGuardPlugin, { name: 'input-guard', dependencies: ['errors'] })
