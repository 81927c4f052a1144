// The step flow: one card per chosen source, its status in words, what the applicant will share,
// and Start (the verifier opens on a phone, a QR code on a desktop). Whether a step may start is
// the API's answer (canInitiate). On a test session the sandbox's buttons stand in (sandbox.js).
import { ApiError, call } from './link.js'
import { logoFor } from './logos.js'
import { closeQr, showQr } from './qr.js'
import { SIMULATE, simulateStep } from './sandbox.js'
import { handleFatal, hideAlert, refreshSession, showAlert } from './screens.js'
import { chosenSourceIds } from './sources.js'
import { schedulePoll } from './timers.js'
import { errorText, locale, t, tp } from './i18n.js'
import { state } from './state.js'
import { $, announce } from '../shared/dom.js'
import { listOf, parameterWords } from '../shared/i18n/index.js'
import { statusLabel } from '../shared/status.js'

// The applicant's words for a step's status (the catalogs' step.status.*); one this page does not know reads as its name in words.
const STEP_STATUSES = ['PENDING', 'INITIATED', 'IN_PROGRESS', 'VERIFIED', 'FAILED', 'EXPIRED', 'COMPLETED']
const stepLabel = (status) => STEP_STATUSES.includes(status) ? t(`step.status.${status}`) : statusLabel(status)

export const fetchSteps = async () => (await call(`/partner/steps/session/${state.sessionId}`)).data.data.steps

// ---------------------------------------------------------------- steps

export const cards = new Map() // step id -> its list item

// The server says what a step allows next (canInitiate); the page does not re-derive its rules.
function startable (step) {
  return step.canInitiate === true
}

export async function refreshSteps () {
  const previous = new Map(state.steps.map((s) => [s.id, s.status]))
  state.steps = await fetchSteps()
  renderSteps()
  const changed = state.steps.filter((s) => previous.get(s.id) !== s.status)
  for (const s of changed) {
    if (previous.has(s.id)) announce(`${sourceName(s)}: ${stepLabel(s.status)}${s.status === 'FAILED' ? `. ${stepNote(s)}` : ''}`)
  }
  if (state.qrStepId) {
    const step = state.steps.find((s) => s.id === state.qrStepId)
    if (step && step.status === 'IN_PROGRESS') $('qr-status').textContent = t('qr.received')
    if (step && step.status === 'VERIFIED') closeQr()
  }
  // A step that moved may have moved its session (under review, failed, expired): the session's
  // answer says so, and which screen follows; the page does not guess it from the steps.
  if (changed.some((s) => previous.has(s.id))) await refreshSession()
}

export function sourceName (step) {
  const source = state.sources.get(step.dataSourceId)
  return source ? source.name : t('step.source', { id: step.dataSourceId })
}

export function renderSteps () {
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
  $('steps-summary').textContent = tp('steps.summary', steps.length, { verified })
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
  // The catalog's descriptions are English: in another language the share block below says what the source is for.
  desc.textContent = source && locale() === 'en' ? source.description : ''
  desc.hidden = desc.textContent === ''
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
    summary.textContent = t('step.whatYouDo')
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

/** A source's declared parameters, in words of the page's language (empty when it declares none). */
function sharedWords (source) {
  const requirements = source && source.proofRequirements ? source.proofRequirements : {}
  const parameters = Array.isArray(requirements.parameters) ? requirements.parameters.filter((p) => typeof p === 'string' && p) : []
  return parameters.length > 0 ? listOf(locale(), parameters.map((p) => parameterWords(locale(), p))) : ''
}

/**
 * A line under a source's name: the catalog's description in English; in another language (the
 * catalog is written in English) what the source shares, in that language.
 */
export function sourceBlurb (source) {
  if (locale() === 'en') return source.description
  const list = sharedWords(source)
  return list ? t('step.share', { list }) : ''
}

/** What the applicant will share (the source's declared parameters, in words) and where they sign in. */
function shareBlock (source, id) {
  const box = document.createElement('div')
  box.className = 'step-share'
  box.id = id
  const requirements = source && source.proofRequirements ? source.proofRequirements : {}
  const host = Array.isArray(requirements.hosts) && typeof requirements.hosts[0] === 'string' ? requirements.hosts[0] : ''
  const list = sharedWords(source)
  if (list) {
    const what = document.createElement('p')
    what.className = 'step-share-what'
    what.textContent = t('step.share', { list })
    box.append(what)
  }
  if (host) {
    const where = document.createElement('p')
    where.className = 'step-share-where'
    where.textContent = t('step.signIn', { host })
    box.append(where)
  }
  box.hidden = box.childElementCount === 0
  box.dataset.empty = box.hidden ? 'true' : 'false'
  return box
}

export function updateStepCard (li, step) {
  li.dataset.status = step.status
  const badge = li.querySelector('.badge')
  badge.textContent = stepLabel(step.status)
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
      button.textContent = t(SIMULATE[outcome].key)
      button.setAttribute('aria-label', t('sandbox.label', { action: t(SIMULATE[outcome].key), source: sourceName(step) }))
    } else {
      const verb = t(step.status === 'PENDING' ? 'step.start' : step.status === 'FAILED' ? 'step.retry' : 'step.openAgain')
      button.textContent = verb
      button.setAttribute('aria-label', t('step.startLabel', { verb, source: sourceName(step) }))
    }
  }
}

function stepNote (step) {
  const left = step.maxAttempts - step.attempts
  switch (step.status) {
    case 'PENDING': return ''
    case 'INITIATED': return t(state.test ? 'step.note.initiatedTest' : 'step.note.initiated')
    case 'IN_PROGRESS': return t('step.note.inProgress')
    case 'VERIFIED': return t('step.note.verified')
    case 'COMPLETED': return t('step.note.completed')
    case 'EXPIRED': return t('step.note.expired')
    case 'FAILED': {
      const reason = step.failureReason ? `${step.failureReason}. ` : ''
      return reason + (left > 0 ? tp('step.note.left', left) : t('step.note.noneLeft'))
    }
    default: return ''
  }
}

async function startStep (stepId, button) {
  hideAlert('steps-error')
  button.disabled = true
  button.setAttribute('aria-busy', 'true')
  button.textContent = t('step.starting')
  let leaving = false
  try {
    const { data } = await call('/partner/step/initiate', { method: 'POST', body: { stepId } })
    const url = safeUrl(data.data.redirectUrl)
    if (!url) throw new ApiError(502, { message: t('step.badUrl') })
    const step = state.steps.find((s) => s.id === stepId)
    if (step) Object.assign(step, { status: 'INITIATED', canSubmit: true })
    if (isHandheld()) {
      leaving = true
      announce(t('step.opening'))
      location.assign(url)
      return
    }
    showQr(stepId, url)
  } catch (err) {
    if (handleFatal(err)) return
    showAlert('steps-error', errorText(err))
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

/** The cards again from scratch (after a change of language: their texts were written once). */
export function redrawSteps () {
  for (const li of cards.values()) li.remove()
  cards.clear()
  renderSteps()
}
