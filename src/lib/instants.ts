import { fail } from './error-codes.js'

const MIN_BOUND_MS = Date.parse('0001-01-01T00:00:00.000Z')
const MAX_BOUND_MS = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * A date-time the schema let through (`format: 'date-time'`) as stored dates are written: UTC ISO
 * 8601, compared as text on SQLite. The format accepts what Date cannot read (a leap second,
 * `23:59:60`) and years that PostgreSQL's timestamptz refuses (toISOString writes "0000-..." or
 * "-000001-..."): those are a 400 naming `path`, never a 500.
 */
export function isoInstant (text: string, path: string): string {
  const ms = Date.parse(text)
  if (Number.isNaN(ms) || ms < MIN_BOUND_MS || ms > MAX_BOUND_MS) throw fail('validation_failed', `${path} must be an ISO 8601 date-time from 0001-01-01 to 9999-12-31`)
  return new Date(ms).toISOString()
}
