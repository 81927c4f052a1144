// Verified facts as a reviewer reads them: a label from the parameter's name ("monthlyIncome" ->
// "Monthly income") and amounts formatted for the reader's language ("$5,400.00"). Pure functions,
// no DOM: the console imports them, and so do the tests (under Node).

const AMOUNT = /(income|amount|balance|salary|wage|pay|earning|revenue|total|gross|net|rent|deposit)/i
const CURRENCY = /^[A-Z]{3}$/

/** `monthlyIncome` / `monthly_income` / `MONTHLY-INCOME` -> `Monthly income`. */
export function factLabel (name) {
  const words = String(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((w) => (w.length > 1 && /^[A-Z0-9]+$/.test(w) && /[A-Z]/.test(w) ? w : w.toLowerCase())) // acronyms (YTD) stay
  if (words.length === 0) return String(name)
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A plain decimal number as a proof writes it ("5400", "5,400.00", "-12.5"); null otherwise. */
function amountOf (value) {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(text)) return null
  const n = Number(text.replace(/,/g, ''))
  return Number.isFinite(n) ? n : null
}

/**
 * The value of a fact as text: an amount-like fact whose value is a number is formatted with the
 * currency its step proved (a `currency` fact, ISO 4217), else as a number with two decimals; any
 * other value (an OPRF hash among them) is shown as it was proven.
 */
export function formatFactValue (fact, siblings = [], locale = undefined) {
  const value = fact.value
  if (value === null || value === undefined) return ''
  // An OPRF hash (rule 5.9) is no amount and no currency: shown as proven, never read as the clear value.
  const amount = AMOUNT.test(String(fact.name)) && fact.hashed !== true ? amountOf(value) : null
  if (amount === null) return typeof value === 'string' ? value : JSON.stringify(value)
  const currencyFact = siblings.find((f) => /^currency(code)?$/i.test(String(f.name)) && f.hashed !== true && typeof f.value === 'string' && CURRENCY.test(f.value.trim().toUpperCase()))
  const currency = currencyFact ? currencyFact.value.trim().toUpperCase() : null
  try {
    return new Intl.NumberFormat(locale, currency
      ? { style: 'currency', currency }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)
  } catch {
    return String(value)
  }
}

/** Facts grouped by the step (so by the proof) that proved them, in first-seen order. */
export function factsByStep (facts) {
  const groups = new Map()
  for (const f of facts) {
    const key = f.stepId ?? f.proofIdentifier ?? f.sourceName
    if (!groups.has(key)) groups.set(key, { stepId: f.stepId ?? null, proof: f, facts: [] })
    groups.get(key).facts.push(f)
  }
  return [...groups.values()]
}
