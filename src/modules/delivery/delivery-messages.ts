import type { Locale } from '../../lib/locales.js'
import { fitsOneSms, toGsm } from './sms-encoding.js'

/**
 * The texts of the messages that carry the verification link, one catalog per language; `{name}`
 * placeholders are filled by `format`. Every catalog has every key (a test checks), so these can
 * move as they are into the service's general catalogs.
 */
export const DELIVERY_MESSAGES = {
  en: {
    'email.subject': '{team} asks you to verify your information',
    'email.reminderSubject': 'Reminder: {team} is waiting for your verification',
    'email.greeting': 'Hello {name},',
    'email.greetingNoName': 'Hello,',
    'email.intro': '{team} asks you to verify some of your information through a secure link.',
    'email.reminderIntro': '{team} is still waiting for your verification.',
    'email.instructions': 'Their instructions:',
    'email.action': 'Start the verification',
    'email.linkText': 'If the button does not work, open this link:',
    'email.expires': 'The link works until {expiry}.',
    'email.support': 'Questions? Write to {supportEmail}.',
    'email.ignore': 'If you did not expect this message, you can ignore it.',
    'email.unsubscribe': 'Stop messages from {team}: {url}',
    'email.unsubscribeLink': 'Stop messages from {team}',
    'sms.link': '{team}: please verify your information: {link}',
    'sms.reminder': 'Reminder from {team}: verify here: {link}',
    'sms.short': '{team}: {link}',
    'sms.stop': 'Reply STOP to opt out.',
    'unsubscribe.title': 'Stop messages',
    'unsubscribe.question': 'Stop receiving verification messages from {team} at this address?',
    'unsubscribe.confirm': 'Stop messages',
    'unsubscribe.done': 'Done: {team} will send no more verification messages to this address.',
    'unsubscribe.invalid': 'This unsubscribe link is not valid.'
  },
  es: {
    'email.subject': '{team} le pide verificar su información',
    'email.reminderSubject': 'Recordatorio: {team} espera su verificación',
    'email.greeting': 'Hola, {name}:',
    'email.greetingNoName': 'Hola:',
    'email.intro': '{team} le pide verificar parte de su información mediante un enlace seguro.',
    'email.reminderIntro': '{team} todavía espera su verificación.',
    'email.instructions': 'Sus instrucciones:',
    'email.action': 'Comenzar la verificación',
    'email.linkText': 'Si el botón no funciona, abra este enlace:',
    'email.expires': 'El enlace funciona hasta el {expiry}.',
    'email.support': '¿Preguntas? Escriba a {supportEmail}.',
    'email.ignore': 'Si no esperaba este mensaje, puede ignorarlo.',
    'email.unsubscribe': 'No recibir más mensajes de {team}: {url}',
    'email.unsubscribeLink': 'No recibir más mensajes de {team}',
    'sms.link': '{team}: verifique sus datos en este enlace: {link}',
    'sms.reminder': 'Recordatorio de {team}: verifique sus datos: {link}',
    'sms.short': '{team}: {link}',
    'sms.stop': 'Responda STOP para darse de baja.',
    'unsubscribe.title': 'No recibir más mensajes',
    'unsubscribe.question': '¿Dejar de recibir mensajes de verificación de {team} en esta dirección?',
    'unsubscribe.confirm': 'No recibir más mensajes',
    'unsubscribe.done': 'Listo: {team} no enviará más mensajes de verificación a esta dirección.',
    'unsubscribe.invalid': 'Este enlace para darse de baja no es válido.'
  },
  fr: {
    'email.subject': '{team} vous demande de vérifier vos informations',
    'email.reminderSubject': 'Rappel : {team} attend toujours votre vérification',
    'email.greeting': 'Bonjour {name},',
    'email.greetingNoName': 'Bonjour,',
    'email.intro': '{team} vous invite à vérifier certaines de vos informations grâce à un lien sécurisé.',
    'email.reminderIntro': '{team} attend toujours votre vérification.',
    'email.instructions': 'Instructions du demandeur :',
    'email.action': 'Commencer la vérification',
    'email.linkText': 'Si le bouton ne fonctionne pas, ouvrez ce lien :',
    'email.expires': 'Le lien est valable jusqu’au {expiry}.',
    'email.support': 'Des questions ? Écrivez à {supportEmail}.',
    'email.ignore': 'Si vous n’attendiez pas ce message, vous pouvez l’ignorer.',
    'email.unsubscribe': 'Ne plus recevoir de messages de {team} : {url}',
    'email.unsubscribeLink': 'Ne plus recevoir de messages de {team}',
    'sms.link': '{team} : vérifiez vos informations ici : {link}',
    'sms.reminder': 'Rappel de {team} : vérifiez ici : {link}',
    'sms.short': '{team} : {link}',
    'sms.stop': 'Répondez STOP pour ne plus recevoir de SMS.',
    'unsubscribe.title': 'Ne plus recevoir de messages',
    'unsubscribe.question': 'Ne plus recevoir à cette adresse les messages de vérification de {team} ?',
    'unsubscribe.confirm': 'Ne plus recevoir de messages',
    'unsubscribe.done': 'C’est fait : {team} ne vous enverra plus de messages de vérification à cette adresse.',
    'unsubscribe.invalid': 'Ce lien de désinscription n’est pas valide.'
  },
  'pt-BR': {
    'email.subject': '{team} pede que você verifique suas informações',
    'email.reminderSubject': 'Lembrete: {team} ainda aguarda a sua verificação',
    'email.greeting': 'Olá, {name}!',
    'email.greetingNoName': 'Olá!',
    'email.intro': '{team} pede que você verifique algumas das suas informações por meio de um link seguro.',
    'email.reminderIntro': '{team} ainda aguarda a sua verificação.',
    'email.instructions': 'Instruções do solicitante:',
    'email.action': 'Iniciar a verificação',
    'email.linkText': 'Se o botão não funcionar, abra este link:',
    'email.expires': 'O link funciona até {expiry}.',
    'email.support': 'Dúvidas? Escreva para {supportEmail}.',
    'email.ignore': 'Se você não esperava esta mensagem, pode ignorá-la.',
    'email.unsubscribe': 'Não receber mais mensagens de {team}: {url}',
    'email.unsubscribeLink': 'Não receber mais mensagens de {team}',
    'sms.link': '{team}: verifique seus dados neste link: {link}',
    'sms.reminder': 'Lembrete de {team}: verifique aqui: {link}',
    'sms.short': '{team}: {link}',
    'sms.stop': 'Responda PARAR para cancelar.',
    'unsubscribe.title': 'Cancelar mensagens',
    'unsubscribe.question': 'Deixar de receber neste endereço as mensagens de verificação de {team}?',
    'unsubscribe.confirm': 'Não receber mais mensagens',
    'unsubscribe.done': 'Pronto: {team} não enviará mais mensagens de verificação para este endereço.',
    'unsubscribe.invalid': 'Este link de cancelamento não é válido.'
  }
} as const satisfies Record<Locale, Record<string, string>>

/**
 * The languages emails and SMS are written in: every language of the page. The SMS texts are
 * written in the GSM alphabet (no ç, ã, ê, í...), so a message keeps its 160 characters and no
 * letter of the wording has to be stripped of its accent (a test checks).
 */
export const MESSAGE_LOCALES = Object.keys(DELIVERY_MESSAGES) as Locale[]

export type MessageKey = keyof typeof DELIVERY_MESSAGES['en']

/** The text of `key` in `locale` with its `{placeholders}` filled (a missing value leaves the placeholder). */
export function format (locale: Locale, key: MessageKey, vars: Record<string, string> = {}): string {
  const catalog = (DELIVERY_MESSAGES as Record<Locale, Record<MessageKey, string> | undefined>)[locale]
  const template: string = catalog?.[key] ?? DELIVERY_MESSAGES.en[key]
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole)
}

export interface MessageInput {
  locale: Locale
  kind: 'link' | 'reminder'
  team: string // the team's display name
  applicantName: string | null
  instructions: string | null
  link: string
  expiresAt: string // ISO 8601
  timezone: string // IANA: the expiry is written in it
  supportEmail: string | null
  unsubscribeUrl: string
}

export interface EmailMessage { subject: string, text: string, html: string }

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

function expiry (input: MessageInput): string {
  return new Intl.DateTimeFormat(input.locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: input.timezone, timeZoneName: 'short' })
    .format(new Date(input.expiresAt))
}

/** The email: a subject, a plain-text part and an HTML part saying the same. */
export function renderEmail (input: MessageInput): EmailMessage {
  const l = input.locale
  const t = (key: MessageKey, vars: Record<string, string> = {}) => format(l, key, { team: input.team, ...vars })
  const subject = t(input.kind === 'reminder' ? 'email.reminderSubject' : 'email.subject')
  const greeting = input.applicantName ? t('email.greeting', { name: input.applicantName }) : t('email.greetingNoName')
  const intro = t(input.kind === 'reminder' ? 'email.reminderIntro' : 'email.intro')
  const expires = t('email.expires', { expiry: expiry(input) })
  const support = input.supportEmail ? t('email.support', { supportEmail: input.supportEmail }) : null
  const text = [
    greeting,
    '',
    intro,
    ...(input.instructions ? ['', t('email.instructions'), input.instructions] : []),
    '',
    `${t('email.action')}: ${input.link}`,
    '',
    expires,
    ...(support ? [support] : []),
    '',
    t('email.ignore'),
    t('email.unsubscribe', { url: input.unsubscribeUrl }),
    ''
  ].join('\n')
  const p = (s: string, style = '') => `<p style="margin:0 0 16px;${style}">${s}</p>`
  const html = `<!doctype html>
<html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2433;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
${p(escapeHtml(greeting))}
${p(escapeHtml(intro))}
${input.instructions ? p(`<strong>${escapeHtml(t('email.instructions'))}</strong><br>${escapeHtml(input.instructions).replace(/\n/g, '<br>')}`) : ''}
<p style="margin:24px 0"><a href="${escapeHtml(input.link)}" style="background:#1f5eff;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block;font-weight:600">${escapeHtml(t('email.action'))}</a></p>
${p(`${escapeHtml(t('email.linkText'))}<br><a href="${escapeHtml(input.link)}" style="color:#1f5eff;word-break:break-all">${escapeHtml(input.link)}</a>`, 'font-size:14px')}
${p(escapeHtml(expires))}
${support ? p(escapeHtml(support)) : ''}
${p(escapeHtml(t('email.ignore')), 'font-size:13px;color:#5b6475')}
${p(`<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#5b6475">${escapeHtml(t('email.unsubscribeLink'))}</a>`, 'font-size:13px')}
</div></body></html>
`
  return { subject, text, html }
}

/**
 * The SMS: the longest wording that fits one message with the link (160 GSM characters, or 70
 * UCS-2 when a name has characters GSM cannot write); null when not even the link fits.
 */
export function renderSms (input: Pick<MessageInput, 'locale' | 'kind' | 'team' | 'link'>): string | null {
  // Accents outside GSM (á, í, ó, ú) are written without, as SMS senders do: one of them would cut
  // the message to 70 characters.
  const team = toGsm(input.team).trim()
  const key: MessageKey = input.kind === 'reminder' ? 'sms.reminder' : 'sms.link'
  const full = toGsm(format(input.locale, key, { team, link: input.link }))
  const candidates = [
    `${full} ${toGsm(format(input.locale, 'sms.stop'))}`,
    full,
    format(input.locale, 'sms.short', { team, link: input.link }),
    format(input.locale, 'sms.short', { team: team.slice(0, 20).trim(), link: input.link }),
    input.link
  ]
  return candidates.find(fitsOneSms) ?? null
}
