// The outbox: without SMTP_URL or SMS_WEBHOOK_URL the emails and SMS that carry the verification
// link stay in the database instead of being sent; this page shows the team's, newest first, with
// what they say, so a developer sees what would have gone out. Team keys only.
import { api } from '../api.js'
import { registerPage, showPage } from '../router.js'
import { state } from '../state.js'
import { $, badge, h, keepFocus, showAlert, when } from '../ui.js'

const LIMIT = 50

/** Builds the page's parts once, inside the section the router made for it. */
function ensureMarkup () {
  if ($('outbox-list')) return
  $('view-outbox').append(
    h('p', { class: 'muted small' }, 'Messages kept in the database instead of sent: the service has no SMTP_URL (email) or SMS_WEBHOOK_URL (SMS). Newest first.'),
    h('div', { class: 'list-bar' }, h('button', { type: 'button', class: 'button secondary small', id: 'outbox-refresh' }, 'Refresh')),
    h('div', { id: 'outbox-error', class: 'alert', role: 'alert', hidden: true }),
    h('ul', { id: 'outbox-list', class: 'delivery-list', 'aria-label': 'Outbox messages' }),
    h('p', { id: 'outbox-empty', class: 'empty', hidden: true }, 'The outbox is empty. Create a session with params.delivery to see its messages here.'))
}

function messageItem (m) {
  const channel = m.channel === 'email' ? 'Email' : 'SMS'
  const what = `${channel} to ${m.to || 'a redacted address'} for session ${m.sessionId}`
  return h('li', { class: 'delivery outbox-message', 'data-message': m.id },
    h('div', { class: 'row' },
      h('strong', {}, m.subject || channel),
      badge(m.status),
      h('span', { class: 'muted small' }, `${channel} · ${m.kind === 'reminder' ? 'reminder · ' : ''}${when(m.createdAt)}${m.livemode ? '' : ' · test'}`)),
    h('p', { class: 'small mono' }, `To ${m.to || '[redacted]'} · session ${m.sessionId}`),
    m.text === null
      ? h('p', { class: 'small muted' }, 'Erased with its session.')
      : h('pre', { class: 'json outbox-text', tabindex: '0', 'aria-label': `Text of the ${what}` }, m.text),
    m.html
      ? h('details', { 'data-key': `html-${m.id}` },
        h('summary', {}, 'HTML part', h('span', { class: 'visually-hidden' }, ` of the ${what}`)),
        h('pre', { class: 'json', tabindex: '0', 'aria-label': `HTML of the ${what}` }, m.html))
      : null)
}

async function loadOutbox (_v, { focus = false } = {}) {
  ensureMarkup()
  showPage('outbox', { focus })
  const seq = ++state.seq
  try {
    const messages = (await api(`/partner/outbox?limit=${LIMIT}`)).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('outbox-error', '')
    const list = $('outbox-list')
    keepFocus(list, () => list.replaceChildren(...messages.map(messageItem)))
    $('outbox-empty').hidden = messages.length > 0
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    $('outbox-list').replaceChildren()
    $('outbox-empty').hidden = true
    showAlert('outbox-error', err.status === 403 ? 'The outbox is read with the team\'s API key; this key is a reviewer\'s.' : err.message)
  }
}

registerPage({
  name: 'outbox',
  title: 'Outbox',
  menu: 'Outbox',
  load: loadOutbox,
  wire () {
    ensureMarkup()
    $('outbox-refresh').addEventListener('click', () => { void loadOutbox(null) })
  },
  reset () {
    if ($('outbox-list')) $('outbox-list').replaceChildren()
  }
})
