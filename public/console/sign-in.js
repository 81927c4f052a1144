// Signing in: as a person (email and password, or SSO: account.js), or with an API key (kept in
// sessionStorage for this tab only; development and test keys); the identity in the top bar; and
// signing out (everything the key or user saw is forgotten).
import {
  endUserSession, loadSignInOptions, onSetupPage, renderModeSwitch, resumeUser, showSetup, showSignInNotice, showTotpField, wireAccountSignIn,
  wireModeSwitch, wireSetup
} from './account.js'
import { api, whenKeyRefused } from './api.js'
import { stopPoll } from './poll.js'
import { resetPages, route } from './router.js'
import { KEY_STORAGE, resetState, state } from './state.js'
import { $, announce, showAlert, showView } from './ui.js'

const ROLE_LABELS = { admin: 'Admin', reviewer: 'Reviewer', viewer: 'Viewer' }

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
  const wasUser = state.user !== null
  sessionStorage.removeItem(KEY_STORAGE)
  resetState()
  stopPoll()
  if ($('confirm-dialog').open) $('confirm-dialog').close()
  resetPages()
  renderIdentity()
  showView('signin', { title: 'Sign in' })
  $('api-key').value = ''
  $('account-password').value = ''
  showTotpField(false)
  showAlert(wasUser ? 'account-error' : 'signin-error', message)
  $('key-option').open = !wasUser && message !== ''
  $(wasUser || !$('key-option').open ? 'account-email' : 'api-key').focus()
}

function keyRefused () {
  if (state.user) signOut('Your session has ended (signed out elsewhere, idle too long, or your access changed). Sign in again.')
  else signOut('Your API key is no longer accepted (it may have been revoked). Sign in again with a valid key.')
}

export function renderIdentity () {
  const who = $('whoami')
  $('main-nav').hidden = !state.signedIn
  $('sign-out').hidden = !state.signedIn
  who.hidden = !state.signedIn
  $('test-banner').hidden = !(state.signedIn && state.me && state.me.livemode === false)
  $('test-banner').textContent = state.user ? 'Test mode: you are seeing the team\'s test sessions only.' : 'Test mode: this key sees test sessions only.'
  renderModeSwitch()
  if (!state.signedIn) return
  const me = state.me
  const parts = []
  if (state.user) {
    const u = state.user.user
    parts.push(state.user.teamName || (me && me.teamName) || `Team ${u.teamId}`)
    parts.push(u.name || u.email)
    parts.push(ROLE_LABELS[u.role] || u.role)
    parts.push(state.user.livemode ? 'Live' : 'Test')
  } else if (me) {
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
  $('sign-out').addEventListener('click', async () => {
    const wasUser = state.user !== null
    await endUserSession()
    signOut('')
    announce(wasUser ? 'Signed out.' : 'Signed out. The API key is forgotten.')
  })
  wireAccountSignIn(async () => {
    renderIdentity()
    route({ focus: true })
  })
  wireSetup()
  wireModeSwitch(async () => {
    resetPages()
    renderIdentity()
    route({ focus: false })
  })
}

/**
 * At start: the setup link's page; else a key saved in this tab signs in again; else the console's
 * cookie (a user signed in with a password or SSO); otherwise the sign-in form.
 */
export async function resume () {
  void loadSignInOptions()
  if (onSetupPage()) {
    showSetup()
    return
  }
  const saved = sessionStorage.getItem(KEY_STORAGE)
  if (!saved) {
    try {
      if (await resumeUser()) {
        renderIdentity()
        route({ focus: false })
        return
      }
    } catch (err) {
      showSignInNotice(err.message)
    }
    showView('signin', { title: 'Sign in' })
    $('account-email').focus()
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
      $('key-option').open = true
      showAlert('signin-error', err.message)
    }
  }
}
