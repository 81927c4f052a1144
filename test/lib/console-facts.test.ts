import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module of the hosted pages, no types
import { factLabel, factsByStep, formatFactValue } from '../../public/shared/facts.js'

describe('facts as the console shows them', () => {
  it.each([
    ['monthlyIncome', 'Monthly income'], ['monthly_income', 'Monthly income'], ['accountHolder', 'Account holder'],
    ['grossPayYTD', 'Gross pay YTD'], ['currency', 'Currency'], ['employer.name', 'Employer name'], ['x', 'X']
  ])('labels %s as %s', (name, label) => {
    expect(factLabel(name)).toBe(label)
  })

  it('formats an amount with the currency its step proved, for the reader\'s language', () => {
    const step = [{ name: 'monthlyIncome', value: '5400' }, { name: 'currency', value: 'USD' }]
    expect(formatFactValue(step[0], step, 'en-US')).toBe('$5,400.00')
    expect(formatFactValue({ name: 'monthlyIncome', value: '5,400.5' }, step, 'en-US')).toBe('$5,400.50')
    expect(formatFactValue({ name: 'balance', value: '1234.5' }, [{ name: 'currency', value: 'eur' }], 'de-DE')).toMatch(/^1\.234,50\s€$/)
  })

  it('formats an amount without a currency as a number, and leaves anything else as proven', () => {
    expect(formatFactValue({ name: 'monthlyIncome', value: '5400' }, [], 'en-US')).toBe('5,400.00')
    expect(formatFactValue({ name: 'monthlyIncome', value: 'about 5k' }, [], 'en-US')).toBe('about 5k')
    expect(formatFactValue({ name: 'monthlyIncome', value: '=1+1' }, [], 'en-US')).toBe('=1+1')
    expect(formatFactValue({ name: 'employer', value: 'Acme 5400' }, [], 'en-US')).toBe('Acme 5400')
    expect(formatFactValue({ name: 'accountId', value: '12345' }, [], 'en-US')).toBe('12345')
    expect(formatFactValue({ name: 'monthlyIncome', value: '5400' }, [{ name: 'currency', value: 'dollars' }], 'en-US')).toBe('5,400.00')
  })

  it('never reads an OPRF-hashed currency as the clear currency (issue 23, rule 5.9), nor a hashed amount as an amount', () => {
    expect(formatFactValue({ name: 'monthlyIncome', value: '5400' }, [{ name: 'currency', value: 'USD', hashed: true }], 'en-US')).toBe('5,400.00')
    expect(formatFactValue({ name: 'monthlyIncome', value: '5400', hashed: true }, [{ name: 'currency', value: 'USD' }], 'en-US')).toBe('5400')
  })

  it('groups facts by the step that proved them, once per proof', () => {
    const facts = [
      { name: 'monthlyIncome', value: '1', stepId: 1, proofIdentifier: '0xa' },
      { name: 'currency', value: 'USD', stepId: 1, proofIdentifier: '0xa' },
      { name: 'employer', value: 'Acme', stepId: 2, proofIdentifier: '0xb' }
    ]
    const groups = factsByStep(facts)
    expect(groups.map((g: { stepId: number, facts: unknown[] }) => [g.stepId, g.facts.length])).toEqual([[1, 2], [2, 1]])
  })
})
