// The queue: sessions by status (tabs with counts), search and date filters, sort, pages (the
// API's cursor), a CSV export of the whole filtered list. On a server without search (no
// /partner/me) the console filters text and dates itself over the latest sessions.
import { api } from '../api.js'
import { sessionsCsv } from '../csv.js'
import { schedulePoll } from '../poll.js'
import { go, readUrl, registerPage, showPage, urlFor } from '../router.js'
import { renderIdentity } from '../sign-in.js'
import { state } from '../state.js'
import { $, announce, applicantName, badge, dueBadge, h, keepFocus, label, showAlert, when } from '../ui.js'
import { isStatusCode, SESSION_STATUSES } from '../../shared/status.js'

const PAGE_SIZE = 20
const EXPORT_PAGE_SIZE = 100 // the API's maximum
const EXPORT_MAX_PAGES = 50
const LEGACY_SCAN_PAGES = 5 // without server-side search, text and dates filter the latest 500 sessions
const SORTS = ['createdAt:desc', 'createdAt:asc', 'updatedAt:desc', 'status:asc', 'dueAt:asc']
const TAG = /^[a-z0-9-]{1,32}$/
export const QUEUE_DEFAULTS = { status: 'REVIEWING', sort: 'createdAt:desc', page: 1 }
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The queue's fields of the address (the session page keeps them, for its way back). */
export function readQueueParams (p) {
  const status = p.get('status')
  const sort = p.get('sort')
  const page = Number.parseInt(p.get('page') || '1', 10)
  return {
    // A status the console has no words for yet (a newer server's) is still a tab of its own.
    status: status === 'all' || isStatusCode(status) ? status : QUEUE_DEFAULTS.status,
    q: p.get('q') || '',
    applicant: p.get('applicant') || '',
    from: DAY.test(p.get('from') || '') ? p.get('from') : '',
    to: DAY.test(p.get('to') || '') ? p.get('to') : '',
    sort: SORTS.includes(sort) ? sort : QUEUE_DEFAULTS.sort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    after: p.get('after') || '',
    tag: TAG.test(p.get('tag') || '') ? p.get('tag') : '',
    overdue: p.get('overdue') === '1'
  }
}

export function writeQueueParams (v, p) {
  if (v.status !== QUEUE_DEFAULTS.status) p.set('status', v.status)
  if (v.q) p.set('q', v.q)
  if (v.applicant) p.set('applicant', v.applicant)
  if (v.from) p.set('from', v.from)
  if (v.to) p.set('to', v.to)
  if (v.sort !== QUEUE_DEFAULTS.sort) p.set('sort', v.sort)
  if (v.page > 1) p.set('page', String(v.page))
  if (v.after) p.set('after', v.after)
  if (v.tag) p.set('tag', v.tag)
  if (v.overdue) p.set('overdue', '1')
}

function isoDay (day, plusDays = 0) {
  const d = new Date(`${day}T00:00:00`)
  d.setDate(d.getDate() + plusDays)
  return d.toISOString()
}

function listParams (v, { limit, offset = 0, after = '', counts = false, facts = false, status = v.status }) {
  const p = new URLSearchParams()
  if (status !== 'all') p.set('status', status)
  const [sortBy, sortOrder] = v.sort.split(':')
  p.set('sortBy', sortBy)
  p.set('sortOrder', sortOrder)
  p.set('limit', String(limit))
  if (state.modern) {
    if (v.q) p.set('q', v.q)
    if (v.applicant) p.set('applicantId', v.applicant)
    // The API's bounds are exclusive: from the first millisecond of the first day to the end of the last.
    if (v.from) p.set('createdAfter', new Date(Date.parse(isoDay(v.from)) - 1).toISOString())
    if (v.to) p.set('createdBefore', isoDay(v.to, 1))
    if (after) p.set('startingAfter', after)
    else if (offset) p.set('offset', String(offset))
    if (counts) p.set('counts', 'true')
    if (facts) p.set('include', 'facts')
    if (v.tag) p.set('tag', v.tag)
    if (v.overdue) p.set('overdue', 'true')
  } else if (offset) {
    p.set('offset', String(offset))
  }
  return p
}

const fetchList = async (params) => await api(`/partner/reviewer/sessions?${params}`)

/** What a server without search does not filter: text (a name or email prefix), the applicantId and dates. */
function locallyMatches (v, s) {
  const q = v.q.trim().toLowerCase()
  if (q) {
    const fields = [s.applicantFirstName, s.applicantLastName, s.applicantEmail].map((f) => (f || '').toLowerCase())
    if (!fields.some((f) => f.startsWith(q))) return false
  }
  if (v.applicant && s.applicantId !== v.applicant) return false
  const created = Date.parse(s.createdAt)
  if (v.from && created < Date.parse(isoDay(v.from))) return false
  if (v.to && created >= Date.parse(isoDay(v.to, 1))) return false
  return true
}

const needsLocalFilter = (v) => !state.modern && Boolean(v.q.trim() || v.applicant || v.from || v.to)

/** Sessions of an older server, filtered here: its latest LEGACY_SCAN_PAGES pages. */
async function scanLegacy (v, pages = LEGACY_SCAN_PAGES) {
  const found = []
  for (let page = 0; page < pages; page++) {
    const answer = await fetchList(listParams(v, { limit: EXPORT_PAGE_SIZE, offset: page * EXPORT_PAGE_SIZE }))
    found.push(...answer.data.filter((s) => locallyMatches(v, s)))
    if ((page + 1) * EXPORT_PAGE_SIZE >= answer.total) return { rows: found, complete: true }
  }
  return { rows: found, complete: false }
}

/** One page of the queue as the view asks: rows, total, whether more follow, counts if known. */
async function queuePage (v) {
  if (state.modern) {
    const answer = await fetchList(listParams(v, { limit: PAGE_SIZE, after: v.after, offset: v.after ? 0 : (v.page - 1) * PAGE_SIZE, counts: true }))
    // totalExact false: the search or dates matched more than the server counts; total is a lower bound.
    return { rows: answer.data, total: answer.total, exact: answer.totalExact !== false, hasMore: Boolean(answer.hasMore), counts: answer.counts || null, note: '' }
  }
  if (needsLocalFilter(v)) {
    const { rows, complete } = await scanLegacy(v)
    const start = (v.page - 1) * PAGE_SIZE
    const note = 'This server filters by status only: search and dates were applied in the console to ' +
      (complete ? 'all of its sessions.' : `its latest ${LEGACY_SCAN_PAGES * EXPORT_PAGE_SIZE} sessions.`)
    return { rows: rows.slice(start, start + PAGE_SIZE), total: rows.length, hasMore: start + PAGE_SIZE < rows.length, counts: null, note }
  }
  const offset = (v.page - 1) * PAGE_SIZE
  const answer = await fetchList(listParams(v, { limit: PAGE_SIZE, offset }))
  return { rows: answer.data, total: answer.total, hasMore: offset + answer.data.length < answer.total, counts: null, note: '' }
}

function fillFilters (v) {
  $('filter-q').value = v.q
  $('filter-applicant').value = v.applicant
  $('filter-from').value = v.from
  $('filter-to').value = v.to
  $('filter-sort').value = v.sort
  $('filter-tag').value = v.tag
  $('filter-overdue').checked = v.overdue
}

async function loadQueue (v, { focus = false, quiet = false } = {}) {
  if (!quiet) {
    showPage('queue', { focus })
    fillFilters(v)
    renderTabs(v, null)
  }
  const seq = ++state.seq
  try {
    const page = await queuePage(v)
    if (seq !== state.seq || !state.signedIn) return
    showAlert('queue-error', '')
    renderQueue(v, page, { quiet })
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    showAlert('queue-error', err.message)
  }
  schedulePoll(() => { void loadQueue(readUrl(), { quiet: true }) })
}

/** The tabs: the statuses the console knows, any other the API counts (a newer server's), the one asked for, and all. */
function tabsOf (v, counts) {
  const statuses = [...SESSION_STATUSES]
  for (const status of Object.keys(counts || {})) if (!statuses.includes(status)) statuses.push(status)
  if (v.status !== 'all' && !statuses.includes(v.status)) statuses.push(v.status)
  return [...statuses, 'all']
}

function renderTabs (v, counts, exact = true) {
  $('status-tabs').replaceChildren(...tabsOf(v, counts).map((status) => {
    let count = null
    if (counts) count = status === 'all' ? Object.values(counts).reduce((a, b) => a + Number(b || 0), 0) : Number(counts[status] || 0)
    return h('li', {},
      h('a', {
        class: 'tab',
        href: urlFor({ ...v, view: 'queue', status, page: 1, after: '', session: '' }),
        'data-nav': true,
        'data-key': `tab-${status}`,
        'aria-current': v.status === status ? 'page' : null
      }, status === 'all' ? 'All' : label(status), count === null ? null : h('span', { class: 'tab-count' }, ` (${count.toLocaleString('en')}${exact ? '' : '+'})`)))
  }))
}

function renderQueue (v, page, { quiet }) {
  state.rows = page.rows
  for (const s of page.rows) if (state.teamId === null && s.teamId !== undefined) state.teamId = s.teamId
  if (!state.me) renderIdentity()
  const signature = JSON.stringify([v, page])
  if (quiet && signature === state.listSignature) return
  state.listSignature = signature
  keepFocus($('status-tabs'), () => renderTabs(v, page.counts, page.exact !== false))
  keepFocus($('session-list'), () => {
    $('session-list').replaceChildren(...page.rows.map((s) => sessionItem(v, s)))
  })
  $('list-empty').hidden = page.rows.length > 0
  $('filter-note').textContent = page.note
  $('filter-note').hidden = !page.note
  const first = page.rows.length ? (v.page - 1) * PAGE_SIZE + 1 : 0
  const last = first ? first + page.rows.length - 1 : 0
  const what = v.status === 'all' ? 'sessions' : `${label(v.status).toLowerCase()} sessions`
  const total = `${page.total.toLocaleString('en')}${page.exact === false ? '+' : ''}`
  $('list-summary').textContent = page.rows.length ? `${first}–${last} of ${total} ${what}` : `0 ${what}`
  $('page-label').textContent = `Page ${v.page}`
  $('page-prev').disabled = v.page <= 1
  $('page-next').disabled = !page.hasMore
  $('export-csv').disabled = page.total === 0
  if (quiet) announce(`Queue updated: ${$('list-summary').textContent}.`)
}

function sessionItem (v, s) {
  const meta = [s.applicantEmail, s.applicantId ? `ID ${s.applicantId}` : null, `#${s.id}`, `created ${when(s.createdAt)}`,
    s.dueAt && s.status === 'REVIEWING' ? `review due ${when(s.dueAt)}` : null]
  const tags = s.tags || []
  return h('li', {},
    h('a', { class: 'session-link', href: urlFor({ ...v, view: 'session', session: String(s.id) }), 'data-nav': true, 'data-key': `session-${s.id}` },
      h('span', { class: 'session-name' }, applicantName(s)),
      h('span', { class: 'session-badges' }, badge(s.status), dueBadge(s)),
      h('span', { class: 'session-meta' }, meta.filter(Boolean).join(' · '), s.livemode === false ? ' · test' : ''),
      tags.length ? h('span', { class: 'session-tags' }, ...tags.map((t) => h('span', { class: 'chip' }, t))) : null))
}

// ---------------------------------------------------------------- export

async function exportCsv () {
  const button = $('export-csv')
  button.disabled = true
  announce('Preparing the export…')
  try {
    const v = readUrl()
    let rows = []
    let note = ''
    if (state.modern) {
      let after = ''
      for (let page = 0; page < EXPORT_MAX_PAGES; page++) {
        const answer = await fetchList(listParams(v, { limit: EXPORT_PAGE_SIZE, after, facts: true }))
        rows.push(...answer.data)
        if (!answer.hasMore || !answer.data.length) break
        after = String(answer.data[answer.data.length - 1].id)
      }
    } else {
      rows = (await scanLegacy(v, EXPORT_MAX_PAGES)).rows
      note = ' This server does not list facts, so the file has none.'
    }
    download(sessionsCsv(rows), `sessions-${v.status.toLowerCase()}-${new Date().toISOString().slice(0, 10)}.csv`)
    announce(`Exported ${rows.length} sessions.${note}`)
  } catch (err) {
    showAlert('queue-error', `The export failed: ${err.message}`)
  } finally {
    button.disabled = false
  }
}

function download (text, filename) {
  // A byte-order mark, so spreadsheets read the file as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }))
  const a = h('a', { href: url, download: filename, hidden: true })
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
}

// ---------------------------------------------------------------- wiring

function onFilters (event) {
  event.preventDefault()
  go({
    view: 'queue',
    session: '',
    q: $('filter-q').value.trim(),
    applicant: $('filter-applicant').value.trim(),
    from: $('filter-from').value,
    to: $('filter-to').value,
    sort: $('filter-sort').value,
    tag: $('filter-tag').value.trim().toLowerCase(),
    overdue: $('filter-overdue').checked,
    page: 1,
    after: ''
  })
}

function nextPage () {
  const v = readUrl()
  const last = state.rows[state.rows.length - 1]
  if (!last) return
  go({ page: v.page + 1, after: state.modern ? String(last.id) : '' }, { historyState: { paged: true } })
}

function previousPage () {
  const v = readUrl()
  // A cursor page knows only what follows it: the way back is the history entry it came from,
  // or, on a page opened from a saved address, the first page.
  if (history.state && history.state.paged) history.back()
  else go({ page: state.modern ? 1 : Math.max(1, v.page - 1), after: '' })
}

registerPage({
  name: 'queue',
  title: 'Sessions',
  menu: 'Queue',
  read: readQueueParams,
  write: writeQueueParams,
  load: loadQueue,
  reset: () => $('session-list').replaceChildren(),
  wire () {
    $('filters').addEventListener('submit', onFilters)
    $('filters-clear').addEventListener('click', () => go({ view: 'queue', session: '', q: '', applicant: '', from: '', to: '', tag: '', overdue: false, sort: QUEUE_DEFAULTS.sort, page: 1, after: '' }))
    $('refresh').addEventListener('click', () => { void loadQueue(readUrl(), { quiet: true }) })
    $('export-csv').addEventListener('click', () => { void exportCsv() })
    $('page-next').addEventListener('click', nextPage)
    $('page-prev').addEventListener('click', previousPage)
  }
})
