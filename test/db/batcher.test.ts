import { describe, expect, it } from 'vitest'
import { Batcher, type BatchResult } from '../../src/db/batcher.js'

/** A batcher whose batches are recorded and answered when the test releases them. */
function recorded (options = { max: 4, inFlight: 1 }) {
  const batches: number[][] = []
  const releases: Array<() => void> = []
  const batcher = new Batcher<number, number>(async (inputs) => {
    batches.push(inputs)
    await new Promise<void>((resolve) => releases.push(resolve))
    return inputs.map((n): BatchResult<number> => n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 })
  }, options)
  const releaseAll = async () => { while (releases.length > 0) { releases.shift()?.(); await new Promise((resolve) => setImmediate(resolve)) } }
  return { batcher, batches, releases, releaseAll }
}

describe('Batcher', () => {
  it('serves a call alone at once when nothing runs, and the calls arriving meanwhile together next', async () => {
    const { batcher, batches, releaseAll } = recorded()
    const first = batcher.call(1)
    expect(batches).toEqual([[1]]) // started at once, no wait for company
    const rest = [2, 3, 4].map(async (n) => await batcher.call(n))
    expect(batches).toEqual([[1]])
    await releaseAll()
    expect(await first).toBe(10)
    expect(await Promise.all(rest)).toEqual([20, 30, 40])
    expect(batches).toEqual([[1], [2, 3, 4]])
  })

  it('serves at most `max` calls a batch, and runs at most `inFlight` batches at once', async () => {
    const { batcher, batches, releases, releaseAll } = recorded({ max: 2, inFlight: 2 })
    const all = [1, 2, 3, 4, 5, 6, 7].map(async (n) => await batcher.call(n))
    expect(batches).toEqual([[1], [2]])
    expect(releases).toHaveLength(2)
    await releaseAll()
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(batches.slice(2).every((b) => b.length <= 2)).toBe(true)
    expect(batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('fails a call alone with its own error, and every call of a batch that throws', async () => {
    const { batcher, releaseAll } = recorded()
    const first = batcher.call(1)
    const good = batcher.call(2)
    const bad = batcher.call(-3)
    bad.catch(() => {}) // checked below, once the batch is answered
    await releaseAll()
    expect(await first).toBe(10)
    expect(await good).toBe(20)
    await expect(bad).rejects.toThrow('bad -3')

    let calls = 0
    const failing = new Batcher<number, number>(async () => { calls++; throw new Error('connection lost') }, { max: 8, inFlight: 1 })
    const answers = await Promise.allSettled([1, 2, 3].map(async (n) => await failing.call(n)))
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(calls).toBe(2) // [1], then [2, 3]
    // It keeps serving after a failure.
    const after = new Batcher<number, number>(async (inputs) => inputs.map((n) => ({ ok: true as const, value: n })), { max: 8, inFlight: 1 })
    expect(await after.call(5)).toBe(5)
  })
})
