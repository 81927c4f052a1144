// The console's pages and its address. Every page is a module that calls registerPage() once
// (pages/index.js imports them all); the view's state (page, tab, filters, open session, ...) lives
// in the URL, so reload and Back work, and the URL never holds a secret.
//
// A page is { name, title, load(v, { focus }) } and optionally:
//   menu     its label in the top navigation (left out: no entry)
//   navAs    the menu entry it belongs to (the session page: 'queue'); default its own name
//   claims   (params) => true when the address is this page's without ?view= (?session=5)
//   read     (params) => its fields of the view object, from the address
//   write    (v, params) => its fields back into the address, only what differs from the defaults
//   wire     () => once at start: the page's own event listeners
//   reset    () => on sign-out: forget what it shows
// Its markup is the section #view-<name> of index.html (with an h1.view-title); a page without one
// gets an empty section with its title, which its load() fills.
import { $, h, showView } from './ui.js'
import { stopPoll } from './poll.js'
import { state } from './state.js'

export const DEFAULT_PAGE = 'queue'
const pages = new Map()

export function registerPage (page) {
  if (pages.has(page.name)) throw new Error(`The console page ${page.name} is registered twice`)
  pages.set(page.name, page)
}

function viewOf (p) {
  for (const page of pages.values()) if (page.claims && page.claims(p)) return page.name
  const named = p.get('view')
  return named && pages.has(named) && !pages.get(named).claims ? named : DEFAULT_PAGE
}

/** The view the address describes: { view, ...every page's fields }. */
export function readUrl (search = location.search) {
  const p = new URLSearchParams(search)
  const v = { view: viewOf(p) }
  for (const page of pages.values()) if (page.read) Object.assign(v, page.read(p))
  return v
}

/** The console's address for a view: only what differs from the defaults, never a secret. */
export function urlFor (v) {
  const page = pages.get(v.view) || pages.get(DEFAULT_PAGE)
  const p = new URLSearchParams()
  if (page.name !== DEFAULT_PAGE && !page.claims) p.set('view', page.name)
  if (page.write) page.write(v, p)
  const qs = p.toString()
  return '/console' + (qs ? `?${qs}` : '')
}

/** The address of a page with every other field at its default (the top navigation's links). */
export const pageUrl = (name) => urlFor({ ...readUrl(''), view: name })

export function go (changes, { replace = false, historyState = null } = {}) {
  const v = { ...readUrl(), ...changes }
  history[replace ? 'replaceState' : 'pushState'](historyState, '', urlFor(v))
  route({ focus: true })
}

/** Shows a page's section (the navigation marks its menu entry). */
export function showPage (name, { focus = false, title } = {}) {
  const page = pages.get(name)
  showView(name, { title: title || page.title, nav: page.navAs || name, focus })
}

/** On sign-out: every page forgets what it shows. */
export function resetPages () {
  for (const page of pages.values()) if (page.reset) page.reset()
}

export function route ({ focus = false } = {}) {
  stopPoll()
  if (!state.signedIn) {
    showView('signin', { title: 'Sign in' })
    return
  }
  const v = readUrl()
  void pages.get(v.view).load(v, { focus })
}

/** Once at start: every page's section and menu entry, its listeners, and in-console navigation. */
export function startRouter () {
  const main = $('main')
  const nav = $('main-nav')
  for (const page of pages.values()) {
    if (!$(`view-${page.name}`)) {
      main.append(h('section', { id: `view-${page.name}`, class: 'view', hidden: true },
        h('h1', { class: 'view-title', tabindex: '-1' }, page.title)))
    }
    if (page.menu) nav.append(h('a', { href: pageUrl(page.name), id: `nav-${page.name}`, 'data-nav': true, 'data-page': page.name }, page.menu))
    if (page.wire) page.wire()
  }
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
