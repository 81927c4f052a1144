import { Type, type Static } from 'typebox'
import { Id, Nullable } from '../../schemas/common.js'

export const LoginFlowStep = Type.Object({
  step: Type.Integer({ minimum: 1 }),
  action: Type.String({ minLength: 1, maxLength: 50 }),
  description: Type.String({ minLength: 1, maxLength: 500 })
}, { additionalProperties: false })

const ProviderHash = Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' })

/** Rule 5.8: the redaction that extracts a parameter. */
export const ExtractionRuleSchema = Type.Object({
  jsonPath: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  regex: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 }))
}, { additionalProperties: false, $id: 'ExtractionRule', description: 'The response redaction that extracts a parameter: its exact jsonPath and/or regex' })

/** docs/proof-verification.md, rule 5: what a genuine proof of the source looks like. */
export const ProofRequirementsSchema = Type.Object({
  hosts: Type.Array(Type.String(), { description: 'Exact https hosts a proof\'s request may go to' }),
  providerHashes: Type.Array(Type.String(), { description: 'Pinned provider hashes; empty = bound by host alone' }),
  parameters: Type.Array(Type.String(), { description: 'Extracted parameters a proof must carry; the only ones that become facts' }),
  paths: Type.Array(Type.String(), { description: 'Request paths a proof may use: `/exact/path`, or `/prefix/*` for any path under the prefix; empty = any path of the hosts' }),
  extraction: Type.Record(Type.String(), ExtractionRuleSchema, { description: 'Per declared parameter, the response redaction (jsonPath and/or regex) that must extract it; a parameter not listed is not bound to an extraction' })
}, { $id: 'ProofRequirements', description: 'What a genuine proof of the source looks like' })

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
  enabled: Type.Boolean(),
  proofRequirements: ProofRequirementsSchema
}, { $id: 'Source', description: 'A data source an applicant can prove facts from' })
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
  /** Deprecated place of proofRequirements.providerHashes; both are pinned. */
  providerHashes: Type.Optional(Type.Array(ProviderHash)),
  // Optional here so that validateCatalogEntry (catalog.ts) refuses a missing one with the entry's name.
  proofRequirements: Type.Optional(Type.Object({
    hosts: Type.Array(Type.String({ minLength: 1, maxLength: 260 }), { maxItems: 32 }),
    providerHashes: Type.Optional(Type.Array(ProviderHash, { maxItems: 64 })),
    parameters: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64 })),
    hostsVerified: Type.Optional(Type.Boolean()),
    paths: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 64 })),
    extraction: Type.Optional(Type.Record(Type.String(), ExtractionRuleSchema)),
    pathsVerified: Type.Optional(Type.Boolean())
  }, { additionalProperties: false })),
  verificationTypeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
  loginFlow: Type.Optional(Nullable(Type.Array(LoginFlowStep))),
  enabled: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
