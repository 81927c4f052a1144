// The reviewers' web console at /console: a static page (public/console/) whose plain ES modules
// call the same public Partner API any client uses, signed in with an API key the page keeps in
// sessionStorage. Nothing here authenticates: the page holds no data until its script asks the API.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyReply } from 'fastify'
import { fail } from '../../lib/error-codes.js'
import { ROOT_DIR } from '../../lib/paths.js'
import { loadFolder, sendAsset, versionLinks, type Asset } from '../../lib/static-assets.js'
import { SHARED_PREFIX, sharedAssets } from '../shared-files/shared-files.routes.js'
import type { App } from '../../types.js'

const CONSOLE_DIR = join(ROOT_DIR, 'public', 'console')

/** Only this origin's files, no inline script or style, no framing, no form posts elsewhere. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store'
}

// Files asked for without their version are checked with the server each time.
const UNVERSIONED_CACHE = 'no-cache'

interface ConsolePage { html: string, assets: Map<string, Asset> }

/**
 * Reads the page and its files (public/console/ and its folders) into memory once, at boot: a
 * request can only name an entry of this map, so no URL reaches the file system. The page's own
 * links (its entry module, its stylesheets, the shared ones) carry each file's version, and every
 * module imports the others with the release's (loadAsset), so browsers keep them all for good and
 * a new release is picked up at once. A file asked for without its version is checked with the
 * server each time (no-cache + ETag).
 */
function loadConsole (): ConsolePage {
  const assets = loadFolder(CONSOLE_DIR, '/console/', ['index.html'])
  const shared = sharedAssets()
  const html = versionLinks(readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8'), ['/console/', SHARED_PREFIX],
    (path) => assets.get(path) ?? shared.get(path))
  return { html, assets }
}

export default async function consoleRoutes (app: App) {
  const page = loadConsole() // at boot: a missing page file stops it, rather than the first reviewer's request
  const sendPage = (reply: FastifyReply) => reply.headers(PAGE_HEADERS).send(page.html)

  app.get('/console', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (_request, reply) => sendPage(reply))

  // Where a setup link lands (its token in the query): the page shows the set-password form.
  app.get('/console/setup', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (_request, reply) => sendPage(reply))

  app.get('/console/*', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (request, reply) => {
    const name = (request.params as { '*': string })['*']
    if (name === '' || name === 'index.html') return sendPage(reply)
    const asset = page.assets.get('/console/' + name)
    if (!asset) throw fail('asset_not_found')
    return sendAsset(request, reply, asset, { unversionedCache: UNVERSIONED_CACHE })
  })
}
