// The team's API keys: list (never the keys themselves), create, roll and revoke. Keys that hold
// the keys:write permission only; any other key is told so. A new key (made or rolled) is shown
// once, in a read-only field with a Copy button, until the reviewer says it is stored or signs out.
import { api } from '../api.js'
import { openDialog } from '../dialog.js'
import { registerPage, showPage } from '../router.js'
import { state } from '../state.js'
import { $, announce, badge, fill, h, showAlert, when } from '../ui.js'

/** How long a rolled key keeps working beside its successor (seconds): the choices offered. */
const GRACE = [[0, 'Stops at once'], [3600, 'Works 1 more hour'], [86400, 'Works 1 more day'], [604800, 'Works 7 more days']]

const view = {
  keys: [],
  secret: null // { id, key, name }: the key just made, shown once
}

/** The page's markup, built once (index.html holds only the section). */
function build () {
  const section = $('view-keys')
  const title = section.querySelector('h1')
  title.id = 'keys-title'
  const permissions = h('fieldset', { class: 'field field-wide key-permissions' },
    h('legend', { class: 'field-label' }, 'Permissions'),
    h('p', { class: 'muted small', id: 'key-permissions-help' }, 'A key never gets a permission yours lacks. A reviewer\'s key holds at most read, create, decide, resend and cancel.'),
    h('div', { id: 'key-permission-boxes', class: 'checks' }))
  const form = h('form', { id: 'key-form', class: 'key-form card', novalidate: true, 'aria-labelledby': 'key-form-title' },
    h('h2', { id: 'key-form-title', class: 'field-wide' }, 'New key'),
    h('div', { class: 'field' },
      h('label', { for: 'key-name', class: 'field-label' }, 'Name'),
      h('input', { id: 'key-name', class: 'input', type: 'text', maxlength: '100', required: true, autocomplete: 'off', placeholder: 'What it is for' })),
    h('div', { class: 'field' },
      h('label', { for: 'key-reviewer', class: 'field-label' }, 'Reviewer ID (optional)'),
      h('input', { id: 'key-reviewer', class: 'input', type: 'text', maxlength: '200', autocomplete: 'off', spellcheck: 'false', placeholder: 'Team key when empty' })),
    h('div', { class: 'field' },
      h('label', { for: 'key-expires', class: 'field-label' }, 'Expires on (optional)'),
      h('input', { id: 'key-expires', class: 'input', type: 'date' })),
    permissions,
    h('div', { id: 'key-form-error', class: 'alert field-wide', role: 'alert', hidden: true }),
    h('div', { class: 'field-buttons' }, h('button', { type: 'submit', class: 'button primary', id: 'key-create' }, 'Create key')))
  const secret = h('div', { id: 'key-secret', class: 'card', hidden: true },
    h('label', { for: 'key-secret-value', class: 'field-label', id: 'key-secret-label' }, 'New key'),
    h('p', { class: 'small' }, 'Shown only now: copy it and keep it somewhere safe. It cannot be shown again.'),
    h('div', { class: 'copy-row' },
      h('input', { id: 'key-secret-value', class: 'input mono', type: 'text', readonly: true, autocomplete: 'off', spellcheck: 'false' }),
      h('button', { type: 'button', class: 'button secondary small', id: 'key-secret-copy' }, 'Copy key')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary small', id: 'key-secret-done' }, 'I have stored it')))
  section.append(
    h('div', { id: 'keys-error', class: 'alert', role: 'alert', hidden: true }),
    h('div', { id: 'keys-result', class: 'notice', role: 'status', hidden: true }),
    secret,
    form,
    h('h2', { id: 'keys-list-title' }, 'Keys'),
    h('ul', { id: 'key-list', class: 'key-list', 'aria-labelledby': 'keys-list-title' }),
    h('p', { id: 'keys-empty', class: 'empty', hidden: true }, 'No keys of this mode.'))
}

/** The signed-in key, as the list shows it (its permissions bound what it may grant). */
const ownKey = () => view.keys.find((k) => state.me && k.id === state.me.keyId) || null

function renderPermissionBoxes () {
  const mine = ownKey()
  // A user (or a key of the other list): what /partner/me says the caller holds, which bounds what it may grant.
  const names = mine ? mine.permissions : (state.me && state.me.permissionList) || [...new Set(view.keys.flatMap((k) => k.permissions))]
  const boxes = $('key-permission-boxes')
  const checked = new Set(Array.from(boxes.querySelectorAll('input:checked'), (el) => el.value))
  const first = boxes.childElementCount === 0
  fill(boxes, names.map((name) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: name, checked: first || checked.has(name), 'aria-describedby': 'key-permissions-help' }),
    ' ', name)))
}

function keyState (k) {
  const now = Date.now()
  if (k.revokedAt) return ['revoked', 'Revoked']
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return ['expired', 'Expired']
  if (k.rolledAt) return ['rolled', 'Rolled']
  return ['active', 'Active']
}

function keyItem (k) {
  const [status, statusText] = keyState(k)
  const usable = status === 'active' || status === 'rolled'
  const label = k.name || k.prefix
  const graceId = `key-grace-${k.id}`
  const facts = [
    k.reviewerId ? `Reviewer ${k.reviewerId}` : 'Team key',
    `API version ${k.apiVersion}`,
    `created ${when(k.createdAt)}`,
    `last used ${k.lastUsedAt ? when(k.lastUsedAt) : 'never'}`
  ]
  if (k.revokedAt) facts.push(`revoked ${when(k.revokedAt)}`)
  else if (k.expiresAt) facts.push(`${status === 'expired' ? 'expired' : 'expires'} ${when(k.expiresAt)}`)
  const isMine = state.me && state.me.keyId === k.id
  return h('li', { class: `card key key-${status}`, 'data-key-id': k.id },
    h('div', { class: 'row' },
      h('strong', {}, label),
      h('span', { class: 'mono small' }, `${k.prefix}…`),
      badge(status === 'active' ? 'enabled' : status === 'rolled' ? 'PENDING' : 'FAILED', statusText),
      k.livemode ? null : badge('test', 'Test'),
      isMine ? h('span', { class: 'small muted' }, '(this key)') : null),
    h('p', { class: 'small muted' }, facts.join(' · ')),
    h('ul', { class: 'chips', 'aria-label': `Permissions of ${label}` }, k.permissions.length ? k.permissions.map((p) => h('li', {}, p)) : h('li', {}, 'sessions only')),
    usable
      ? h('div', { class: 'actions key-actions' },
        status === 'active'
          ? [
              h('label', { for: graceId, class: 'visually-hidden' }, `When ${label} is rolled, the old key`),
              h('select', { id: graceId, class: 'input small-select' }, GRACE.map(([s, text]) => h('option', { value: String(s) }, text))),
              h('button', { type: 'button', class: 'button secondary small', 'aria-label': `Roll ${label}`, onclick: () => { roll(k, Number($(graceId).value)) } }, 'Roll')
            ]
          : null,
        h('button', { type: 'button', class: 'button danger small', 'aria-label': `Revoke ${label}`, onclick: () => { revoke(k) } }, 'Revoke'))
      : null)
}

function render () {
  renderPermissionBoxes()
  $('keys-empty').hidden = view.keys.length > 0
  // Newest first: a key just made or rolled is at the top.
  fill($('key-list'), [...view.keys].reverse().map(keyItem))
  const secret = view.secret
  $('key-secret').hidden = !secret
  if (secret) {
    $('key-secret-label').textContent = `New key “${secret.name}”`
    $('key-secret-value').value = secret.key
  } else {
    $('key-secret-value').value = ''
  }
}

async function loadKeys (_v, { focus = false } = {}) {
  showPage('keys', { focus })
  const seq = ++state.seq
  try {
    const keys = (await api('/partner/keys')).data
    if (seq !== state.seq || !state.signedIn) return
    view.keys = keys
    showAlert('keys-error', '')
    $('key-form').hidden = false
    render()
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    view.keys = []
    $('key-form').hidden = true
    fill($('key-list'))
    $('keys-empty').hidden = true
    showAlert('keys-error', err.status === 403 ? 'This API key may not manage keys: that needs the keys:write permission (a team key, or an admin).' : err.message)
  }
}

/** Reads the form; a message for the first thing wrong, or the body to send. */
function formBody () {
  const name = $('key-name').value.trim()
  if (!name) return { error: 'Give the key a name.' }
  const body = { name }
  const reviewer = $('key-reviewer').value.trim()
  if (reviewer) body.reviewerId = reviewer
  body.permissions = Array.from($('key-permission-boxes').querySelectorAll('input:checked'), (el) => el.value)
  const day = $('key-expires').value
  if (day) {
    // The end of that local day.
    const end = new Date(`${day}T23:59:59`)
    if (Number.isNaN(end.getTime()) || end.getTime() <= Date.now()) return { error: 'The expiry must be a day from today on.' }
    body.expiresAt = end.toISOString()
  }
  return { body }
}

function showSecret (id, key, name, message) {
  view.secret = { id, key, name }
  render()
  showAlert('keys-result', message)
  announce(message)
}

async function create (event) {
  event.preventDefault()
  const button = $('key-create')
  if (button.getAttribute('aria-disabled') === 'true') return
  const { body, error } = formBody()
  showAlert('key-form-error', error || '')
  if (error) { $('key-name').focus(); return }
  button.setAttribute('aria-disabled', 'true')
  try {
    const made = (await api('/partner/keys', { method: 'POST', body })).data
    if (!state.signedIn) return
    $('key-form').reset()
    showSecret(made.id, made.key, made.name || made.prefix, `Key “${made.name}” created. Copy it now: it is shown only once.`)
    await loadKeys()
    $('key-secret-value').focus()
  } catch (err) {
    if (!state.signedIn) return
    showAlert('key-form-error', err.message)
  } finally {
    button.removeAttribute('aria-disabled')
  }
}

/** The dialog shows a refusal as it is (its own wording speaks of sessions for 403 and 409). */
async function plainly (fn) {
  try {
    await fn()
  } catch (err) {
    throw new Error(err.message)
  }
}

function roll (k, graceS) {
  const label = k.name || k.prefix
  const grace = GRACE.find(([s]) => s === graceS)
  openDialog({
    title: `Roll ${label}?`,
    text: `A new key replaces ${k.prefix}… with the same permissions. The old key ${grace ? grace[1].toLowerCase() : 'stops at once'}${graceS ? ', then stops' : ''}.`,
    confirmLabel: 'Roll key',
    run: async () => await plainly(async () => {
      const made = (await api(`/partner/keys/${encodeURIComponent(k.id)}/roll`, { method: 'POST', body: { expiresInSeconds: graceS } })).data
      showSecret(made.id, made.key, made.name || made.prefix, `Key “${label}” rolled. Copy the new key now: it is shown only once.`)
      await loadKeys()
    }),
    closed: () => { if (view.secret) $('key-secret-value').focus() }
  })
}

function revoke (k) {
  const label = k.name || k.prefix
  const mine = state.me && state.me.keyId === k.id
  openDialog({
    title: `Revoke ${label}?`,
    text: `${k.prefix}… stops working at once, for every request.${mine ? ' It is the key you are signed in with: you will be signed out.' : ''} This cannot be undone.`,
    confirmLabel: 'Revoke key',
    danger: true,
    run: async () => await plainly(async () => {
      await api(`/partner/keys/${encodeURIComponent(k.id)}/revoke`, { method: 'POST', body: {} })
      // A revoked key need not be copied any more.
      if (view.secret && view.secret.id === k.id) view.secret = null
      const message = `Key “${label}” revoked.`
      showAlert('keys-result', message)
      announce(message)
      if (!mine) await loadKeys()
    }),
    closed: () => { if (mine && state.signedIn) void loadKeys() }
  })
}

registerPage({
  name: 'keys',
  title: 'API keys',
  menu: 'Keys',
  load: loadKeys,
  wire () {
    build()
    $('key-form').addEventListener('submit', (event) => { void create(event) })
    $('key-secret-copy').addEventListener('click', async () => {
      const value = $('key-secret-value').value
      try {
        await navigator.clipboard.writeText(value)
        announce('Key copied.')
      } catch {
        $('key-secret-value').select()
        announce('Select the key and copy it.')
      }
    })
    $('key-secret-done').addEventListener('click', () => {
      view.secret = null
      showAlert('keys-result', '')
      render()
      $('keys-title').focus()
    })
  },
  reset () {
    view.keys = []
    view.secret = null
    if ($('key-secret-value')) $('key-secret-value').value = ''
    if ($('key-list')) fill($('key-list'))
    if ($('key-permission-boxes')) fill($('key-permission-boxes'))
  }
})
