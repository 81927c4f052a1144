// The reviewer console. Plain ES modules with no build step: they call the public Partner API with
// the API key the reviewer typed (kept in sessionStorage, sent as x-api-key, never in a URL, cookie
// or log), and never write markup from API data (textContent only), so the strict CSP holds.
// The view's state (page, tab, filters, open session) lives in the URL, so reload and Back work.
//
// Layout: state.js (what the modules share), api.js (the calls), router.js (pages and the
// address), sign-in.js, dialog.js, poll.js, ui.js, and one module per page in pages/ (pages/index.js
// lists them). The fetch wrapper, DOM helpers, status labels and base styles are in /shared/.
//
// Servers before the partner lifecycle API (no /partner/me) still work: the console then sends
// only the list parameters they know, filters by text and date on the page itself, and hides
// the actions they lack (resend, cancel, redact, redeliver).
import './pages/index.js'
import { wireDialog } from './dialog.js'
import { startRouter } from './router.js'
import { resume, wireSignIn } from './sign-in.js'

wireSignIn()
wireDialog()
startRouter()
void resume()
