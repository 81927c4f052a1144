// The words for the statuses the API answers with: sessions, steps, webhook deliveries. This is the
// one list of labels; what a status allows (decide, cancel, resend, redact, continue) is not
// derived here but read from the API's answer (`canDecide`, `canCancel`, ... on the session).
// A status this list does not know yet (a newer server) reads as its own name in words, with the
// neutral badge, instead of breaking the page.

const LABELS = {
  // sessions, in the order the console shows them
  REVIEWING: 'Reviewing',
  PENDING: 'Pending',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
  EXPIRED: 'Expired',
  // steps
  INITIATED: 'Initiated',
  IN_PROGRESS: 'In progress',
  VERIFIED: 'Verified',
  // webhook deliveries
  DELIVERED: 'Delivered'
}

/** The session statuses this console knows, in the order of its tabs. */
export const SESSION_STATUSES = ['REVIEWING', 'PENDING', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']

/** A status code shaped as the API spells them (upper case words joined by `_`). */
export const isStatusCode = (value) => typeof value === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(value)

/** `ON_HOLD` -> "On hold": how an unknown status reads. */
function words (status) {
  const text = String(status).replace(/_+/g, ' ').trim().toLowerCase()
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Unknown'
}

/** The label of a status; an unknown one reads as its name in words. */
export function statusLabel (status) {
  return Object.hasOwn(LABELS, status) ? LABELS[status] : words(status)
}

/** Whether this page has words (and colours) of its own for the status. */
export const isKnownStatus = (status) => Object.hasOwn(LABELS, status)

/** The class of a status badge: `s-<STATUS>` for known ones, `s-unknown` (neutral) otherwise. */
export function statusClass (status) {
  return isKnownStatus(status) ? `s-${status}` : 's-unknown'
}
