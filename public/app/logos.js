// Sources' logos: only this origin's images load (no external requests); a letter otherwise.

export function logoFor (source) {
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
