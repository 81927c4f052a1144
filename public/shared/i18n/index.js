// The applicant's languages: one catalog per locale (en.js, es.js, fr.js, pt-BR.js, the same keys in
// each) and the one way a text is made from them. The hosted page imports this module; the server
// imports the same file for the texts it renders (the consent text, whose hash must match what the
// page shows), so both speak from one catalog with one formatter.
import en from './en.js'
import es from './es.js'
import fr from './fr.js'
import ptBR from './pt-BR.js'

export const LOCALES = ['en', 'es', 'fr', 'pt-BR']
export const DEFAULT_LOCALE = 'en'
export const CATALOGS = { en, es, fr, 'pt-BR': ptBR }

/** The supported locale matching a BCP 47 tag (exact, case-insensitive, then by language), or null. */
export function matchLocale (tag) {
  if (typeof tag !== 'string') return null
  const clean = tag.trim().replace(/_/g, '-').toLowerCase()
  if (!clean) return null
  const exact = LOCALES.find((l) => l.toLowerCase() === clean)
  if (exact) return exact
  const language = clean.split('-')[0]
  return LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) || null
}

/**
 * The text of `key` in `locale` with `{name}` replaced by `vars.name` (numbers formatted for the
 * locale). A key the locale lacks falls back to English; a key no catalog has reads as the key itself
 * (which the tests look for on the page).
 */
export function translate (locale, key, vars = {}) {
  const catalog = CATALOGS[locale] || en
  const template = Object.hasOwn(catalog, key) ? catalog[key] : Object.hasOwn(en, key) ? en[key] : key
  const numbers = new Intl.NumberFormat(locale)
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(vars, name)) return whole
    const value = vars[name]
    return typeof value === 'number' ? numbers.format(value) : String(value)
  })
}

/** `key.one` / `key.other` (by Intl.PluralRules for `n`), with `{n}` and the other values put in. */
export function translatePlural (locale, key, n, vars = {}) {
  const form = new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other'
  return translate(locale, `${key}.${form}`, { n, ...vars })
}

/** A list in words for the locale: "a, b, and c" / "a, b y c". */
export function listOf (locale, items) {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items)
  } catch {
    return items.join(', ')
  }
}

/** A source's declared parameter in words: the catalog's, else its name split from camelCase. */
export function parameterWords (locale, name) {
  const key = `param.${name}`
  const catalog = CATALOGS[locale] || en
  if (Object.hasOwn(catalog, key)) return catalog[key]
  return String(name)
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((word) => /^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase())
    .join(' ')
}

export const CONSENT_PURPOSES = ['credit', 'tenant_screening', 'employment', 'other']

/**
 * The consent text, line by line, exactly as the page shows it and the server hashes it.
 * `c`: { team, purpose (one of CONSENT_PURPOSES or null), purposeText, sources: [{name, parameters}],
 * retentionDays (null: kept until erased) }.
 */
export function consentText (locale, c) {
  const t = (key, vars) => translate(locale, key, vars)
  const purpose = c.purpose === 'other' && c.purposeText
    ? c.purposeText
    : t(CONSENT_PURPOSES.includes(c.purpose) ? `purpose.${c.purpose}` : 'purpose.none')
  const lines = [t('consent.text.who', { team: c.team, purpose })]
  if (c.purposeText && c.purpose !== 'other') lines.push(t('consent.text.purposeText', { text: c.purposeText }))
  lines.push(t('consent.text.what'))
  for (const source of c.sources) {
    const parameters = (source.parameters || []).filter((p) => typeof p === 'string' && p)
    lines.push(parameters.length > 0
      ? t('consent.text.source', { source: source.name, data: listOf(locale, parameters.map((p) => parameterWords(locale, p))) })
      : t('consent.text.sourceNoData', { source: source.name }))
  }
  lines.push(t('consent.text.how', { team: c.team }))
  lines.push(c.retentionDays === null || c.retentionDays === undefined
    ? t('consent.text.retentionKept', { team: c.team })
    : translatePlural(locale, 'consent.text.retention', c.retentionDays, { team: c.team, days: c.retentionDays }))
  lines.push(t('consent.text.agree', { team: c.team }))
  return lines.join('\n')
}

/** The consent wording's version: changes whenever a consent template in any language changes. */
export function consentTemplates () {
  return LOCALES.map((l) => Object.entries(CATALOGS[l]).filter(([k]) => k.startsWith('consent.text.') || k.startsWith('purpose.') || k.startsWith('param.'))
    .map(([k, v]) => `${l}\u0000${k}\u0000${v}`).join('\u0001')).join('\u0002')
}
