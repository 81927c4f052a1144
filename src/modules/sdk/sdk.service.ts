import { randomUUID } from 'node:crypto'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { parseJson } from '../../lib/json.js'
import type { Principal } from '../../lib/permissions.js'
import type { SourcesRepository } from '../sources/sources.repository.js'
import type { SdkSessionResponse } from './sdk.schemas.js'
import type { SdkRepository } from './sdk.repository.js'

type LoginFlow = SdkSessionResponse['data']['steps']

export class SdkService {
  constructor (
    private readonly repo: SdkRepository,
    private readonly sources: SourcesRepository,
    private readonly appId: string | null,
    private readonly clock: Clock
  ) {}

  async create (principal: Principal, sourceName: string): Promise<SdkSessionResponse> {
    const source = await this.sources.findBySourceName(sourceName)
    if (!source || source.enabled !== 1) throw fail('source_not_found', 'Verification source not found')
    const steps = parseJson<LoginFlow | null>(source.loginFlow, null)
    if (!steps || steps.length === 0) throw fail('login_flow_not_found')
    const id = randomUUID()
    await this.repo.insert({
      id,
      teamId: principal.teamId,
      sourceId: source.id,
      providerId: source.providerId,
      appId: this.appId ?? '',
      createdAt: this.clock.iso()
    })
    return { success: true, data: { sessionId: id, providerId: source.providerId, appId: this.appId ?? '', steps } }
  }
}
