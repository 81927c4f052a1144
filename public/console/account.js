// People's sign-in: email and password, "Sign in with SSO" where the instance has it, the page a
// setup link opens (choose a password), and the switch between live and test data. The session is
// the service's HttpOnly cookie, which no script here can read; the page keeps only the session's
// CSRF token, in memory, and sends it with every change (api.js).
import { api } from './api.js'
import { request } from '../shared/api.js'
import { state } from './state.js'
import { $, announce, showAlert, showView } from './ui.js'

const SAME_ORIGIN = { credentials: 'same-origin' }
const SIGN_IN_FAILED = 'Wrong email or password.'
const SIGN_IN_OR_CODE_FAILED = 'Wrong email, password or code. A code works once: wait for the next one if you just used it.'

/** Whether this page was opened from a setup link (/console/setup?token=...). */
export const onSetupPage = () => location.pathname.replace(/\/+$/, '') === '/console/setup'

/** Shows "Sign in with SSO" when the instance has single sign-on. */
export async function loadSignInOptions () {
  try {
    const { data } = await request('/console/sign-in')
    $('sso-option').hidden = !(data && data.data && data.data.sso)
  } catch {
    $('sso-option').hidden = true
  }
}

/** The signed-in user of the console cookie, or null when there is none (or it has ended). */
export async function resumeUser () {
  try {
    const { data } = await request('/console/session', SAME_ORIGIN)
    state.user = data.data
    state.csrf = data.data.csrfToken
    state.key = ''
    state.me = await meOf(state.user)
    state.modern = true
    state.signedIn = true
    return true
  } catch (err) {
    if (err.status === 401) return false
    throw err
  }
}

/** What GET /partner/me says of the user: their team, queue, mode and permissions. */
async function meOf (session) {
  const me = (await api('/partner/me')).data
  return { ...me, teamName: me.teamName || session.teamName }
}

/** Ends the user's session on the service (the cookie is cleared by the answer). */
export async function endUserSession () {
  if (!state.user) return
  try {
    await request('/console/session', { method: 'DELETE', headers: { 'x-console-csrf': state.csrf }, ...SAME_ORIGIN })
  } catch {
    // Signed out here whatever the answer: the session ends by itself once idle.
  }
}

export function showSignInNotice (message) {
  const notice = $('signin-notice')
  notice.textContent = message
  notice.hidden = message === ''
}

/** Shows or hides the sign-in form's code field (two-step sign-in), emptied either way. */
export function showTotpField (show) {
  $('account-totp-field').hidden = !show
  $('account-totp').value = ''
}

/** The email and password form; `done` continues once signed in (sign-in.js routes). */
export function wireAccountSignIn (done) {
  $('account-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const email = $('account-email').value.trim()
    const password = $('account-password').value
    const askingCode = !$('account-totp-field').hidden
    const totpCode = $('account-totp').value.replace(/\s/g, '')
    if (!email || !password) {
      showAlert('account-error', 'Enter your email and password.')
      $(email ? 'account-password' : 'account-email').focus()
      return
    }
    if (askingCode && !/^\d{6}$/.test(totpCode)) {
      showAlert('account-error', 'Enter the 6-digit code your authenticator app shows.')
      $('account-totp').focus()
      return
    }
    $('account-submit').disabled = true
    showAlert('account-error', '')
    try {
      await request('/console/session', { method: 'POST', body: { email, password, ...(askingCode ? { totpCode } : {}) }, ...SAME_ORIGIN })
      $('account-password').value = ''
      showTotpField(false)
      showSignInNotice('')
      if (!await resumeUser()) throw new Error('The session could not be started: check that this browser accepts cookies for this site.')
      await done()
    } catch (err) {
      if (err.code === 'totp_required') {
        showTotpField(true)
        showAlert('account-error', 'Two-step sign-in is on for this account: enter the 6-digit code your authenticator app shows.')
        $('account-totp').focus()
        return
      }
      const codeWrong = askingCode && err.status === 401
      if (codeWrong) $('account-totp').value = ''
      showAlert('account-error', err.status === 401 ? (askingCode ? SIGN_IN_OR_CODE_FAILED : SIGN_IN_FAILED) : err.message)
      $(codeWrong ? 'account-totp' : 'account-password').focus()
    } finally {
      $('account-submit').disabled = false
    }
  })
}

/** The page a setup link opens: the password is set, the token leaves the address, then the sign-in form. */
export function showSetup () {
  showView('setup', { title: 'Set your password' })
  $('setup-password').focus()
}

export function wireSetup () {
  $('setup-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const password = $('setup-password').value
    const token = new URLSearchParams(location.search).get('token') || ''
    if (password.length < 12) {
      showAlert('setup-error', 'The password must be at least 12 characters long.')
      $('setup-password').focus()
      return
    }
    if (password !== $('setup-confirm').value) {
      showAlert('setup-error', 'The two passwords differ.')
      $('setup-confirm').focus()
      return
    }
    $('setup-submit').disabled = true
    showAlert('setup-error', '')
    try {
      const { data } = await request('/console/setup', { method: 'POST', body: { token, password } })
      $('setup-password').value = ''
      $('setup-confirm').value = ''
      history.replaceState(null, '', '/console')
      $('account-email').value = data.data.user.email
      showSignInNotice('Your password is set. Sign in with it now.')
      showView('signin', { title: 'Sign in' })
      $('account-password').focus()
      announce('Password set.')
    } catch (err) {
      showAlert('setup-error', err.code === 'password_too_weak'
        ? 'This password is too common or too short: choose another (a few unrelated words work well).'
        : err.message)
      $('setup-password').focus()
    } finally {
      $('setup-submit').disabled = false
    }
  })
}

/** For a user: the button that switches between live and test data (the team's sandbox sessions). */
export function renderModeSwitch () {
  const button = $('mode-switch')
  button.hidden = !(state.signedIn && state.user)
  if (button.hidden) return
  button.textContent = state.user.livemode ? 'Show test data' : 'Show live data'
}

export function wireModeSwitch (reload) {
  $('mode-switch').addEventListener('click', async () => {
    if (!state.user) return
    const livemode = !state.user.livemode
    try {
      const data = await api('/console/session', { method: 'PATCH', body: { livemode } })
      state.user = data.data
      state.me = await meOf(state.user)
      announce(livemode ? 'Showing live data.' : 'Showing test data.')
      await reload()
    } catch (err) {
      announce(err.message)
    }
  })
}
