import { describe, expect, it } from 'vitest'
import { isPrivateAddress, privateTargetRefusal } from '../../src/modules/webhooks/private-address.js'

describe('the webhook SSRF guard', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'
  ])('treats %s as private', (address) => {
    expect(isPrivateAddress(address)).toBe(true)
  })

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8'])('treats %s as public', (address) => {
    expect(isPrivateAddress(address)).toBe(false)
  })

  it('refuses URLs whose host is, or resolves to, a private address', async () => {
    expect(await privateTargetRefusal('http://127.0.0.1:5432/x')).toMatch(/private address \(127\.0\.0\.1\)/)
    expect(await privateTargetRefusal('http://[::1]:8080/x')).toMatch(/private address \(::1\)/)
    expect(await privateTargetRefusal('http://localhost:8080/x')).toMatch(/private address/)
    expect(await privateTargetRefusal('https://93.184.216.34/hooks')).toBeNull()
  })
})
