// The console's calls to the Partner API: the shared fetch wrapper with the reviewer's API key
// (x-api-key, never in a URL, cookie or log), or for a signed-in user the console's HttpOnly
// cookie plus the session's CSRF token on every write (x-console-csrf); a fresh Idempotency-Key
// on every write.
import { idempotencyKey, request } from '../shared/api.js'
import { state } from './state.js'

export { ApiError } from '../shared/api.js'

let onKeyRefused = () => {}
/** What to do when the API no longer accepts the signed-in key (sign-in.js signs out). */
export function whenKeyRefused (fn) { onKeyRefused = fn }

/** The API's JSON answer to `path`, or an ApiError. */
export async function api (path, { method = 'GET', body } = {}) {
  const headers = {}
  const user = state.key === '' && state.csrf !== ''
  if (user) {
    if (method !== 'GET') headers['x-console-csrf'] = state.csrf
  } else {
    headers['x-api-key'] = state.key
  }
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey()
  try {
    return (await request(path, { method, body, headers, credentials: user ? 'same-origin' : 'omit' })).data
  } catch (err) {
    if (err.status === 401 && state.signedIn) onKeyRefused()
    if (err.status === 429) err.message = user ? 'Too many requests. Wait a minute and try again.' : 'Too many requests for this API key. Wait a minute and try again.'
    throw err
  }
}
