import { Type, type Static } from 'typebox'
import { LoginFlowStep } from '../sources/sources.schemas.js'

export const SdkSessionBody = Type.Object({
  sourceName: Type.String({ minLength: 1, maxLength: 100, description: 'Name of the verification source, e.g. "PayPal"' })
}, { additionalProperties: false, examples: [{ sourceName: 'PayPal' }] })
export type SdkSessionBody = Static<typeof SdkSessionBody>

export const SdkSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    sessionId: Type.String(),
    providerId: Type.String(),
    appId: Type.String({ description: 'RECLAIM_APP_ID; empty when the operator has not configured a Reclaim app' }),
    steps: Type.Array(LoginFlowStep)
  }, { $id: 'SdkSession', description: 'What a client SDK needs to start the source\'s verification' })
})
export type SdkSessionResponse = Static<typeof SdkSessionResponse>
