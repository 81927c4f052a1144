// The page's timers: the CSRF token's renewal, the session's expiry, the polls of the steps (while
// proofs are awaited) and of the session (under review), never while the page is hidden.
import { refreshSession, handleFatal, showAlert, hideAlert } from './screens.js'
import { refreshSteps } from './steps.js'
import { $ } from '../shared/dom.js'
import { t } from './i18n.js'
import { MAX_TIMEOUT_MS, POLL_MS, RETRY_MS, REVIEW_POLL_MS, state } from './state.js'

export function schedule (name, delay, fn) {
  clearTimeout(state.timers[name])
  state.timers[name] = setTimeout(fn, Math.min(Math.max(0, delay), MAX_TIMEOUT_MS))
}

export function stopTimers () {
  for (const name of Object.keys(state.timers)) clearTimeout(state.timers[name])
}

export function renew () {
  if (state.final) return
  refreshSession().catch((err) => {
    if (!handleFatal(err)) schedule('renew', err.retryAfterMs || RETRY_MS, renew)
  })
}

export function scheduleExpiry () {
  if (!state.session) return
  const at = Date.parse(state.session.expiryDate) - state.serverOffset
  // A second after the session lapses the exchange answers 410 and the expired screen shows.
  schedule('expiry', at - Date.now() + 1000, () => { if (!state.final) renew() })
}

function pollDelay () {
  return state.screen === 'steps' ? POLL_MS : REVIEW_POLL_MS
}

export function schedulePoll (delay = pollDelay()) {
  clearTimeout(state.timers.poll)
  if (state.final || document.hidden) return
  if (!['steps', 'review', 'status'].includes(state.screen)) return
  schedule('poll', delay, poll)
}

async function poll () {
  let delay = pollDelay()
  try {
    if (state.screen === 'review' || state.screen === 'status') {
      await refreshSession()
    } else if (state.screen === 'steps') {
      await refreshSteps()
    }
    if ($('steps-error').textContent === t('error.connection')) hideAlert('steps-error')
  } catch (err) {
    if (handleFatal(err)) return
    if (err.retryAfterMs) delay = err.retryAfterMs
    else if (err.status === 0 || err.status >= 500) {
      delay = RETRY_MS
      if (state.screen === 'steps') showAlert('steps-error', t('error.connection'))
    }
  }
  schedulePoll(delay)
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(state.timers.poll)
  else schedulePoll(0)
})
// Back from the verifier: the page may come out of the back/forward cache as it was left.
window.addEventListener('pageshow', (event) => { if (event.persisted) schedulePoll(0) })
