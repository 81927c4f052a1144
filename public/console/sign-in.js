// Signing in with an API key (kept in sessionStorage for this tab only), the identity in the top
// bar, and signing out (everything the key saw is forgotten).
import { api, whenKeyRefused } from './api.js'
import { stopPoll } from './poll.js'
import { resetPages, route } from './router.js'
import { KEY_STORAGE, resetState, state } from './state.js'
import { $, announce, showAlert, showView } from './ui.js'

export const KEY_REFUSED = 'This API key was not accepted: it is wrong, or it has been revoked. Check it and try again.'

export async function signIn (key) {
  state.key = key
  state.signedIn = false
  try {
    state.me = (await api('/partner/me')).data
    state.modern = true
  } catch (err) {
    if (err.status !== 404) throw err
    // A server before /partner/me: one small list call checks the key.
    await api('/partner/reviewer/sessions?limit=1')
    state.me = null
    state.modern = false
  }
  sessionStorage.setItem(KEY_STORAGE, key)
  state.signedIn = true
  renderIdentity()
}

export function signOut (message = '') {
  sessionStorage.removeItem(KEY_STORAGE)
  resetState()
  stopPoll()
  if ($('confirm-dialog').open) $('confirm-dialog').close()
  resetPages()
  renderIdentity()
  showView('signin', { title: 'Sign in' })
  $('api-key').value = ''
  showAlert('signin-error', message)
  $('api-key').focus()
}

function keyRefused () {
  signOut('Your API key is no longer accepted (it may have been revoked). Sign in again with a valid key.')
}

export function renderIdentity () {
  const who = $('whoami')
  $('main-nav').hidden = !state.signedIn
  $('sign-out').hidden = !state.signedIn
  who.hidden = !state.signedIn
  $('test-banner').hidden = !(state.signedIn && state.me && state.me.livemode === false)
  if (!state.signedIn) return
  const me = state.me
  const parts = []
  if (me) {
    parts.push(me.teamName || `Team ${me.teamId}`)
    parts.push(me.reviewerId ? `Reviewer ${me.reviewerId}` : 'Team key')
    parts.push(me.livemode ? 'Live' : 'Test')
    if (me.keyName) parts.push(`key “${me.keyName}”`)
  } else {
    if (state.teamId !== null) parts.push(`Team ${state.teamId}`)
    parts.push('Team key', 'mode unknown')
  }
  who.textContent = parts.join(' · ')
}

export function wireSignIn () {
  whenKeyRefused(keyRefused)
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const key = $('api-key').value.trim()
    if (!key) {
      showAlert('signin-error', 'Enter your API key.')
      $('api-key').focus()
      return
    }
    $('signin-submit').disabled = true
    showAlert('signin-error', '')
    try {
      await signIn(key)
      $('api-key').value = ''
      route({ focus: true })
    } catch (err) {
      state.key = ''
      showAlert('signin-error', err.status === 401 ? KEY_REFUSED : err.message)
      $('api-key').focus()
    } finally {
      $('signin-submit').disabled = false
    }
  })
  $('sign-out').addEventListener('click', () => {
    signOut('')
    announce('Signed out. The API key is forgotten.')
  })
}

/** At start: a key saved in this tab signs in again; otherwise the form. */
export async function resume () {
  const saved = sessionStorage.getItem(KEY_STORAGE)
  if (!saved) {
    showView('signin', { title: 'Sign in' })
    $('api-key').focus()
    return
  }
  try {
    await signIn(saved)
    route({ focus: false })
  } catch (err) {
    if (err.status === 401) signOut(KEY_REFUSED)
    else {
      // The key may be fine and the service down: keep it, say so, and offer the form to retry.
      showView('signin', { title: 'Sign in' })
      state.key = ''
      $('api-key').value = saved
      showAlert('signin-error', err.message)
    }
  }
}
