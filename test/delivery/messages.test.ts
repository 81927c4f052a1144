import { describe, expect, it } from 'vitest'
import { DELIVERY_MESSAGES, MESSAGE_LOCALES, renderEmail, renderSms } from '../../src/modules/delivery/delivery-messages.js'
import { maskAddress } from '../../src/modules/delivery/delivery.service.js'
import { fitsOneSms, gsmLength, toGsm } from '../../src/modules/delivery/sms-encoding.js'
import { SUPPORTED_LOCALES } from '../../src/lib/locales.js'

const LINK = 'https://verify.example.com/partner/verification/verify?token=kq3Xz9bVYc2m0TfH8wq1LrNa5sPuE7dG4jKhOiW6yBo&sessionId=123456&c=s'

describe('the message catalog', () => {
  it('has every key in every language, none empty, the same placeholders', () => {
    const en = DELIVERY_MESSAGES.en as Record<string, string>
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const locale of MESSAGE_LOCALES) {
      const catalog = DELIVERY_MESSAGES[locale] as Record<string, string>
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(en).sort())
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('')
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key]))
      }
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
  it('fits 160 GSM characters in both languages, accents GSM lacks written without', () => {
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
