// Small pieces of the console's views: status badges, dates, names, focus keeping, the view switch.
import { $, h } from '../shared/dom.js'
import { statusLabel } from '../shared/status.js'

export { $, announce, fill, h, showAlert } from '../shared/dom.js'
export { statusLabel as label } from '../shared/status.js'

/** A status badge; a status the console has no words for reads as its name, in the neutral colour. */
export const badge = (status, text = statusLabel(status)) => h('span', { class: `badge s-${status}` }, text)

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
export function when (iso) {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? String(iso) : dateTime.format(d)
}
export const timeEl = (iso) => (iso ? h('time', { datetime: iso }, when(iso)) : '—')

/** A REVIEWING session's due date as a badge: overdue once passed, due within the next day; else nothing. */
export function dueBadge (s, nowMs = Date.now()) {
  if (!s.dueAt || s.status !== 'REVIEWING') return null
  const due = Date.parse(s.dueAt)
  if (Number.isNaN(due)) return null
  if (due <= nowMs) return h('span', { class: 'badge s-overdue', title: `Was due ${when(s.dueAt)}` }, 'Overdue')
  if (due - nowMs <= 24 * 3600 * 1000) return h('span', { class: 'badge s-due', title: `Due ${when(s.dueAt)}` }, `Due ${when(s.dueAt)}`)
  return null
}

export function applicantName (s) {
  const name = [s.applicantFirstName, s.applicantLastName].filter(Boolean).join(' ')
  if (name) return name
  return s.redactedAt ? 'Redacted applicant' : 'Unnamed applicant'
}

export const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value))

/** Re-renders `container` keeping the focus on the same item (by data-key) if it had it. */
export function keepFocus (container, render) {
  const active = document.activeElement
  const key = active && container.contains(active) ? active.getAttribute('data-key') : null
  render()
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`)
    if (again) again.focus()
  }
}

/** Shows the section `view-<name>` alone; with focus, its heading takes it (screen readers hear it). */
export function showView (name, { title, nav = null, focus = false } = {}) {
  for (const view of document.querySelectorAll('main > .view')) view.hidden = view.id !== `view-${name}`
  for (const link of document.querySelectorAll('#main-nav a')) {
    if (nav && link.getAttribute('data-page') === nav) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
  document.title = `${title} · Reviewer console`
  if (focus) $(`view-${name}`).querySelector('h1').focus()
}
