import { describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

// Red team: the team's display name goes into every email subject and SMS the applicants read. A
// line break (or another control character) in it writes lines of its own into an SMS
// ("Your loan is approved") and is refused, changing nothing.
const t = useTestApp({ ...TEST_ENV })

describe('the display name carries no control characters', () => {
  it('refuses line breaks, tabs and other control characters with a 400', async () => {
    const team = await createKey(t.app, 'acme-names')
    for (const displayName of ['Acme\nYour loan is APPROVED', 'Acme\r\nBcc: evil@example.com', 'Acme\tLeasing', 'Acme\u0085Leasing', 'Acme\u2028Leasing', 'Acme\u001bLeasing', '\u202eevil.com']) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': team.key }, payload: { displayName } }))
      expectError(res, 400, 'body.displayName must not contain line breaks or other control characters', 'validation_failed')
    }
    const ok = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': team.key }, payload: { displayName: 'Acme Leasing — São Paulo' } })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().data.displayName).toBe('Acme Leasing — São Paulo')
  })
})
