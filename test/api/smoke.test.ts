import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { applicantSession, createKey } from '../support/factories.js'

describe('smoke', () => {
  const t = useTestApp()

  it('runs the typical workflow up to the steps', async () => {
    const { key } = await createKey(t.app)
    const { session, csrf } = await applicantSession(t.app, key, { allowedSources: [{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }] })
    const sources = await t.app.inject({ url: `/partner/sources/session/${session.id}`, headers: { 'x-csrf-token': csrf } })
    expect(sources.statusCode).toBe(200)
    expect(sources.json().map((s: any) => s.id)).toEqual([1, 2])
    const sel = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: session.id } })
    expect(sel.json()).toEqual({ status: 'success' })
    const steps = await t.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { 'x-csrf-token': csrf } })
    expect(steps.json().data.steps).toHaveLength(1)
    const list = await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key } })
    expect(list.json()).toMatchObject({ success: true, total: 1, limit: 20, offset: 0 })
    expect(list.json().data[0].status).toBe('PROCESSING')
  })
})
