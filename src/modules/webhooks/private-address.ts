import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

// Addresses a partner's webhook must not reach: this host, the private network the service runs
// in, link-local (cloud metadata at 169.254.169.254) and every other special-purpose range.
// Registering http://10.0.0.5:5432 as a webhook would otherwise make the service a probe of its
// own network. Only what ipaddr.js calls 'unicast' (no special range at all) is public.

/** All the addresses a host name resolves to; injectable so tests can play a rebinding DNS. */
export type ResolveAll = (hostname: string) => Promise<string[]>

// Bounds how long creating an endpoint waits on DNS (ms); a name that does not answer is taken as unresolvable.
const RESOLVE_TIMEOUT_MS = 3000

export const systemResolveAll: ResolveAll = async (hostname) => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('DNS lookup timed out')), RESOLVE_TIMEOUT_MS)
  })
  try {
    return (await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout])).map((a) => a.address)
  } finally {
    clearTimeout(timer)
  }
}

const fromInt = (n: number): ipaddr.IPv4 => new ipaddr.IPv4([n >>> 24 & 255, n >>> 16 & 255, n >>> 8 & 255, n & 255])

/** The IPv4 addresses an IPv6 address stands for (mapped, translated, tunnelled), if any. */
function embeddedIpv4 (v6: ipaddr.IPv6, range: string): ipaddr.IPv4[] | null {
  const p = v6.parts // eight 16-bit groups
  const last32 = (p[6] << 16 | p[7]) >>> 0
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return [fromInt(last32)]
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64); the local-use 64:ff9b:1::/48 has no fixed place for it
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 && p[1] === 0xff9b ? [fromInt(last32)] : [fromInt(0)]
    case '6to4': // 2002:aabb:ccdd::/48
      return [fromInt((p[1] << 16 | p[2]) >>> 0)]
    case 'teredo': // 2001:0:server:flags:port:~client
      return [fromInt((p[2] << 16 | p[3]) >>> 0), fromInt(~last32 >>> 0)]
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, but still routed by some stacks); :: and ::1 are ranges of their own.
      if (range === 'unicast' && p.slice(0, 6).every((g) => g === 0)) return [fromInt(last32)]
      return null
  }
}

function isPublicIpv4 (v4: ipaddr.IPv4): boolean {
  return v4.range() === 'unicast'
}

/** Whether a webhook may be delivered to this address (true also for anything that is not an IP address). */
export function isPrivateAddress (address: string): boolean {
  if (!isIP(address)) return true
  const parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv4') return !isPublicIpv4(parsed as ipaddr.IPv4)
  const v6 = parsed as ipaddr.IPv6
  const range = v6.range()
  const inside = embeddedIpv4(v6, range)
  if (inside) return !inside.every(isPublicIpv4)
  return range !== 'unicast'
}

/** What a webhook's host may not be; worded so that it never says what a name resolved to. */
export const PRIVATE_TARGET_MESSAGE = 'Endpoint URL points to a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it'

/** Thrown when a delivery would connect to a private address. */
export class PrivateTargetError extends Error {
  readonly code = 'EPRIVATETARGET'
  constructor () { super(PRIVATE_TARGET_MESSAGE) }
}

/** The host of a URL as an address or a name (IPv6 literals without their brackets). */
export const hostOf = (url: string): string => new URL(url).hostname.replace(/^\[|\]$/g, '')

/**
 * Whether an endpoint URL is refused when it is registered: a literal private address, or a name
 * that resolves only to private addresses. A name that does not resolve (yet) is accepted;
 * deliveries check every connection again anyway (see safeConnector), this is for early feedback.
 */
export async function isRefusedTarget (url: string, resolveAll: ResolveAll = systemResolveAll): Promise<boolean> {
  const host = hostOf(url)
  if (isIP(host)) return isPrivateAddress(host)
  let addresses: string[]
  try {
    addresses = await resolveAll(host)
  } catch {
    return false
  }
  return addresses.length > 0 && addresses.every(isPrivateAddress)
}

/**
 * The address a delivery connects to: the host itself when it is an address, otherwise the first
 * address its name resolves to that the guard allows. Resolving here, and connecting to exactly
 * this address, is what closes DNS rebinding (a name answering a public address to a check and
 * 127.0.0.1 to the connection that follows).
 */
export async function connectAddress (host: string, resolveAll: ResolveAll, allowPrivate: boolean): Promise<string> {
  const addresses = isIP(host) ? [host] : await resolveAll(host)
  const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a))
  if (usable.length === 0) {
    if (addresses.length > 0) throw new PrivateTargetError()
    throw Object.assign(new Error(`Could not resolve ${host}`), { code: 'ENOTFOUND' })
  }
  return usable[0]
}
