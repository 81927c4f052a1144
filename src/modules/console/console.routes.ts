// The reviewers' web console at /console: a static page (public/console/) whose plain ES modules
// call the same public Partner API any client uses, signed in with an API key the page keeps in
// sessionStorage. Nothing here authenticates: the page holds no data until its script asks the API.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { FastifyReply } from 'fastify'
import { notFound } from '../../lib/http-errors.js'
import { ROOT_DIR } from '../../lib/paths.js'
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

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml'
}

const VERSIONED_CACHE = 'public, max-age=31536000, immutable'
const UNVERSIONED_CACHE = 'no-cache'

interface Asset { body: Buffer, type: string, etag: string, version: string }
interface ConsolePage { html: string, assets: Map<string, Asset> }

/**
 * Reads the page and its files into memory once, at boot: a request can only name an entry of
 * this map, so no URL reaches the file system. The page's own links carry each file's content
 * hash, so browsers keep them for good and a new release is picked up at once.
 */
function loadConsole (): ConsolePage {
  const assets = new Map<string, Asset>()
  for (const entry of readdirSync(CONSOLE_DIR, { withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name).toLowerCase()]
    if (!entry.isFile() || entry.name.startsWith('.') || !type) continue
    const body = readFileSync(join(CONSOLE_DIR, entry.name))
    const version = createHash('sha256').update(body).digest('base64url').slice(0, 16)
    assets.set(entry.name, { body, type, etag: `"${version}"`, version })
  }
  const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8')
    .replace(/(src|href)="\/console\/([^"?#/]+)"/g, (match, attr: string, name: string) => {
      const asset = assets.get(name)
      return asset ? `${attr}="/console/${name}?v=${asset.version}"` : match
    })
  return { html, assets }
}

function matchesEtag (header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === etag
  })
}

export default async function consoleRoutes (app: App) {
  const page = loadConsole() // at boot: a missing page file stops it, rather than the first reviewer's request
  const sendPage = (reply: FastifyReply) => reply.headers(PAGE_HEADERS).send(page.html)

  app.get('/console', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (_request, reply) => sendPage(reply))

  app.get('/console/*', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (request, reply) => {
    const name = (request.params as { '*': string })['*']
    if (name === '' || name === 'index.html') return sendPage(reply)
    const asset = page.assets.get(name)
    if (!asset) throw notFound('Asset not found')
    const version = (request.query as Record<string, unknown>).v
    reply.headers({
      'content-type': asset.type,
      'x-content-type-options': 'nosniff',
      etag: asset.etag,
      'cache-control': version === asset.version ? VERSIONED_CACHE : UNVERSIONED_CACHE
    })
    if (matchesEtag(request.headers['if-none-match'], asset.etag)) return reply.code(304).send()
    return reply.send(asset.body)
  })
}
