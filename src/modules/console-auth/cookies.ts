import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * The console's cookies. Over https they carry the `__Host-` prefix (the browser then insists on
 * Secure, Path=/ and no Domain, so no sibling host can set or shadow them); over plain http (local
 * development, tests) they cannot, and go without it.
 */
export interface ConsoleCookieNames { session: string, flow: string, secure: boolean }

export function cookieNames (publicBaseUrl: string): ConsoleCookieNames {
  const secure = publicBaseUrl.startsWith('https:')
  const prefix = secure ? '__Host-' : ''
  return { session: `${prefix}partner_console`, flow: `${prefix}partner_console_sso`, secure }
}

/** The value of one cookie of the request (the first, if the browser sent several). */
export function readCookie (request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined
    }
  }
  return undefined
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on another site's posts), Secure over https. */
export function setCookie (reply: FastifyReply, names: ConsoleCookieNames, name: string, value: string, maxAgeS: number): void {
  const attributes = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeS}`]
  if (names.secure) attributes.push('Secure')
  appendCookie(reply, attributes.join('; '))
}

export function clearCookie (reply: FastifyReply, names: ConsoleCookieNames, name: string): void {
  setCookie(reply, names, name, '', 0)
}

function appendCookie (reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie')
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)]
  reply.header('set-cookie', [...list, cookie])
}
