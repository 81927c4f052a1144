import { describe, expect, it } from 'vitest'
import { connectAddress, isPrivateAddress, isRefusedTarget, PrivateTargetError, type ResolveAll } from '../../src/modules/webhooks/private-address.js'

const answers = (...addresses: string[]): ResolveAll => async () => addresses
const failing: ResolveAll = async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }

describe('the webhook SSRF guard', () => {
  it.each([
    // IPv4 special ranges
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'this network'], ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'], ['100.64.0.1', 'carrier-grade NAT'], ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'], ['198.18.0.1', 'benchmarking'], ['224.0.0.1', 'multicast'], ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6 special ranges
    ['::', 'unspecified'], ['::1', 'loopback'], ['fd00::1', 'unique local'], ['fc00::1', 'unique local'], ['fe80::1', 'link-local'],
    ['fec0::1', 'site-local (deprecated)'], ['ff02::1', 'multicast'], ['100::1', 'discard'], ['2001:db8::1', 'documentation'],
    // IPv6 forms of a private IPv4 address, judged by the IPv4 address they embed
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'], ['::ffff:10.0.0.1', 'IPv4-mapped private'], ['::ffff:0:127.0.0.1', 'IPv4-translated (RFC 6145)'],
    ['::127.0.0.1', 'IPv4-compatible loopback'], ['::10.0.0.1', 'IPv4-compatible private'], ['::169.254.169.254', 'IPv4-compatible link-local'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'], ['64:ff9b::a9fe:a9fe', 'NAT64 of cloud metadata'], ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'], ['2002:c0a8:101::', '6to4 of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo whose client is 127.0.0.1'], ['2001:0:a00:1::1', 'Teredo whose server is 10.0.0.1'],
    // not an address at all
    ['example.com', 'a name'], ['', 'nothing']
  ])('treats %s (%s) as private', (address) => {
    expect(isPrivateAddress(address)).toBe(true)
  })

  it.each([
    '93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::6810:84e5', '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8', '::8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7'
  ])('treats %s as public', (address) => {
    expect(isPrivateAddress(address)).toBe(false)
  })

  describe('at registration', () => {
    it('refuses a literal private address, IPv4 or IPv6, without asking DNS', async () => {
      const never: ResolveAll = async () => { throw new Error('DNS asked for a literal address') }
      for (const url of ['http://127.0.0.1:5432/x', 'http://[::1]:8080/x', 'https://[::ffff:10.0.0.1]/', 'http://0x7f.1/x', 'http://2130706433/']) {
        expect(await isRefusedTarget(url, never), url).toBe(true)
      }
      expect(await isRefusedTarget('https://93.184.216.34/hooks', never)).toBe(false)
      expect(await isRefusedTarget('https://[2606:4700::6810:84e5]/hooks', never)).toBe(false)
    })

    it('refuses a name that resolves only to private addresses', async () => {
      expect(await isRefusedTarget('http://internal.example/x', answers('10.0.0.5'))).toBe(true)
      expect(await isRefusedTarget('http://internal.example/x', answers('127.0.0.1', '::1'))).toBe(true)
      expect(await isRefusedTarget('http://localhost:8080/x')).toBe(true) // the system's resolver
    })

    it('accepts a name with a public address, and one that does not resolve (yet)', async () => {
      expect(await isRefusedTarget('https://hooks.example/x', answers('93.184.216.34'))).toBe(false)
      expect(await isRefusedTarget('https://hooks.example/x', answers('10.0.0.5', '93.184.216.34'))).toBe(false)
      expect(await isRefusedTarget('https://hooks.example/x', failing)).toBe(false)
      expect(await isRefusedTarget('https://hooks.example/x', answers())).toBe(false)
    })
  })

  describe('at connection', () => {
    it('connects to a public address the name resolves to, skipping private ones', async () => {
      expect(await connectAddress('hooks.example', answers('93.184.216.34'), false)).toBe('93.184.216.34')
      expect(await connectAddress('hooks.example', answers('127.0.0.1', '93.184.216.34'), false)).toBe('93.184.216.34')
      expect(await connectAddress('93.184.216.34', failing, false)).toBe('93.184.216.34')
    })

    it('refuses a name that resolves only to private addresses, without saying which', async () => {
      const err = await connectAddress('rebind.example', answers('127.0.0.1'), false).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(PrivateTargetError)
      expect((err as Error).message).toBe('Endpoint URL points to a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it')
      await expect(connectAddress('::1', failing, false)).rejects.toBeInstanceOf(PrivateTargetError)
    })

    it('connects anywhere when private targets are allowed, and reports a name that does not resolve', async () => {
      expect(await connectAddress('receiver.example', answers('127.0.0.1'), true)).toBe('127.0.0.1')
      await expect(connectAddress('nowhere.example', answers(), false)).rejects.toMatchObject({ code: 'ENOTFOUND' })
    })
  })
})
