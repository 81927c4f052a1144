// CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
// Pure functions, no DOM: the console imports them, and so do the tests (under Node). Which cells
// could run as formulas is shared with the audit log's CSV (../shared/csv-formula.js).
import { neutraliseFormula } from '../shared/csv-formula.js'

/** The text of one cell: a text that could start a formula gets a leading single quote. */
export function neutralise (value) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'bigint') return String(value) // -5 is a number, not a formula
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return neutraliseFormula(text)
}

/** One cell as written to the file: neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell (value) {
  const text = neutralise(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A whole file: a header row, then one row per record; CRLF line ends, as RFC 4180 says. */
export function toCsv (columns, rows) {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','))
  return lines.join('\r\n') + '\r\n'
}

const SESSION_COLUMNS = [
  ['id', (s) => s.id],
  ['status', (s) => s.status],
  ['statusReason', (s) => s.statusReason],
  ['livemode', (s) => s.livemode],
  ['applicantFirstName', (s) => s.applicantFirstName],
  ['applicantLastName', (s) => s.applicantLastName],
  ['applicantEmail', (s) => s.applicantEmail],
  ['applicantId', (s) => s.applicantId],
  ['userId', (s) => s.userId],
  ['reviewerId', (s) => s.reviewerId],
  ['createdAt', (s) => s.createdAt],
  ['updatedAt', (s) => s.updatedAt],
  ['expiryDate', (s) => s.expiryDate],
  ['decidedAt', (s) => s.decidedAt],
  ['decisionNote', (s) => s.decisionNote],
  ['metadata', (s) => (s.metadata ? JSON.stringify(s.metadata) : '')]
]

const factKey = (f) => `${f.sourceName}: ${f.name}`
// Rule 5.9: a value read through an OPRF-hashing redaction is a hash, never written as the clear value.
const factText = (f) => `${f.hashed === true ? 'OPRF hash ' : ''}${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}`

/**
 * One row per session, the session's fields then one column per fact name seen in any row
 * ("PayPal: monthlyIncome"); a session with two values for one fact gets them joined by "; ".
 */
export function sessionsCsv (sessions) {
  const factKeys = []
  for (const s of sessions) {
    for (const f of s.facts || []) if (!factKeys.includes(factKey(f))) factKeys.push(factKey(f))
  }
  const columns = [
    ...SESSION_COLUMNS.map(([label, value]) => ({ label, value })),
    ...factKeys.map((key) => ({
      label: key,
      value: (s) => (s.facts || []).filter((f) => factKey(f) === key)
        .map((f) => factText(f)).join('; ')
    }))
  ]
  return toCsv(columns, sessions)
}
