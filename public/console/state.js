// What the console's modules share: the signed-in key and identity, the view's data, the timers.
// One object, imported by every section; nothing here touches the DOM.

export const KEY_STORAGE = 'partner-api:console:key'
export const POLL_MS = 25000 // one list (or session) request per open, visible tab: well under any key's rate limit

export const state = {
  key: '', // the API key of a key sign-in; '' for a user
  user: null, // GET /console/session's data for a signed-in user (email, password or SSO)
  csrf: '', // that session's CSRF token (x-console-csrf)
  signedIn: false,
  me: null, // GET /partner/me's data; null on a server without it
  modern: false, // the server has the lifecycle API (it answered /partner/me)
  teamId: null, // seen in sessions, for servers without /partner/me
  rows: [],
  detail: null,
  detailSignature: '',
  listSignature: '',
  seq: 0, // bumped by every load: an answer for an older load is dropped
  poll: { timer: 0, fn: null, due: false },
  dialogRun: null,
  deliveries: []
}

/** What the signed-in key may do (GET /partner/me's `permissions`). */
export const can = (permission) => {
  if (state.me) return Boolean(state.me.permissions && state.me.permissions[permission])
  // Before /partner/me: decisions exist for every key; webhooks answer a reviewer's key with 403.
  return permission === 'decide' || permission === 'webhooks'
}

/** Forgets everything the key saw (sign-out). */
export function resetState () {
  Object.assign(state, { key: '', user: null, csrf: '', signedIn: false, me: null, modern: false, teamId: null, rows: [], detail: null, detailSignature: '', listSignature: '', deliveries: [] })
}
