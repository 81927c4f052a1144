import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

// Addresses a partner's webhook must not reach: this host, the private network the service runs
// in, link-local (cloud metadata at 169.254.169.254) and the like. Registering
// http://10.0.0.5:5432 as a webhook would otherwise make the service a probe of its own network.
const blocked = new BlockList()
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  blocked.addSubnet(net, prefix, 'ipv6')
}

export function isPrivateAddress (address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    return mapped ? blocked.check(mapped[1], 'ipv4') : blocked.check(address, 'ipv6')
  }
  return true
}

/** Why a URL must not be called, or null when every address its host resolves to is public. */
export async function privateTargetRefusal (url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address)
  } catch {
    return `Could not resolve ${host}`
  }
  const inside = addresses.find(isPrivateAddress)
  return inside ? `Endpoint resolves to a private address (${inside}); set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it` : null
}
