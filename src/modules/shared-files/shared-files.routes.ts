// What the hosted pages (the applicant page, the console) share: the fetch wrapper, the status
// labels, the DOM helpers and the base stylesheet of public/shared/, served at /shared/ as they are
// (plain ES modules, no build step; the one change: relative imports carry the release, `?v=`).
// Pages link them from their HTML or import them (`../shared/api.js?v=<release>`), under one URL.
import { join } from 'node:path'
import { fail } from '../../lib/error-codes.js'
import { ROOT_DIR } from '../../lib/paths.js'
import { loadFolder, sendAsset, type Asset } from '../../lib/static-assets.js'
import type { App } from '../../types.js'

export const SHARED_DIR = join(ROOT_DIR, 'public', 'shared')
export const SHARED_PREFIX = '/shared/'

let loaded: Map<string, Asset> | null = null
/** URL path (/shared/...) -> file, read once: a request can only name an entry of this map. */
export function sharedAssets (): Map<string, Asset> {
  loaded ??= loadFolder(SHARED_DIR, SHARED_PREFIX)
  return loaded
}

export default async function sharedFilesRoutes (app: App) {
  const assets = sharedAssets() // at boot: a missing folder stops it, rather than the first page's request

  app.get('/shared/*', {
    config: { auth: 'none' },
    schema: { hide: true }
  }, async (request, reply) => {
    const asset = assets.get(SHARED_PREFIX + (request.params as { '*': string })['*'])
    if (!asset) throw fail('asset_not_found')
    return sendAsset(request, reply, asset, { unversionedCache: 'no-cache' })
  })
}
