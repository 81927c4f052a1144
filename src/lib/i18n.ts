import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT_DIR } from './paths.js'
import type { Locale } from './locales.js'

/**
 * The applicant's catalogs, read from the same module the hosted page imports
 * (public/shared/i18n/index.js), so a text the server renders (the consent text) is the one the
 * page shows, word for word.
 */
export interface ConsentInput {
  team: string
  purpose: string | null
  purposeText: string | null
  sources: Array<{ name: string, parameters: string[] }>
  retentionDays: number | null
}

export interface Catalogs {
  LOCALES: Locale[]
  CATALOGS: Record<Locale, Record<string, string>>
  translate: (locale: Locale, key: string, vars?: Record<string, string | number>) => string
  translatePlural: (locale: Locale, key: string, n: number, vars?: Record<string, string | number>) => string
  consentText: (locale: Locale, input: ConsentInput) => string
  consentTemplates: () => string
}

export const CATALOG_MODULE = join(ROOT_DIR, 'public', 'shared', 'i18n', 'index.js')

let loading: Promise<Catalogs> | null = null
/** The catalogs (imported once). */
export async function catalogs (): Promise<Catalogs> {
  loading ??= import(pathToFileURL(CATALOG_MODULE).href) as Promise<Catalogs>
  return await loading
}
