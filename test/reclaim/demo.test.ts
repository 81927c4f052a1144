import { describe, expect, it } from 'vitest'
import { demoCommand } from '../../src/demo.js'

describe('partner-api demo', () => {
  it('runs the whole typical workflow over HTTP on a fresh instance and exits 0', async () => {
    const out: string[] = []
    const err: string[] = []
    const code = await demoCommand({ out: (s) => out.push(s), err: (s) => err.push(s) })
    expect(err).toEqual([])
    expect(code).toBe(0)
    const text = out.join('\n')
    for (const call of [
      'POST /partner/session', 'POST /partner/verification/verify', 'GET /partner/sources/session/', 'GET /partner/sources/search?text=paypal',
      'POST /partner/step/select-data-source', 'GET /partner/steps/session/', 'POST /partner/step/initiate', 'POST /partner/step/submit',
      'GET /partner/reviewer/sessions?status=REVIEWING', 'GET /partner/reviewer/sessions/', 'POST /partner/reviewer/sessions/'
    ]) expect(text).toContain(`→ ${call}`)
    expect(text).toMatch(/Done: session \d+ is COMPLETED, every call answered as expected\./)
  })
})
