// The QR code dialog: on a desktop, the verifier's address for the phone's camera.
import { sourceName } from './steps.js'
import { t } from './i18n.js'
import { state } from './state.js'
import { $ } from '../shared/dom.js'

// ---------------------------------------------------------------- QR code

export function showQr (stepId, url) {
  const step = state.steps.find((s) => s.id === stepId)
  state.qrStepId = stepId
  $('qr-source').textContent = step ? sourceName(step) : t('qr.thisSource')
  $('qr-open').href = url
  $('qr-status').textContent = t('qr.waiting')
  const box = $('qr-code')
  box.replaceChildren()
  const svg = qrSvg(url)
  if (svg) box.append(svg)
  box.hidden = !svg
  const dialog = $('qr-dialog')
  if (!dialog.open) dialog.showModal()
}

export function closeQr () {
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
