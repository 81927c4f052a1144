// The console's pages, in the order of the top navigation. A new page is a module that calls
// registerPage() (see router.js), imported here; its markup is a section #view-<name> in index.html.
import './queue.js'
import './session.js'
import './webhooks.js'
import './outbox.js'
import './keys.js'
import './account.js'
