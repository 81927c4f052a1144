import { describe, expect, it } from 'vitest'
import { intersected } from '../../src/modules/sessions/sessions.repository.js'

/** What intersected counts, the plain way: the documents of the first list every other list holds. */
function naive (lists: number[][]): number {
  if (lists.length === 0) return 0
  const sets = lists.map((l) => new Set(l))
  return lists[0].filter((d) => sets.every((s) => s.has(d))).length
}

/** A sorted list of distinct document indexes below `size`, each in it with probability `p`. */
function postings (random: () => number, size: number, p: number): number[] {
  return Array.from({ length: size }, (_, i) => i).filter(() => random() < p)
}

describe('the search sample: how many sampled documents hold every one of a term\'s trigrams (PostgreSQL)', () => {
  it('counts as a plain intersection does, for lists of any lengths and overlaps', () => {
    let seed = 7
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
    let nonZero = 0
    for (let round = 0; round < 2000; round++) {
      const size = 1 + Math.floor(random() * 400)
      const lists = Array.from({ length: 1 + Math.floor(random() * 4) }, () => postings(random, size, [0.01, 0.1, 0.5, 0.95][Math.floor(random() * 4)]))
      const want = naive(lists)
      if (want > 0) nonZero++
      expect(intersected(lists), JSON.stringify(lists.map((l) => l.length))).toBe(want)
    }
    expect(nonZero).toBeGreaterThan(500)
  })

  it('counts none of no lists or an empty one, and every document of a list alone or of lists alike', () => {
    expect(intersected([])).toBe(0)
    expect(intersected([[1, 2, 3], []])).toBe(0)
    expect(intersected([[4, 9, 12]])).toBe(3)
    expect(intersected([[0, 5, 7], [0, 5, 7], [0, 5, 7]])).toBe(3)
    // The last of the shortest beyond another's end; a shared first and last document.
    expect(intersected([[1, 2, 30], [0, 1, 2, 3, 4, 5]])).toBe(2)
    expect(intersected([[0, 99], [0, 1, 2, 99], [0, 50, 99]])).toBe(2)
  })
})
