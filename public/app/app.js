// The hosted applicant page. Plain ES modules with no build step: they call the same public
// Partner API any client uses (link exchange, sources, steps, initiate; on a test session the
// sandbox's simulate) and never write markup from API data (textContent only), so the strict
// Content-Security-Policy holds.
//
// Sections: link.js (the link token and its exchange), screens.js (which screen, errors, boot),
// sources.js (the source picker), steps.js (the step flow), sandbox.js (test sessions), qr.js,
// logos.js, timers.js, state.js. The fetch wrapper, DOM helpers, status labels and base styles
// are in /shared/.
import { wireConsent } from './consent.js'
import { onLocaleChange, resolveLocale, setLocale, wireSwitcher } from './i18n.js'
import { readLink } from './link.js'
import { closeQr } from './qr.js'
import { boot, redraw } from './screens.js'
import { leaveSources, confirmSources, onSearchInput, openSources, search } from './sources.js'
import { state } from './state.js'
import { $ } from '../shared/dom.js'

function wire () {
  wireConsent()
  wireSwitcher()
  onLocaleChange(redraw)
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

setLocale(resolveLocale(null))
const link = readLink()
state.sessionId = link.sessionId
state.token = link.token
state.channel = link.channel
wire()
boot()
