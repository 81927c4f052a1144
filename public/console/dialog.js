// The one confirmation dialog (#confirm-dialog): a title, a text, an optional note, and the call
// it confirms. The call's refusal shows in the dialog; 409 (the session changed) reloads the view.
import { stopPoll } from './poll.js'
import { state } from './state.js'
import { $, showAlert } from './ui.js'

let onConflict = () => {}
let onClose = () => {}

/**
 * Opens the dialog. `run(note)` does the work; it resolves to close the dialog, or throws an
 * ApiError shown in it. `conflict` runs after a 409 (the view reloads what changed).
 */
export function openDialog ({ title, text, noteLabel = null, noteMax = 2000, confirmLabel, danger = false, run, conflict = () => {}, closed = () => {} }) {
  const dialog = $('confirm-dialog')
  $('confirm-title').textContent = title
  $('confirm-text').textContent = text
  $('confirm-note-field').hidden = !noteLabel
  $('confirm-note-label').textContent = noteLabel || ''
  $('confirm-note').value = ''
  $('confirm-note').maxLength = noteMax
  $('confirm-ok').textContent = confirmLabel
  $('confirm-ok').className = `button ${danger ? 'danger' : 'primary'}`
  $('confirm-ok').disabled = false
  showAlert('confirm-error', '')
  state.dialogRun = run
  onConflict = conflict
  onClose = closed
  stopPoll() // nothing re-renders under an open dialog
  dialog.showModal()
  ;(noteLabel ? $('confirm-note') : $('confirm-ok')).focus()
}

async function confirmDialog () {
  const run = state.dialogRun
  if (!run) return
  const ok = $('confirm-ok')
  ok.disabled = true
  try {
    await run($('confirm-note').value.trim())
    state.dialogRun = null
    $('confirm-dialog').close()
  } catch (err) {
    if (!state.signedIn) return
    let message = err.message
    if (err.status === 409) message = `${err.message} The session has changed; it is shown as it is now.`
    if (err.status === 403) message = 'This API key may not do this.'
    showAlert('confirm-error', message)
    ok.disabled = false
    if (err.status === 409) onConflict()
  }
}

export function wireDialog () {
  $('confirm-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void confirmDialog()
  })
  $('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close())
  $('confirm-dialog').addEventListener('close', () => {
    state.dialogRun = null
    if (state.signedIn) onClose()
  })
}
