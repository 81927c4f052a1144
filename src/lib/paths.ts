import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// src/lib/ and dist/lib/ both sit two levels below the package root.
export const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DEFAULT_CATALOG = join(ROOT_DIR, 'catalog', 'sources.json')
