import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { inputError } from '../lib/input-check.js'

// The checks themselves are src/lib/input-check.ts (the proof callback runs them too).
export { inputProblem, MAX_INPUT_DEPTH } from '../lib/input-check.js'

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
