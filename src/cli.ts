import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { checkServeConfig, ConfigError, loadConfig, type Config } from './config.js'
import { createContext } from './context.js'
import { createDatabase, databaseFingerprint, migrateToLatest } from './db/database.js'
import { systemClock } from './lib/clock.js'
import { SYSTEM_CLI } from './modules/audit/audit.service.js'
import { addressFromPrivateKey } from './lib/eth.js'
import { ROOT_DIR } from './lib/paths.js'
import { permissionsAvailableTo } from './modules/keys/key-permissions.js'
import { CatalogError, proofRequirementsOf } from './modules/sources/sources.service.js'
import { isRole } from './modules/users/users.service.js'
import { HttpError } from './lib/http-errors.js'
import { stdio, type Io } from './cli-io.js'

export type { Io } from './cli-io.js'

function readIfExists (path: string): string | null {
  try { return readFileSync(path, 'utf8').trim() || null } catch { return null }
}

export const VERSION = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version

const USAGE = `Usage: partner-api <command>

  serve [--workers N]                     run the service (PORT, DATABASE_URL, ...: see README); --workers N:
                                          N processes sharing the port (PostgreSQL and Redis only)
  doctor [--catalog FILE]                 list what is missing or unsafe for production; exit 1 if anything is
  migrate                                 apply database migrations
  keys create --team NAME [--reviewer ID] [--name LABEL] [--test] [--permissions A,B]
              [--rate-limit N] [--rate-ttl S] [--rate-block S]
                                          create an API key (--test: a sandbox key, pa_test_...; --permissions:
                                          only these, e.g. decide,keys:write); prints {id, key, teamId,
                                          reviewerId, prefix, livemode, permissions, apiVersion}
  keys list                               list keys (never the key itself)
  keys revoke ID                          revoke a key at once
  keys limits ID [--rate-limit N] [--rate-ttl S] [--rate-block S] [--clear]
                                          set (or --clear) a key's own rate limit
  users create --team NAME --email E --role admin|reviewer|viewer [--name N] [--reviewer-id X]
                                          create a console user; prints {user, setupUrl}: a one-time link
                                          (24 h) where they set their password
  users list [--team NAME]                list users (never a password)
  users disable ID_OR_EMAIL [--team NAME] [--force]
                                          disable a user; their console sessions end at once (--force: even
                                          the team's last enabled admin, with a warning)
  users setup-link ID_OR_EMAIL [--team NAME]
                                          a new one-time setup link (a lost or expired one, a forgotten password)
  users reset-totp ID_OR_EMAIL [--team NAME]
                                          turn a user's two-step sign-in off (lost phone); their sessions end
  sources list                            list the data source catalog
  sources import FILE                     upsert sources from a JSON file (by sourceName)
  sources hash FILE [--version V]         every provider hash of a provider configuration (requestData, optional
                                          matches), or the hash of a provider's parameters or a proof's, to pin
  sources pin NAME --config FILE [--version V]
                                          pin every hash of a provider configuration on a source (the same
                                          version's pins are replaced, other versions kept; at most 256)
  proof verify FILE [--attestors A,B] [--provider-hash H] [--max-age S] [--source NAME [--require-pinned]]
               [--app-id A] [--app-secret S]
                                          verify a Reclaim proof offline; exit 0 valid, 1 invalid
  outbox list [--limit N] [--team ID]     the messages kept in the outbox instead of sent (no SMTP_URL /
                                          SMS_WEBHOOK_URL), newest first, with what they say (JSON)
  search order [--recompute]              SQLite: how far creation times stray from the ids' order, which a
                                          search sorted by creation reads by ({lagMs, maxId, idOrder}; idOrder
                                          false past 60 s: searches read as before); --recompute: from the
                                          sessions stored (after an edited created_at or a clock step back)
  report verify FILE [--public-key K] [--attestors A,B]
                                          re-check a session's report.json offline: its signature, every
                                          proof and fact; exit 0 valid, 1 with the rule that failed
  attestors                               the trusted attestors in force (RECLAIM_ATTESTORS) and each one's origin
  demo [--url URL --key TEST_KEY]         run the whole workflow through the sandbox, on a fresh embedded
                                          instance or on a running one

  --help, -h                              this help
  --version, -v                           the version

Commands that write say on stderr which database they wrote to (DATABASE_URL, else SQLite under DATA_DIR).
Logs: human-readable on a terminal, JSON otherwise; LOG_FORMAT=json|pretty forces one.`

const HINT = 'run `partner-api --help` for the usage'
const COMMANDS = ['serve', 'doctor', 'migrate', 'keys', 'users', 'sources', 'proof', 'report', 'outbox', 'search', 'attestors', 'demo', 'help']

class UsageError extends Error {}

/** The database a command uses, for the operator: never the URL's user or password. */
export function describeDatabase (config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `SQLite at ${join(config.dataDir, 'partner-api.sqlite')}`
  const url = new URL(config.databaseUrl)
  return `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname.length > 1 ? url.pathname : '/'}`
}

/**
 * A warning when a partner-api service answers on this machine's PORT with another database than
 * the command's (the key would not work there); null when none answers or it is the same database.
 */
export async function otherDatabaseWarning (config: Pick<Config, 'databaseUrl' | 'dataDir' | 'port'>, timeoutMs = 500): Promise<string | null> {
  let answer: { status?: unknown, databaseId?: unknown }
  try {
    const res = await fetch(`http://127.0.0.1:${config.port}/readyz`, { signal: AbortSignal.timeout(timeoutMs) })
    answer = await res.json() as typeof answer
  } catch {
    return null // nothing listens there, or it is not a partner-api
  }
  if (typeof answer?.databaseId !== 'string' || answer.databaseId === databaseFingerprint(config)) return null
  return `warning: the partner-api service on port ${config.port} uses another database than this command (${describeDatabase(config)}): ` +
    'what was written here is not seen there. Run the command with the service\'s DATA_DIR or DATABASE_URL (and in its directory).'
}

// What a PostgreSQL that cannot be reached, or refuses us, throws: socket errors, and the SQLSTATE
// classes 08 (connection), 28 (authorization), 3D000 (no such database), 57P03 (starting up).
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', '3D000', '57P03'])
function databaseUnreachable (err: unknown): string | null {
  if (!(err instanceof Error)) return null
  const code = String((err as NodeJS.ErrnoException).code ?? '')
  const known = UNREACHABLE_CODES.has(code) || /^(08|28)/.test(code) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(err.message)
  if (!known) return null
  // Connecting to "localhost" tries ::1 and 127.0.0.1: Node throws an AggregateError with no message.
  const inner = err instanceof AggregateError ? err.errors.map((e: Error) => e.message).filter(Boolean).join('; ') : ''
  return err.message || inner || code
}

// SQLite's own refusals, or the file system's when creating DATA_DIR (a file in the way, no permission).
function sqliteUnusable (err: unknown, dataDir: string): boolean {
  const { code, path } = err as NodeJS.ErrnoException
  if (/^SQLITE_(CANTOPEN|READONLY|PERM|NOTADB|CORRUPT|IOERR)/.test(String(code ?? ''))) return true
  return ['ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST'].includes(String(code ?? '')) && typeof path === 'string' && path.startsWith(dataDir)
}

export type LogFormat = 'json' | 'pretty'

/** LOG_FORMAT=json|pretty forces a format; unset, logs are pretty on a terminal and JSON otherwise. */
export function logFormat (env: NodeJS.ProcessEnv, isTTY: boolean): LogFormat {
  const raw = (env.LOG_FORMAT ?? '').trim().toLowerCase()
  if (raw === '') return isTTY ? 'pretty' : 'json'
  if (raw === 'json' || raw === 'pretty') return raw
  throw new ConfigError(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT ?? ''}"`)
}

/** The pino transport of a format: pino-pretty in a worker thread for people, none (JSON lines) for machines. */
export function logTransport (format: LogFormat) {
  return format === 'pretty'
    ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: false } }
    : undefined
}

function nonNegativeInt (value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be an integer >= ${min}`)
  return Number(value)
}

// The bounds of the RATE_LIMIT_* defaults (src/config.ts): past them a value overflows PostgreSQL's
// integer column, or (a window over ~24 days) Node's timers, which ends the memory store's windows at once.
const RATE_FLAGS = { 'rate-limit': [1, 1_000_000], 'rate-ttl': [1, 86400], 'rate-block': [0, 86400] } as const

function rateFlag (values: Partial<Record<keyof typeof RATE_FLAGS, string>>, flag: keyof typeof RATE_FLAGS): number | undefined {
  const value = values[flag]
  if (value === undefined) return undefined
  const [min, max] = RATE_FLAGS[flag]
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} must be an integer >= ${min}`)
  if (Number(value) > max) throw new UsageError(`--${flag} must be at most ${max}`)
  return Number(value)
}

/** Refuses flags and arguments a command does not take (node:util parseArgs' own messages). */
function noArguments (args: string[]): void {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false })
}

async function withContext<T> (config: Config, fn: (ctx: ReturnType<typeof createContext>) => Promise<T>): Promise<T> {
  const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(db)
    return await fn(createContext(config, db, systemClock))
  } finally {
    await db.close()
  }
}

const rateOptions = {
  'rate-limit': { type: 'string' },
  'rate-ttl': { type: 'string' },
  'rate-block': { type: 'string' }
} as const

export async function main (argv: string[], io: Io = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, sub, ...rest] = argv
  // Help and version need no configuration; a bad command is reported before a bad configuration.
  if (command === undefined || command === 'help' || argv.includes('--help') || argv.includes('-h')) { io.out(USAGE); return 0 }
  if (command === '--version' || command === '-v' || command === 'version') { io.out(VERSION); return 0 }
  if (!COMMANDS.includes(command)) {
    io.err(command.startsWith('-') ? `error: unknown option "${command}"` : `error: unknown command "${command}"`)
    io.err(HINT)
    return 2
  }
  let config: Config
  try {
    config = loadConfig(env)
    if (command === 'serve') checkServeConfig(config)
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`configuration error: ${err.message}`); return 2 }
    throw err
  }
  const wrote = () => { io.err(`wrote to ${describeDatabase(config)}`) }
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({ args: argv.slice(1), options: { workers: { type: 'string' } }, strict: true })
        const workers = values.workers === undefined ? 1 : Number(values.workers)
        if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError('--workers must be an integer from 1 to 64')
        const { startServer, workersRefusal } = await import('./server.js')
        const refusal = workersRefusal(config, workers)
        if (refusal !== null) { io.err(`error: ${refusal}`); return 2 }
        const transport = logTransport(logFormat(env, process.stdout.isTTY === true))
        await startServer(config, transport ? { transport } : {}, workers)
        return 0
      }
      case 'doctor': {
        const { values } = parseArgs({ args: argv.slice(1), options: { catalog: { type: 'string' } }, strict: true })
        const { doctorCommand } = await import('./doctor.js')
        return await doctorCommand(config, env, io, values.catalog)
      }
      case 'migrate': {
        noArguments(argv.slice(1))
        const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
        try {
          const applied = await migrateToLatest(db)
          io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
          if (applied.length) wrote()
          else io.err(`checked ${describeDatabase(config)}`)
        } finally { await db.close() }
        return 0
      }
      case 'keys': return await keysCommand(sub, rest, config, io, wrote)
      case 'users': return await usersCommand(sub, rest, config, io, wrote)
      case 'sources': return await sourcesCommand(sub, rest, config, io, wrote)
      case 'outbox': return await outboxCommand(sub, rest, config, io)
      case 'search': return await searchCommand(sub, rest, config, io, wrote)
      case 'proof': {
        if (sub !== 'verify') throw new UsageError(sub === undefined ? 'proof needs a command: proof verify FILE' : `unknown proof command "${sub}"`)
        const { proofVerifyCommand } = await import('./proof-verify.command.js')
        return await proofVerifyCommand(rest, io, {
          attestors: config.reclaim.attestors,
          minSignatures: config.reclaim.minSignatures,
          tee: { applicationId: config.reclaim.appId, appSecret: config.reclaim.appSecret },
          // --source without --catalog: the source the service verifies against, pins included.
          findSource: async (name) => await withContext(config, async (ctx) => {
            await ctx.sources.seedDefaultCatalog()
            const row = await ctx.repos.sources.findBySourceName(name)
            if (!row) return { ok: false as const, problem: `no source "${name}" (sourceName or name) in ${describeDatabase(config)}: import it with \`partner-api sources import FILE\`, or pass --catalog FILE` }
            return { ok: true as const, source: { name: row.name, ...proofRequirementsOf(row) } }
          })
        })
      }
      case 'attestors': {
        noArguments(argv.slice(1))
        const { attestorsInForce } = await import('./modules/proofs/attestors.js')
        io.out(JSON.stringify({ minSignatures: config.reclaim.minSignatures, attestors: attestorsInForce(config.reclaim.attestors, env) }, null, 2))
        return 0
      }
      case 'report': {
        if (sub !== 'verify') throw new UsageError(sub === undefined ? 'report needs a command: report verify FILE' : `unknown report command "${sub}"`)
        const { reportVerifyCommand } = await import('./modules/reports/report-verify.command.js')
        const sandboxKey = config.sandbox.attestorKey ?? readIfExists(join(config.dataDir, 'sandbox-attestor.key'))
        return await reportVerifyCommand(rest, io, {
          attestors: config.reclaim.attestors,
          minSignatures: config.reclaim.minSignatures,
          reportSigningKey: config.reportSigningKey,
          dataDir: config.dataDir,
          sandboxAttestor: sandboxKey === null ? null : addressFromPrivateKey(Buffer.from(sandboxKey.replace(/^0x/, ''), 'hex'))
        })
      }
      default: { // demo
        const { values } = parseArgs({ args: argv.slice(1), options: { url: { type: 'string' }, key: { type: 'string' } }, strict: true })
        if ((values.url === undefined) !== (values.key === undefined)) throw new UsageError('demo takes --url and --key together')
        const { demoCommand } = await import('./demo.js')
        return await demoCommand(io, { url: values.url, key: values.key })
      }
    }
  } catch (err) {
    // node:util parseArgs rejects unknown flags, missing values and stray arguments with these codes;
    // their messages end with advice of their own ("To specify a positional argument, ...").
    if (String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS_')) {
      io.err(`error: ${(err as Error).message.split('. ')[0].replace(/\.$/, '')}`)
      io.err(HINT)
      return 2
    }
    if (err instanceof UsageError) { io.err(`error: ${err.message}`); io.err(HINT); return 2 }
    if (err instanceof CatalogError) { io.err(`error: ${err.message}`); return 2 }
    if (err instanceof ConfigError) { io.err(`configuration error: ${err.message}`); return 2 }
    // A refusal of the users service (a duplicate email, an unknown user): the operator reads its message.
    if (err instanceof HttpError && err.statusCode < 500) { io.err(`error: ${err.message}`); return 1 }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') { io.err(`error: ${(err as Error).message}`); return 2 }
    const unreachable = config.databaseUrl ? databaseUnreachable(err) : null
    if (unreachable !== null) { io.err(`error: cannot use ${describeDatabase(config)}: ${unreachable}`); return 1 }
    if (!config.databaseUrl && sqliteUnusable(err, config.dataDir)) {
      io.err(`error: cannot use ${describeDatabase(config)}: ${(err as Error).message}`)
      return 1
    }
    throw err
  }
}

/** --permissions a,b: names a key of this kind may hold (an empty list is allowed: a key that only makes and reads sessions). */
function permissionList (text: string, reviewerId: string | null, test: boolean): string[] {
  const names = text.split(',').map((p) => p.trim()).filter((p) => p !== '')
  const available = permissionsAvailableTo(reviewerId, !test)
  const wrong = names.filter((p) => !(available as readonly string[]).includes(p))
  if (wrong.length > 0) {
    const kind = reviewerId !== null ? 'a reviewer\'s key' : test ? 'a test key' : 'a key'
    throw new UsageError(`--permissions: ${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not available to ${kind}; choose from ${available.join(', ')}`)
  }
  return names
}

async function keysCommand (sub: string | undefined, args: string[], config: Config, io: Io, wrote: () => void): Promise<number> {
  switch (sub) {
    case 'create': {
      const { values } = parseArgs({ args, options: { team: { type: 'string' }, reviewer: { type: 'string' }, name: { type: 'string' }, test: { type: 'boolean' }, permissions: { type: 'string' }, ...rateOptions }, strict: true })
      if (!values.team?.trim()) throw new UsageError('keys create needs --team NAME')
      const permissions = values.permissions === undefined ? undefined : permissionList(values.permissions, values.reviewer ?? null, values.test === true)
      if (values.test && !config.sandbox.enabled) throw new UsageError('--test keys are off on this instance (SANDBOX_ENABLED=false)')
      const created = await withContext(config, async (ctx) => await ctx.keys.create({
        test: values.test ?? false,
        team: values.team!.trim(),
        reviewerId: values.reviewer ?? null,
        name: values.name ?? null,
        permissions,
        rateLimitLimit: rateFlag(values, 'rate-limit'),
        rateLimitTtlS: rateFlag(values, 'rate-ttl'),
        rateLimitBlockS: rateFlag(values, 'rate-block')
      }))
      io.out(JSON.stringify(created))
      wrote()
      const warning = await otherDatabaseWarning(config)
      if (warning !== null) io.err(warning)
      return 0
    }
    case 'list': {
      noArguments(args)
      const keys = await withContext(config, async (ctx) => await ctx.keys.list())
      io.out(JSON.stringify(keys, null, 2))
      return 0
    }
    case 'revoke': {
      const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true })
      if (positionals.length > 1) throw new UsageError('keys revoke takes one ID')
      const id = nonNegativeInt(positionals[0], 'ID', 1)
      if (id === undefined) throw new UsageError('keys revoke needs an ID')
      const done = await withContext(config, async (ctx) => await ctx.keys.revoke(id))
      if (!done) { io.err(`no active key with id ${id}`); return 1 }
      io.out(JSON.stringify({ id, revoked: true }))
      wrote()
      return 0
    }
    case 'limits': {
      const { values, positionals } = parseArgs({ args, options: { ...rateOptions, clear: { type: 'boolean' } }, allowPositionals: true, strict: true })
      if (positionals.length > 1) throw new UsageError('keys limits takes one ID')
      const id = nonNegativeInt(positionals[0], 'ID', 1)
      if (id === undefined) throw new UsageError('keys limits needs an ID')
      const given = (Object.keys(RATE_FLAGS) as Array<keyof typeof RATE_FLAGS>).filter((f) => values[f] !== undefined)
      if (values.clear && given.length > 0) throw new UsageError('keys limits takes either --clear or --rate-* flags, not both')
      const limits = values.clear
        ? { rateLimitLimit: null, rateLimitTtlS: null, rateLimitBlockS: null }
        : {
            ...(values['rate-limit'] !== undefined ? { rateLimitLimit: rateFlag(values, 'rate-limit') } : {}),
            ...(values['rate-ttl'] !== undefined ? { rateLimitTtlS: rateFlag(values, 'rate-ttl') } : {}),
            ...(values['rate-block'] !== undefined ? { rateLimitBlockS: rateFlag(values, 'rate-block') } : {})
          }
      if (Object.keys(limits).length === 0) throw new UsageError('keys limits needs --rate-limit, --rate-ttl, --rate-block or --clear')
      const view = await withContext(config, async (ctx) => await ctx.keys.setLimits(id, limits))
      if (!view) { io.err(`no key with id ${id}`); return 1 }
      io.out(JSON.stringify(view))
      wrote()
      return 0
    }
    default:
      throw new UsageError(sub === undefined ? 'keys needs a command: create, list, revoke or limits' : `unknown keys command "${sub}"`)
  }
}

async function usersCommand (sub: string | undefined, args: string[], config: Config, io: Io, wrote: () => void): Promise<number> {
  switch (sub) {
    case 'create': {
      const { values } = parseArgs({
        args,
        options: { team: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'reviewer-id': { type: 'string' } },
        strict: true
      })
      if (!values.team?.trim()) throw new UsageError('users create needs --team NAME')
      if (!values.email?.trim()) throw new UsageError('users create needs --email EMAIL')
      if (values.role === undefined || !isRole(values.role)) throw new UsageError('users create needs --role admin, reviewer or viewer')
      const email = values.email.trim()
      if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email must be an email address')
      if (values['reviewer-id'] !== undefined && (values['reviewer-id'].trim() === '' || values['reviewer-id'].length > 200)) throw new UsageError('--reviewer-id must be 1 to 200 characters')
      if (values.name !== undefined && (values.name.trim() === '' || values.name.length > 200)) throw new UsageError('--name must be 1 to 200 characters')
      const role = values.role
      const created = await withContext(config, async (ctx) => await ctx.users.createInTeam(values.team!.trim(), {
        email,
        role,
        name: values.name?.trim() ?? null,
        ...(values['reviewer-id'] !== undefined ? { reviewerId: values['reviewer-id'].trim() } : {})
      }, SYSTEM_CLI))
      io.out(JSON.stringify(created))
      wrote()
      return 0
    }
    case 'list': {
      const { values } = parseArgs({ args, options: { team: { type: 'string' } }, strict: true })
      const users = await withContext(config, async (ctx) => await ctx.users.listWithTeams(values.team?.trim() ?? null))
      io.out(JSON.stringify(users, null, 2))
      return 0
    }
    case 'disable': {
      const { values, positionals } = parseArgs({ args, options: { team: { type: 'string' }, force: { type: 'boolean' } }, allowPositionals: true, strict: true })
      if (positionals.length === 0) throw new UsageError('users disable needs an ID or EMAIL')
      if (positionals.length > 1) throw new UsageError('users disable takes one ID or EMAIL')
      const { user, warning } = await withContext(config, async (ctx) =>
        await ctx.users.disable(positionals[0], values.team?.trim() ?? null, { force: values.force === true, origin: SYSTEM_CLI }))
      io.out(JSON.stringify(user))
      if (warning !== null) io.err(`warning: ${warning}`)
      wrote()
      return 0
    }
    case 'setup-link': {
      const { values, positionals } = parseArgs({ args, options: { team: { type: 'string' } }, allowPositionals: true, strict: true })
      if (positionals.length !== 1) throw new UsageError('users setup-link takes one ID or EMAIL')
      const link = await withContext(config, async (ctx) => await ctx.users.newSetupLinkFor(positionals[0], values.team?.trim() ?? null, SYSTEM_CLI))
      io.out(JSON.stringify(link))
      wrote()
      return 0
    }
    case 'reset-totp': {
      const { values, positionals } = parseArgs({ args, options: { team: { type: 'string' } }, allowPositionals: true, strict: true })
      if (positionals.length !== 1) throw new UsageError('users reset-totp takes one ID or EMAIL')
      const user = await withContext(config, async (ctx) => await ctx.users.resetTotpFor(positionals[0], values.team?.trim() ?? null, SYSTEM_CLI))
      io.out(JSON.stringify(user))
      wrote()
      return 0
    }
    default:
      throw new UsageError(sub === undefined ? 'users needs a command: create, list, disable, setup-link or reset-totp' : `unknown users command "${sub}"`)
  }
}

async function outboxCommand (sub: string | undefined, args: string[], config: Config, io: Io): Promise<number> {
  if (sub !== 'list') throw new UsageError(sub === undefined ? 'outbox needs a command: list' : `unknown outbox command "${sub}"`)
  const { values } = parseArgs({ args, options: { limit: { type: 'string' }, team: { type: 'string' } }, strict: true })
  const limit = nonNegativeInt(values.limit, '--limit', 1) ?? 20
  if (limit > 1000) throw new UsageError('--limit must be at most 1000')
  const teamId = nonNegativeInt(values.team, '--team', 1)
  const messages = await withContext(config, async (ctx) => await ctx.delivery.outboxMessages({ teamId, limit }))
  io.out(JSON.stringify(messages, null, 2))
  return 0
}

async function searchCommand (sub: string | undefined, args: string[], config: Config, io: Io, wrote: () => void): Promise<number> {
  if (sub !== 'order') throw new UsageError(sub === undefined ? 'search needs a command: order' : `unknown search command "${sub}"`)
  const { values } = parseArgs({ args, options: { recompute: { type: 'boolean' } }, strict: true })
  const order = await withContext(config, async (ctx) => await ctx.repos.sessions.searchOrder(values.recompute === true))
  if (order === null) {
    io.out('PostgreSQL: the search reads no creation order (its index answers in bitmaps); nothing to keep')
    return 0
  }
  if (values.recompute === true) wrote()
  io.out(JSON.stringify(order))
  return 0
}

async function sourcesCommand (sub: string | undefined, args: string[], config: Config, io: Io, wrote: () => void): Promise<number> {
  switch (sub) {
    case 'list': {
      noArguments(args)
      const rows = await withContext(config, async (ctx) => {
        await ctx.sources.seedDefaultCatalog()
        return (await ctx.repos.sources.listAll()).map((r) => ctx.sources.view(r))
      })
      io.out(JSON.stringify(rows, null, 2))
      return 0
    }
    case 'hash': return await (await import('./proof-verify.command.js')).sourcesHashCommand(args, io)
    case 'pin': {
      const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' }, version: { type: 'string' } }, allowPositionals: true, strict: true })
      if (positionals.length !== 1) throw new UsageError('sources pin takes one source NAME: sources pin NAME --config FILE [--version V]')
      if (values.config === undefined) throw new UsageError('sources pin needs --config FILE (a provider configuration)')
      const { readJsonFile } = await import('./proof-verify.command.js')
      const { providerConfigHashes, versionOf } = await import('./modules/proofs/provider-config.js')
      const read = await readJsonFile(values.config)
      if (!read.ok) throw new UsageError(read.problem)
      const version = values.version ?? versionOf(read.json)
      const hashes = providerConfigHashes(read.json, version)
      if (!hashes.ok) throw new CatalogError(`${values.config}: ${hashes.problem}`)
      const result = await withContext(config, async (ctx) => {
        await ctx.sources.seedDefaultCatalog()
        return await ctx.sources.pin(positionals[0], hashes.hashes.map((h) => h.hash), version)
      })
      io.out(JSON.stringify({ ...result, version }))
      wrote()
      return 0
    }
    case 'import': {
      const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true })
      if (positionals.length === 0) throw new UsageError('sources import needs a FILE')
      if (positionals.length > 1) throw new UsageError('sources import takes one FILE')
      const result = await withContext(config, async (ctx) => await ctx.sources.importFile(positionals[0]))
      io.out(JSON.stringify(result))
      wrote()
      return 0
    }
    default:
      throw new UsageError(sub === undefined ? 'sources needs a command: list, import, hash or pin' : `unknown sources command "${sub}"`)
  }
}
