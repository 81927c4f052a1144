/**
 * The languages the applicant's messages (emails, SMS, and later the hosted page) are written in.
 * A locale outside this list falls back to its language (`es-MX` -> `es`), then to `en`.
 */
export const SUPPORTED_LOCALES = ['en', 'es'] as const
export type Locale = typeof SUPPORTED_LOCALES[number]
export const DEFAULT_LOCALE: Locale = 'en'

export const isSupportedLocale = (value: string): value is Locale => (SUPPORTED_LOCALES as readonly string[]).includes(value)

/** The supported locale closest to a BCP 47 tag: exact, then its language, else `en`. */
export function resolveLocale (tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE
  if (isSupportedLocale(tag)) return tag
  const language = tag.split(/[-_]/)[0].toLowerCase()
  return isSupportedLocale(language) ? language : DEFAULT_LOCALE
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
