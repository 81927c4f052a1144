import { describe, expect, it } from 'vitest'
import { DELIVERY_MESSAGES, format, MESSAGE_LOCALES, renderEmail, renderSms } from '../../src/modules/delivery/delivery-messages.js'
import { maskAddress } from '../../src/modules/delivery/delivery.service.js'
import { fitsOneSms, gsmLength, toGsm } from '../../src/modules/delivery/sms-encoding.js'
import { SUPPORTED_LOCALES, type Locale } from '../../src/lib/locales.js'

const LINK = 'https://verify.example.com/partner/verification/verify?token=kq3Xz9bVYc2m0TfH8wq1LrNa5sPuE7dG4jKhOiW6yBo&sessionId=123456&c=s'

describe('the message catalog', () => {
  it('has every key in every language of the page, none empty, the same placeholders', () => {
    expect(MESSAGE_LOCALES).toEqual([...SUPPORTED_LOCALES])
    const catalogs = DELIVERY_MESSAGES as Record<string, Record<string, string> | undefined>
    const all = new Set(SUPPORTED_LOCALES.flatMap((l) => Object.keys(catalogs[l] ?? {})))
    const en = DELIVERY_MESSAGES.en as Record<string, string>
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const locale of SUPPORTED_LOCALES) {
      const catalog = catalogs[locale]
      expect(catalog, `no message catalog for ${locale}`).toBeDefined()
      if (!catalog) continue
      expect([...all].filter((k) => !Object.hasOwn(catalog, k)), `message keys missing in ${locale}`).toEqual([])
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('')
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key]))
        if (locale !== 'en' && key !== 'sms.short') expect(text, `${locale} ${key} is the English text`).not.toBe(en[key])
      }
    }
  })

  it('writes the SMS wordings in the GSM alphabet, so no accent of theirs is stripped and one message holds 160 characters', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of ['sms.link', 'sms.reminder', 'sms.short', 'sms.stop'] as const) {
        const text = DELIVERY_MESSAGES[locale][key]
        expect(gsmLength(text), `${locale} ${key}: ${text}`).not.toBeNull()
        expect(toGsm(text)).toBe(text)
      }
    }
  })

  const input = (locale: Locale) => ({
    locale,
    kind: 'link' as const,
    team: 'Imobiliária São João',
    applicantName: 'Zoë',
    instructions: null,
    link: LINK,
    expiresAt: '2030-01-01T12:00:00Z',
    timezone: 'America/Sao_Paulo',
    supportEmail: 'help@example.com',
    unsubscribeUrl: 'https://u.example/x?t=1'
  })

  it('writes the email in each language, the expiry as Intl writes dates there', () => {
    const fr = renderEmail(input('fr'))
    expect(fr.subject).toBe('Imobiliária São João vous demande de vérifier vos informations')
    expect(fr.text).toContain('Bonjour Zoë,')
    expect(fr.text).toContain('Le lien est valable jusqu’au 1 janvier 2030 à 09:00 UTC−3.')
    expect(fr.text).toContain('Des questions ? Écrivez à help@example.com.')
    expect(fr.html).toContain('<html lang="fr">')
    expect(fr.html).toContain('Commencer la vérification')
    const pt = renderEmail({ ...input('pt-BR'), kind: 'reminder' })
    expect(pt.subject).toBe('Lembrete: Imobiliária São João ainda aguarda a sua verificação')
    expect(pt.text).toContain('Olá, Zoë!')
    expect(pt.text).toContain('O link funciona até 1 de janeiro de 2030 às 09:00 BRT.')
    expect(pt.text).toContain('Não receber mais mensagens de Imobiliária São João: https://u.example/x?t=1')
    expect(pt.html).toContain('<html lang="pt-BR">')
    const es = renderEmail(input('es'))
    expect(es.text).toContain('El enlace funciona hasta el 1 de enero de 2030 a las 9:00 GMT-3.')
    for (const locale of SUPPORTED_LOCALES) {
      const email = renderEmail(input(locale))
      expect(email.text).toContain(format(locale, 'email.action'))
      expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/\{\w+\}/)
    }
  })

  it('escapes what the partner wrote in the HTML part', () => {
    const email = renderEmail({
      locale: 'en',
      kind: 'link',
      team: 'A&B <Leasing>',
      applicantName: '<script>x</script>',
      instructions: 'Bring "both" <payslips>',
      link: LINK,
      expiresAt: '2030-01-01T12:00:00Z',
      timezone: 'UTC',
      supportEmail: null,
      unsubscribeUrl: 'https://u.example/x?t=1&y=2'
    })
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('A&amp;B &lt;Leasing&gt;')
    expect(email.html).toContain('Bring &quot;both&quot; &lt;payslips&gt;')
    expect(email.text).toContain('Bring "both" <payslips>')
    expect(email.text).toContain('The link works until January 1, 2030 at 12:00 PM UTC.')
  })
})

describe('one SMS with the link', () => {
  it('fits 160 GSM characters in every language, accents GSM lacks written without', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const kind of ['link', 'reminder'] as const) {
        const sms = renderSms({ locale, kind, team: 'Inmobiliaria Peñón Álvarez', link: LINK }) as string
        expect(sms.endsWith(LINK), sms).toBe(true)
        expect(gsmLength(sms), sms).not.toBeNull()
        expect(gsmLength(sms)).toBeLessThanOrEqual(160)
      }
    }
    expect(toGsm('Peñón Álvarez – Ürün')).toBe('Peñon Alvarez - Ürün')
  })

  it('keeps each language\'s whole wording when the link leaves room, STOP too when it fits, measured in GSM septets', () => {
    const short = 'https://v.example/v?token=kq3Xz9bVYc2m0TfH8wq1LrNa5sPuE7dG4jKhOiW6yBo&sessionId=12&c=s'
    const team = 'Imobiliária São João' // ã is not GSM: written without, or the message would be UCS-2 (70 characters: not even the link)
    expect(gsmLength(`${team}: ${short}`)).toBeNull()
    expect(fitsOneSms(`${team}: ${short}`)).toBe(false)
    const expected: Record<Locale, [string, string]> = {
      en: ['Imobiliaria Sao Joao: please verify your information: ', 'Reminder from Imobiliaria Sao Joao: verify here: '],
      es: ['Imobiliaria Sao Joao: verifique sus datos en este enlace: ', 'Recordatorio de Imobiliaria Sao Joao: verifique sus datos: '],
      fr: ['Imobiliaria Sao Joao : vérifiez vos informations ici : ', 'Rappel de Imobiliaria Sao Joao : vérifiez ici : '],
      'pt-BR': ['Imobiliaria Sao Joao: verifique seus dados neste link: ', 'Lembrete de Imobiliaria Sao Joao: verifique aqui: ']
    }
    for (const locale of SUPPORTED_LOCALES) {
      expected[locale].forEach((lead, i) => {
        const sms = renderSms({ locale, kind: i === 0 ? 'link' : 'reminder', team, link: short }) as string
        const stop = ` ${format(locale, 'sms.stop')}`
        expect([`${lead}${short}`, `${lead}${short}${stop}`]).toContain(sms)
        expect(sms.endsWith(stop)).toBe(gsmLength(`${lead}${short}${stop}`) as number <= 160)
        expect(gsmLength(sms), sms).toBeLessThanOrEqual(160)
      })
    }
    expect(renderSms({ locale: 'pt-BR', kind: 'reminder', team: 'Acme Leasing', link: short })).toBe(`Lembrete de Acme Leasing: verifique aqui: ${short} Responda PARAR para cancelar.`)
  })

  it('falls back to shorter wordings for a long name, and to 70 UCS-2 characters for a name GSM cannot write', () => {
    const long = renderSms({ locale: 'en', kind: 'link', team: 'The Very Long Name Of A Property Management Company', link: LINK }) as string
    expect(fitsOneSms(long)).toBe(true)
    expect(long).toBe(`The Very Long Name O: ${LINK}`) // the name cut to 20 characters: the link must fit
    const short = 'https://v.example/v?token=abc&sessionId=1'
    const ucs2 = renderSms({ locale: 'en', kind: 'link', team: '東京不動産', link: short }) as string
    expect(gsmLength(ucs2)).toBeNull()
    expect(ucs2.length).toBeLessThanOrEqual(70)
    expect(ucs2).toBe(`東京不動産: ${short}`)
    expect(renderSms({ locale: 'en', kind: 'link', team: 'x', link: `https://${'a'.repeat(200)}.example/` })).toBeNull()
  })

  it('masks addresses as the session shows them', () => {
    expect(maskAddress('email', 'jane.doe@example.com')).toBe('j***@example.com')
    expect(maskAddress('sms', '+15551231234')).toBe('+1******1234')
  })
})
