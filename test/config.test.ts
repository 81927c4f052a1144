import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.message
    throw err
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('configuration', () => {
  describe('TRUST_PROXY', () => {
    it.each([
      [undefined, false],
      ['', false],
      ['false', false],
      ['0', false],
      ['1', 1],
      ['2', 2],
      ['10.0.0.0/8', ['10.0.0.0/8']],
      ['10.0.0.0/8, 192.0.2.7 ,fd00::/8', ['10.0.0.0/8', '192.0.2.7', 'fd00::/8']],
      ['loopback,2001:db8::1', ['loopback', '2001:db8::1']]
    ])('%j is %j', (raw, expected) => {
      expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toEqual(expected)
    })

    it.each(['true', 'TRUE', 'yes', 'on'])('refuses %s, saying what to write instead', (raw) => {
      expect(refusal({ TRUST_PROXY: raw })).toBe(`TRUST_PROXY=${raw} would trust every X-Forwarded-For hop, so a client could choose its own address: ` +
        'write the number of proxies in front of the service (e.g. 1), or their addresses/CIDRs (e.g. 10.0.0.0/8,192.0.2.7)')
    })

    it.each(['perhaps', '10.0.0.0/33', '10.0.0', '0x7f.1', '300.1.1.1', '10.0.0.1,nope'])('refuses %j as neither a hop count nor addresses', (raw) => {
      expect(refusal({ TRUST_PROXY: raw })).toMatch(/^TRUST_PROXY must be a hop count \(e\.g\. 1\) or comma-separated proxy addresses\/CIDRs \(e\.g\. 10\.0\.0\.0\/8,192\.0\.2\.7\), got "/)
    })

    it('refuses an absurd hop count', () => {
      expect(refusal({ TRUST_PROXY: '99' })).toBe('TRUST_PROXY must be a hop count between 0 and 32, got 99')
    })
  })

  describe('METRICS_TOKEN', () => {
    it('is unset by default (/metrics open)', () => {
      expect(loadConfig({}).metricsToken).toBeNull()
    })
    it('is read when set', () => {
      expect(loadConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe('0123456789abcdef')
    })
    it('refuses a token too short to be a secret', () => {
      expect(refusal({ METRICS_TOKEN: 'short' })).toBe('METRICS_TOKEN must be at least 16 characters long')
    })
  })

  describe('timeouts', () => {
    it('have defaults', () => {
      const config = loadConfig({})
      expect(config.databaseStatementTimeoutMs).toBe(10_000)
      expect(config.databaseIdleTxTimeoutMs).toBe(30_000)
      expect(config.http).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 72_000 })
      expect(config.shutdownTimeoutMs).toBe(10_000)
    })

    it('are read from the environment', () => {
      const config = loadConfig({
        DATABASE_STATEMENT_TIMEOUT_MS: '2500',
        DATABASE_IDLE_TX_TIMEOUT_MS: '5000',
        HTTP_REQUEST_TIMEOUT_MS: '20000',
        HTTP_HEADERS_TIMEOUT_MS: '4000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
        SHUTDOWN_TIMEOUT_MS: '3000'
      })
      expect(config.databaseStatementTimeoutMs).toBe(2500)
      expect(config.databaseIdleTxTimeoutMs).toBe(5000)
      expect(config.http).toEqual({ requestTimeoutMs: 20_000, headersTimeoutMs: 4000, keepAliveTimeoutMs: 65_000 })
      expect(config.shutdownTimeoutMs).toBe(3000)
    })

    it.each([
      [{ DATABASE_STATEMENT_TIMEOUT_MS: '10s' }, 'DATABASE_STATEMENT_TIMEOUT_MS must be an integer, got "10s"'],
      [{ DATABASE_STATEMENT_TIMEOUT_MS: '0' }, 'DATABASE_STATEMENT_TIMEOUT_MS must be between 100 and 3600000, got 0'],
      [{ DATABASE_IDLE_TX_TIMEOUT_MS: '-1' }, 'DATABASE_IDLE_TX_TIMEOUT_MS must be an integer, got "-1"'],
      [{ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '6000' }, 'HTTP_HEADERS_TIMEOUT_MS (6000) must not exceed HTTP_REQUEST_TIMEOUT_MS (5000)'],
      [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'SHUTDOWN_TIMEOUT_MS must be between 100 and 600000, got 0']
    ])('refuses %j', (env, message) => {
      expect(refusal(env)).toBe(message)
    })
  })
})
