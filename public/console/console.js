// The reviewer console. A plain ES module with no build step: it calls the public Partner API with
// the API key the reviewer typed (kept in sessionStorage, sent as x-api-key, never in a URL, cookie
// or log), and never writes markup from API data (textContent only), so the strict CSP holds.
// The view's state (tab, filters, page, open session) lives in the URL, so reload and Back work.
//
// Servers before the partner lifecycle API (no /partner/me) still work: the console then sends
// only the list parameters they know, filters by text and date on the page itself, and hides
// the actions they lack (resend, cancel, redact, redeliver).

import { sessionsCsv } from './csv.js'

const KEY_STORAGE = 'partner-api:console:key'
const POLL_MS = 25000 // one list (or session) request per open, visible tab: well under any key's rate limit
const PAGE_SIZE = 20
const EXPORT_PAGE_SIZE = 100 // the API's maximum
const EXPORT_MAX_PAGES = 50
const LEGACY_SCAN_PAGES = 5 // without server-side search, text and dates filter the latest 500 sessions

const STATUSES = ['REVIEWING', 'PENDING', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
const OPEN_STATUSES = ['PENDING', 'PROCESSING', 'REVIEWING']
const FINAL_STATUSES = ['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED']
const LABELS = {
  all: 'All',
  PENDING: 'Pending',
  PROCESSING: 'Processing',
  REVIEWING: 'Reviewing',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
  EXPIRED: 'Expired',
  INITIATED: 'Initiated',
  IN_PROGRESS: 'In progress',
  VERIFIED: 'Verified',
  DELIVERED: 'Delivered'
}
const SORTS = ['createdAt:desc', 'createdAt:asc', 'updatedAt:desc', 'status:asc']
const DEFAULT_VIEW = { status: 'REVIEWING', sort: 'createdAt:desc', page: 1 }

const state = {
  key: '',
  signedIn: false,
  me: null, // GET /partner/me's data; null on a server without it
  modern: false, // the server has the lifecycle API (it answered /partner/me)
  teamId: null, // seen in sessions, for servers without /partner/me
  rows: [],
  detail: null,
  detailSignature: '',
  listSignature: '',
  seq: 0,
  poll: { timer: 0, fn: null, due: false },
  dialogRun: null,
  deliveries: []
}

const $ = (id) => document.getElementById(id)
const label = (status) => LABELS[status] || status

// ---------------------------------------------------------------- DOM helpers

function h (tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (name === 'class') el.className = value
    else if (name === 'text') el.textContent = value
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value)
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child))
  }
  return el
}

/** replaceChildren, skipping the nulls of conditional children (the DOM would print them as "null"). */
function fill (el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false))
}

const badge = (status, text = label(status)) => h('span', { class: `badge s-${status}` }, text)

function announce (text) {
  const el = $('announcer')
  el.textContent = ''
  // A change after a tick is what screen readers notice, even for the same text twice.
  setTimeout(() => { el.textContent = text }, 50)
}

function showAlert (id, text) {
  const el = $(id)
  el.textContent = text || ''
  el.hidden = !text
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
function when (iso) {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? String(iso) : dateTime.format(d)
}
const timeEl = (iso) => (iso ? h('time', { datetime: iso }, when(iso)) : '—')

function applicantName (s) {
  const name = [s.applicantFirstName, s.applicantLastName].filter(Boolean).join(' ')
  if (name) return name
  return s.redactedAt ? 'Redacted applicant' : 'Unnamed applicant'
}

/** Why a session ended, when its status does not say it already (approved, rejected). */
function statusReason (s) {
  const reason = s.statusReason
  if (!reason || (s.status === 'COMPLETED' && reason === 'approved') || (s.status === 'REJECTED' && reason === 'rejected')) return ''
  return reason.replace(/_/g, ' ')
}

const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value))

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor (status, body) {
    super(body && typeof body.message === 'string' ? body.message : `Request failed (${status || 'network'})`)
    this.status = status
    this.code = body && body.code
  }
}

// crypto.randomUUID needs a secure context; a console served over plain http on a LAN has none.
function idempotencyKey () {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

async function api (path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json', 'x-api-key': state.key }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey()
  let res
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer'
    })
  } catch {
    throw new ApiError(0, { message: 'The service could not be reached. Check your connection and try again.' })
  }
  const data = await res.json().catch(() => null)
  if (!res.ok) {
    const err = new ApiError(res.status, data)
    if (res.status === 401 && state.signedIn) keyRefused()
    if (res.status === 429) err.message = 'Too many requests for this API key. Wait a minute and try again.'
    throw err
  }
  return data
}

const can = (permission) => {
  if (state.me) return Boolean(state.me.permissions && state.me.permissions[permission])
  // Before /partner/me: decisions exist for every key; webhooks answer a reviewer's key with 403.
  return permission === 'decide' || permission === 'webhooks'
}

// ---------------------------------------------------------------- sign-in

const KEY_REFUSED = 'This API key was not accepted: it is wrong, or it has been revoked. Check it and try again.'

async function signIn (key) {
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

function signOut (message = '') {
  sessionStorage.removeItem(KEY_STORAGE)
  Object.assign(state, { key: '', signedIn: false, me: null, modern: false, teamId: null, rows: [], detail: null, detailSignature: '', listSignature: '', deliveries: [] })
  stopPoll()
  if ($('confirm-dialog').open) $('confirm-dialog').close()
  $('session-list').replaceChildren()
  renderIdentity()
  showView('signin')
  $('api-key').value = ''
  showAlert('signin-error', message)
  $('api-key').focus()
}

function keyRefused () {
  signOut('Your API key is no longer accepted (it may have been revoked). Sign in again with a valid key.')
}

function renderIdentity () {
  const who = $('whoami')
  $('main-nav').hidden = !state.signedIn
  $('sign-out').hidden = !state.signedIn
  who.hidden = !state.signedIn
  $('test-banner').hidden = !(state.signedIn && state.me && state.me.livemode === false)
  if (!state.signedIn) return
  const me = state.me
  const parts = []
  if (me) {
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

// ---------------------------------------------------------------- the URL

function readUrl () {
  const p = new URLSearchParams(location.search)
  const status = p.get('status')
  const sort = p.get('sort')
  const page = Number.parseInt(p.get('page') || '1', 10)
  return {
    view: p.get('session') ? 'session' : p.get('view') === 'webhooks' ? 'webhooks' : 'queue',
    session: p.get('session') || '',
    status: status === 'all' || STATUSES.includes(status) ? status : DEFAULT_VIEW.status,
    q: p.get('q') || '',
    applicant: p.get('applicant') || '',
    from: /^\d{4}-\d{2}-\d{2}$/.test(p.get('from') || '') ? p.get('from') : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(p.get('to') || '') ? p.get('to') : '',
    sort: SORTS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    after: p.get('after') || '',
    webhook: p.get('webhook') || ''
  }
}

/** The console's address for a view: only what differs from the defaults, never a secret. */
function urlFor (v) {
  const p = new URLSearchParams()
  if (v.view === 'webhooks') {
    p.set('view', 'webhooks')
    if (v.webhook) p.set('webhook', v.webhook)
  } else {
    if (v.status !== DEFAULT_VIEW.status) p.set('status', v.status)
    if (v.q) p.set('q', v.q)
    if (v.applicant) p.set('applicant', v.applicant)
    if (v.from) p.set('from', v.from)
    if (v.to) p.set('to', v.to)
    if (v.sort !== DEFAULT_VIEW.sort) p.set('sort', v.sort)
    if (v.page > 1) p.set('page', String(v.page))
    if (v.after) p.set('after', v.after)
    if (v.view === 'session' && v.session) p.set('session', v.session)
  }
  const qs = p.toString()
  return '/console' + (qs ? `?${qs}` : '')
}

function go (changes, { replace = false, historyState = null } = {}) {
  const v = { ...readUrl(), ...changes }
  history[replace ? 'replaceState' : 'pushState'](historyState, '', urlFor(v))
  route({ focus: true })
}

function route ({ focus = false } = {}) {
  stopPoll()
  if (!state.signedIn) {
    showView('signin')
    return
  }
  const v = readUrl()
  if (v.view === 'session') void loadSession(v, { focus })
  else if (v.view === 'webhooks') void loadWebhooks(v, { focus })
  else void loadQueue(v, { focus })
}

const VIEW_TITLES = { loading: 'Reviewer console', signin: 'Sign in', queue: 'Sessions', session: 'Session', webhooks: 'Webhooks' }

function showView (name, { focus = false } = {}) {
  for (const view of ['loading', 'signin', 'queue', 'session', 'webhooks']) $(`view-${view}`).hidden = view !== name
  const nav = name === 'webhooks' ? 'nav-webhooks' : 'nav-queue'
  for (const id of ['nav-queue', 'nav-webhooks']) {
    if (id === nav && name !== 'signin') $(id).setAttribute('aria-current', 'page')
    else $(id).removeAttribute('aria-current')
  }
  document.title = `${VIEW_TITLES[name]} · Reviewer console`
  if (focus) $(`view-${name}`).querySelector('h1').focus()
}

// ---------------------------------------------------------------- polling

function schedulePoll (fn) {
  clearTimeout(state.poll.timer)
  state.poll.fn = fn
  state.poll.due = false
  state.poll.timer = setTimeout(() => {
    // A hidden tab asks nothing; it catches up once when shown again.
    if (document.hidden) state.poll.due = true
    else fn()
  }, POLL_MS)
}

function stopPoll () {
  clearTimeout(state.poll.timer)
  state.poll.fn = null
  state.poll.due = false
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.poll.due && state.poll.fn) {
    state.poll.due = false
    state.poll.fn()
  }
})

/** Re-renders `container` keeping the focus on the same item (by data-key) if it had it. */
function keepFocus (container, render) {
  const active = document.activeElement
  const key = active && container.contains(active) ? active.getAttribute('data-key') : null
  render()
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`)
    if (again) again.focus()
  }
}

// ---------------------------------------------------------------- the queue

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
}

async function loadQueue (v, { focus = false, quiet = false } = {}) {
  if (!quiet) {
    showView('queue', { focus })
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

function renderTabs (v, counts, exact = true) {
  const tabs = ['REVIEWING', 'PENDING', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED', 'all']
  $('status-tabs').replaceChildren(...tabs.map((status) => {
    let count = null
    if (counts) count = status === 'all' ? Object.values(counts).reduce((a, b) => a + Number(b || 0), 0) : Number(counts[status] || 0)
    return h('li', {},
      h('a', {
        class: 'tab',
        href: urlFor({ ...v, view: 'queue', status, page: 1, after: '', session: '' }),
        'data-nav': true,
        'data-key': `tab-${status}`,
        'aria-current': v.status === status ? 'page' : null
      }, label(status), count === null ? null : h('span', { class: 'tab-count' }, ` (${count.toLocaleString('en')}${exact ? '' : '+'})`)))
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
  const meta = [s.applicantEmail, s.applicantId ? `ID ${s.applicantId}` : null, `#${s.id}`, `created ${when(s.createdAt)}`]
  return h('li', {},
    h('a', { class: 'session-link', href: urlFor({ ...v, view: 'session', session: String(s.id) }), 'data-nav': true, 'data-key': `session-${s.id}` },
      h('span', { class: 'session-name' }, applicantName(s)),
      badge(s.status),
      h('span', { class: 'session-meta' }, meta.filter(Boolean).join(' · '), s.livemode === false ? ' · test' : '')))
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

// ---------------------------------------------------------------- a session

async function loadSession (v, { focus = false, quiet = false } = {}) {
  if (!quiet) {
    showView('session', { focus: false })
    $('back-to-queue').href = urlFor({ ...v, view: 'queue', session: '' })
    if (!state.detail || String(state.detail.id) !== v.session) {
      $('session-title').textContent = `Session #${v.session}`
      for (const id of ['session-status', 'applicant', 'instructions', 'metadata', 'allowed-sources', 'facts', 'steps', 'audit']) $(id).replaceChildren()
      $('session-actions').hidden = true
      state.detail = null
      state.detailSignature = ''
    }
    showAlert('session-result', '')
    $('link-result').hidden = true
    if (focus) $('session-title').focus()
  }
  const seq = ++state.seq
  try {
    const detail = (await api(`/partner/reviewer/sessions/${encodeURIComponent(v.session)}`)).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('session-error', '')
    renderSession(detail)
    if (OPEN_STATUSES.includes(detail.status)) schedulePoll(() => { void loadSession(readUrl(), { quiet: true }) })
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    showAlert('session-error', err.status === 404 || err.status === 400
      ? 'This session does not exist, or it is not in your queue.'
      : err.message)
  }
}

function renderSession (d) {
  const signature = JSON.stringify(d)
  if (signature === state.detailSignature) return
  const before = state.detail
  state.detail = d
  state.detailSignature = signature
  if (before && before.id === d.id && before.status !== d.status) announce(`This session is now ${label(d.status)}.`)

  $('session-title').textContent = `${applicantName(d)} · #${d.id}`
  document.title = `${applicantName(d)} · Reviewer console`
  fill($('session-status'),
    badge(d.status),
    statusReason(d) ? h('span', { class: 'muted' }, `Reason: ${statusReason(d)}`) : null,
    d.livemode === false ? badge('test', 'Test') : null,
    d.redactedAt ? h('span', { class: 'muted' }, 'Personal data redacted ', timeEl(d.redactedAt)) : null)
  renderActions(d)

  const field = (name, value) => [h('dt', {}, name), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)]
  $('applicant').replaceChildren(
    ...field('Name', [d.applicantFirstName, d.applicantLastName].filter(Boolean).join(' ')),
    ...field('Email', d.applicantEmail),
    ...field('Applicant ID', d.applicantId),
    ...field('User ID', d.userId),
    ...field('Reviewer', d.reviewerId || 'Team queue'),
    ...field('Created', timeEl(d.createdAt)),
    ...field('Expires', timeEl(d.expiryDate)),
    ...field('Decided', d.decidedAt ? timeEl(d.decidedAt) : null),
    ...field('Decision note', d.decisionNote),
    ...field('Applicant data', d.applicantData && Object.keys(d.applicantData).length ? h('pre', { class: 'json' }, JSON.stringify(d.applicantData, null, 2)) : null))
  $('instructions').textContent = d.instructions || 'None.'
  $('metadata').textContent = d.metadata && Object.keys(d.metadata).length ? JSON.stringify(d.metadata, null, 2) : 'None.'
  const sources = d.allowedSources || []
  $('allowed-sources').replaceChildren(...(sources.length ? sources.map((s) => h('li', {}, s.name)) : [h('li', {}, 'Any source')]))

  const facts = d.facts || []
  $('facts').replaceChildren(...(facts.length ? facts.map(factItem) : [h('li', { class: 'muted' }, 'No verified facts yet.')]))

  const steps = d.steps || []
  $('steps').replaceChildren(...(steps.length
    ? steps.map((s) => h('li', {},
      h('div', { class: 'row' },
        h('strong', {}, (s.source && s.source.name) || `Source ${s.dataSourceId}`),
        badge(s.status),
        h('span', { class: 'muted small' }, `${s.attempts} of ${s.maxAttempts ?? '?'} attempts used`)),
      s.failureReason ? h('p', { class: 'small' }, `Failure: ${s.failureReason}`) : null))
    : [h('li', { class: 'muted' }, 'The applicant has not chosen a source yet.')]))

  const audit = d.auditTrail || []
  $('audit').replaceChildren(...(audit.length
    ? audit.map((a) => h('li', {},
      h('div', { class: 'row' },
        timeEl(a.at),
        h('strong', {}, a.action),
        h('span', { class: 'muted' }, `by ${a.actor}`),
        a.fromStatus || a.toStatus ? h('span', {}, `${a.fromStatus || '—'} → ${a.toStatus || '—'}`) : null),
      a.detail ? h('p', { class: 'small muted' }, a.detail) : null))
    : [h('li', { class: 'muted' }, 'Nothing yet.')]))
}

function factItem (f) {
  // pinned: the source pins its proof's provider hash; otherwise the proof is bound by its host alone (weaker).
  const binding = f.pinned === true
    ? 'Pinned: the provider is one the source pins'
    : f.pinned === false ? 'Bound by host only: the provider is not pinned' : 'Not reported'
  return h('li', { class: 'fact' },
    h('h3', {}, f.name),
    h('p', { class: 'fact-value' }, asText(f.value)),
    h('dl', { class: 'fields' },
      h('dt', {}, 'Source'), h('dd', {}, f.sourceName),
      h('dt', {}, 'Host'), h('dd', {}, f.host || 'Not reported'),
      h('dt', {}, 'Binding'), h('dd', { class: `binding ${f.pinned === true ? 'pinned' : 'host'}` }, binding),
      h('dt', {}, 'Proof'), h('dd', { class: 'mono' }, f.proofIdentifier),
      h('dt', {}, 'Attestor'), h('dd', { class: 'mono' }, asText(f.attestor) || 'Not reported'),
      h('dt', {}, 'Proven at'), h('dd', {}, timeEl(f.provenAt))))
}

function renderActions (d) {
  const open = OPEN_STATUSES.includes(d.status)
  const shown = {
    'action-approve': d.status === 'REVIEWING' && can('decide'),
    'action-reject': d.status === 'REVIEWING' && can('decide'),
    'action-link': state.modern && open && can('resend'),
    'action-cancel': state.modern && open && can('cancel'),
    'action-redact': state.modern && FINAL_STATUSES.includes(d.status) && !d.redactedAt && can('redact')
  }
  // A button about to vanish that holds the focus hands it to the heading, not to the page's start.
  if (Object.entries(shown).some(([id, on]) => !on && document.activeElement === $(id))) $('session-title').focus()
  for (const [id, on] of Object.entries(shown)) $(id).hidden = !on
  $('session-actions').hidden = !Object.values(shown).some(Boolean)
}

/** After an action: the session as the API returned it, a visible and spoken result, then the full detail. */
function actionDone (session, message) {
  if (session && state.detail) renderSession({ ...state.detail, ...session })
  showAlert('session-result', message)
  announce(message)
  void loadSession(readUrl(), { quiet: true })
}

function decide (decision) {
  const d = state.detail
  const approve = decision === 'APPROVE'
  openDialog({
    title: approve ? 'Approve this session?' : 'Reject this session?',
    text: approve
      ? `${applicantName(d)}'s verification will be approved and the session marked Completed.`
      : `${applicantName(d)}'s verification will be rejected and the session marked Rejected.`,
    noteLabel: approve ? 'Note (optional)' : 'Reason for rejecting (optional, kept with the decision)',
    confirmLabel: approve ? 'Approve' : 'Reject',
    danger: !approve,
    run: async (note) => {
      const res = await api(`/partner/reviewer/sessions/${d.id}/decision`, { method: 'POST', body: note ? { decision, note } : { decision } })
      actionDone(res.data, approve ? 'Approved: the session is now Completed.' : 'Rejected: the session is now Rejected.')
    }
  })
}

function resendLink () {
  const d = state.detail
  openDialog({
    title: 'Send a new verification link?',
    text: 'A new link is made for this session. The current link, and any page opened from it, stop working at once.',
    confirmLabel: 'Make a new link',
    run: async () => {
      const res = await api(`/partner/session/${d.id}/link`, { method: 'POST' })
      const link = res.data.verificationLink
      $('link-output').value = link.manualVerificationLink
      $('link-result').hidden = false
      actionDone(null, 'A new verification link was made. Copy it below and send it to the applicant.')
    }
  })
}

function cancelSession () {
  const d = state.detail
  openDialog({
    title: 'Cancel this session?',
    text: 'The session ends at once as Expired (reason: canceled); the applicant can no longer continue.',
    noteLabel: 'Reason (optional)',
    noteMax: 500, // the API's limit for a cancel reason
    confirmLabel: 'Cancel session',
    danger: true,
    run: async (reason) => {
      const res = await api(`/partner/session/${d.id}/cancel`, { method: 'POST', body: reason ? { reason } : {} })
      actionDone(res.data, 'Canceled: the session is now Expired.')
    }
  })
}

function redactSession () {
  const d = state.detail
  openDialog({
    title: 'Redact this session permanently?',
    text: 'This erases the applicant\'s name, email, IDs, data, metadata, instructions, the decision note and the values of the proofs. It cannot be undone.',
    confirmLabel: 'Redact permanently',
    danger: true,
    run: async () => {
      const res = await api(`/partner/session/${d.id}/redact`, { method: 'POST' })
      actionDone(res.data, 'Redacted: the applicant\'s personal data is erased.')
    }
  })
}

// ---------------------------------------------------------------- the confirmation dialog

function openDialog ({ title, text, noteLabel = null, noteMax = 2000, confirmLabel, danger = false, run }) {
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
    if (err.status === 409) void loadSession(readUrl(), { quiet: true })
  }
}

// ---------------------------------------------------------------- webhooks

async function loadWebhooks (v, { focus = false } = {}) {
  showView('webhooks', { focus })
  const seq = ++state.seq
  let listed = false
  try {
    const endpoints = (await api('/partner/webhooks')).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('webhooks-error', '')
    $('webhooks-empty').hidden = endpoints.length > 0
    $('webhook-list').replaceChildren(...endpoints.map((w) => webhookItem(v, w)))
    listed = true
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    $('webhook-list').replaceChildren()
    $('webhooks-empty').hidden = true
    showAlert('webhooks-error', err.status === 403 ? 'Webhooks are managed with the team\'s API key; this key is a reviewer\'s.' : err.message)
  }
  // A key that may not list the endpoints is not asked for their deliveries either.
  $('deliveries').hidden = !(listed && v.webhook)
  showAlert('deliveries-result', '')
  if (listed && v.webhook) await loadDeliveries(v.webhook)
}

function webhookItem (v, w) {
  const selected = v.webhook === String(w.id)
  return h('li', { class: 'card webhook' },
    h('div', { class: 'row' },
      h('strong', { class: 'mono' }, w.url),
      badge(w.enabled ? 'enabled' : 'disabled', w.enabled ? 'Enabled' : 'Disabled')),
    w.description ? h('p', { class: 'small' }, w.description) : null,
    h('p', { class: 'small muted' }, `Events: ${(w.events || []).join(', ')} · created ${when(w.createdAt)}`),
    h('p', {}, h('a', {
      href: urlFor({ ...v, view: 'webhooks', webhook: String(w.id) }),
      'data-nav': true,
      'aria-current': selected ? 'true' : null,
      'aria-label': `Recent deliveries to ${w.url}`
    }, selected ? 'Showing recent deliveries' : 'Recent deliveries')))
}

/** Re-renders the deliveries keeping the focus and the payloads and answers the reviewer opened. */
function renderDeliveries (webhookId, deliveries) {
  const list = $('delivery-list')
  const opened = new Set(Array.from(list.querySelectorAll('details[open]'), (el) => el.getAttribute('data-key')))
  keepFocus(list, () => {
    list.replaceChildren(...deliveries.map((d) => deliveryItem(webhookId, d)))
    for (const el of list.querySelectorAll('details')) if (opened.has(el.getAttribute('data-key'))) el.open = true
  })
  $('deliveries-empty').hidden = deliveries.length > 0
}

async function loadDeliveries (webhookId) {
  const seq = state.seq
  try {
    const deliveries = (await api(`/partner/webhooks/${encodeURIComponent(webhookId)}/deliveries?limit=20`)).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('deliveries-error', '')
    state.deliveries = deliveries
    renderDeliveries(webhookId, deliveries)
  } catch (err) {
    if (!state.signedIn || seq !== state.seq) return
    showAlert('deliveries-error', err.status === 404 ? 'This endpoint no longer exists.' : err.message)
  }
}

/** A receiver's answer as it came; JSON is indented so it reads like the payload. */
function answerText (text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function deliveryItem (webhookId, d) {
  let outcome = d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError || (d.attempts ? 'no answer' : 'not tried yet')
  // Queued again (redelivered) and not tried since: what is shown is the previous round's answer.
  if (d.status === 'PENDING' && !d.attempts && (d.lastStatusCode || d.lastError)) outcome = `queued again · previous answer ${outcome}`
  const what = `${d.eventType} ${d.eventId}`
  // <details>/<summary>: collapsed by default, opened with Enter or Space, announced as expandable.
  const section = (key, title, body) => h('details', { class: `delivery-${key}`, 'data-key': `${key}-${d.id}` },
    h('summary', {}, title, h('span', { class: 'visually-hidden' }, ` of ${what}`)),
    body)
  return h('li', { class: 'delivery', 'data-delivery': d.id },
    h('div', { class: 'row' },
      h('strong', {}, d.eventType),
      badge(d.status),
      h('span', { class: 'muted small' }, `${d.attempts} attempt${d.attempts === 1 ? '' : 's'} · ${outcome} · ${when(d.createdAt)}`)),
    h('p', { class: 'small muted mono' }, d.eventId),
    d.lastError && d.lastStatusCode ? h('p', { class: 'small' }, d.lastError) : null,
    d.status === 'PENDING' && d.nextAttemptAt ? h('p', { class: 'small muted' }, `Next attempt ${when(d.nextAttemptAt)}`) : null,
    d.payload !== undefined
      ? section('payload', 'Payload', h('pre', { class: 'json', tabindex: '0', 'aria-label': `Payload of ${what}` }, d.payload === null ? 'null (erased with its session)' : JSON.stringify(d.payload, null, 2)))
      : null,
    d.response === undefined
      ? null
      : d.response === null
        ? h('p', { class: 'small muted delivery-no-response' }, 'No answer from the receiver yet.')
        : section('response', `Receiver's answer${d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : ''}`,
          h('pre', { class: 'json', tabindex: '0', 'aria-label': `Receiver's answer to ${what}` }, d.response === '' ? '(empty body)' : answerText(d.response)),
          d.response.length >= 2048 ? h('p', { class: 'small muted' }, 'The first 2 KiB of the answer.') : null),
    state.modern && can('redeliver')
      ? h('div', { class: 'actions' }, h('button', {
        type: 'button',
        class: 'button secondary small',
        'data-key': `redeliver-${d.id}`,
        'aria-label': `Redeliver ${what}`,
        onclick: (event) => { void redeliver(webhookId, d, event.currentTarget) }
      }, 'Redeliver'))
      : null)
}

async function redeliver (webhookId, d, button) {
  // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page's start.
  if (button.getAttribute('aria-disabled') === 'true') return
  button.setAttribute('aria-disabled', 'true')
  showAlert('deliveries-error', '')
  showAlert('deliveries-result', '')
  try {
    // api() sends a fresh random Idempotency-Key with every POST.
    const res = await api(`/partner/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(d.id)}/redeliver`, { method: 'POST' })
    if (!state.signedIn) return
    // At once: the delivery as the API answered it (PENDING again), then the list as it is now.
    const again = res.data
    renderDeliveries(webhookId, (state.deliveries || []).map((x) => (x.id === again.id ? again : x)))
    const message = `${d.eventType} (${d.eventId}) will be delivered again: it is Pending.`
    showAlert('deliveries-result', message)
    announce(message)
    await loadDeliveries(webhookId)
  } catch (err) {
    if (!state.signedIn) return
    let message = err.message
    if (err.status === 409) message = `${err.message} Enable the endpoint to redeliver its events.`
    if (err.status === 403) message = 'This API key may not redeliver webhook deliveries.'
    showAlert('deliveries-error', message)
    button.removeAttribute('aria-disabled')
  }
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

function wire () {
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
  $('sign-out').addEventListener('click', () => {
    signOut('')
    announce('Signed out. The API key is forgotten.')
  })
  $('filters').addEventListener('submit', onFilters)
  $('filters-clear').addEventListener('click', () => go({ view: 'queue', session: '', q: '', applicant: '', from: '', to: '', sort: DEFAULT_VIEW.sort, page: 1, after: '' }))
  $('refresh').addEventListener('click', () => { void loadQueue(readUrl(), { quiet: true }) })
  $('export-csv').addEventListener('click', () => { void exportCsv() })
  $('page-next').addEventListener('click', nextPage)
  $('page-prev').addEventListener('click', previousPage)
  $('action-approve').addEventListener('click', () => decide('APPROVE'))
  $('action-reject').addEventListener('click', () => decide('REJECT'))
  $('action-link').addEventListener('click', resendLink)
  $('action-cancel').addEventListener('click', cancelSession)
  $('action-redact').addEventListener('click', redactSession)
  $('link-copy').addEventListener('click', async () => {
    const input = $('link-output')
    try {
      await navigator.clipboard.writeText(input.value)
      announce('Link copied.')
    } catch {
      input.select() // no clipboard access (plain http): the reviewer copies the selection
      announce('Link selected: copy it with your keyboard.')
    }
  })
  $('deliveries-refresh').addEventListener('click', () => {
    const v = readUrl()
    showAlert('deliveries-result', '')
    if (v.webhook) void loadDeliveries(v.webhook)
  })
  $('confirm-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void confirmDialog()
  })
  $('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close())
  $('confirm-dialog').addEventListener('close', () => {
    state.dialogRun = null
    const v = readUrl()
    if (state.signedIn && v.view === 'session' && state.detail && OPEN_STATUSES.includes(state.detail.status)) {
      schedulePoll(() => { void loadSession(readUrl(), { quiet: true }) })
    }
  })
  // In-console links change the view without a page load; a modified click opens a new tab as usual.
  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[data-nav]') : null
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    history.pushState(null, '', a.getAttribute('href'))
    route({ focus: true })
  })
  window.addEventListener('popstate', () => route({ focus: true }))
}

async function start () {
  wire()
  const saved = sessionStorage.getItem(KEY_STORAGE)
  if (!saved) {
    showView('signin', { focus: false })
    $('api-key').focus()
    return
  }
  try {
    await signIn(saved)
    route({ focus: false })
  } catch (err) {
    if (err.status === 401) signOut(KEY_REFUSED)
    else {
      // The key may be fine and the service down: keep it, say so, and offer the form to retry.
      showView('signin')
      state.key = ''
      $('api-key').value = saved
      showAlert('signin-error', err.message)
    }
  }
}

void start()
