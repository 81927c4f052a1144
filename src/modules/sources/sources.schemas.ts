import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

export const LoginFlowStep = Type.Object({
  step: Type.Integer({ minimum: 1 }),
  action: Type.String({ minLength: 1, maxLength: 50 }),
  description: Type.String({ minLength: 1, maxLength: 500 })
}, { additionalProperties: false })

export const SourceSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  sourceName: Type.String(),
  logoUrl: Type.String(),
  category: Type.String(),
  providerId: Type.String(),
  verificationTypeIds: Type.Array(Type.Integer()),
  loginFlow: Nullable(Type.Array(LoginFlowStep)),
  enabled: Type.Boolean()
})
export type SourceView = Static<typeof SourceSchema>

export const SourceListResponse = Type.Array(SourceSchema)

export const SearchQuery = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Search text (case-insensitive; name, sourceName, description, category)' }),
  sessionId: Type.Optional(Id)
}, { additionalProperties: false })
export type SearchQuery = Static<typeof SearchQuery>

/** One entry of catalog/sources.json, the file `sources import` reads. */
export const SourceDefinitionSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 1000 }),
  sourceName: Type.String({ minLength: 1, maxLength: 100 }),
  logoUrl: Type.String({ minLength: 1, maxLength: 2000 }),
  category: Type.String({ minLength: 1, maxLength: 50 }),
  providerId: Type.String({ minLength: 1, maxLength: 200 }),
  providerHashes: Type.Optional(Type.Array(Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' }))),
  verificationTypeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
  loginFlow: Type.Optional(Nullable(Type.Array(LoginFlowStep))),
  enabled: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
