// A session's notes (reviewers' remarks, oldest first) and tags, on the session page: shown, and,
// for a key that may decide, added to (POST /partner/reviewer/sessions/:id/notes) and edited
// (PUT /partner/session/:id/tags). The text of a note goes in as text, never as markup.
import { api } from './api.js'
import { can } from './state.js'
import { $, announce, h, showAlert, timeEl } from './ui.js'

/** Tags as typed: separated by spaces or commas, lower-cased, each once. */
export function parseTags (text) {
  return [...new Set(text.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter(Boolean))]
}

const TAG = /^[a-z0-9-]{1,32}$/

export function renderAnnotations (d) {
  // A server without notes and tags (before issue 21) answers neither field.
  const known = 'tags' in d
  $('tags-card').hidden = !known
  $('notes-card').hidden = !known
  if (!known) return
  const editable = can('decide') && !d.redactedAt
  const tags = d.tags || []
  $('tags').replaceChildren(...(tags.length ? tags.map((t) => h('li', { class: 'chip' }, t)) : [h('li', { class: 'muted small' }, 'No tags.')]))
  $('tags-form').hidden = !can('decide')
  if (document.activeElement !== $('tags-input')) $('tags-input').value = tags.join(' ')

  const notes = d.notes || []
  $('notes').replaceChildren(...(notes.length
    ? notes.map((n) => h('li', { class: 'note' },
      h('div', { class: 'row small muted' }, h('strong', {}, n.author), timeEl(n.createdAt)),
      n.body === null ? h('p', { class: 'muted' }, 'Redacted.') : h('p', { class: 'prewrap' }, n.body)))
    : [h('li', { class: 'muted' }, 'No notes yet.')]))
  $('note-form').hidden = !editable
}

/** `session()` is the open session; `reload()` reads it again after a change. */
export function wireAnnotations (session, reload) {
  $('note-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const d = session()
    const body = $('note-body').value.trim()
    if (!d) return
    if (!body) {
      showAlert('note-error', 'Write the note first.')
      $('note-body').focus()
      return
    }
    $('note-add').disabled = true
    try {
      await api(`/partner/reviewer/sessions/${d.id}/notes`, { method: 'POST', body: { body } })
      $('note-body').value = ''
      showAlert('note-error', '')
      announce('Note added.')
      reload()
    } catch (err) {
      showAlert('note-error', err.status === 403 ? 'This API key may not do this.' : err.message)
    } finally {
      $('note-add').disabled = false
    }
  })
  $('tags-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const d = session()
    if (!d) return
    const tags = parseTags($('tags-input').value)
    const bad = tags.filter((t) => !TAG.test(t))
    if (bad.length || tags.length > 10) {
      showAlert('tags-error', bad.length
        ? `Tags are 1 to 32 letters a-z, digits or hyphens: ${bad.join(', ')} is not.`
        : 'A session can have at most 10 tags.')
      $('tags-input').focus()
      return
    }
    $('tags-save').disabled = true
    try {
      await api(`/partner/session/${d.id}/tags`, { method: 'PUT', body: { tags } })
      showAlert('tags-error', '')
      announce(tags.length ? `Tags saved: ${tags.join(', ')}.` : 'Tags removed.')
      $('tags-input').blur()
      reload()
    } catch (err) {
      showAlert('tags-error', err.status === 403 ? 'This API key may not do this.' : err.message)
    } finally {
      $('tags-save').disabled = false
    }
  })
}
