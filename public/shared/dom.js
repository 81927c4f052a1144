// DOM helpers of the hosted pages. Nothing here writes markup from data: text goes in as text
// (textContent, text nodes), so the pages' strict Content-Security-Policy holds.

export const $ = (id) => document.getElementById(id)

/** An element: `h('a', { href, class, text, onclick }, ...children)`; null/false attributes and children are left out. */
export function h (tag, attrs = {}, ...children) {
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
export function fill (el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false))
}

/** Says `text` in the page's live region (#announcer). */
export function announce (text) {
  const el = $('announcer')
  el.textContent = ''
  // A change after a tick is what screen readers notice, even for the same text twice.
  setTimeout(() => { el.textContent = text }, 50)
}

/** Shows `text` in the alert `id`, or hides the alert when there is none. */
export function showAlert (id, text) {
  const el = $(id)
  el.textContent = text || ''
  el.hidden = !text
}

export function hideAlert (id) { $(id).hidden = true }
