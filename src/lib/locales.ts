/**
 * The languages the applicant's page and messages are written in: one catalog each, in
 * public/shared/i18n/<locale>.js (the page imports them; the server reads the same files for the
 * texts it renders, such as the consent text). A locale outside this list falls back to a supported
 * one of its language (`es-MX` -> `es`, `pt` -> `pt-BR`), then to `en`.
 */
export const SUPPORTED_LOCALES = ['en', 'es', 'fr', 'pt-BR'] as const
export type Locale = typeof SUPPORTED_LOCALES[number]
export const DEFAULT_LOCALE: Locale = 'en'

export const isSupportedLocale = (value: string): value is Locale => (SUPPORTED_LOCALES as readonly string[]).includes(value)

/** The supported locale matching a BCP 47 tag (exact, case-insensitive, then by language), or null. */
export function matchLocale (tag: string | null | undefined): Locale | null {
  if (!tag) return null
  const clean = tag.trim().replace(/_/g, '-').toLowerCase()
  if (!clean) return null
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === clean)
  if (exact) return exact
  const language = clean.split('-')[0]
  return SUPPORTED_LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) ?? null
}

/** The supported locale closest to a BCP 47 tag: exact, then its language, else `en`. */
export function resolveLocale (tag: string | null | undefined): Locale {
  return matchLocale(tag) ?? DEFAULT_LOCALE
}

/** The first supported locale of an Accept-Language header, by its q weights; null when none is. */
export function localeFromAcceptLanguage (header: string | null | undefined): Locale | null {
  if (!header || header.length > 1000) return null
  const ranges = header.split(',').slice(0, 30).map((part, index) => {
    const [tag, ...rest] = part.trim().split(';')
    const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index }
  }).filter((r) => r.tag && r.tag !== '*' && r.weight > 0)
  ranges.sort((a, b) => b.weight - a.weight || a.index - b.index)
  for (const r of ranges) {
    const locale = matchLocale(r.tag)
    if (locale) return locale
  }
  return null
}

/** Whether `name` is an IANA time zone this runtime knows (`America/New_York`, `UTC`); its canonical spelling when so. */
export function canonicalTimeZone (name: string): string | null {
  if (name.length === 0 || name.length > 64) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}
