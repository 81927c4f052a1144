import type { App, RouteOptions } from './types.js'
import applicantPageRoutes from './modules/applicant-page/applicant-page.routes.js'
import consoleRoutes from './modules/console/console.routes.js'
import healthRoutes from './modules/health/health.routes.js'
import reclaimRoutes from './modules/reclaim/reclaim.routes.js'
import reviewerRoutes from './modules/reviewer/reviewer.routes.js'
import sdkRoutes from './modules/sdk/sdk.routes.js'
import sessionsRoutes from './modules/sessions/sessions.routes.js'
import sourcesRoutes from './modules/sources/sources.routes.js'
import stepsRoutes from './modules/steps/steps.routes.js'
import verificationRoutes from './modules/verification/verification.routes.js'
import webhooksRoutes from './modules/webhooks/webhooks.routes.js'

// Every route of the service, registered in one place: our paths are irregular
// (/partner/step/initiate beside /partner/steps/:stepId), so the index is explicit.
export default async function routes (app: App, opts: RouteOptions) {
  await app.register(healthRoutes, opts)
  await app.register(sessionsRoutes, opts)
  await app.register(verificationRoutes, opts)
  await app.register(sourcesRoutes, opts)
  await app.register(stepsRoutes, opts)
  await app.register(sdkRoutes, opts)
  await app.register(reclaimRoutes, opts)
  await app.register(reviewerRoutes, opts)
  await app.register(webhooksRoutes, opts)
  await app.register(applicantPageRoutes)
  await app.register(consoleRoutes)
}
