import { describe, expect, it } from 'vitest'
import { termWords, wordTrigrams } from '../../src/modules/sessions/search-words.js'

describe('search words: the words of a term a matching document must hold (migration 0029)', () => {
  it('takes a run of letters and digits with a separator before it, whole when one follows too', () => {
    expect(termWords('ap-00000777')).toEqual([{ word: '00000777', whole: false }])
    expect(termWords('kowalski-ga12-x')).toEqual([{ word: 'ga12', whole: true }])
    expect(termWords('jl.picard@starfleet.org')).toEqual([{ word: 'picard', whole: true }, { word: 'starfleet', whole: true }, { word: 'org', whole: false }])
    expect(termWords('-1701-')).toEqual([{ word: '1701', whole: true }])
  })

  it('takes no run at the term\'s start (it may end a longer word), none shorter than three, none next to a non-ASCII character', () => {
    expect(termWords('sofia')).toEqual([])
    expect(termWords('00000777')).toEqual([])
    expect(termWords('a-bc-de')).toEqual([])
    expect(termWords('é-1701')).toEqual([{ word: '1701', whole: false }])
    // "ë" is in a word of SQLite's index and a separator of PostgreSQL's: neither side is a bound.
    expect(termWords('zoë.o-brien')).toEqual([{ word: 'brien', whole: false }])
    expect(termWords('x-abcé')).toEqual([{ word: 'abc', whole: false }])
    expect(termWords('x-ébc')).toEqual([])
    expect(termWords('x—abc')).toEqual([])
  })

  it('folds ASCII capitals, as the index does', () => {
    expect(termWords('NCC-1701-D')).toEqual([{ word: '1701', whole: true }])
    expect(termWords('x-ABCdef')).toEqual([{ word: 'abcdef', whole: false }])
  })

  it('gives a word\'s trigrams once each', () => {
    expect(wordTrigrams('00000777')).toEqual(['000', '007', '077', '777'])
    expect(wordTrigrams('ab')).toEqual([])
  })
})
