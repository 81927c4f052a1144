// What the applicant page's modules share: the link, the session as last read, the steps, the
// screen shown and the timers. Nothing here touches the DOM.

export const POLL_MS = 3000 // steps, while proofs are awaited and the page is visible
export const REVIEW_POLL_MS = 15000 // session status, while under review
export const RETRY_MS = 10000 // after a network failure
export const RENEW_MARGIN_MS = 60000 // renew the CSRF token this long before it lapses
export const SEARCH_DEBOUNCE_MS = 250
export const MAX_TIMEOUT_MS = 2147483647 // setTimeout's ceiling
export const STORAGE_PREFIX = 'partner-api:link:'

export const state = {
  sessionId: 0,
  token: '',
  channel: '', // e or s: the link came by email or SMS (its c= parameter)
  csrf: '',
  csrfRenewAt: 0, // local clock, ms
  serverOffset: 0, // server clock minus local clock, ms
  session: null,
  test: false, // a test (sandbox) session: simulated proofs instead of Reclaim
  sources: new Map(), // id -> source, every source seen
  allowed: null, // the session's sources, in the API's order
  steps: [],
  selected: new Set(),
  screen: 'loading',
  final: false,
  searchSeq: 0,
  qrStepId: 0,
  timers: { renew: 0, poll: 0, expiry: 0, search: 0, retry: 0 }
}
