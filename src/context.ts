import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config.js'
import type { Db } from './db/database.js'
import type { Clock } from './lib/clock.js'
import { addressFromPrivateKey } from './lib/eth.js'
import { instanceSecret, randomHexSecret, randomPrivateKey } from './lib/instance-secrets.js'
import { AuditRepository } from './modules/audit/audit.repository.js'
import { AuditService } from './modules/audit/audit.service.js'
import { DeliveryRepository } from './modules/delivery/delivery.repository.js'
import { DeliveryService, transportsFor } from './modules/delivery/delivery.service.js'
import { HttpSmsTransport, SmtpTransport, statusCallbackUrl } from './modules/delivery/transports.js'
import { DecisionReasonsRepository } from './modules/decision-reasons/decision-reasons.repository.js'
import { DecisionReasonsService } from './modules/decision-reasons/decision-reasons.service.js'
import { IdempotencyRepository } from './modules/idempotency/idempotency.repository.js'
import { IdempotencyService } from './modules/idempotency/idempotency.service.js'
import { KeysRepository } from './modules/keys/keys.repository.js'
import { KeysService } from './modules/keys/keys.service.js'
import { LifecycleRepository } from './modules/lifecycle/lifecycle.repository.js'
import { ProofsRepository } from './modules/proofs/proofs.repository.js'
import { ReclaimRequests } from './modules/reclaim/reclaim-request.js'
import { reportKeyFromSeed } from './modules/reports/report-signature.js'
import { ReportsService } from './modules/reports/reports.service.js'
import { ReviewerService } from './modules/reviewer/reviewer.service.js'
import { SdkRepository } from './modules/sdk/sdk.repository.js'
import { SdkService } from './modules/sdk/sdk.service.js'
import { SessionActionsService } from './modules/sessions/session-actions.service.js'
import { SessionReader } from './modules/sessions/session-read.js'
import { ConsentService } from './modules/consent/consent.service.js'
import { SettingsRepository } from './modules/settings/settings.repository.js'
import { SettingsService } from './modules/settings/settings.service.js'
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
import { SignalsRepository } from './modules/signals/signals.repository.js'
import { SignalsService } from './modules/signals/signals.service.js'
import { ConsoleAuthRepository } from './modules/console-auth/console-auth.repository.js'
import { ConsoleAuthService } from './modules/console-auth/console-auth.service.js'
import { OidcSignIn } from './modules/console-auth/oidc.js'
import { UsersRepository } from './modules/users/users.repository.js'
import { UsersService } from './modules/users/users.service.js'
import { TotpService } from './modules/users/totp.service.js'

/** Every service of the app, wired once; routes (each given the few it uses), the CLI and tests share this. */
export function createContext (config: Config, db: Db, clock: Clock, log: Pick<FastifyBaseLogger, 'warn'> | null = null) {
  const k = db.kysely
  const keysRepo = new KeysRepository(k)
  const owners = {
    keys: keysRepo,
    sources: new SourcesRepository(k),
    sessions: new SessionsRepository(k),
    steps: new StepsRepository(k),
    verification: new VerificationRepository(k),
    proofs: new ProofsRepository(k),
    webhooks: new WebhooksRepository(k),
    audit: new AuditRepository(k),
    settings: new SettingsRepository(k),
    users: new UsersRepository(k, keysRepo),
    consoleAuth: new ConsoleAuthRepository(k),
    delivery: new DeliveryRepository(k),
    idempotency: new IdempotencyRepository(k)
  }
  // The lifecycle's transactions write the other modules' rows through their repositories.
  const lifecycle = new LifecycleRepository(k, {
    storeProofs: async (trx, rows) => { await owners.proofs.insertMany(trx, rows) },
    sourceName: async (id) => (await owners.sources.findById(id))?.sourceName ?? null,
    erasers: [
      async (trx, session) => { await owners.proofs.eraseForSteps(trx, session.stepIds) },
      async (trx, session) => { await owners.steps.eraseForSession(trx, session.id) },
      async (trx, session) => { await owners.webhooks.eraseForSession(trx, session.id) },
      async (trx, session, at) => { await owners.delivery.eraseForSession(trx, session.id, at) },
      async (trx, session) => { await owners.sessions.eraseIdempotent(trx, session.id) },
      async (trx, session) => { await owners.sessions.eraseNotes(trx, session.id) },
      async (trx, session) => { await owners.idempotency.eraseForSession(trx, session.id) }
    ]
  })
  const repos = { ...owners, lifecycle }

  const audit = new AuditService(repos.audit, clock)
  const keys = new KeysService(repos.keys, clock, config.sandbox.enabled, audit, repos.webhooks)
  const settings = new SettingsService(repos.settings, repos.keys, clock)
  const sources = new SourcesService(repos.sources, repos.sessions, clock, config.publicBaseUrl)
  const serverSecret = instanceSecret(config.serverSecret, config.dataDir, 'server-secret', randomHexSecret)
  const delivery = new DeliveryService(repos.delivery, repos.lifecycle, repos.sessions, repos.steps, settings, config, clock, serverSecret,
    transportsFor(config.delivery, { smtp: (url, from) => new SmtpTransport(url, from), sms: (url, from) => new HttpSmsTransport(url, from, statusCallbackUrl(config)) }))
  const sessions = new SessionsService(repos.sessions, repos.lifecycle, repos.sources, config, clock, serverSecret, delivery)
  const verification = new VerificationService(repos.verification, repos.sessions, sessions, settings, clock, config.csrfTtlSeconds, delivery)
  const consent = new ConsentService(sessions, sources, settings, repos.lifecycle, clock, config.retentionDays)
  // With the sandbox off no sandbox key is made (nor read): nothing it signed can verify.
  const sandboxKey = config.sandbox.enabled ? instanceSecret(config.sandbox.attestorKey, config.dataDir, 'sandbox-attestor.key', randomPrivateKey) : null
  const sandbox = sandboxKey === null ? null : { privateKey: sandboxKey, address: addressFromPrivateKey(Buffer.from(sandboxKey.slice(2), 'hex')) }
  const signalsRepo = new SignalsRepository(k)
  const signals = new SignalsService(signalsRepo, repos.sessions, clock, serverSecret)
  const steps = new StepsService(repos.steps, repos.lifecycle, repos.proofs, sessions, sources, settings, new ReclaimRequests(config.reclaim), config, clock, sandbox, { service: signals, repo: signalsRepo })
  const sdk = new SdkService(new SdkRepository(k), repos.sources, config.reclaim.appId, clock)
  const sessionReader = new SessionReader(sessions, repos.sessions, repos.steps, repos.sources)
  const decisionReasons = new DecisionReasonsService(new DecisionReasonsRepository(k))
  const reviewer = new ReviewerService(repos.sessions, repos.lifecycle, sessions, sessionReader, steps, repos.proofs, clock, repos.steps, repos.sources, decisionReasons, delivery, signals, log)
  // Entering REVIEWING: the team's review settings and its active reviewers (round-robin turns):
  // its users with the reviewer role, or, for a team without such users, the reviewer ids of its
  // keys of the session's mode that still work (a reviewer whose keys expired, or who holds only a
  // test key, would get live sessions no key of theirs opens).
  repos.lifecycle.useReviewSources({
    policy: async (teamId) => {
      const { reviewSlaHours, autoAssign } = await settings.forTeam(teamId)
      return { reviewSlaHours, autoAssign: autoAssign === 'round_robin' ? 'round_robin' : 'none' }
    },
    reviewers: async (teamId, livemode) => {
      const people = await repos.users.activeReviewerIds(teamId)
      return people.length > 0 ? people : await repos.keys.activeReviewerIds(teamId, livemode, clock.iso())
    }
  })
  // The key signing evidence bundles: REPORT_SIGNING_KEY, else generated once into DATA_DIR.
  const reportKey = reportKeyFromSeed(instanceSecret(config.reportSigningKey, config.dataDir, 'report-signing.key', randomHexSecret))
  const reports = new ReportsService(sessionReader, reviewer, repos.proofs, reportKey, clock)
  const sessionActions = new SessionActionsService(sessions, sessionReader, repos.sessions, repos.lifecycle, settings, delivery, clock, config.retentionDays, audit)
  const idempotency = new IdempotencyService(repos.idempotency, clock, serverSecret)
  const webhooks = new WebhooksService(repos.webhooks, new WebhookDispatcher(repos.webhooks, clock, { allowPrivateTargets: config.webhookAllowPrivateUrls }), clock)

  // Authenticator apps list the account under this name: the service and the host it answers on.
  const totp = new TotpService(repos.users, clock, serverSecret, `partner-api (${new URL(config.publicBaseUrl).hostname})`)
  const consoleAuth = new ConsoleAuthService(repos.consoleAuth, repos.users, clock, {
    idleMin: config.console.sessionIdleMin,
    maxHours: config.console.sessionMaxHours,
    sandboxEnabled: config.sandbox.enabled,
    serverSecret
  }, totp, audit)
  const users = new UsersService(repos.users, clock, config.publicBaseUrl, consoleAuth, audit)
  const oidc = config.console.oidc === null
    ? null
    : new OidcSignIn(config.console.oidc, `${config.publicBaseUrl}/console/oidc/callback`, repos.consoleAuth, repos.users, consoleAuth, clock)

  return { config, db, clock, sandbox: sandbox === null ? null : { address: sandbox.address }, repos, keys, sources, sessions, verification, steps, sdk, reviewer, reports, sessionActions, webhooks, idempotency, audit, settings, delivery, users, totp, consoleAuth, oidc, consent, signals, decisionReasons }
}

export type AppContext = ReturnType<typeof createContext>
