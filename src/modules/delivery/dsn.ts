/**
 * Reading a mail server's delivery status notification (RFC 3464: a multipart/report with a
 * message/delivery-status part and the returned message or its headers), as an MTA hands a bounce
 * to a pipe or a provider forwards it. Only what marks a message bounced is read: which message
 * (the returned Message-ID), to whom, and whether delivery failed for good.
 */

export interface DsnRecipient {
  recipient: string // the address, without its type (`rfc822;`)
  action: string // failed, delayed, delivered, relayed, expanded (lower case)
  status: string | null // 5.1.1
  diagnostic: string | null // the remote server's answer, when given
}

export interface DsnReport { messageId: string | null, recipients: DsnRecipient[] }

/** Header lines unfolded (continuations joined), CRLF as LF. */
const unfold = (text: string) => text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ')

/** `name: value` fields of a block of lines (lower-case names; the first of each kept). */
function fields (block: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line)
    if (m && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2].trim())
  }
  return out
}

/** The report, or null when the text holds no delivery-status part. */
export function parseDsn (raw: string): DsnReport | null {
  const text = unfold(raw)
  const statusAt = text.search(/^content-type:\s*message\/(?:global-)?delivery-status\b/im)
  if (statusAt < 0) return null
  // The part's body: after its headers' blank line, up to the next boundary line.
  const bodyStart = text.indexOf('\n\n', statusAt)
  if (bodyStart < 0) return null
  const rest = text.slice(bodyStart + 2)
  const end = rest.search(/^--\S/m)
  const body = end < 0 ? rest : rest.slice(0, end)
  const recipients: DsnRecipient[] = []
  for (const block of body.split(/\n\s*\n/)) {
    const f = fields(block)
    const recipient = f.get('final-recipient') ?? f.get('original-recipient')
    const action = f.get('action')
    if (!recipient || !action) continue
    recipients.push({
      recipient: recipient.replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '').trim(),
      action: action.toLowerCase(),
      status: /^\d\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0] ?? null,
      diagnostic: f.get('diagnostic-code')?.replace(/^[^;]*;\s*/, '') ?? null
    })
  }
  // The returned message (or its headers) follows the status part: its Message-ID is the one sent.
  const returnedAt = rest.search(/^content-type:\s*(?:text\/rfc822-headers|message\/rfc822|message\/global(?:-headers)?)\b/im)
  const messageId = returnedAt < 0 ? null : /^message-id:\s*(<[^<>\s]{1,300}>)/im.exec(rest.slice(returnedAt))?.[1] ?? null
  return { messageId, recipients }
}
