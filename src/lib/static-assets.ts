// The hosted pages' files (applicant page, console), held in memory and served by name: a request
// can only name an entry of a page's map, so no URL reaches the file system.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'

export interface Asset { body: Buffer, type: string, etag: string, version: string }

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

/** Linked with its content hash (`?v=`), a file may be kept for good; a new release changes the link. */
const VERSIONED_CACHE = 'public, max-age=31536000, immutable'

/** A file as served, its version the start of its content hash; null for a type we do not serve. */
export function loadAsset (file: string): Asset | null {
  const type = CONTENT_TYPES[extname(file).toLowerCase()]
  if (!type) return null
  const body = readFileSync(file)
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 16)
  return { body, type, etag: `"${version}"`, version }
}

/** Every file under `dir` (dot files and folders left out), deepest last. */
export function filesUnder (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(path)
    return entry.isFile() ? [path] : []
  })
}

/**
 * A folder's files by URL path (`prefix` + their path under `dir`, with `/`), of the types we serve.
 * `skip` leaves out names (a page's index.html is sent by its own route, with its headers).
 */
export function loadFolder (dir: string, prefix: string, skip: readonly string[] = []): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file).split(sep).join('/')
    if (skip.includes(name)) continue
    const asset = loadAsset(file)
    if (asset) assets.set(prefix + name, asset)
  }
  return assets
}

/**
 * Links of a page's HTML (`src`/`href` to one of `prefixes`) with the linked file's content hash
 * (`?v=`), so browsers keep them for good and a new release is picked up at once. Modules a script
 * imports are linked without a version: they are checked with the server (`no-cache` + ETag), so a
 * page never runs one release's entry with another's modules.
 */
export function versionLinks (html: string, prefixes: readonly string[], lookup: (urlPath: string) => Asset | undefined): string {
  return html.replace(/(src|href)="(\/[^"?#]+)"/g, (match, attr: string, path: string) => {
    if (!prefixes.some((p) => path.startsWith(p))) return match
    const asset = lookup(path)
    return asset ? `${attr}="${path}?v=${asset.version}"` : match
  })
}

/** How a file linked without a version is cached: scripts and styles are revalidated, so modules of one release load together. */
export function unversionedCacheOf (asset: Asset, otherwise: string): string {
  return asset.type.startsWith('text/javascript') || asset.type.startsWith('text/css') ? 'no-cache' : otherwise
}

function matchesEtag (header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === etag
  })
}

/** Sends a file: its type, ETag (304 when the client has it), and caching by whether the link is versioned. */
export function sendAsset (request: FastifyRequest, reply: FastifyReply, asset: Asset,
  options: { unversionedCache: string, headers?: Record<string, string> }): FastifyReply {
  const version = (request.query as Record<string, unknown>).v
  reply.headers({
    'content-type': asset.type,
    'x-content-type-options': 'nosniff',
    etag: asset.etag,
    'cache-control': version === asset.version ? VERSIONED_CACHE : options.unversionedCache,
    ...options.headers
  })
  if (matchesEtag(request.headers['if-none-match'], asset.etag)) return reply.code(304).send()
  return reply.send(asset.body)
}
