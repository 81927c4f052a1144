// The hosted pages' files (applicant page, console), held in memory and served by name: a request
// can only name an entry of a page's map, so no URL reaches the file system.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ROOT_DIR } from './paths.js'

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

const hashOf = (data: Buffer | string) => createHash('sha256').update(data).digest('base64url').slice(0, 16)
const isModule = (type: string) => type.startsWith('text/javascript')

/**
 * A file as served, its version the start of its content hash; null for a type we do not serve.
 * With `release` (the hosted pages' own modules), a script's relative imports are linked with that
 * version and so is the script: every module of one release imports every other under one URL
 * (`./x.js?v=<release>`), so browsers keep them all for good and never mix two releases.
 */
export function loadAsset (file: string, { release }: { release?: string } = {}): Asset | null {
  const type = CONTENT_TYPES[extname(file).toLowerCase()]
  if (!type) return null
  const modular = release !== undefined && isModule(type)
  const body = modular ? versionImports(readFileSync(file), release) : readFileSync(file)
  const hash = hashOf(body)
  return { body, type, etag: `"${hash}"`, version: modular ? release : hash }
}

/**
 * A module with `?v=<version>` on its relative static imports (`from './x.js'`, `import '../y.js'`):
 * the one change made to a served script. Bare and absolute specifiers are left as they are.
 */
export function versionImports (body: Buffer, version: string): Buffer {
  return Buffer.from(body.toString('utf8').replace(/(\bfrom\s*|^\s*import\s*)(['"])(\.{1,2}\/[^'"?#\s]+\.js)\2/gm,
    (_match, head: string, quote: string, specifier: string) => `${head}${quote}${specifier}?v=${version}${quote}`))
}

let release: string | null = null
/**
 * The version of the hosted pages' files (public/): one hash of every file's path and content,
 * so one release's modules all share it (shared modules are imported by both pages, under one URL).
 */
export function hostedRelease (): string {
  if (release === null) {
    const dir = join(ROOT_DIR, 'public')
    const hash = createHash('sha256')
    for (const file of filesUnder(dir).sort()) hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0')
    release = hash.digest('base64url').slice(0, 16)
  }
  return release
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
 * A folder of a hosted page (under public/) by URL path (`prefix` + the file's path under `dir`,
 * with `/`), of the types we serve, its modules versioned with the release (loadAsset).
 * `skip` leaves out names (a page's index.html is sent by its own route, with its headers).
 */
export function loadFolder (dir: string, prefix: string, skip: readonly string[] = []): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file).split(sep).join('/')
    if (skip.includes(name)) continue
    const asset = loadAsset(file, { release: hostedRelease() })
    if (asset) assets.set(prefix + name, asset)
  }
  return assets
}

/**
 * Links of a page's HTML (`src`/`href` to one of `prefixes`) with the linked file's version
 * (`?v=`: its content hash, or the release for a module), so browsers keep them for good and a new
 * release is picked up at once.
 */
export function versionLinks (html: string, prefixes: readonly string[], lookup: (urlPath: string) => Asset | undefined): string {
  return html.replace(/(src|href)="(\/[^"?#]+)"/g, (match, attr: string, path: string) => {
    if (!prefixes.some((p) => path.startsWith(p))) return match
    const asset = lookup(path)
    return asset ? `${attr}="${path}?v=${asset.version}"` : match
  })
}

/** How a file asked for without its version is cached: scripts and styles are checked with the server each time (no-cache + ETag). */
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
