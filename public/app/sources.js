// The source picker: the session's allowed sources, a search over them, and the choice that makes
// one step per source.
import { loadConsent } from './consent.js'
import { call } from './link.js'
import { logoFor } from './logos.js'
import { handleFatal, hideAlert, refreshSession, show, showAlert } from './screens.js'
import { fetchSteps, renderSteps, sourceBlurb } from './steps.js'
import { errorText, t, tp } from './i18n.js'
import { SEARCH_DEBOUNCE_MS, state } from './state.js'
import { $, announce } from '../shared/dom.js'

export async function ensureSources () {
  if (state.allowed) return
  const list = (await call(`/partner/sources/session/${state.sessionId}`)).data
  state.allowed = list
  for (const s of list) state.sources.set(s.id, s)
}

export function chosenSourceIds () {
  return new Set(state.steps.map((s) => s.dataSourceId))
}

export async function openSources () {
  hideAlert('sources-error')
  show('sources')
  $('sources-back').hidden = false
  $('source-search').value = ''
  try {
    await ensureSources()
  } catch (err) {
    if (!handleFatal(err)) showAlert('sources-error', errorText(err))
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

export function renderSourceList (list, text) {
  const ul = $('source-list')
  const chosen = chosenSourceIds()
  ul.replaceChildren(...list.map((source) => sourceItem(source, chosen.has(source.id))))
  const empty = $('sources-empty')
  if (list.length === 0) {
    empty.textContent = text ? t('sources.noMatch', { text }) : t('sources.none')
    empty.hidden = false
  } else {
    empty.hidden = true
  }
  const n = list.length
  $('source-count').textContent = text ? tp('sources.matches', n, { text }) : tp('sources.available', n)
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
  desc.textContent = chosen ? t('sources.alreadyAdded') : sourceBlurb(source)
  text.append(name, desc)
  label.append(box, logoFor(source), text)
  li.append(label)
  return li
}

export function updateConfirm () {
  const n = state.selected.size
  const button = $('sources-confirm')
  button.disabled = n === 0
  button.textContent = n === 0 ? t('sources.select') : tp('sources.continue', n)
}

export function onSearchInput () {
  clearTimeout(state.timers.search)
  state.timers.search = setTimeout(search, SEARCH_DEBOUNCE_MS)
}

export async function search () {
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
    showAlert('sources-error', errorText(err))
  }
}

export async function confirmSources () {
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
    announce(tp('sources.added', ids.length))
  } catch (err) {
    if (handleFatal(err)) return
    if (err.status === 409) await refreshSession().catch(() => {})
    showAlert('sources-error', errorText(err))
  } finally {
    button.removeAttribute('aria-busy')
    updateConfirm()
  }
}

export function leaveSources () {
  if (state.steps.length > 0) {
    renderSteps()
    show('steps')
  } else {
    show('welcome')
    loadConsent()
  }
}
