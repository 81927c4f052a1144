// The console's calls to the Partner API: the shared fetch wrapper with the reviewer's API key
// (x-api-key, never in a URL, cookie or log) and a fresh Idempotency-Key on every write.
import { idempotencyKey, request } from '../shared/api.js'
import { state } from './state.js'

export { ApiError } from '../shared/api.js'

let onKeyRefused = () => {}
/** What to do when the API no longer accepts the signed-in key (sign-in.js signs out). */
export function whenKeyRefused (fn) { onKeyRefused = fn }

/** The API's JSON answer to `path`, or an ApiError. */
export async function api (path, { method = 'GET', body } = {}) {
  const headers = { 'x-api-key': state.key }
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey()
  try {
    return (await request(path, { method, body, headers })).data
  } catch (err) {
    if (err.status === 401 && state.signedIn) onKeyRefused()
    if (err.status === 429) err.message = 'Too many requests for this API key. Wait a minute and try again.'
    throw err
  }
}
