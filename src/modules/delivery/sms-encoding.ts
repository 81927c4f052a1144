// SMS length: a single message holds 160 characters of the GSM 03.38 alphabet (those of its
// extension table count twice), or 70 UTF-16 code units (UCS-2) once any other character appears.

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENDED = '^{}\\[~]|€\f'
const BASIC = new Set(GSM_BASIC)
const EXTENDED = new Set(GSM_EXTENDED)

export const GSM_SINGLE_LIMIT = 160
export const UCS2_SINGLE_LIMIT = 70

/** GSM septets the text takes, or null when a character is outside the GSM alphabet. */
export function gsmLength (text: string): number | null {
  let n = 0
  for (const ch of text) {
    if (BASIC.has(ch)) n += 1
    else if (EXTENDED.has(ch)) n += 2
    else return null
  }
  return n
}

/** Whether the text fits one SMS: 160 GSM septets, or 70 UCS-2 code units. */
export function fitsOneSms (text: string): boolean {
  const gsm = gsmLength(text)
  return gsm !== null ? gsm <= GSM_SINGLE_LIMIT : text.length <= UCS2_SINGLE_LIMIT
}

/**
 * The text with letters outside the GSM alphabet replaced by their base letter where one exists
 * (á -> a, ç -> c, ő -> o; é and ñ are GSM already), so a name costs a GSM character, not the whole
 * message's switch to UCS-2. Characters with no GSM form are left as they are.
 */
export function toGsm (text: string): string {
  let out = ''
  for (const ch of text) {
    if (BASIC.has(ch) || EXTENDED.has(ch)) { out += ch; continue }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '')
    out += base !== '' && [...base].every((c) => BASIC.has(c)) ? base : ch === '’' || ch === '‘' ? '\'' : ch === '“' || ch === '”' ? '"' : ch === '–' || ch === '—' ? '-' : ch
  }
  return out
}
