// The hosted applicant page: the manual verification link opens it in a browser, and the deep link
// path serves it too when APP_DEEPLINK_BASE_URL points at this service. The page is static
// (public/app/); its script calls the same public API any client uses.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, sep } from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { fail } from '../../lib/error-codes.js'
import { ROOT_DIR } from '../../lib/paths.js'
import { loadAsset, sendAsset, type Asset } from '../../lib/static-assets.js'
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
}

function filesUnder (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(path)
    return entry.isFile() ? [path] : []
  })
}

/**
 * Reads the page and every file it may serve into memory, once: the files are small, and a URL
 * can only ever name an entry of this map, so no request path reaches the file system.
 */
function loadApplicantPage (): ApplicantPage {
  const assets = new Map<string, Asset>()
  const add = (urlPath: string, file: string) => {
    if (assets.has(urlPath)) return
    const asset = loadAsset(file)
    if (asset) assets.set(urlPath, asset)
  }
  add('/assets/app.js', join(PAGE_DIR, 'app.js'))
  add('/assets/styles.css', join(PAGE_DIR, 'styles.css'))
  add('/assets/vendor/qrcode.js', createRequire(import.meta.url).resolve('qrcode-generator'))
  for (const file of filesUnder(ASSETS_DIR)) add('/assets/' + relative(ASSETS_DIR, file).split(sep).join('/'), file)

  // The page links its script and style with their content hash, so browsers may keep them for good.
  const html = readFileSync(join(PAGE_DIR, 'index.html'), 'utf8')
    .replace(/(src|href)="(\/assets\/[^"?#]+)"/g, (match, attr: string, path: string) => {
      const asset = assets.get(path)
      return asset ? `${attr}="${path}?v=${asset.version}"` : match
    })
  return { html, assets }
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
      unversionedCache: UNVERSIONED_CACHE,
      headers: asset.type.startsWith('image/svg') ? { 'content-security-policy': SVG_CSP } : {}
    })
  })
}
