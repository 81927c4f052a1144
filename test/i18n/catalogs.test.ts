import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogs } from '../../src/lib/i18n.js'
import { localeFromAcceptLanguage, matchLocale, resolveLocale, SUPPORTED_LOCALES } from '../../src/lib/locales.js'
import { ROOT_DIR } from '../../src/lib/paths.js'
import { DELIVERY_MESSAGES } from '../../src/modules/delivery/delivery-messages.js'

// One catalog per language (public/shared/i18n/<locale>.js), the same keys in each, and every key
// the page uses present: index.html's data-i18n* attributes and the t()/tp() calls of its modules.
const APP = join(ROOT_DIR, 'public', 'app')
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the applicant catalogs', async () => {
  const i18n = await catalogs()
  const en = i18n.CATALOGS.en

  it('are the server\'s languages, each with every key of every other and the same placeholders', () => {
    expect(i18n.LOCALES).toEqual([...SUPPORTED_LOCALES])
    const all = new Set(SUPPORTED_LOCALES.flatMap((l) => Object.keys(i18n.CATALOGS[l])))
    for (const locale of SUPPORTED_LOCALES) {
      const catalog = i18n.CATALOGS[locale]
      const missing = [...all].filter((k) => !Object.hasOwn(catalog, k))
      expect(missing, `keys missing in ${locale}`).toEqual([])
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe('')
        expect(placeholders(text), `${locale} ${key} placeholders`).toEqual(placeholders(en[key]))
      }
    }
  })

  it('the emails\' and SMS\' catalogs too: one per language of the page, each with every key (test/delivery/messages.test.ts checks their texts)', () => {
    const messages = DELIVERY_MESSAGES as Record<string, Record<string, string> | undefined>
    expect(Object.keys(messages).sort()).toEqual([...SUPPORTED_LOCALES].sort())
    for (const locale of SUPPORTED_LOCALES) {
      expect(Object.keys(messages[locale] ?? {}).filter((k) => (messages[locale]?.[k] ?? '').trim() === '').length, locale).toBe(0)
      expect(Object.keys(DELIVERY_MESSAGES.en).filter((k) => !Object.hasOwn(messages[locale] ?? {}, k)), `message keys missing in ${locale}`).toEqual([])
    }
  })

  it('hold every key index.html and the page\'s modules use', () => {
    const html = readFileSync(join(APP, 'index.html'), 'utf8')
    const used = new Set<string>()
    for (const m of html.matchAll(/data-i18n(?:-placeholder|-aria-label)?="([^"]+)"/g)) used.add(m[1])
    for (const m of html.matchAll(/data-i18n-around="([^":]+):/g)) used.add(m[1])
    for (const m of html.matchAll(/data-named="([^"]+)"/g)) { used.add(`${m[1]}.lead`); used.add(`${m[1]}.leadNamed`) }
    for (const file of readdirSync(APP).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(APP, file), 'utf8')
      for (const m of source.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1])
      for (const m of source.matchAll(/\btp\('([\w.]+)'/g)) { used.add(`${m[1]}.one`); used.add(`${m[1]}.other`) }
      for (const m of source.matchAll(/\bt\(\s*[^()]*\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g)) { used.add(m[1]); used.add(m[2]) }
      for (const m of source.matchAll(/(?:key|dataset\.i18n =|showBroken\()\s*:?\s*'([\w.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => !Object.hasOwn(en, k))
    expect(missing).toEqual([])
  })

  it('a missing key reads as the key itself (what the browser suite looks for), numbers are formatted for the language', () => {
    expect(i18n.translate('es', 'no.such.key')).toBe('no.such.key')
    expect(i18n.translatePlural('es', 'sources.available', 1)).toBe('1 fuente disponible')
    expect(i18n.translatePlural('fr', 'sources.available', 1200)).toBe('1\u202f200 sources disponibles')
    expect(i18n.translatePlural('pt-BR', 'sources.available', 1200)).toBe('1.200 fontes disponíveis')
  })

  it('the consent text says who, why, what each source shares and how long, in each language', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const text = i18n.consentText(locale, { team: 'Acme', purpose: 'credit', purposeText: null, sources: [{ name: 'PayPal', parameters: ['monthlyIncome', 'someNewThing'] }], retentionDays: 90 })
      expect(text).toContain('Acme')
      expect(text).toContain(i18n.translate(locale, 'purpose.credit'))
      expect(text).toMatch(new RegExp(`PayPal\\s?: ${i18n.translate(locale, 'param.monthlyIncome')}`))
      expect(text).toContain('some new thing')
      expect(text).toContain('90')
      expect(text).not.toMatch(/\{\w+\}/)
    }
  })

  it('locales resolve by tag, language and Accept-Language weights', () => {
    expect(matchLocale('es-MX')).toBe('es')
    expect(matchLocale('pt')).toBe('pt-BR')
    expect(matchLocale('PT_br')).toBe('pt-BR')
    expect(matchLocale('de')).toBeNull()
    expect(resolveLocale('de')).toBe('en')
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,fr;q=0.5,es;q=0.7')).toBe('es')
    expect(localeFromAcceptLanguage('de, *;q=0.1')).toBeNull()
    expect(localeFromAcceptLanguage('es;q=0, fr')).toBe('fr')
  })
})
