// The decision dialog (#decision-dialog): approve, reject or ask the applicant for more, with the
// team's decision reasons (GET /partner/settings/decision-reasons). A reject and a request for more
// need at least one reason; a request for more needs a message (shown on the applicant's page) and
// may name the sources to prove (again). The API's refusal shows in the dialog; 409 reloads the view.
import { api } from './api.js'
import { stopPoll } from './poll.js'
import { state } from './state.js'
import { $, h, showAlert } from './ui.js'

const KIND = { APPROVE: 'approve', REJECT: 'reject', REQUEST_MORE: 'more' }

const TEXT = {
  APPROVE: {
    title: 'Approve this session?',
    text: (name) => `${name}'s verification will be approved and the session marked Completed.`,
    reasons: 'Reasons (optional)',
    note: 'Note (optional)',
    confirm: 'Approve'
  },
  REJECT: {
    title: 'Reject this session?',
    text: (name) => `${name}'s verification will be rejected and the session marked Rejected. Choose the reasons: they are kept with the decision (an adverse-action notice needs them).`,
    reasons: 'Reasons for rejecting (at least one)',
    note: 'Note (optional, kept with the decision)',
    confirm: 'Reject'
  },
  REQUEST_MORE: {
    title: 'Ask the applicant for more?',
    text: (name) => `The session goes back to Processing and ${name}'s verification page shows your message. More can be asked for at most 3 times.`,
    reasons: 'Why (at least one)',
    note: null,
    confirm: 'Ask for more'
  }
}

/** The team's reasons, read once per signed-in key; [] from a server that has none (no reasons asked). */
let cached = { key: null, reasons: null }
export async function teamReasons () {
  if (cached.key === state.key && cached.reasons) return cached.reasons
  let reasons = []
  try {
    reasons = (await api('/partner/settings/decision-reasons')).data || []
  } catch (err) {
    if (err.status !== 404) throw err
  }
  cached = { key: state.key, reasons }
  return reasons
}

let current = null

/** A checkbox per item, in a fieldset's container; `name` groups them. */
function checks (container, name, items) {
  container.replaceChildren(...items.map((item, i) => {
    const id = `${name}-${i}`
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, value: String(item.value), 'data-key': id }),
      h('label', { for: id }, item.label))
  }))
}

const checked = (container) => [...container.querySelectorAll('input[type="checkbox"]')].filter((c) => c.checked).map((c) => c.value)

/**
 * Opens the dialog for `decision` on session `d`. `done(session, message)` runs after the API
 * accepted it; `conflict()` after a 409; `closed()` when the dialog closes either way.
 */
export async function openDecision ({ d, decision, name, done, conflict = () => {}, closed = () => {} }) {
  const text = TEXT[decision]
  const all = await teamReasons()
  const own = all.filter((r) => r.kind === KIND[decision])
  // A request for more also takes reject reasons (the API accepts them): offered when the team has no more reason.
  const reasons = own.length === 0 && decision === 'REQUEST_MORE' ? all.filter((r) => r.kind === 'reject') : own
  current = { d, decision, done, conflict, closed, needsReason: decision !== 'APPROVE' && reasons.length > 0 }
  $('decision-title').textContent = text.title
  $('decision-text').textContent = text.text(name)
  $('decision-reasons-field').hidden = reasons.length === 0
  $('decision-reasons-legend').textContent = text.reasons
  checks($('decision-reasons'), 'decision-reason', reasons.map((r) => ({ value: r.code, label: r.label })))
  const more = decision === 'REQUEST_MORE'
  $('decision-message-field').hidden = !more
  $('decision-message').value = ''
  $('decision-sources-field').hidden = !more
  if (more) {
    // The sources the session has steps of (a new proof) and those it allows but has none of (a new step).
    const seen = new Map()
    for (const s of d.steps || []) if (s.source) seen.set(s.source.id, `${s.source.name} (a new proof)`)
    for (const s of d.allowedSources || []) if (!seen.has(s.id)) seen.set(s.id, `${s.name} (a new source)`)
    checks($('decision-sources'), 'decision-source', [...seen].map(([value, label]) => ({ value, label })))
  }
  $('decision-note-field').hidden = !text.note
  $('decision-note-label').textContent = text.note || ''
  $('decision-note').value = ''
  $('decision-ok').textContent = text.confirm
  $('decision-ok').className = `button ${decision === 'REJECT' ? 'danger' : 'primary'}`
  $('decision-ok').disabled = false
  showAlert('decision-error', '')
  stopPoll() // nothing re-renders under an open dialog
  $('decision-dialog').showModal()
  const first = $('decision-dialog').querySelector('#decision-reasons input') || (more ? $('decision-message') : $('decision-note'))
  first.focus()
}

function bodyOf () {
  const { decision } = current
  const body = { decision }
  const reasons = checked($('decision-reasons'))
  if (reasons.length) body.reasons = reasons
  if (decision === 'REQUEST_MORE') {
    body.message = $('decision-message').value.trim()
    const sourceIds = checked($('decision-sources')).map(Number)
    if (sourceIds.length) body.sourceIds = sourceIds
  } else {
    const note = $('decision-note').value.trim()
    if (note) body.note = note
  }
  return body
}

/** What must be filled before the call: said in the dialog, and the field takes the focus. */
function missing (body) {
  if (current.needsReason && !body.reasons) return { message: 'Choose at least one reason.', focus: $('decision-dialog').querySelector('#decision-reasons input') }
  if (body.decision === 'REQUEST_MORE' && !body.message) return { message: 'Write what the applicant should do.', focus: $('decision-message') }
  return null
}

const DONE = {
  APPROVE: 'Approved: the session is now Completed.',
  REJECT: 'Rejected: the session is now Rejected.',
  REQUEST_MORE: 'Asked for more: the session is back in Processing until the applicant has done it.'
}

async function confirmDecision () {
  if (!current) return
  const body = bodyOf()
  const lacking = missing(body)
  if (lacking) {
    showAlert('decision-error', lacking.message)
    lacking.focus.focus()
    return
  }
  const ok = $('decision-ok')
  ok.disabled = true
  const { d, decision, done, conflict } = current
  try {
    const res = await api(`/partner/reviewer/sessions/${d.id}/decision`, { method: 'POST', body })
    current = null
    $('decision-dialog').close()
    done(res.data, DONE[decision])
  } catch (err) {
    if (!state.signedIn) return
    let message = err.message
    if (err.status === 409) message = `${err.message} The session has changed; it is shown as it is now.`
    if (err.status === 403) message = 'This API key may not do this.'
    showAlert('decision-error', message)
    ok.disabled = false
    if (err.status === 409) conflict()
  }
}

export function wireDecision () {
  $('decision-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void confirmDecision()
  })
  $('decision-cancel').addEventListener('click', () => $('decision-dialog').close())
  // A choice made after "Choose at least one reason." clears the message.
  $('decision-reasons').addEventListener('change', () => showAlert('decision-error', ''))
  $('decision-dialog').addEventListener('close', () => {
    const closed = current ? current.closed : null
    current = null
    if (state.signedIn && closed) closed()
  })
}
