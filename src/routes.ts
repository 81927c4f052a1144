import type { AppContext } from './context.js'
import { databaseFingerprint } from './db/database.js'
import auditRoutes from './modules/audit/audit.routes.js'
import applicantPageRoutes from './modules/applicant-page/applicant-page.routes.js'
import consentRoutes from './modules/consent/consent.routes.js'
import decisionReasonsRoutes from './modules/decision-reasons/decision-reasons.routes.js'
import consoleRoutes from './modules/console/console.routes.js'
import consoleAuthRoutes from './modules/console-auth/console-auth.routes.js'
import { cookieNames } from './modules/console-auth/cookies.js'
import deliveryRoutes from './modules/delivery/delivery.routes.js'
import healthRoutes from './modules/health/health.routes.js'
import keysRoutes from './modules/keys/keys.routes.js'
import reportsRoutes from './modules/reports/reports.routes.js'
import reviewerRoutes from './modules/reviewer/reviewer.routes.js'
import sdkRoutes from './modules/sdk/sdk.routes.js'
import sessionActionsRoutes from './modules/sessions/session-actions.routes.js'
import sessionReportsRoutes from './modules/sessions/session-reports.routes.js'
import settingsRoutes from './modules/settings/settings.routes.js'
import sessionsRoutes from './modules/sessions/sessions.routes.js'
import sharedFilesRoutes from './modules/shared-files/shared-files.routes.js'
import sourcesRoutes from './modules/sources/sources.routes.js'
import stepsRoutes from './modules/steps/steps.routes.js'
import verificationRoutes from './modules/verification/verification.routes.js'
import usersRoutes from './modules/users/users.routes.js'
import webhooksRoutes from './modules/webhooks/webhooks.routes.js'
import type { App } from './types.js'

// Every route of the service, registered in one place, each module handed only the services it
// uses: our paths are irregular (/partner/step/initiate beside /partner/steps/:stepId), so the
// index is explicit.
export default async function routes (app: App, { ctx }: { ctx: AppContext }) {
  await app.register(healthRoutes, { db: ctx.db, databaseId: databaseFingerprint(ctx.config) })
  await app.register(sessionsRoutes, { sessions: ctx.sessions })
  await app.register(verificationRoutes, { verification: ctx.verification })
  await app.register(consentRoutes, { consent: ctx.consent })
  await app.register(sourcesRoutes, { sources: ctx.sources, sessions: ctx.sessions })
  await app.register(stepsRoutes, { steps: ctx.steps, proofBodyLimit: ctx.config.proofs.bodyLimitBytes })
  await app.register(sdkRoutes, { sdk: ctx.sdk })
  await app.register(reviewerRoutes, { reviewer: ctx.reviewer })
  await app.register(sessionReportsRoutes, { reports: ctx.reports })
  await app.register(reportsRoutes, { reports: ctx.reports })
  await app.register(keysRoutes, { keys: ctx.keys, consoleAuth: ctx.consoleAuth })
  await app.register(sessionActionsRoutes, { actions: ctx.sessionActions })
  await app.register(decisionReasonsRoutes, { decisionReasons: ctx.decisionReasons })
  await app.register(webhooksRoutes, { webhooks: ctx.webhooks })
  await app.register(auditRoutes, { audit: ctx.audit })
  await app.register(usersRoutes, { users: ctx.users })
  await app.register(consoleAuthRoutes, {
    auth: ctx.consoleAuth,
    users: ctx.users,
    totp: ctx.totp,
    oidc: ctx.oidc,
    cookies: cookieNames(ctx.config.publicBaseUrl),
    ownOrigin: new URL(ctx.config.publicBaseUrl).origin,
    authFailureLimit: ctx.config.authFailureLimit
  })
  await app.register(settingsRoutes, { settings: ctx.settings })
  await app.register(deliveryRoutes, { delivery: ctx.delivery })
  await app.register(sharedFilesRoutes)
  await app.register(applicantPageRoutes)
  await app.register(consoleRoutes)
}
