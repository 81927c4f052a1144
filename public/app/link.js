// The link exchange: the link's token (read from the address, then kept in this tab only) is
// exchanged for a CSRF token and the session's status; every later call carries the CSRF token,
// and a lapsed one is renewed once, silently. The calls go through the shared fetch wrapper.
import { ApiError, request } from '../shared/api.js'
import { schedule, scheduleExpiry, renew } from './timers.js'
import { t } from './i18n.js'
import { RENEW_MARGIN_MS, STORAGE_PREFIX, state } from './state.js'

export { ApiError }

/** The API's answer to `path` ({ data, res }), with the CSRF token (renewed first when due). */
export async function call (path, { method = 'GET', body, csrf = true, retried = false } = {}) {
  if (csrf && Date.now() >= state.csrfRenewAt) await exchange()
  try {
    return await request(path, {
      method,
      body,
      headers: csrf ? { 'x-csrf-token': state.csrf } : {},
      unreachable: t('error.offline')
    })
  } catch (err) {
    // The CSRF token lapsed (a laptop asleep past its renewal): the link token gets a new one.
    if (err instanceof ApiError && err.status === 401 && csrf && !retried) {
      state.csrfRenewAt = 0
      return await call(path, { method, body, csrf, retried: true })
    }
    throw err
  }
}

let exchanging = null
/** Exchanges the link token for a fresh CSRF token and the session's current status. */
export function exchange () {
  exchanging ??= doExchange().finally(() => { exchanging = null })
  return exchanging
}

async function doExchange () {
  const { data, res } = await call('/partner/verification/verify', {
    method: 'POST',
    // c: the channel the link was sent by (e email, s SMS), recorded with the session's first opening.
    body: { token: state.token, sessionId: state.sessionId, ...(state.channel ? { c: state.channel } : {}) },
    csrf: false
  })
  const now = Date.now()
  const serverNow = Date.parse(res.headers.get('date') || '')
  state.serverOffset = Number.isFinite(serverNow) ? serverNow - now : 0
  // The lifetime by the server's clock, so a wrong clock here does not matter.
  const lifetime = Date.parse(data.data.expiresAt) - (now + state.serverOffset)
  const renewIn = lifetime > 2 * RENEW_MARGIN_MS ? lifetime - RENEW_MARGIN_MS : Math.max(1000, lifetime / 2)
  state.csrf = data.data.csrfToken
  state.csrfRenewAt = now + renewIn
  schedule('renew', renewIn, renew)
  state.session = data.data.session
  scheduleExpiry()
  return data.data
}

// ---------------------------------------------------------------- the link

function storageKey (sessionId) { return STORAGE_PREFIX + sessionId }

/**
 * Reads the token from the address, then takes it out of the address bar (and so out of
 * screenshots and shared tabs). The tab keeps it in sessionStorage, so a reload or the way back
 * from the verifier finds it again.
 */
export function readLink () {
  const params = new URLSearchParams(location.search)
  const sessionText = (params.get('sessionId') || '').trim()
  let token = (params.get('token') || '').trim()
  const sessionId = /^[1-9][0-9]{0,9}$/.test(sessionText) ? Number(sessionText) : 0
  try {
    if (token && sessionId) sessionStorage.setItem(storageKey(sessionId), token)
    if (!token && sessionId) token = sessionStorage.getItem(storageKey(sessionId)) || ''
  } catch { /* storage disabled: the page still works until it is reloaded */ }
  if (params.has('token')) {
    const clean = new URL(location.href)
    clean.searchParams.delete('token')
    history.replaceState(null, '', clean.pathname + clean.search + clean.hash)
  }
  const channel = /^[es]$/.test(params.get('c') || '') ? params.get('c') : ''
  return { sessionId, token, channel }
}

export function forgetLink () {
  try { if (state.sessionId) sessionStorage.removeItem(storageKey(state.sessionId)) } catch { /* ignore */ }
}
