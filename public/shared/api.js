// The one fetch wrapper of the hosted pages (applicant page, console): JSON in and out, no cookies
// (but the console's own, when it asks: `credentials: 'same-origin'`), no referrer, nothing cached; a refused answer throws an ApiError with the API's own message and
// code. What differs per page (the console's API key, the applicant's CSRF token) is passed in
// `headers` by the page's own small wrapper.

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status, 0 when the service could not be reached
   * @param {unknown} body the parsed answer (the guide's `{statusCode, message, error, code}`), or null
   * @param {string | null} [retryAfter] the Retry-After header, seconds
   */
  constructor (status, body, retryAfter = null) {
    super(body && typeof body.message === 'string' ? body.message : `Request failed (${status || 'network'})`)
    this.status = status
    this.code = body && typeof body.code === 'string' ? body.code : undefined
    this.retryAfterMs = retryAfter ? Math.max(1, Number(retryAfter) || 5) * 1000 : 0
  }
}

// crypto.randomUUID needs a secure context; a page served over plain http on a LAN has none.
export function idempotencyKey () {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Calls the API: `{ data, res }` for a 2xx answer (data is the parsed JSON body, null when there is
 * none), an ApiError otherwise. `unreachable` is the message when the network fails.
 */
export async function request (path, { method = 'GET', body, headers = {}, credentials = 'omit', unreachable = 'The service could not be reached. Check your connection and try again.' } = {}) {
  const all = { accept: 'application/json', ...headers }
  if (body !== undefined) all['content-type'] = 'application/json'
  let res
  try {
    res = await fetch(path, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials,
      referrerPolicy: 'no-referrer'
    })
  } catch {
    throw new ApiError(0, { message: unreachable })
  }
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, data, res.headers.get('retry-after'))
  return { data, res }
}
