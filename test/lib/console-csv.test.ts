import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module of the console, no types
import { csvCell, neutralise } from '../../public/console/csv.js'

describe('console CSV export', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+1', "'+1"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"],
    [' =1+1', "' =1+1"], ['   @x', "'   @x"], ['\n@x', "'\n@x"], ['\t=1', "'\t=1"], ['\r\n+1', "'\r\n+1"],
    ['\tplain', "'\tplain"], ['\rplain', "'\rplain"], ['\nline', "'\nline"], ['\r\nline', "'\r\nline"]
  ])('neutralises %j (a formula, also after leading spaces, tabs or line breaks; any leading tab or line break)', (input, expected) => {
    expect(neutralise(input)).toBe(expected)
  })

  it.each([['plain', 'plain'], ['  spaced', '  spaced'], ['a=b', 'a=b'], ['line\n=1', 'line\n=1']])('leaves %j as it is', (input, expected) => {
    expect(neutralise(input)).toBe(expected)
  })

  it('keeps numbers as numbers and quotes cells with line breaks', () => {
    expect(neutralise(-5)).toBe('-5')
    expect(csvCell('\n@x')).toBe('"\'\n@x"')
  })
})
