import type { Config } from './config.js'
import type { Db } from './db/database.js'
import type { Clock } from './lib/clock.js'
import { KeysRepository } from './modules/keys/keys.repository.js'
import { KeysService } from './modules/keys/keys.service.js'
import { ProofsRepository } from './modules/proofs/proofs.repository.js'
import { ReclaimRepository } from './modules/reclaim/reclaim.repository.js'
import { ReclaimRequests } from './modules/reclaim/reclaim-request.js'
import { ReclaimService } from './modules/reclaim/reclaim.service.js'
import { ReviewerRepository } from './modules/reviewer/reviewer.repository.js'
import { ReviewerService } from './modules/reviewer/reviewer.service.js'
import { SdkService } from './modules/sdk/sdk.service.js'
import { SessionsRepository } from './modules/sessions/sessions.repository.js'
import { SessionsService } from './modules/sessions/sessions.service.js'
import { SourcesRepository } from './modules/sources/sources.repository.js'
import { SourcesService } from './modules/sources/sources.service.js'
import { StepsRepository } from './modules/steps/steps.repository.js'
import { StepsService } from './modules/steps/steps.service.js'
import { VerificationRepository } from './modules/verification/verification.repository.js'
import { VerificationService } from './modules/verification/verification.service.js'
import { WebhookDispatcher } from './modules/webhooks/webhook-dispatcher.js'
import { WebhooksRepository } from './modules/webhooks/webhooks.repository.js'
import { WebhooksService } from './modules/webhooks/webhooks.service.js'

/** Every service of the app, wired once; routes, the CLI and tests share this. */
export function createContext (config: Config, db: Db, clock: Clock) {
  const k = db.kysely
  const keysRepo = new KeysRepository(k)
  const sourcesRepo = new SourcesRepository(k)
  const sessionsRepo = new SessionsRepository(k)
  const stepsRepo = new StepsRepository(k)
  const verificationRepo = new VerificationRepository(k)
  const proofsRepo = new ProofsRepository(k)
  const reclaimRepo = new ReclaimRepository(k)
  const webhooksRepo = new WebhooksRepository(k)

  const keys = new KeysService(keysRepo, clock)
  const sources = new SourcesService(sourcesRepo, sessionsRepo, clock, config.publicBaseUrl)
  const sessions = new SessionsService(sessionsRepo, sourcesRepo, config, clock)
  const verification = new VerificationService(verificationRepo, sessionsRepo, sessions, clock, config.csrfTtlSeconds)
  const steps = new StepsService(stepsRepo, sessionsRepo, sessions, sources, clock, config.maxStepAttempts)
  const sdk = new SdkService(k, sourcesRepo, config.reclaim.appId, clock)
  const reclaim = new ReclaimService(reclaimRepo, stepsRepo, proofsRepo, sessionsRepo, sessions, sourcesRepo,
    new ReclaimRequests(config.reclaim), config, clock)
  const reviewer = new ReviewerService(new ReviewerRepository(k), sessionsRepo, sessions, stepsRepo, proofsRepo, sourcesRepo, clock, config.maxStepAttempts)
  const webhooks = new WebhooksService(webhooksRepo, new WebhookDispatcher(webhooksRepo, clock, { allowPrivateTargets: config.webhookAllowPrivateUrls }), clock)

  return {
    config,
    db,
    clock,
    repos: { keys: keysRepo, sources: sourcesRepo, sessions: sessionsRepo, steps: stepsRepo, verification: verificationRepo, proofs: proofsRepo, reclaim: reclaimRepo, webhooks: webhooksRepo },
    keys,
    sources,
    sessions,
    verification,
    steps,
    sdk,
    reclaim,
    reviewer,
    webhooks
  }
}

export type AppContext = ReturnType<typeof createContext>
