import { expect } from 'vitest'
import type { PartnerKey } from '../support/factories.js'
import type { TestApp } from '../support/harness.js'

/** Sets a team's review settings through PATCH /partner/settings (issue 20's team settings). */
export async function setReviewPolicy (t: TestApp, key: PartnerKey, changes: { reviewSlaHours?: number | null, autoAssign?: 'round_robin' | 'none' }): Promise<void> {
  const res = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': key.key }, payload: changes })
  expect(res.statusCode, res.body).toBe(200)
}
