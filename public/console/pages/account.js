// The signed-in person's account: two-step sign-in with an authenticator app (TOTP). Turning it on
// takes the current password (a session taken over alone cannot bind another app), shows a new
// secret once (a QR code to scan, the key as text for apps that cannot), then takes a first code;
// turning it off takes the password and a current code. People signed in with an API key, or
// through SSO (whose provider asks for the second step), are told so instead.
import { api } from '../api.js'
import { registerPage, showPage } from '../router.js'
import { state } from '../state.js'
import { $, announce, h, showAlert } from '../ui.js'

/** The QR code leaves the page once it is no longer needed: the secret it holds is shown once. */
function forgetQr () {
  if (!$('totp-qr')) return
  $('totp-qr').removeAttribute('src')
  $('totp-secret').textContent = ''
}

function ensureMarkup () {
  if ($('totp-card')) return
  $('view-account').append(
    h('p', { id: 'account-who', class: 'muted' }),
    h('section', { id: 'totp-card', class: 'card', 'aria-labelledby': 'totp-title' },
      h('h2', { id: 'totp-title' }, 'Two-step sign-in'),
      h('p', { id: 'totp-status' }),
      h('div', { id: 'totp-error', class: 'alert', role: 'alert', hidden: true }),
      h('form', { id: 'totp-off', hidden: true, novalidate: true },
        h('p', { class: 'small muted' }, 'With two-step sign-in, signing in takes your password and a 6-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, Authy...).'),
        h('label', { for: 'totp-start-password', class: 'field-label' }, 'Your current password'),
        h('input', { id: 'totp-start-password', class: 'input', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'totp-error' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary', id: 'totp-start' }, 'Set up an authenticator app'))),
      h('form', { id: 'totp-enroll', hidden: true, novalidate: true },
        h('p', {}, 'Scan this code with your authenticator app:'),
        h('img', { id: 'totp-qr', class: 'totp-qr', alt: 'QR code of the authenticator secret', width: '200', height: '200' }),
        h('p', { class: 'small' }, 'Cannot scan? Enter this key in the app: ', h('code', { id: 'totp-secret', class: 'mono' })),
        h('label', { for: 'totp-enroll-code', class: 'field-label' }, 'The 6-digit code the app shows now'),
        h('input', { id: 'totp-enroll-code', class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '7', 'aria-describedby': 'totp-error' }),
        h('div', { class: 'actions' },
          h('button', { type: 'submit', class: 'button primary', id: 'totp-confirm' }, 'Turn on two-step sign-in'),
          h('button', { type: 'button', class: 'button secondary', id: 'totp-cancel' }, 'Cancel'))),
      h('form', { id: 'totp-on', hidden: true, novalidate: true },
        h('label', { for: 'totp-disable-password', class: 'field-label' }, 'Your current password'),
        h('input', { id: 'totp-disable-password', class: 'input', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'totp-error' }),
        h('label', { for: 'totp-disable-code', class: 'field-label' }, 'To turn it off, enter a current code from your app'),
        h('input', { id: 'totp-disable-code', class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '7', 'aria-describedby': 'totp-error' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button secondary', id: 'totp-disable' }, 'Turn off two-step sign-in')))))
}

const codeOf = (id) => $(id).value.replace(/\s/g, '')

const WRONG_PASSWORD = 'That password is not right.'

/** The password fields are emptied once used: nothing of it stays in the page. */
function forgetPasswords () {
  for (const id of ['totp-start-password', 'totp-disable-password']) if ($(id)) $(id).value = ''
}

/** A password left empty: said at once, nothing sent. */
function passwordMissing (id) {
  if ($(id).value !== '') return false
  showAlert('totp-error', 'Enter your current password.')
  $(id).focus()
  return true
}

/** Shows one of: off (offer to set up), enrolling (QR and code), on (offer to turn off), or why none applies. */
function render (mode = null) {
  const user = state.user ? state.user.user : null
  const who = $('account-who')
  $('totp-card').hidden = user === null || (user.sso && !user.passwordSet)
  if (user === null) {
    who.textContent = 'You are signed in with an API key. Accounts, and two-step sign-in, are for people who sign in with their email and password.'
    return
  }
  who.textContent = `${user.name || user.email} · ${user.email}`
  if (user.sso && !user.passwordSet) {
    who.textContent += ' · You sign in with single sign-on: your identity provider asks for the second step.'
    return
  }
  const shown = mode || (user.totpEnabled ? 'on' : 'off')
  $('totp-status').textContent = user.totpEnabled
    ? 'On: signing in takes your password and a code from your authenticator app.'
    : 'Off: signing in takes your password only.'
  $('totp-off').hidden = shown !== 'off'
  $('totp-enroll').hidden = shown !== 'enroll'
  $('totp-on').hidden = shown !== 'on'
  if (shown !== 'enroll') forgetQr()
}

async function load (_v, { focus = false } = {}) {
  ensureMarkup()
  showPage('account', { focus })
  showAlert('totp-error', '')
  render()
}

function setUser (user) {
  state.user = { ...state.user, user }
}

registerPage({
  name: 'account',
  title: 'Account',
  menu: 'Account',
  load,
  wire () {
    ensureMarkup()
    $('totp-off').addEventListener('submit', async (event) => {
      event.preventDefault()
      showAlert('totp-error', '')
      if (passwordMissing('totp-start-password')) return
      try {
        const { data } = await api('/console/totp', { method: 'POST', body: { password: $('totp-start-password').value } })
        forgetPasswords()
        // A data: URL (the console's CSP allows images from itself and data: only).
        $('totp-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.qrSvg)}`
        $('totp-secret').textContent = data.secret.replace(/(.{4})(?=.)/g, '$1 ')
        $('totp-enroll-code').value = ''
        render('enroll')
        $('totp-enroll-code').focus()
      } catch (err) {
        showAlert('totp-error', err.code === 'password_incorrect' ? WRONG_PASSWORD : err.message)
        $('totp-start-password').focus()
      }
    })
    $('totp-cancel').addEventListener('click', () => {
      showAlert('totp-error', '')
      render()
      $('totp-start-password').focus()
    })
    $('totp-enroll').addEventListener('submit', async (event) => {
      event.preventDefault()
      const code = codeOf('totp-enroll-code')
      if (!/^\d{6}$/.test(code)) {
        showAlert('totp-error', 'Enter the 6-digit code your app shows.')
        $('totp-enroll-code').focus()
        return
      }
      try {
        const { data } = await api('/console/totp/confirm', { method: 'POST', body: { code } })
        setUser(data.user)
        showAlert('totp-error', '')
        render()
        announce('Two-step sign-in is on.')
        $('totp-disable-password').focus()
      } catch (err) {
        showAlert('totp-error', err.code === 'totp_code_invalid' ? 'That code is not right: check the app shows this account, and enter the code it shows now.' : err.message)
        $('totp-enroll-code').focus()
      }
    })
    $('totp-on').addEventListener('submit', async (event) => {
      event.preventDefault()
      if (passwordMissing('totp-disable-password')) return
      const code = codeOf('totp-disable-code')
      if (!/^\d{6}$/.test(code)) {
        showAlert('totp-error', 'Enter the 6-digit code your app shows.')
        $('totp-disable-code').focus()
        return
      }
      try {
        const { data } = await api('/console/totp/disable', { method: 'POST', body: { code, password: $('totp-disable-password').value } })
        $('totp-disable-code').value = ''
        forgetPasswords()
        setUser(data.user)
        showAlert('totp-error', '')
        render()
        announce('Two-step sign-in is off.')
        $('totp-start-password').focus()
      } catch (err) {
        if (err.code === 'password_incorrect') {
          showAlert('totp-error', WRONG_PASSWORD)
          $('totp-disable-password').focus()
          return
        }
        showAlert('totp-error', err.code === 'totp_code_invalid' ? 'That code is not right, or was used already: enter the code the app shows now.' : err.message)
        $('totp-disable-code').focus()
      }
    })
  },
  reset () {
    forgetQr()
    forgetPasswords()
    if ($('totp-enroll-code')) {
      $('totp-enroll-code').value = ''
      $('totp-disable-code').value = ''
    }
  }
})
