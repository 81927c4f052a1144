import { resolve } from 'node:path'
import ipaddr from 'ipaddr.js'

/** Reclaim's production attestor, as seen in its public proofs (see docs/proof-verification.md). */
export const RECLAIM_PRODUCTION_ATTESTOR = '0x244897572368eadf65bfbc5aec98d8e5443a9072'

export interface RateLimitSettings {
  ttlS: number // window, seconds
  limit: number // requests per window
  blockS: number // seconds a key stays blocked once over; 0 = until the window ends
}

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null // postgres://... selects PostgreSQL; null = embedded SQLite
  databasePoolSize: number // PostgreSQL connections per process: processes x this must fit max_connections
  databasePreparedStatements: number // PostgreSQL named prepared statements kept per connection; 0 = none
  databaseStatementTimeoutMs: number // PostgreSQL statement_timeout of every connection, ms
  databaseIdleTxTimeoutMs: number // PostgreSQL idle_in_transaction_session_timeout, ms
  redisUrl: string | null
  publicBaseUrl: string
  appDeeplinkBaseUrl: string
  csrfTtlSeconds: number
  maxStepAttempts: number
  sweepIntervalS: number
  webhookAllowPrivateUrls: boolean // deliver webhooks to loopback/private addresses (off: SSRF guard)
  webhookDispatchIntervalS: number // how often a server fans out events and sends due webhook deliveries
  reclaim: {
    appId: string | null
    appSecret: string | null
    apiUrl: string
    shareUrl: string
    attestors: string[]
    minSignatures: number
  }
  rateLimit: RateLimitSettings
  applicantRateLimit: RateLimitSettings
  authFailureLimit: RateLimitSettings // failed authentications (401) per client address on API-key and CSRF routes
  rateLimitEnabled: boolean // false only to measure the limiter's own cost (bench/rate-limit.js)
  rateLimitRedisPrefix: string // namespace of the counters in Redis
  logLevel: string
  trustProxy: number | string[] | false // proxy hops, or the proxies' addresses/CIDRs, trusted for X-Forwarded-For
  metricsToken: string | null // Bearer token /metrics wants; null = open
  http: {
    requestTimeoutMs: number // a whole request must arrive within this
    headersTimeoutMs: number // its headers within this
    keepAliveTimeoutMs: number // an idle keep-alive connection is closed after this
  }
  shutdownTimeoutMs: number // past this, a shutdown that has not finished exits anyway
  corsOrigins: string[] // browser origins allowed to call the applicant (CSRF) API; none by default
  reportSigningKey: string | null // Ed25519 seed (64 hex) signing evidence bundles; null = generated once into DATA_DIR
  sandbox: {
    enabled: boolean // test keys and simulated proofs; false on a production instance
    attestorKey: string | null // 0x private key signing sandbox proofs; null = generated once into DATA_DIR
  }
  reclaimRequirePinned: boolean // unpinned sources refuse live proofs
  serverSecret: string | null // keys idempotency records; null = generated once into DATA_DIR (SQLite only)
  retentionDays: number | null // final sessions are redacted this many days after they ended; null = kept
  proofs: {
    maxPerSubmission: number // proofs in one submit or callback
    bodyLimitBytes: number // request body of submit and the callback
  }
  console: {
    sessionIdleMin: number // a console session unused this many minutes ends
    sessionMaxHours: number // and any console session ends this many hours after sign-in
    oidc: OidcConfig | null // single sign-on; null = email and password only
  }
  delivery: {
    smtpUrl: string | null // smtp:// or smtps://; null = emails stay in the outbox (the database)
    mailFrom: string // From: of the emails
    smsWebhookUrl: string | null // a Twilio-compatible gateway (form POST To, From, Body; basic auth from the URL); null = outbox
    smsFrom: string | null // From: of the SMS
    smsInboundToken: string | null // the password the gateway's inbound (STOP) and status requests carry; null = refused
    mailBounceToken: string | null // the password the bounce notifications (DSNs) carry; null = refused
    dispatchIntervalS: number // how often due messages and reminders are sent
  }
}

export type UserRoleName = 'admin' | 'reviewer' | 'viewer'

export interface OidcConfig {
  issuerUrl: string
  clientId: string
  clientSecret: string | null // null: a public client (PKCE alone)
  team: string // the team SSO users join
  roleClaim: string // the claim listing the user's groups
  roleMap: Array<{ group: string, role: UserRoleName }> // a user in several mapped groups gets the highest role
}

/** The most proofs a submission's schema admits; MAX_PROOFS_PER_SUBMISSION chooses up to this. */
export const MAX_PROOFS_HARD_LIMIT = 100

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

function int (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

function url (env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = (env[name] ?? '').trim() || fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`)
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${raw}"`)
  }
  return raw.replace(/\/+$/, '')
}

function bool (env: Env, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase()
  if (raw === '') return fallback
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`)
}

function optionalUrl (env: Env, name: string, protocols: string[]): string | null {
  const raw = (env[name] ?? '').trim()
  return raw === '' ? null : url(env, name, raw, protocols)
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/

function origins (env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    let parsed: URL
    try { parsed = new URL(o) } catch { throw new ConfigError(`${name} must list origins such as https://app.example.com, got "${o}"`) }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== o.replace(/\/+$/, '')) {
      throw new ConfigError(`${name} must list origins (scheme://host[:port], no path), got "${o}"`)
    }
    return parsed.origin
  })
}

// Names proxy-addr understands besides addresses and CIDRs.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function trustProxy (env: Env, name: string): number | string[] | false {
  const raw = (env[name] ?? '').trim()
  const lower = raw.toLowerCase()
  if (raw === '' || ['false', '0', 'no'].includes(lower)) return false
  if (['true', 'yes', 'on'].includes(lower)) {
    throw new ConfigError(`${name}=${raw} would trust every X-Forwarded-For hop, so a client could choose its own address: ` +
      'write the number of proxies in front of the service (e.g. 1), or their addresses/CIDRs (e.g. 10.0.0.0/8,192.0.2.7)')
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops > 32) throw new ConfigError(`${name} must be a hop count between 0 and 32, got ${hops}`)
    return hops
  }
  return raw.split(',').map((p) => p.trim()).filter(Boolean).map((proxy) => {
    const address = proxy.split('/')[0]
    const strict = ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address)
    const valid = PROXY_NAMES.has(proxy) || (strict && (!proxy.includes('/') || ipaddr.isValidCIDR(proxy)))
    if (!valid) {
      throw new ConfigError(`${name} must be a hop count (e.g. 1) or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.0/8,192.0.2.7), got "${proxy}"`)
    }
    return proxy
  })
}

function text (env: Env, name: string): string {
  return (env[name] ?? '').trim()
}

const ROLE_NAMES: readonly string[] = ['admin', 'reviewer', 'viewer']

function oidc (env: Env): OidcConfig | null {
  const issuer = text(env, 'OIDC_ISSUER_URL')
  const clientId = text(env, 'OIDC_CLIENT_ID')
  const team = text(env, 'OIDC_TEAM')
  if (issuer === '' && clientId === '' && team === '') return null
  if (issuer === '' || clientId === '' || team === '') {
    throw new ConfigError('OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_TEAM must be set together (single sign-on)')
  }
  const issuerUrl = url(env, 'OIDC_ISSUER_URL', issuer, ['http:', 'https:'])
  // http only for a provider on this machine (tests, development): anything else would send the code over the network in clear.
  const host = new URL(issuerUrl).hostname
  if (issuerUrl.startsWith('http:') && !['localhost', '127.0.0.1', '[::1]'].includes(host)) {
    throw new ConfigError(`OIDC_ISSUER_URL must use https (http only for localhost), got "${issuerUrl}"`)
  }
  const rawMap = text(env, 'OIDC_ROLE_MAP')
  if (rawMap === '') throw new ConfigError('OIDC_ROLE_MAP must map the provider\'s groups to roles, e.g. "credit-admins=admin,credit-officers=reviewer"')
  const roleMap = rawMap.split(',').map((p) => p.trim()).filter(Boolean).map((pair) => {
    const at = pair.lastIndexOf('=')
    const group = pair.slice(0, at).trim()
    const role = pair.slice(at + 1).trim()
    if (at <= 0 || group === '' || !ROLE_NAMES.includes(role)) {
      throw new ConfigError(`OIDC_ROLE_MAP must list group=role pairs (roles: admin, reviewer, viewer), got "${pair}"`)
    }
    return { group, role: role as UserRoleName }
  })
  return {
    issuerUrl,
    clientId,
    clientSecret: text(env, 'OIDC_CLIENT_SECRET') || null,
    team,
    roleClaim: text(env, 'OIDC_ROLE_CLAIM') || 'groups',
    roleMap
  }
}

/** Reads and validates the environment; a bad value stops the boot with one clear line. */
export function loadConfig (env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535)
  const publicBaseUrl = url(env, 'PUBLIC_BASE_URL', `http://localhost:${port || 3000}`, ['http:', 'https:'])

  const attestors = (env.RECLAIM_ATTESTORS ?? RECLAIM_PRODUCTION_ATTESTOR)
    .split(',').map((a) => a.trim()).filter(Boolean)
  for (const a of attestors) {
    if (!ADDRESS.test(a)) throw new ConfigError(`RECLAIM_ATTESTORS must be comma-separated 0x addresses, got "${a}"`)
  }
  if (attestors.length === 0) throw new ConfigError('RECLAIM_ATTESTORS must list at least one attestor address')
  const minSignatures = int(env, 'RECLAIM_MIN_SIGNATURES', 1, 1, 16)
  if (minSignatures > attestors.length) {
    throw new ConfigError(`RECLAIM_MIN_SIGNATURES (${minSignatures}) exceeds the number of trusted attestors (${attestors.length})`)
  }

  const appId = (env.RECLAIM_APP_ID ?? '').trim() || null
  const appSecret = (env.RECLAIM_APP_SECRET ?? '').trim() || null
  if ((appId === null) !== (appSecret === null)) {
    throw new ConfigError('RECLAIM_APP_ID and RECLAIM_APP_SECRET must be set together')
  }
  if (appId !== null && !ADDRESS.test(appId)) throw new ConfigError('RECLAIM_APP_ID must be a 0x address (the app key\'s address)')
  if (appSecret !== null && !PRIVATE_KEY.test(appSecret)) throw new ConfigError('RECLAIM_APP_SECRET must be a 0x-prefixed 32-byte hex private key')

  const logLevel = (env.LOG_LEVEL ?? 'info').trim()
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`)
  }

  const serverSecret = (env.SERVER_SECRET ?? '').trim() || null
  if (serverSecret !== null && serverSecret.length < 32) throw new ConfigError('SERVER_SECRET must be at least 32 characters long (e.g. `openssl rand -hex 32`)')
  const sandboxKey = (env.SANDBOX_ATTESTOR_KEY ?? '').trim() || null
  if (sandboxKey !== null && !PRIVATE_KEY.test(sandboxKey)) throw new ConfigError('SANDBOX_ATTESTOR_KEY must be a 0x-prefixed 32-byte hex private key')

  const reportSigningKey = (env.REPORT_SIGNING_KEY ?? '').trim().replace(/^0x/, '') || null
  if (reportSigningKey !== null && !/^[0-9a-fA-F]{64}$/.test(reportSigningKey)) throw new ConfigError('REPORT_SIGNING_KEY must be an Ed25519 private key as 64 hex characters (its 32-byte seed)')

  const metricsToken = (env.METRICS_TOKEN ?? '').trim() || null
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters long')

  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 3_600_000)
  const headersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 3_600_000)
  // Node refuses a header timeout longer than the request timeout.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`)
  }

  return {
    port,
    host: (env.HOST ?? '').trim() || '0.0.0.0',
    dataDir: resolve((env.DATA_DIR ?? '').trim() || './data'),
    databaseUrl: optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    databasePreparedStatements: int(env, 'DATABASE_PREPARED_STATEMENTS', 200, 0, 10_000),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
    databaseIdleTxTimeoutMs: int(env, 'DATABASE_IDLE_TX_TIMEOUT_MS', 30_000, 100, 3_600_000),
    redisUrl: optionalUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    publicBaseUrl,
    appDeeplinkBaseUrl: url(env, 'APP_DEEPLINK_BASE_URL', publicBaseUrl, ['http:', 'https:']),
    csrfTtlSeconds: int(env, 'CSRF_TTL_SECONDS', 900, 10, 86400),
    maxStepAttempts: int(env, 'MAX_STEP_ATTEMPTS', 3, 1, 100),
    sweepIntervalS: int(env, 'EXPIRY_SWEEP_INTERVAL_S', 60, 1, 86400),
    webhookAllowPrivateUrls: bool(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', false),
    webhookDispatchIntervalS: int(env, 'WEBHOOK_DISPATCH_INTERVAL_S', 2, 1, 3600),
    reclaim: {
      appId,
      appSecret,
      apiUrl: url(env, 'RECLAIM_API_URL', 'https://api.reclaimprotocol.org', ['http:', 'https:']),
      shareUrl: url(env, 'RECLAIM_SHARE_URL', 'https://share.reclaimprotocol.org/verifier', ['http:', 'https:']),
      attestors: attestors.map((a) => a.toLowerCase()),
      minSignatures
    },
    rateLimit: {
      ttlS: int(env, 'RATE_LIMIT_TTL_S', 60, 1, 86400),
      limit: int(env, 'RATE_LIMIT_LIMIT', 120, 1, 1_000_000),
      blockS: int(env, 'RATE_LIMIT_BLOCK_S', 0, 0, 86400)
    },
    applicantRateLimit: {
      ttlS: int(env, 'APPLICANT_RATE_LIMIT_TTL_S', 60, 1, 86400),
      limit: int(env, 'APPLICANT_RATE_LIMIT_LIMIT', 60, 1, 1_000_000),
      blockS: int(env, 'APPLICANT_RATE_LIMIT_BLOCK_S', 0, 0, 86400)
    },
    authFailureLimit: {
      ttlS: int(env, 'AUTH_FAILURE_TTL_S', 60, 1, 86400),
      limit: int(env, 'AUTH_FAILURE_LIMIT', 30, 1, 1_000_000),
      blockS: 0 // refused until the window ends
    },
    rateLimitEnabled: bool(env, 'RATE_LIMIT_ENABLED', true),
    rateLimitRedisPrefix: (env.RATE_LIMIT_REDIS_PREFIX ?? '').trim() || 'partner-api:rl',
    logLevel,
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    metricsToken,
    http: {
      requestTimeoutMs,
      headersTimeoutMs,
      // Longer than the usual load balancer's idle timeout (60 s), so the balancer closes first and
      // never sends a request on a connection this server is closing.
      keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 3_600_000)
    },
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    reportSigningKey,
    sandbox: { enabled: bool(env, 'SANDBOX_ENABLED', true), attestorKey: sandboxKey },
    reclaimRequirePinned: bool(env, 'RECLAIM_REQUIRE_PINNED', false),
    serverSecret,
    retentionDays: (env.RETENTION_DAYS ?? '').trim() === '' ? null : int(env, 'RETENTION_DAYS', 0, 1, 36500),
    proofs: {
      maxPerSubmission: int(env, 'MAX_PROOFS_PER_SUBMISSION', 10, 1, MAX_PROOFS_HARD_LIMIT),
      bodyLimitBytes: int(env, 'PROOF_BODY_LIMIT_BYTES', 256 * 1024, 1024, 1024 * 1024)
    },
    console: {
      sessionIdleMin: int(env, 'CONSOLE_SESSION_IDLE_MIN', 30, 1, 24 * 60),
      sessionMaxHours: int(env, 'CONSOLE_SESSION_MAX_HOURS', 12, 1, 24 * 30),
      oidc: oidc(env)
    },
    delivery: delivery(env, publicBaseUrl)
  }
}

const MAIL_FROM = /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/

function delivery (env: Env, publicBaseUrl: string): Config['delivery'] {
  const smtpUrl = optionalUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'])
  const mailFrom = (env.MAIL_FROM ?? '').trim() || `no-reply@${new URL(publicBaseUrl).hostname}`
  if (!MAIL_FROM.test(mailFrom)) throw new ConfigError(`MAIL_FROM must be an address (verify@example.com) or "Name <verify@example.com>", got "${mailFrom}"`)
  const smsWebhookUrl = optionalUrl(env, 'SMS_WEBHOOK_URL', ['http:', 'https:'])
  const smsFrom = (env.SMS_FROM ?? '').trim() || null
  if (smsWebhookUrl !== null && smsFrom === null) throw new ConfigError('SMS_FROM (the sending number, E.164, or a sender id) is required with SMS_WEBHOOK_URL')
  if (smsFrom !== null && !/^(\+[1-9]\d{1,14}|[A-Za-z0-9 ]{1,11})$/.test(smsFrom)) throw new ConfigError(`SMS_FROM must be an E.164 number (+15551234567) or an alphanumeric sender id of at most 11 characters, got "${smsFrom}"`)
  const smsInboundToken = (env.SMS_INBOUND_TOKEN ?? '').trim() || null
  if (smsInboundToken !== null && smsInboundToken.length < 16) throw new ConfigError('SMS_INBOUND_TOKEN must be at least 16 characters long')
  const mailBounceToken = (env.MAIL_BOUNCE_TOKEN ?? '').trim() || null
  if (mailBounceToken !== null && mailBounceToken.length < 16) throw new ConfigError('MAIL_BOUNCE_TOKEN must be at least 16 characters long')
  return { smtpUrl, mailFrom, smsWebhookUrl, smsFrom, smsInboundToken, mailBounceToken, dispatchIntervalS: int(env, 'DELIVERY_DISPATCH_INTERVAL_S', 5, 1, 3600) }
}

/** What only a serving instance needs (the CLI's commands work without it). */
export function checkServeConfig (config: Config): void {
  if (config.databaseUrl !== null && config.serverSecret === null) {
    throw new ConfigError('SERVER_SECRET is required with DATABASE_URL (every instance must share it): generate one with `openssl rand -hex 32`')
  }
}
