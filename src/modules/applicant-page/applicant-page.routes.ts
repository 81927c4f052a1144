// The hosted applicant page: the manual verification link opens it in a browser, and the deep link
// path serves it too when APP_DEEPLINK_BASE_URL points at this service. The page is static
// (public/app/); its script calls the same public API any client uses.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, sep } from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { fail } from '../../lib/error-codes.js'
import { ROOT_DIR } from '../../lib/paths.js'
import { filesUnder, loadAsset, loadFolder, sendAsset, unversionedCacheOf, versionLinks, type Asset } from '../../lib/static-assets.js'
import { SHARED_PREFIX, sharedAssets } from '../shared-files/shared-files.routes.js'
import type { App } from '../../types.js'
import { prefersHtml } from './accept.js'

const PAGE_DIR = join(ROOT_DIR, 'public', 'app')
const ASSETS_DIR = join(ROOT_DIR, 'public', 'assets')

/** The page loads nothing but its own origin's files; its address carries the link token. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // The URL holds the link token: no cache, shared or private, may keep the response.
  'cache-control': 'no-store'
}

// Opened directly, an SVG is a document that could run script; as an <img> this header is ignored.
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

const UNVERSIONED_CACHE = 'public, max-age=3600' // seconds; logos are linked without a version

interface ApplicantPage {
  html: string
  /** URL path (/assets/...) -> file: only what is listed here can ever be served. */
  assets: Map<string, Asset>
  /** The page's own modules and styles (public/app/): asked for without their version, they are revalidated. */
  own: Set<string>
}

/**
 * Reads the page and every file it may serve into memory, once: the files are small, and a URL
 * can only ever name an entry of this map, so no request path reaches the file system. The page's
 * own modules and styles (public/app/, at /assets/) come first, then the vendored QR code script
 * and the logos (public/assets/); the shared modules are served at /shared/ (shared-files).
 */
function loadApplicantPage (): ApplicantPage {
  const assets = loadFolder(PAGE_DIR, '/assets/', ['index.html'])
  const own = new Set(assets.keys())
  const add = (urlPath: string, file: string) => {
    if (assets.has(urlPath)) return
    const asset = loadAsset(file)
    if (asset) assets.set(urlPath, asset)
  }
  add('/assets/vendor/qrcode.js', createRequire(import.meta.url).resolve('qrcode-generator'))
  for (const file of filesUnder(ASSETS_DIR)) add('/assets/' + relative(ASSETS_DIR, file).split(sep).join('/'), file)

  // The page links its script and styles with their content hash, so browsers may keep them for good.
  const shared = sharedAssets()
  const html = versionLinks(readFileSync(join(PAGE_DIR, 'index.html'), 'utf8'), ['/assets/', SHARED_PREFIX],
    (path) => assets.get(path) ?? shared.get(path))
  return { html, assets, own }
}

let loaded: ApplicantPage | null = null
function applicantPage (): ApplicantPage {
  loaded ??= loadApplicantPage()
  return loaded
}

function sendApplicantPage (reply: FastifyReply): FastifyReply {
  return reply.headers(PAGE_HEADERS).send(applicantPage().html)
}

/**
 * onRequest hook of GET /partner/verification/verify: a browser navigating to the manual link gets
 * the page, before the query is validated or the token touched (the page's script exchanges it,
 * and shows the broken-link screen for a bad one); API clients keep the JSON exchange.
 */
export async function applicantPageForBrowsers (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  reply.header('vary', 'Accept')
  if (!prefersHtml(request.headers.accept)) return undefined
  return sendApplicantPage(reply)
}

export default async function applicantPageRoutes (app: App) {
  applicantPage() // at boot: a missing page file stops it, rather than the first applicant's request

  app.get('/verification-request', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (_request, reply) => sendApplicantPage(reply))

  app.get('/assets/*', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (request, reply) => {
    const path = '/assets/' + (request.params as { '*': string })['*']
    const asset = applicantPage().assets.get(path)
    if (!asset) throw fail('asset_not_found')
    return sendAsset(request, reply, asset, {
      unversionedCache: applicantPage().own.has(path) ? unversionedCacheOf(asset, UNVERSIONED_CACHE) : UNVERSIONED_CACHE,
      headers: asset.type.startsWith('image/svg') ? { 'content-security-policy': SVG_CSP } : {}
    })
  })
}
