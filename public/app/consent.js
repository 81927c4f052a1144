// The consent, on the welcome screen before the source list: the server's text (who asks, why, what
// each selectable source shares, how long it is kept) in the page's language, shown exactly as
// received, since accepting records the sha256 of that text. "I agree and continue" records the
// consent and opens the sources; "I do not agree" ends the verification.
import { call } from './link.js'
import { errorText, formatDate, locale, t } from './i18n.js'
import { handleFatal, hideAlert, refreshSession, showAlert } from './screens.js'
import { openSources } from './sources.js'
import { state } from './state.js'
import { $ } from '../shared/dom.js'

let shown = null // { version, locale } of the text on screen
let loadSeq = 0

/** Reads the consent text in the page's language and shows it (or, once accepted, when). */
export async function loadConsent () {
  const seq = ++loadSeq
  const box = $('consent-text')
  const accepted = state.session && state.session.consent
  hideAlert('consent-error')
  $('consent-decline').hidden = Boolean(accepted)
  $('consent-decline-note').hidden = Boolean(accepted)
  $('welcome-start').textContent = t(accepted ? 'consent.continue' : 'consent.accept')
  // Nothing can be agreed to before its text is on screen.
  $('welcome-start').disabled = !accepted
  $('consent-decline').disabled = true
  const given = $('consent-given')
  given.hidden = !accepted
  if (accepted) given.textContent = t('consent.given', { date: formatDate(new Date(accepted.acceptedAt)) })
  try {
    const { data } = await call(`/partner/verification/consent?sessionId=${state.sessionId}&locale=${encodeURIComponent(locale())}`)
    if (seq !== loadSeq) return // a later language's text is on its way
    shown = { version: data.data.version, locale: data.data.locale }
    box.removeAttribute('data-i18n')
    box.textContent = data.data.text
    box.lang = data.data.locale
    $('welcome-start').disabled = false
    $('consent-decline').disabled = false
  } catch (err) {
    if (seq !== loadSeq || handleFatal(err)) return
    showAlert('consent-error', errorText(err))
  }
}

async function answer (accepted, button) {
  if (!shown) return
  button.disabled = true
  button.setAttribute('aria-busy', 'true')
  hideAlert('consent-error')
  try {
    const { data } = await call('/partner/verification/consent', {
      method: 'POST',
      body: { sessionId: state.sessionId, accepted, version: shown.version, locale: shown.locale }
    })
    if (accepted) {
      state.session.consent = data.data.consent
      await openSources()
    } else {
      // The session ended: its screen says why.
      $('expired-reason').dataset.i18n = 'consent.declined'
      $('expired-reason').textContent = t('consent.declined')
      await refreshSession()
    }
  } catch (err) {
    if (handleFatal(err)) return
    // The wording changed meanwhile: the new text is read and must be agreed to again.
    if (err.code === 'consent_version_mismatch') await loadConsent()
    showAlert('consent-error', errorText(err))
  } finally {
    button.disabled = !shown
    button.removeAttribute('aria-busy')
  }
}

/** "I agree and continue" (or "Continue" once agreed) and "I do not agree". */
export function wireConsent () {
  $('welcome-start').addEventListener('click', () => {
    if (state.session && state.session.consent) openSources()
    else answer(true, $('welcome-start'))
  })
  $('consent-decline').addEventListener('click', () => { answer(false, $('consent-decline')) })
}
