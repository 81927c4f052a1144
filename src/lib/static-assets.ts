// The hosted pages' files (applicant page, console), held in memory and served by name: a request
// can only name an entry of a page's map, so no URL reaches the file system.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
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
