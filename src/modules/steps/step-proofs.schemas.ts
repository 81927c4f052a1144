import { Type, type Static } from 'typebox'
import { MAX_PROOFS_HARD_LIMIT } from '../../config.js'
import { ErrorSchema, Id, Nullable } from '../../schemas/common.js'

export const InitiateBody = Type.Object({ stepId: Id }, { additionalProperties: false, examples: [{ stepId: 1 }] })
export type InitiateBody = Static<typeof InitiateBody>

export const InitiateResponse = Type.Object({
  status: Type.Literal('success'),
  data: Type.Object({
    redirectUrl: Type.String({ description: 'Where the applicant produces the proof (the Reclaim verifier, with the request as its template)' }),
    formData: Type.Object({
      appId: Nullable(Type.String({ description: 'The Reclaim application id; null when the service runs without a Reclaim app' })),
      providerId: Type.String(),
      sessionId: Type.String({ description: 'The Reclaim session id the proof must carry' }),
      callbackUrl: Type.String({ description: 'Where the Reclaim app posts the proof (valid for this attempt only)' }),
      context: Type.String({ description: 'Canonical JSON of {contextAddress, contextMessage} to embed in the proof' }),
      timestamp: Type.String({ description: 'Milliseconds since the epoch, as signed' }),
      signature: Nullable(Type.String({ description: 'The app\'s signature of {providerId, timestamp}; null without a Reclaim app' }))
    }),
    metadata: Type.Object({
      stepId: Type.Integer(),
      sourceId: Type.Integer(),
      sourceName: Type.String(),
      attempt: Type.Integer({ description: 'This attempt\'s number, from 1' }),
      maxAttempts: Type.Integer(),
      expiresAt: Type.String({ description: 'The request is valid until the session expires' })
    })
  }, { $id: 'ProofRequest', description: 'A Reclaim proof request bound to one attempt of a step' })
})
export type InitiateResponse = Static<typeof InitiateResponse>

/**
 * A Reclaim proof as the app delivers it. Only the outline is checked here; the verifier checks
 * every signed field and says which one is wrong. Unsigned extras (witnesses, publicData, ...) pass.
 */
export const ProofInput = Type.Object({
  identifier: Type.Optional(Type.String({ maxLength: 100 })),
  claimData: Type.Object({}, { additionalProperties: true, description: 'provider, parameters, owner, timestampS, context, identifier, epoch' }),
  // Empty is refused by the verifier (rule 1.2: 422 proof_malformed), not by the schema, on submit as on the callback.
  signatures: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 16 }),
  witnesses: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true })))
}, { additionalProperties: true })

const PROOF_EXAMPLE = {
  identifier: '0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
  claimData: {
    provider: 'http',
    parameters: '{"method":"GET","url":"https://www.paypal.com/myaccount/summary","responseMatches":[],"responseRedactions":[]}',
    owner: '0x1f2e3d4c5b6a79881726354453627180a9b8c7d6',
    timestampS: 1767225600,
    context: '{"contextAddress":"0x0","contextMessage":"partner-api:1:1:1","extractedParameters":{"balance":"1234.56"},"providerHash":"0x5e1c0d9a8b7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c"}',
    identifier: '0x6b4f1c0e5a1d3f9e2b7c8a0d4e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
    epoch: 1
  },
  signatures: ['0x' + 'ab'.repeat(65)],
  witnesses: [{ id: '0x244897572368eadf65bfbc5aec98d8e5443a9072', url: 'wss://attestor.reclaimprotocol.org/ws' }]
}

export const SubmitBody = Type.Object({
  stepId: Id,
  // The configured limit (MAX_PROOFS_PER_SUBMISSION, default 10) is checked before any cryptography.
  proofs: Type.Array(ProofInput, { minItems: 1, maxItems: MAX_PROOFS_HARD_LIMIT })
}, { additionalProperties: false, examples: [{ stepId: 1, proofs: [PROOF_EXAMPLE] }] })
export type SubmitBody = Static<typeof SubmitBody>

export const CallbackJsonBody = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Array(Type.Unknown())], {
  description: 'One proof or an array of proofs',
  examples: [PROOF_EXAMPLE]
})

export const CallbackFormBody = Type.String({
  description: 'URL-encoded JSON of one proof or an array of proofs',
  examples: [encodeURIComponent(JSON.stringify(PROOF_EXAMPLE))]
})

export const CallbackParams = Type.Object({
  callbackToken: Type.String({ minLength: 1, maxLength: 200 })
}, { additionalProperties: false })

export const SubmitResponse = Type.Object({ status: Type.Literal('success') })

const upstream = (description: string) => Type.Ref('Error', { description }) as unknown as typeof ErrorSchema
export const upstreamErrors = {
  502: upstream('Bad Gateway: the Reclaim API refused or failed the proof request'),
  503: upstream('Service Unavailable: the Reclaim API or the database did not answer')
}

export const SimulateBody = Type.Object({
  stepId: Id,
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  extractedParameters: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), Type.String({ maxLength: 200 }), {
    maxProperties: 20,
    additionalProperties: false,
    description: 'Values for the source\'s declared parameters (the others are made up plausibly)'
  }))
}, { additionalProperties: false, examples: [{ stepId: 1, outcome: 'success', extractedParameters: { balance: '1234.56' } }] })
export type SimulateBody = Static<typeof SimulateBody>
