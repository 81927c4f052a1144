// The screens (one <section data-screen> each) and which one the session's answer calls for: the
// flow while the applicant may continue (canContinue), the review, an outcome, or a neutral screen
// for a status this page has no words for. Errors that end the flow, and the boot.
import { ApiError, exchange, forgetLink } from './link.js'
import { closeQr } from './qr.js'
import { ensureSources, renderSourceList, search } from './sources.js'
import { fetchSteps, redrawSteps, renderSteps } from './steps.js'
import { schedule, schedulePoll, stopTimers } from './timers.js'
import { loadConsent } from './consent.js'
import { errorText, formatDate, resolveLocale, setLocale, t } from './i18n.js'
import { state, RETRY_MS } from './state.js'
import { $, hideAlert, showAlert } from '../shared/dom.js'
import { statusLabel } from '../shared/status.js'

export { hideAlert, showAlert }

const FINAL_SCREENS = { COMPLETED: 'completed', REJECTED: 'rejected', FAILED: 'failed', EXPIRED: 'expired' }
// Each screen's window title is the catalogs' `title.<screen>`.
const SCREENS_WITH_TITLES = ['loading', 'welcome', 'sources', 'steps', 'review', 'completed', 'rejected', 'failed', 'expired', 'status', 'broken', 'error']

/** A new exchange, then the screen its session status calls for. */
export async function refreshSession () {
  await exchange()
  await applySession()
}

// ---------------------------------------------------------------- errors

/** Errors that end the flow; true when one was shown. */
export function handleFatal (err) {
  if (!(err instanceof ApiError)) {
    console.error(err)
    showError(t('error.unexpected'))
    return true
  }
  if (err.status === 410) { enterFinal('expired'); return true }
  if (err.status === 401 || err.status === 403 || (err.status === 404 && /session/i.test(err.message))) {
    showBroken('broken.invalid')
    return true
  }
  return false
}

/** The broken-link screen, with the catalog key of why. */
function showBroken (reasonKey) {
  forgetLink()
  enterFinal('broken')
  $('broken-reason').dataset.i18n = reasonKey
  $('broken-reason').textContent = t(reasonKey)
}

function showError (message, retryAfterMs = 0) {
  $('error-reason').textContent = message
  show('error')
  if (retryAfterMs) schedule('retry', retryAfterMs, boot)
}

// ---------------------------------------------------------------- screens

export function show (screen) {
  const changed = state.screen !== screen
  state.screen = screen
  for (const el of document.querySelectorAll('[data-screen]')) el.hidden = el.dataset.screen !== screen
  setTitle()
  if (changed) {
    // Screen readers hear the new screen's heading; keyboard users continue from there.
    const heading = document.querySelector(`[data-screen="${screen}"] .screen-title`)
    if (heading) heading.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }
  schedulePoll()
}

function setTitle () {
  const screen = state.screen
  document.title = t(SCREENS_WITH_TITLES.includes(screen) ? `title.${screen}` : 'title.fallback') + (state.test ? t('page.testSuffix') : '')
}

function enterFinal (screen) {
  state.final = true
  stopTimers()
  closeQr()
  show(screen)
}

async function applySession () {
  const session = state.session
  setLocale(resolveLocale(session))
  fillSessionFields()
  // The API says whether the applicant may still choose sources and start steps; the page does
  // not keep its own list of the statuses that allow it.
  if (session.canContinue === true) {
    // The first view, once; later exchanges only renew the token.
    if (['loading', 'error', 'review', 'status'].includes(state.screen)) {
      await ensureSources()
      state.steps = await fetchSteps()
      if (state.steps.length === 0) {
        show('welcome')
        await loadConsent()
      } else {
        renderSteps()
        show('steps')
      }
    }
    return
  }
  if (Object.hasOwn(FINAL_SCREENS, session.status)) return enterFinal(FINAL_SCREENS[session.status])
  closeQr()
  if (session.status === 'REVIEWING') {
    if (state.screen !== 'review') show('review')
    return
  }
  // A status this page has no screen for (a newer server's): its name in words, and the page
  // keeps asking, as under review, until it moves to one it knows.
  $('status-label').textContent = statusLabel(session.status)
  if (state.screen !== 'status') show('status')
}

function fillSessionFields () {
  const s = state.session
  // Only an explicit false is a test session: a live one never shows the sandbox.
  state.test = s.livemode === false
  $('test-banner').hidden = !state.test
  setTitle()
  const first = (s.applicantFirstName || '').trim()
  $('welcome-title').textContent = first ? t('welcome.hi', { name: first }) : t('welcome.heading')
  for (const el of document.querySelectorAll('[data-named]')) {
    el.textContent = first ? t(`${el.dataset.named}.leadNamed`, { name: first }) : t(`${el.dataset.named}.lead`)
  }
  const instructions = (s.instructions || '').trim()
  for (const el of document.querySelectorAll('[data-field="instructions"]')) el.textContent = instructions
  $('welcome-instructions').hidden = !instructions
  $('steps-instructions').hidden = !instructions
  // A reviewer asked for more (the session is PROCESSING again): their words, as written.
  const more = s.moreRequest && typeof s.moreRequest.message === 'string' ? s.moreRequest.message.trim() : ''
  for (const el of document.querySelectorAll('[data-field="more-request"]')) el.textContent = more
  $('more-request').hidden = !more
  const expiry = new Date(s.expiryDate)
  const when = Number.isNaN(expiry.getTime()) ? '' : t('welcome.expiry', { date: formatDate(expiry) })
  for (const el of document.querySelectorAll('[data-field="expiry"]')) el.textContent = when
}

/** Everything drawn from data again, in the new language (index.html's own texts are already). */
export function redraw () {
  setTitle()
  if (!state.session) return
  fillSessionFields()
  if (state.screen === 'status') $('status-label').textContent = statusLabel(state.session.status)
  if (state.steps.length > 0) redrawSteps()
  if (state.screen === 'sources' && state.allowed) {
    if ($('source-search').value.trim()) search()
    else renderSourceList(state.allowed, '')
  }
  if (state.screen === 'welcome') loadConsent()
}

export async function boot () {
  clearTimeout(state.timers.retry)
  state.final = false
  show('loading')
  if (!state.token || !state.sessionId || state.token.length > 200 || state.sessionId > 2147483647) {
    showBroken(state.sessionId ? 'broken.noToken' : 'broken.noSession')
    return
  }
  try {
    await refreshSession()
  } catch (err) {
    if (handleFatal(err)) return
    if (err.status === 400) {
      showBroken('broken.malformed')
    } else if (err.status === 429) {
      showError(t('error.tooMany'), err.retryAfterMs || RETRY_MS)
    } else {
      showError(errorText(err))
    }
  }
}
