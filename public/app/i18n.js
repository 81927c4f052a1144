// The page's language: which one (the applicant's choice on the switcher, kept in this browser; else
// the session's params.locale; else ?lang=; else the browser's languages (Accept-Language); else
// the team's defaultLocale; else English), its words (the shared catalogs, public/shared/i18n) and
// the static texts of index.html (data-i18n="key", data-i18n-placeholder, data-i18n-aria-label,
// data-i18n-around="key:name" for a text around one child element). Dates and numbers go through Intl.
import { CATALOGS, DEFAULT_LOCALE, LOCALES, matchLocale, translate, translatePlural } from '../shared/i18n/index.js'
import { $ } from '../shared/dom.js'

const CHOICE_KEY = 'partner-api:lang'
let current = DEFAULT_LOCALE
const listeners = []

export const locale = () => current

/** The text of `key` in the page's language. */
export const t = (key, vars) => translate(current, key, vars)
/** `key.one` / `key.other` for `n`. */
export const tp = (key, n, vars) => translatePlural(current, key, n, vars)

/**
 * An API error in the page's language: in English the service's own message; in another language
 * the catalog's words for its code (`api.<code>`) when there are some, else the service's message.
 */
export function errorText (err) {
  // The service writes its messages in English, and more precisely than the catalog's general words.
  if (current === DEFAULT_LOCALE && err && err.message) return err.message
  const key = err && err.code ? `api.${err.code}` : ''
  return key && Object.hasOwn(CATALOGS[current] || CATALOGS.en, key) ? t(key) : (err && err.message) || t('error.unexpected')
}

export function formatDate (date) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

function storedChoice () {
  try { return matchLocale(localStorage.getItem(CHOICE_KEY)) } catch { return null }
}

function fromBrowser () {
  const tags = Array.isArray(navigator.languages) && navigator.languages.length > 0 ? navigator.languages : [navigator.language]
  for (const tag of tags) {
    const match = matchLocale(tag)
    if (match) return match
  }
  return null
}

/** The language for this session's answer (null before the exchange). */
export function resolveLocale (session) {
  const query = new URLSearchParams(location.search).get('lang')
  return storedChoice() || matchLocale(session && session.locale) || matchLocale(query) || fromBrowser() ||
    matchLocale(session && session.defaultLocale) || DEFAULT_LOCALE
}

/** Switches the page to `next`; listeners re-render what they drew. */
export function setLocale (next) {
  const chosen = matchLocale(next) || DEFAULT_LOCALE
  const changed = chosen !== current
  current = chosen
  applyStatic()
  const select = $('lang-select')
  if (select) select.value = current
  if (changed) for (const fn of listeners) fn(current)
}

/** Called with the new locale after each change of language. */
export function onLocaleChange (fn) { listeners.push(fn) }

/** The static texts of the page in the current language. */
export function applyStatic (root = document) {
  document.documentElement.lang = current
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n)
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder))
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel))
  for (const el of root.querySelectorAll('[data-i18n-around]')) fillAround(el)
}

/** `<p data-i18n-around="key:name">…<strong/>…</p>`: the text of `key` with its `{name}` where the child element is. */
function fillAround (el) {
  const [key, name] = el.dataset.i18nAround.split(':')
  const child = el.firstElementChild
  const marker = '\u0000'
  const [before, after = ''] = t(key, { [name]: marker }).split(marker)
  if (!child) { el.textContent = before + after; return }
  el.replaceChildren(document.createTextNode(before), child, document.createTextNode(after))
}

/** The switcher: each language in its own words; a choice is kept in this browser and in the address (?lang=). */
export function wireSwitcher () {
  const select = $('lang-select')
  select.replaceChildren(...LOCALES.map((l) => {
    const option = document.createElement('option')
    option.value = l
    option.lang = l
    option.textContent = CATALOGS[l]['meta.name']
    return option
  }))
  select.value = current
  select.addEventListener('change', () => {
    try { localStorage.setItem(CHOICE_KEY, select.value) } catch { /* storage disabled: the choice lasts this page */ }
    const url = new URL(location.href)
    url.searchParams.set('lang', select.value)
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    setLocale(select.value)
  })
}
