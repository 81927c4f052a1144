// The hosted applicant page. A plain ES module with no build step: it calls the same public
// Partner API any client uses (link exchange, sources, steps, initiate; on a test session the
// sandbox's simulate) and never writes markup from API data (textContent only), so the strict
// Content-Security-Policy holds.

const POLL_MS = 3000 // steps, while proofs are awaited and the page is visible
const REVIEW_POLL_MS = 15000 // session status, while under review
const RETRY_MS = 10000 // after a network failure
const RENEW_MARGIN_MS = 60000 // renew the CSRF token this long before it lapses
const SEARCH_DEBOUNCE_MS = 250
const MAX_TIMEOUT_MS = 2147483647 // setTimeout's ceiling
const STORAGE_PREFIX = 'partner-api:link:'
const CONNECTION_PROBLEM = 'Connection problem. Retrying…'

const STEP_LABELS = {
  PENDING: 'Not started',
  INITIATED: 'Waiting for proof',
  IN_PROGRESS: 'Checking proof',
  VERIFIED: 'Verified',
  FAILED: 'Failed',
  EXPIRED: 'Expired',
  COMPLETED: 'Approved'
}
// Words for the parameters the catalog declares most; any other name is split from camelCase.
const PARAMETER_WORDS = {
  accountHolder: 'account holder name',
  identityVerified: 'whether your identity is verified',
  organizations: 'organisations you belong to',
  username: 'username'
}
const SIMULATE = {
  success: { text: 'Simulate a successful verification', className: 'button primary simulate-success' },
  failure: { text: 'Simulate a failure', className: 'button secondary simulate-failure' }
}
const FINAL_SCREENS = { COMPLETED: 'completed', REJECTED: 'rejected', FAILED: 'failed', EXPIRED: 'expired' }
const SCREEN_TITLES = {
  loading: 'Opening your verification',
  welcome: 'Verify your income',
  sources: 'Choose your sources',
  steps: 'Verify each source',
  review: 'Under review',
  completed: 'Verification complete',
  rejected: 'Verification not approved',
  failed: 'Verification could not be completed',
  expired: 'Verification expired',
  broken: 'Link does not work',
  error: 'Something went wrong'
}

const state = {
  sessionId: 0,
  token: '',
  csrf: '',
  csrfRenewAt: 0, // local clock, ms
  serverOffset: 0, // server clock minus local clock, ms
  session: null,
  test: false, // a test (sandbox) session: simulated proofs instead of Reclaim
  sources: new Map(), // id -> source, every source seen
  allowed: null, // the session's sources, in the API's order
  steps: [],
  selected: new Set(),
  screen: 'loading',
  final: false,
  searchSeq: 0,
  qrStepId: 0,
  timers: { renew: 0, poll: 0, expiry: 0, search: 0, retry: 0 }
}

const $ = (id) => document.getElementById(id)

class ApiError extends Error {
  constructor (status, body, retryAfter) {
    super(body && typeof body.message === 'string' ? body.message : `Request failed (${status || 'network'})`)
    this.status = status
    this.retryAfterMs = retryAfter ? Math.max(1, Number(retryAfter) || 5) * 1000 : 0
  }
}

// ---------------------------------------------------------------- the API

async function call (path, { method = 'GET', body, csrf = true, retried = false } = {}) {
  if (csrf && Date.now() >= state.csrfRenewAt) await exchange()
  const headers = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (csrf) headers['x-csrf-token'] = state.csrf
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
    throw new ApiError(0, { message: 'The verification service could not be reached. Check your connection.' })
  }
  const data = await res.json().catch(() => null)
  // The CSRF token lapsed (a laptop asleep past its renewal): the link token gets a new one.
  if (res.status === 401 && csrf && !retried) {
    state.csrfRenewAt = 0
    return await call(path, { method, body, csrf, retried: true })
  }
  if (!res.ok) throw new ApiError(res.status, data, res.headers.get('retry-after'))
  return { data, res }
}

let exchanging = null
/** Exchanges the link token for a fresh CSRF token and the session's current status. */
function exchange () {
  exchanging ??= doExchange().finally(() => { exchanging = null })
  return exchanging
}

/** A new exchange, then the screen its session status calls for. */
async function refreshSession () {
  await exchange()
  await applySession()
}

async function doExchange () {
  const { data, res } = await call('/partner/verification/verify', {
    method: 'POST',
    body: { token: state.token, sessionId: state.sessionId },
    csrf: false
  })
  const now = Date.now()
  const serverNow = Date.parse(res.headers.get('date') || '')
  state.serverOffset = Number.isFinite(serverNow) ? serverNow - now : 0
  // The lifetime by the server's clock, so a wrong clock here does not matter.
  const lifetime = Date.parse(data.data.expiresAt) - (now + state.serverOffset)
  const renewIn = lifetime > 2 * RENEW_MARGIN_MS ? lifetime - RENEW_MARGIN_MS : Math.max(1000, lifetime / 2)
  state.csrf = data.data.csrfToken
  state.csrfRenewAt = now + renewIn
  schedule('renew', renewIn, renew)
  state.session = data.data.session
  scheduleExpiry()
  return data.data
}

const fetchSteps = async () => (await call(`/partner/steps/session/${state.sessionId}`)).data.data.steps

async function ensureSources () {
  if (state.allowed) return
  const list = (await call(`/partner/sources/session/${state.sessionId}`)).data
  state.allowed = list
  for (const s of list) state.sources.set(s.id, s)
}

// ---------------------------------------------------------------- timers

function schedule (name, delay, fn) {
  clearTimeout(state.timers[name])
  state.timers[name] = setTimeout(fn, Math.min(Math.max(0, delay), MAX_TIMEOUT_MS))
}

function stopTimers () {
  for (const name of Object.keys(state.timers)) clearTimeout(state.timers[name])
}

function renew () {
  if (state.final) return
  refreshSession().catch((err) => {
    if (!handleFatal(err)) schedule('renew', err.retryAfterMs || RETRY_MS, renew)
  })
}

function scheduleExpiry () {
  if (!state.session) return
  const at = Date.parse(state.session.expiryDate) - state.serverOffset
  // A second after the session lapses the exchange answers 410 and the expired screen shows.
  schedule('expiry', at - Date.now() + 1000, () => { if (!state.final) renew() })
}

function pollDelay () {
  return state.screen === 'review' ? REVIEW_POLL_MS : POLL_MS
}

function schedulePoll (delay = pollDelay()) {
  clearTimeout(state.timers.poll)
  if (state.final || document.hidden) return
  if (state.screen !== 'steps' && state.screen !== 'review') return
  schedule('poll', delay, poll)
}

async function poll () {
  let delay = pollDelay()
  try {
    if (state.screen === 'review') {
      await refreshSession()
    } else if (state.screen === 'steps') {
      await refreshSteps()
    }
    if ($('steps-error').textContent === CONNECTION_PROBLEM) hideAlert('steps-error')
  } catch (err) {
    if (handleFatal(err)) return
    if (err.retryAfterMs) delay = err.retryAfterMs
    else if (err.status === 0 || err.status >= 500) {
      delay = RETRY_MS
      if (state.screen === 'steps') showAlert('steps-error', CONNECTION_PROBLEM)
    }
  }
  schedulePoll(delay)
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(state.timers.poll)
  else schedulePoll(0)
})
// Back from the verifier: the page may come out of the back/forward cache as it was left.
window.addEventListener('pageshow', (event) => { if (event.persisted) schedulePoll(0) })

// ---------------------------------------------------------------- errors

/** Errors that end the flow; true when one was shown. */
function handleFatal (err) {
  if (!(err instanceof ApiError)) {
    console.error(err)
    showError('Something unexpected happened on this page.')
    return true
  }
  if (err.status === 410) { enterFinal('expired'); return true }
  if (err.status === 401 || err.status === 403 || (err.status === 404 && /session/i.test(err.message))) {
    showBroken('The verification link is incomplete or no longer valid.')
    return true
  }
  return false
}

function showBroken (reason) {
  forgetLink()
  enterFinal('broken')
  $('broken-reason').textContent = reason
}

function showError (message, retryAfterMs = 0) {
  $('error-reason').textContent = message
  show('error')
  if (retryAfterMs) schedule('retry', retryAfterMs, boot)
}

function showAlert (id, message) {
  const el = $(id)
  el.textContent = message
  el.hidden = false
}

function hideAlert (id) { $(id).hidden = true }

// ---------------------------------------------------------------- screens

function show (screen) {
  const changed = state.screen !== screen
  state.screen = screen
  for (const el of document.querySelectorAll('[data-screen]')) el.hidden = el.dataset.screen !== screen
  document.title = (SCREEN_TITLES[screen] || 'Verification') + (state.test ? ' (test mode)' : '')
  if (changed) {
    // Screen readers hear the new screen's heading; keyboard users continue from there.
    const heading = document.querySelector(`[data-screen="${screen}"] .screen-title`)
    if (heading) heading.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }
  schedulePoll()
}

function enterFinal (screen) {
  state.final = true
  stopTimers()
  closeQr()
  show(screen)
}

async function applySession () {
  const status = state.session.status
  fillSessionFields()
  if (FINAL_SCREENS[status]) return enterFinal(FINAL_SCREENS[status])
  if (status === 'REVIEWING') {
    closeQr()
    if (state.screen !== 'review') show('review')
    return
  }
  // PENDING or PROCESSING: the first view, once; later exchanges only renew the token.
  if (state.screen === 'loading' || state.screen === 'error' || state.screen === 'review') {
    await ensureSources()
    state.steps = await fetchSteps()
    if (state.steps.length === 0) {
      show('welcome')
    } else {
      renderSteps()
      show('steps')
    }
  }
}

function fillSessionFields () {
  const s = state.session
  // Only an explicit false is a test session: a live one never shows the sandbox.
  state.test = s.livemode === false
  $('test-banner').hidden = !state.test
  if (state.test && !document.title.endsWith(' (test mode)')) document.title += ' (test mode)'
  const first = (s.applicantFirstName || '').trim()
  $('welcome-title').textContent = first ? `Hi ${first}` : 'Welcome'
  for (const el of document.querySelectorAll('[data-field="comma-name"]')) el.textContent = first ? `, ${first}` : ''
  const instructions = (s.instructions || '').trim()
  for (const el of document.querySelectorAll('[data-field="instructions"]')) el.textContent = instructions
  $('welcome-instructions').hidden = !instructions
  $('steps-instructions').hidden = !instructions
  const expiry = new Date(s.expiryDate)
  const when = Number.isNaN(expiry.getTime())
    ? ''
    : `This link works until ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(expiry)}.`
  for (const el of document.querySelectorAll('[data-field="expiry"]')) el.textContent = when
}

function announce (message) {
  const el = $('announcer')
  el.textContent = ''
  // A change the live region notices even when the same words come twice.
  setTimeout(() => { el.textContent = message }, 50)
}

// ---------------------------------------------------------------- logos

function logoFor (source) {
  const wrap = document.createElement('span')
  wrap.className = 'logo'
  wrap.setAttribute('aria-hidden', 'true')
  const name = source ? source.name : '?'
  const fallback = () => {
    wrap.textContent = name.trim().charAt(0).toUpperCase() || '?'
    wrap.classList.add('logo-fallback')
  }
  const src = source ? localLogo(source.logoUrl) : null
  if (!src) {
    fallback()
    return wrap
  }
  const img = document.createElement('img')
  img.alt = ''
  img.width = 40
  img.height = 40
  img.decoding = 'async'
  img.addEventListener('error', () => { img.remove(); fallback() }, { once: true })
  img.src = src
  wrap.append(img)
  return wrap
}

/** Only this origin's images load (no external requests); the service serves its catalog's logos. */
function localLogo (logoUrl) {
  if (!logoUrl) return null
  let url
  try { url = new URL(logoUrl, location.href) } catch { return null }
  if (url.origin === location.origin) return url.pathname + url.search
  if (url.pathname.startsWith('/assets/logos/')) return url.pathname
  return null
}

// ---------------------------------------------------------------- sources

function chosenSourceIds () {
  return new Set(state.steps.map((s) => s.dataSourceId))
}

async function openSources () {
  hideAlert('sources-error')
  show('sources')
  $('sources-back').hidden = false
  $('source-search').value = ''
  try {
    await ensureSources()
  } catch (err) {
    if (!handleFatal(err)) showAlert('sources-error', err.message)
    return
  }
  const chosen = chosenSourceIds()
  if (state.steps.length === 0 && state.selected.size === 0) {
    const preselected = state.session.selectedPlatform
    if (preselected && state.sources.has(preselected)) state.selected.add(preselected)
  }
  for (const id of chosen) state.selected.delete(id)
  renderSourceList(state.allowed, '')
}

function renderSourceList (list, text) {
  const ul = $('source-list')
  const chosen = chosenSourceIds()
  ul.replaceChildren(...list.map((source) => sourceItem(source, chosen.has(source.id))))
  const empty = $('sources-empty')
  if (list.length === 0) {
    empty.textContent = text ? `No source matches “${text}”.` : 'No sources are available for this verification. Contact the requester.'
    empty.hidden = false
  } else {
    empty.hidden = true
  }
  const n = list.length
  $('source-count').textContent = text
    ? `${n} ${n === 1 ? 'source matches' : 'sources match'} “${text}”`
    : `${n} ${n === 1 ? 'source' : 'sources'} available`
  updateConfirm()
}

function sourceItem (source, chosen) {
  const li = document.createElement('li')
  const label = document.createElement('label')
  label.className = 'source-option'
  const box = document.createElement('input')
  box.type = 'checkbox'
  box.value = String(source.id)
  box.className = 'source-check'
  box.checked = chosen || state.selected.has(source.id)
  box.disabled = chosen
  box.addEventListener('change', () => {
    if (box.checked) state.selected.add(source.id)
    else state.selected.delete(source.id)
    updateConfirm()
  })
  const text = document.createElement('span')
  text.className = 'source-text'
  const name = document.createElement('span')
  name.className = 'source-name'
  name.textContent = source.name
  const desc = document.createElement('span')
  desc.className = 'source-desc'
  desc.textContent = chosen ? 'Already added' : source.description
  text.append(name, desc)
  label.append(box, logoFor(source), text)
  li.append(label)
  return li
}

function updateConfirm () {
  const n = state.selected.size
  const button = $('sources-confirm')
  button.disabled = n === 0
  button.textContent = n === 0 ? 'Select sources' : `Continue with ${n} ${n === 1 ? 'source' : 'sources'}`
}

function onSearchInput () {
  clearTimeout(state.timers.search)
  state.timers.search = setTimeout(search, SEARCH_DEBOUNCE_MS)
}

async function search () {
  const text = $('source-search').value.trim()
  const seq = ++state.searchSeq
  if (!text) {
    renderSourceList(state.allowed || [], '')
    return
  }
  try {
    const { data } = await call(`/partner/sources/search?text=${encodeURIComponent(text)}&sessionId=${state.sessionId}`)
    if (seq !== state.searchSeq) return // a later search is on its way
    for (const s of data) state.sources.set(s.id, s)
    hideAlert('sources-error')
    renderSourceList(data, text)
  } catch (err) {
    if (seq !== state.searchSeq || handleFatal(err)) return
    showAlert('sources-error', err.message)
  }
}

async function confirmSources () {
  const ids = [...state.selected].filter((id) => !chosenSourceIds().has(id))
  if (ids.length === 0) return
  const button = $('sources-confirm')
  button.disabled = true
  button.setAttribute('aria-busy', 'true')
  hideAlert('sources-error')
  try {
    await call('/partner/step/select-data-source', { method: 'POST', body: { dataSourceIds: ids, sessionId: state.sessionId } })
    state.selected.clear()
    state.steps = await fetchSteps()
    renderSteps()
    show('steps')
    announce(`${ids.length} ${ids.length === 1 ? 'source' : 'sources'} added`)
  } catch (err) {
    if (handleFatal(err)) return
    if (err.status === 409) await refreshSession().catch(() => {})
    showAlert('sources-error', err.message)
  } finally {
    button.removeAttribute('aria-busy')
    updateConfirm()
  }
}

function leaveSources () {
  if (state.steps.length > 0) {
    renderSteps()
    show('steps')
  } else {
    show('welcome')
  }
}

// ---------------------------------------------------------------- steps

const cards = new Map() // step id -> its list item

// The server says what a step allows next (canInitiate); the page does not re-derive its rules.
function startable (step) {
  return step.canInitiate === true
}

async function refreshSteps () {
  const previous = new Map(state.steps.map((s) => [s.id, s.status]))
  state.steps = await fetchSteps()
  renderSteps()
  const changed = state.steps.filter((s) => previous.get(s.id) !== s.status)
  for (const s of changed) {
    if (previous.has(s.id)) announce(`${sourceName(s)}: ${STEP_LABELS[s.status] || s.status}${s.status === 'FAILED' ? `. ${stepNote(s)}` : ''}`)
  }
  if (state.qrStepId) {
    const step = state.steps.find((s) => s.id === state.qrStepId)
    if (step && step.status === 'IN_PROGRESS') $('qr-status').textContent = 'Proof received, checking it…'
    if (step && step.status === 'VERIFIED') closeQr()
  }
  // Statuses that move the session (under review, failed, approved): ask for it.
  const steps = state.steps
  const done = steps.length > 0 && steps.every((s) => s.status === 'VERIFIED' || s.status === 'COMPLETED')
  const exhausted = steps.some((s) => s.status === 'FAILED' && s.attempts >= s.maxAttempts)
  const expired = steps.some((s) => s.status === 'EXPIRED')
  if (changed.length > 0 && (done || exhausted || expired)) await refreshSession()
}

function sourceName (step) {
  const source = state.sources.get(step.dataSourceId)
  return source ? source.name : `Source ${step.dataSourceId}`
}

function renderSteps () {
  const ul = $('step-list')
  const steps = [...state.steps].sort((a, b) => a.id - b.id)
  const ids = new Set(steps.map((s) => s.id))
  for (const [id, li] of cards) {
    if (!ids.has(id)) { li.remove(); cards.delete(id) }
  }
  for (const step of steps) {
    let li = cards.get(step.id)
    if (!li) {
      li = stepCard(step)
      cards.set(step.id, li)
    }
    updateStepCard(li, step)
    ul.append(li) // keeps the order; moving a node keeps its focus
  }
  const verified = steps.filter((s) => s.status === 'VERIFIED' || s.status === 'COMPLETED').length
  const progress = $('steps-progress')
  progress.max = Math.max(1, steps.length)
  progress.value = verified
  $('steps-summary').textContent = `${verified} of ${steps.length} ${steps.length === 1 ? 'source' : 'sources'} verified`
  const chosen = chosenSourceIds()
  $('steps-add').hidden = !(state.allowed || []).some((s) => !chosen.has(s.id))
}

function stepCard (step) {
  const source = state.sources.get(step.dataSourceId)
  const li = document.createElement('li')
  li.className = 'step card'
  const head = document.createElement('div')
  head.className = 'step-head'
  const text = document.createElement('div')
  text.className = 'step-text'
  const name = document.createElement('h2')
  name.className = 'step-name'
  name.textContent = sourceName(step)
  const desc = document.createElement('p')
  desc.className = 'step-desc'
  desc.textContent = source ? source.description : ''
  text.append(name, desc)
  const badge = document.createElement('span')
  badge.className = 'badge'
  head.append(logoFor(source), text, badge)

  const note = document.createElement('p')
  note.className = 'step-note'

  const flow = document.createElement('details')
  flow.className = 'step-flow'
  if (source && Array.isArray(source.loginFlow) && source.loginFlow.length > 0) {
    const summary = document.createElement('summary')
    summary.textContent = 'What you will do'
    const ol = document.createElement('ol')
    for (const item of source.loginFlow) {
      const entry = document.createElement('li')
      entry.textContent = item.description
      ol.append(entry)
    }
    flow.append(summary, ol)
  } else {
    flow.hidden = true
  }

  const share = shareBlock(source, `step-share-${step.id}`)

  const actions = document.createElement('div')
  actions.className = 'step-actions'
  if (state.test) {
    // A test session: the sandbox stands in for Reclaim, and the applicant picks the outcome.
    actions.classList.add('simulate')
    for (const outcome of ['success', 'failure']) {
      const button = document.createElement('button')
      button.type = 'button'
      button.className = SIMULATE[outcome].className
      button.dataset.outcome = outcome
      button.addEventListener('click', () => { simulateStep(step.id, outcome, li) })
      actions.append(button)
    }
  } else {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'button primary step-start'
    button.addEventListener('click', () => { startStep(step.id, button) })
    actions.append(button)
  }
  for (const button of actions.querySelectorAll('button')) {
    if (!share.hidden) button.setAttribute('aria-describedby', share.id)
  }
  li.append(head, note, share, flow, actions)
  li.dataset.stepId = String(step.id)
  return li
}

/** What the applicant will share (the source's declared parameters, in words) and where they sign in. */
function shareBlock (source, id) {
  const box = document.createElement('div')
  box.className = 'step-share'
  box.id = id
  const requirements = source && source.proofRequirements ? source.proofRequirements : {}
  const parameters = Array.isArray(requirements.parameters) ? requirements.parameters.filter((p) => typeof p === 'string' && p) : []
  const host = Array.isArray(requirements.hosts) && typeof requirements.hosts[0] === 'string' ? requirements.hosts[0] : ''
  if (parameters.length > 0) {
    const what = document.createElement('p')
    what.className = 'step-share-what'
    what.textContent = `You will share: ${listOf(parameters.map(parameterWords))}.`
    box.append(what)
  }
  if (host) {
    const where = document.createElement('p')
    where.className = 'step-share-where'
    where.textContent = `You will sign in at ${host}`
    box.append(where)
  }
  box.hidden = box.childElementCount === 0
  box.dataset.empty = box.hidden ? 'true' : 'false'
  return box
}

/** A parameter name in words: `monthlyIncome` -> "monthly income", `ssnLast4` -> "ssn last 4". */
function parameterWords (name) {
  if (Object.hasOwn(PARAMETER_WORDS, name)) return PARAMETER_WORDS[name]
  return name
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((word) => /^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase())
    .join(' ')
}

function listOf (items) {
  try {
    return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items)
  } catch {
    return items.join(', ')
  }
}

function updateStepCard (li, step) {
  li.dataset.status = step.status
  const badge = li.querySelector('.badge')
  badge.textContent = STEP_LABELS[step.status] || step.status
  badge.dataset.status = step.status
  const note = li.querySelector('.step-note')
  note.textContent = stepNote(step)
  note.hidden = !note.textContent
  const flow = li.querySelector('.step-flow')
  if (flow.childElementCount > 0) flow.hidden = !startable(step)
  const share = li.querySelector('.step-share')
  share.hidden = share.dataset.empty === 'true' || !startable(step)
  const canStart = startable(step) && !state.final
  const actions = li.querySelector('.step-actions')
  actions.hidden = !canStart
  for (const button of actions.querySelectorAll('button')) {
    if (button.getAttribute('aria-busy') === 'true') continue
    const outcome = button.dataset.outcome
    if (outcome) {
      button.textContent = SIMULATE[outcome].text
      button.setAttribute('aria-label', `${SIMULATE[outcome].text} of ${sourceName(step)}`)
    } else {
      const verb = step.status === 'PENDING' ? 'Start' : step.status === 'FAILED' ? 'Try again' : 'Open again'
      button.textContent = verb
      button.setAttribute('aria-label', `${verb}: verify ${sourceName(step)}`)
    }
  }
}

function stepNote (step) {
  const left = step.maxAttempts - step.attempts
  switch (step.status) {
    case 'PENDING': return ''
    case 'INITIATED': return state.test
      ? 'Test mode: choose the result to simulate.'
      : 'Finish on the verification page you opened. This page updates when your proof arrives.'
    case 'IN_PROGRESS': return 'Your proof arrived and is being checked.'
    case 'VERIFIED': return 'Your proof was verified.'
    case 'COMPLETED': return 'Approved by the requester.'
    case 'EXPIRED': return 'The verification expired before this source was verified.'
    case 'FAILED': {
      const reason = step.failureReason ? `${step.failureReason}. ` : ''
      return left > 0
        ? `${reason}${left} ${left === 1 ? 'attempt' : 'attempts'} left.`
        : `${reason}No attempts left.`
    }
    default: return ''
  }
}

async function startStep (stepId, button) {
  hideAlert('steps-error')
  button.disabled = true
  button.setAttribute('aria-busy', 'true')
  button.textContent = 'Starting…'
  let leaving = false
  try {
    const { data } = await call('/partner/step/initiate', { method: 'POST', body: { stepId } })
    const url = safeUrl(data.data.redirectUrl)
    if (!url) throw new ApiError(502, { message: 'The verifier returned an unusable address.' })
    const step = state.steps.find((s) => s.id === stepId)
    if (step) Object.assign(step, { status: 'INITIATED', canSubmit: true })
    if (isHandheld()) {
      leaving = true
      announce('Opening the verifier…')
      location.assign(url)
      return
    }
    showQr(stepId, url)
  } catch (err) {
    if (handleFatal(err)) return
    showAlert('steps-error', err.message)
    if (err.status === 409) refreshSteps().catch(() => {})
  } finally {
    if (!leaving) {
      button.disabled = false
      button.removeAttribute('aria-busy')
      const step = state.steps.find((s) => s.id === stepId)
      const li = cards.get(stepId)
      if (step && li) updateStepCard(li, step)
      schedulePoll()
    }
  }
}

/**
 * A test session: binds an attempt (initiate, as Start does), then asks the sandbox for the
 * outcome. A failure answers 422 and fails the step as an invalid proof does: the card shows it,
 * with the attempts left, once the steps are read again.
 */
async function simulateStep (stepId, outcome, li) {
  hideAlert('steps-error')
  const buttons = [...li.querySelectorAll('.step-actions button')]
  const clicked = buttons.find((b) => b.dataset.outcome === outcome)
  for (const button of buttons) button.disabled = true
  clicked.setAttribute('aria-busy', 'true')
  clicked.textContent = 'Simulating…'
  try {
    await call('/partner/step/initiate', { method: 'POST', body: { stepId } })
    const step = state.steps.find((s) => s.id === stepId)
    if (step) Object.assign(step, { status: 'INITIATED', canSubmit: true })
    try {
      await call('/partner/sandbox/step/simulate', { method: 'POST', body: { stepId, outcome } })
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 422) throw err
    }
    await refreshSteps()
  } catch (err) {
    if (handleFatal(err)) return
    showAlert('steps-error', err.message)
    if (err.status === 409) refreshSteps().catch(() => {})
  } finally {
    clicked.removeAttribute('aria-busy')
    for (const button of buttons) button.disabled = false
    const step = state.steps.find((s) => s.id === stepId)
    if (step && cards.get(stepId) === li) updateStepCard(li, step)
    schedulePoll()
  }
}

function safeUrl (value) {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}

/** A phone or tablet: it goes to the verifier itself; a desktop shows a QR code for the phone. */
function isHandheld () {
  const uaData = navigator.userAgentData
  if (uaData && uaData.mobile) return true
  if (/Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent)) return true
  return matchMedia('(pointer: coarse)').matches && !matchMedia('(any-pointer: fine)').matches
}

// ---------------------------------------------------------------- QR code

function showQr (stepId, url) {
  const step = state.steps.find((s) => s.id === stepId)
  state.qrStepId = stepId
  $('qr-source').textContent = step ? sourceName(step) : 'this source'
  $('qr-open').href = url
  $('qr-status').textContent = 'Waiting for your proof…'
  const box = $('qr-code')
  box.replaceChildren()
  const svg = qrSvg(url)
  if (svg) box.append(svg)
  box.hidden = !svg
  const dialog = $('qr-dialog')
  if (!dialog.open) dialog.showModal()
}

function closeQr () {
  state.qrStepId = 0
  const dialog = $('qr-dialog')
  if (dialog.open) dialog.close()
}

/** The code as one SVG path of dark modules, with the standard 4-module quiet zone. */
function qrSvg (text) {
  const factory = window.qrcode
  if (typeof factory !== 'function') return null
  const qr = factory(0, 'L')
  qr.addData(text, 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  const quiet = 4
  const size = n + 2 * quiet
  let d = ''
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.isDark(y, x)) continue
      let run = 1
      while (x + run < n && qr.isDark(y, x + run)) run++
      d += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`
      x += run - 1
    }
  }
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`)
  svg.setAttribute('shape-rendering', 'crispEdges')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  svg.dataset.modules = String(n)
  const bg = document.createElementNS(ns, 'rect')
  bg.setAttribute('width', String(size))
  bg.setAttribute('height', String(size))
  bg.setAttribute('fill', '#fff')
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', d)
  path.setAttribute('fill', '#000')
  svg.append(bg, path)
  return svg
}

// ---------------------------------------------------------------- the link

function storageKey (sessionId) { return STORAGE_PREFIX + sessionId }

/**
 * Reads the token from the address, then takes it out of the address bar (and so out of
 * screenshots and shared tabs). The tab keeps it in sessionStorage, so a reload or the way back
 * from the verifier finds it again.
 */
function readLink () {
  const params = new URLSearchParams(location.search)
  const sessionText = (params.get('sessionId') || '').trim()
  let token = (params.get('token') || '').trim()
  const sessionId = /^[1-9][0-9]{0,9}$/.test(sessionText) ? Number(sessionText) : 0
  try {
    if (token && sessionId) sessionStorage.setItem(storageKey(sessionId), token)
    if (!token && sessionId) token = sessionStorage.getItem(storageKey(sessionId)) || ''
  } catch { /* storage disabled: the page still works until it is reloaded */ }
  if (params.has('token')) {
    const clean = new URL(location.href)
    clean.searchParams.delete('token')
    history.replaceState(null, '', clean.pathname + clean.search + clean.hash)
  }
  return { sessionId, token }
}

function forgetLink () {
  try { if (state.sessionId) sessionStorage.removeItem(storageKey(state.sessionId)) } catch { /* ignore */ }
}

async function boot () {
  clearTimeout(state.timers.retry)
  state.final = false
  show('loading')
  if (!state.token || !state.sessionId || state.token.length > 200 || state.sessionId > 2147483647) {
    showBroken(state.sessionId
      ? 'The verification link is incomplete: its token is missing.'
      : 'The verification link is incomplete: it does not name a verification.')
    return
  }
  try {
    await refreshSession()
  } catch (err) {
    if (handleFatal(err)) return
    if (err.status === 400) {
      showBroken('The verification link is incomplete or malformed.')
    } else if (err.status === 429) {
      showError('Too many attempts. Retrying in a moment…', err.retryAfterMs || RETRY_MS)
    } else {
      showError(err.message)
    }
  }
}

function wire () {
  $('welcome-start').addEventListener('click', () => { openSources() })
  $('source-search').addEventListener('input', onSearchInput)
  $('source-search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); clearTimeout(state.timers.search); search() }
  })
  $('sources-confirm').addEventListener('click', () => { confirmSources() })
  $('sources-back').addEventListener('click', leaveSources)
  $('steps-add').addEventListener('click', () => { openSources() })
  $('error-retry').addEventListener('click', () => { boot() })
  $('qr-close').addEventListener('click', closeQr)
  $('qr-dialog').addEventListener('close', () => { state.qrStepId = 0 })
}

const link = readLink()
state.sessionId = link.sessionId
state.token = link.token
wire()
boot()
