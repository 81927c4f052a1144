// `partner-api doctor`: what an operator must still set, or must not leave as it is, before real
// applicants arrive. It reads the configuration as the service would (src/config.ts) plus a few
// settings other parts of the service introduce, read here straight from the environment so that
// this check does not wait on them, and the catalog the service seeds its sources from.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import { RECLAIM_PRODUCTION_ATTESTOR, type Config } from './config.js'
import type { Io } from './cli-io.js'
import { createDatabase, SQLITE_FILE } from './db/database.js'
import { widerThanPrivate } from './lib/data-dir.js'
import { DEFAULT_CATALOG } from './lib/paths.js'
import { MAX_ID_ORDER_LAG_MS, SessionsRepository, type CreationOrder } from './modules/sessions/sessions.repository.js'

export type Severity = 'error' | 'warn' | 'info' | 'ok'

/**
 * One thing found: `error` is missing or unsafe for production (exit 1); `warn` works but leaves
 * out something applicants or the sender's reputation depend on; `info` is for the operator to
 * judge; `ok` says a feature the operator may wonder about is set up (bounce handling).
 */
export interface Finding { severity: Severity, setting: string, message: string }

type Env = Record<string, string | undefined>

/** A boolean setting as src/config.ts reads one; undefined when unset or not a boolean. */
function flag (env: Env, name: string): boolean | undefined {
  const raw = (env[name] ?? '').trim().toLowerCase()
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  return undefined
}

const isSet = (env: Env, name: string) => (env[name] ?? '').trim() !== ''

function localOrPlain (raw: string): string | null {
  const url = new URL(raw)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0') {
    return `${raw} is on this machine: phones and Reclaim cannot reach it`
  }
  if (url.protocol !== 'https:') return `${raw} is not https`
  return null
}

/** What a catalog entry (catalog/sources.json) says about pinning and hosts; older entries lack some fields. */
interface CatalogEntry {
  name?: unknown
  sourceName?: unknown
  enabled?: unknown
  providerHashes?: unknown
  hostsVerified?: unknown
  proofRequirements?: { providerHashes?: unknown, hosts?: unknown, hostsVerified?: unknown, hostsChecked?: unknown, hostsToCheck?: unknown, paths?: unknown, extraction?: unknown, pathsVerified?: unknown }
}

const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0
const label = (e: CatalogEntry) => String(e.sourceName ?? e.name ?? '?')

function pinned (e: CatalogEntry): boolean {
  return nonEmptyList(e.proofRequirements?.providerHashes) || nonEmptyList(e.providerHashes)
}

// The shipped hosts are marked as still to be checked by the operator (issue 9); the marker's spelling
// is read leniently so that either form of it counts.
function hostsToBeChecked (e: CatalogEntry): boolean {
  const r = e.proofRequirements
  return r?.hostsVerified === false || r?.hostsChecked === false || r?.hostsToCheck === true || e.hostsVerified === false
}

function listed (names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
}

export function catalogFindings (entries: CatalogEntry[], env: Env, catalogPath: string): Finding[] {
  const findings: Finding[] = []
  const enabled = entries.filter((e) => e.enabled !== false)
  const unpinned = enabled.filter((e) => !pinned(e)).map(label)
  if (unpinned.length > 0) {
    if (flag(env, 'RECLAIM_REQUIRE_PINNED') === true) {
      findings.push({ severity: 'info', setting: 'catalog', message: `${unpinned.length} enabled source(s) pin no provider hash (${listed(unpinned)}): with RECLAIM_REQUIRE_PINNED=true they refuse live proofs until pinned in ${catalogPath}` })
    } else {
      findings.push({ severity: 'error', setting: 'RECLAIM_REQUIRE_PINNED', message: `${unpinned.length} enabled source(s) pin no provider hash (${listed(unpinned)}), so their proofs are bound by host alone: pin their providerHashes in ${catalogPath} and set RECLAIM_REQUIRE_PINNED=true` })
    }
  }
  const unchecked = enabled.filter(hostsToBeChecked).map(label)
  if (unchecked.length > 0) {
    findings.push({ severity: 'error', setting: 'catalog', message: `${unchecked.length} enabled source(s) have hosts still marked to be checked (${listed(unchecked)}): check each source's proofRequirements.hosts in ${catalogPath}, mark them checked, then partner-api sources import` })
  }
  // Issue 23 (rule 5.7): the shipped paths are best knowledge, to be checked like the hosts.
  const pathsUnchecked = enabled.filter((e) => e.proofRequirements?.pathsVerified === false).map(label)
  if (pathsUnchecked.length > 0) {
    findings.push({ severity: 'info', setting: 'catalog', message: `${pathsUnchecked.length} enabled source(s) have request paths still marked to be checked (${listed(pathsUnchecked)}): check each source's proofRequirements.paths against real proofs in ${catalogPath}, then set pathsVerified: true` })
  }
  return findings
}

export function configFindings (config: Config, env: Env): Finding[] {
  const findings: Finding[] = []
  const error = (setting: string, message: string) => findings.push({ severity: 'error', setting, message })

  if (!config.reclaim.appId || !config.reclaim.appSecret) {
    error('RECLAIM_APP_ID', 'RECLAIM_APP_ID and RECLAIM_APP_SECRET are unset: set them to your Reclaim application\'s address and private key')
  }
  if (config.reclaim.attestors.length === 1 && config.reclaim.attestors[0] === RECLAIM_PRODUCTION_ATTESTOR) {
    error('RECLAIM_ATTESTORS', `RECLAIM_ATTESTORS is the built-in default (${RECLAIM_PRODUCTION_ATTESTOR}): set it to the attestor addresses you have checked against Reclaim's current list`)
  }
  const publicBase = localOrPlain(config.publicBaseUrl)
  if (publicBase) error('PUBLIC_BASE_URL', `PUBLIC_BASE_URL ${publicBase}: set it to the https address applicants and Reclaim's callbacks reach`)
  if (config.appDeeplinkBaseUrl !== config.publicBaseUrl) {
    const deeplink = localOrPlain(config.appDeeplinkBaseUrl)
    if (deeplink) error('APP_DEEPLINK_BASE_URL', `APP_DEEPLINK_BASE_URL ${deeplink}: set it to the https address of the applicant page`)
  }
  if (flag(env, 'SANDBOX_ENABLED') !== false) {
    error('SANDBOX_ENABLED', 'the sandbox is enabled (test keys and simulated proofs): set SANDBOX_ENABLED=false on a production instance')
  }
  if (!isSet(env, 'METRICS_TOKEN')) {
    error('METRICS_TOKEN', 'METRICS_TOKEN is unset, so /metrics answers anyone: set it to a long random token and give it to your Prometheus')
  }
  if (config.databaseUrl && !isSet(env, 'SERVER_SECRET')) {
    error('SERVER_SECRET', 'SERVER_SECRET is unset while DATABASE_URL is set: set one long random secret, the same on every instance')
  }
  findings.push(...deliveryFindings(config, env))
  if (!isSet(env, 'TRUST_PROXY')) {
    findings.push({ severity: 'info', setting: 'TRUST_PROXY', message: 'TRUST_PROXY is unset: if a proxy or load balancer sits in front, set TRUST_PROXY to the number of proxies in front (e.g. 1) or their addresses/CIDRs, so client addresses (and limits per address) are the real ones; if none does, set TRUST_PROXY=false to say so' })
  }
  return findings
}

/**
 * Sending the link (SMTP_URL, the SMS gateway) and hearing back from it: the bounces
 * (MAIL_BOUNCE_TOKEN), STOP replies and SMS statuses (SMS_INBOUND_TOKEN). Without them a bounced
 * address is never marked bounced nor suppressed, and keeps getting reminders and later links.
 */
export function deliveryFindings (config: Config, env: Env): Finding[] {
  const findings: Finding[] = []
  const add = (severity: Severity, setting: string, message: string) => findings.push({ severity, setting, message })
  const d = config.delivery
  const base = config.publicBaseUrl
  if (d.smtpUrl === null) {
    add('info', 'SMTP_URL', 'SMTP_URL is unset: emails carrying the verification link (params.delivery) stay in the outbox (GET /partner/outbox) instead of being sent; set it to your mail server, e.g. smtps://user:password@smtp.example.com:465')
    if (d.mailBounceToken !== null) add('info', 'MAIL_BOUNCE_TOKEN', 'MAIL_BOUNCE_TOKEN is set but SMTP_URL is not: no email leaves, so none can bounce')
  } else {
    if (!isSet(env, 'MAIL_FROM')) {
      add('info', 'MAIL_FROM', `MAIL_FROM is unset: emails are sent from ${d.mailFrom}, where mail servers return their bounces; make sure that mailbox exists and receives them, or set MAIL_FROM to one that does`)
    }
    if (d.mailBounceToken === null) {
      add('warn', 'MAIL_BOUNCE_TOKEN', `SMTP_URL is set but MAIL_BOUNCE_TOKEN is unset: bounce handling is off (bounce notifications are refused), so a bounced address is never marked bounced nor suppressed and keeps getting reminders and later links, which hurts your sender reputation; set a long random token (16+ characters) and pipe the bounces that reach MAIL_FROM to POST ${base}/partner/delivery/email/bounce with it as the basic-auth password`)
    } else {
      add('ok', 'MAIL_BOUNCE_TOKEN', `bounce handling is configured: bounces piped to POST ${base}/partner/delivery/email/bounce (basic-auth password MAIL_BOUNCE_TOKEN) mark the email bounced, and a hard bounce suppresses the address`)
    }
  }
  if (d.smsWebhookUrl === null) {
    add('info', 'SMS_WEBHOOK_URL', 'SMS_WEBHOOK_URL is unset: SMS carrying the verification link stay in the outbox (GET /partner/outbox) instead of being sent; set it (and SMS_FROM) to a Twilio-compatible gateway\'s message URL to send them')
    if (d.smsInboundToken !== null) add('info', 'SMS_INBOUND_TOKEN', 'SMS_INBOUND_TOKEN is set but SMS_WEBHOOK_URL is not: no SMS leaves, so no STOP reply or status can come back')
  } else if (d.smsInboundToken === null) {
    add('warn', 'SMS_INBOUND_TOKEN', `SMS_INBOUND_TOKEN is unset while SMS_WEBHOOK_URL is set: applicants' STOP replies cannot reach POST ${base}/partner/delivery/sms/inbound, and SMS carry no status callback, so undelivered numbers are never marked bounced nor suppressed; set a long random token and give it to the gateway as its inbound webhook's basic-auth password`)
  } else {
    add('ok', 'SMS_INBOUND_TOKEN', `STOP replies and SMS statuses are handled: point the gateway's inbound webhook at POST ${base}/partner/delivery/sms/inbound (basic-auth password SMS_INBOUND_TOKEN); each SMS carries its status callback, and an undelivered number is suppressed`)
  }
  return findings
}

/** DATA_DIR holds the SQLite database and the instance secrets: flag what other local users may read. */
export function dataDirFindings (dataDir: string): Finding[] {
  const wide = widerThanPrivate(dataDir)
  if (wide.length === 0) return []
  const shown = wide.map((w) => `${w.path} ${w.mode}`)
  return [{ severity: 'error', setting: 'DATA_DIR', message: `other local users may read the data directory (${listed(shown)}): chmod 700 ${dataDir} and chmod 600 the files in it` }]
}

/**
 * SQLite: whether the reviewer search still reads its matches in id order (migration 0026). It stops,
 * silently, once a creation time strayed more than MAX_ID_ORDER_LAG_MS below an earlier session's,
 * or sessions were inserted without session_order's trigger; searches then cost more in a large list.
 */
export function searchOrderFindings (order: CreationOrder | null): Finding[] {
  if (order === null || order.idOrder) return []
  const bound = MAX_ID_ORDER_LAG_MS / 1000
  const why = !order.tracked
    ? 'the creation-order bound has not seen the newest sessions (they were inserted without its trigger)'
    : order.lagMs === null
      ? 'a session\'s creation time was changed or not written as the service writes it (an edited created_at)'
      : `a session's creation time fell ${Math.round(order.lagMs / 1000)} s below an earlier session's (an edited created_at or a clock stepped back), past the ${bound} s bound`
  const fix = order.tracked ? 'correct any wrong created_at, then run partner-api search order --recompute' : 'run partner-api search order --recompute'
  return [{ severity: 'warn', setting: 'search order', message: `${why}, so the reviewer search no longer reads its matches in id order: searches sorted by creation read as before, slower in a large list; ${fix} (it measures the bound again from the stored sessions)` }]
}

/**
 * The creation-order bound of the SQLite database under DATA_DIR, read (never written, never
 * migrated); null on PostgreSQL (its search reads no creation order), and when there is no database
 * yet or it predates migration 0026.
 */
async function storedCreationOrder (config: Config): Promise<CreationOrder | null> {
  if (config.databaseUrl !== null || !existsSync(join(config.dataDir, SQLITE_FILE))) return null
  const db = createDatabase({ databaseUrl: null, dataDir: config.dataDir })
  try {
    const { rows } = await sql`select 1 from sqlite_master where type = 'table' and name = 'session_order'`.execute(db.kysely)
    return rows.length === 0 ? null : await new SessionsRepository(db.kysely).creationOrder()
  } finally {
    await db.close()
  }
}

/** Reads the catalog file; a missing or unreadable one is itself a finding. */
async function readCatalog (path: string): Promise<{ entries: CatalogEntry[] } | { finding: Finding }> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    return { finding: { severity: 'error', setting: 'catalog', message: `cannot read the catalog ${path}: ${(err as Error).message}` } }
  }
  if (!Array.isArray(data)) return { finding: { severity: 'error', setting: 'catalog', message: `the catalog ${path} is not a JSON array of sources` } }
  return { entries: data.filter((e): e is CatalogEntry => e !== null && typeof e === 'object') }
}

export async function doctorCommand (config: Config, env: Env, io: Io, catalogPath = DEFAULT_CATALOG): Promise<number> {
  const catalog = await readCatalog(catalogPath)
  const findings = [
    ...configFindings(config, env),
    ...dataDirFindings(config.dataDir),
    ...('finding' in catalog ? [catalog.finding] : catalogFindings(catalog.entries, env, catalogPath)),
    ...searchOrderFindings(await storedCreationOrder(config))
  ]
  for (const f of findings) io.out(`${f.severity.padEnd(5)}  ${f.setting}: ${f.message}`)
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.filter((f) => f.severity === 'warn').length
  io.out(errors > 0
    ? `not ready for production: ${errors} problem(s) to fix (see README, "Operating in production")`
    : warnings > 0
      ? `ready for production, with ${warnings} warning(s) to consider: nothing unsafe found`
      : 'ready for production: nothing missing or unsafe found')
  return errors === 0 ? 0 : 1
}
