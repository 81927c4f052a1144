import { parseArgs } from 'node:util'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createContext } from './context.js'
import { createDatabase, migrateToLatest } from './db/database.js'
import { systemClock } from './lib/clock.js'
import { CatalogError } from './modules/sources/sources.service.js'

const USAGE = `Usage: partner-api <command>

  serve                                   run the service (PORT, DATABASE_URL, ...: see README)
  migrate                                 apply database migrations
  keys create --team NAME [--reviewer ID] [--name LABEL]
              [--rate-limit N] [--rate-ttl S] [--rate-block S]
                                          create an API key; prints {id, key, teamId, reviewerId, prefix}
  keys list                               list keys (never the key itself)
  keys revoke ID                          revoke a key at once
  keys limits ID [--rate-limit N] [--rate-ttl S] [--rate-block S] [--clear]
                                          set (or --clear) a key's own rate limit
  sources list                            list the data source catalog
  sources import FILE                     upsert sources from a JSON file (by sourceName)
  proof verify FILE [--attestors A,B] [--provider-hash H] [--max-age S]
                                          verify a Reclaim proof offline; exit 0 valid, 1 invalid
  demo                                    run the whole workflow on a fresh embedded instance
`

export interface Io { out: (s: string) => void, err: (s: string) => void }
const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }

class UsageError extends Error {}

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
  let config: Config
  try {
    config = loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`configuration error: ${err.message}`); return 2 }
    throw err
  }
  try {
    switch (command) {
      case undefined: case 'serve': {
        const { startServer } = await import('./server.js')
        await startServer(config)
        return 0
      }
      case 'migrate': {
        const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
        try {
          const applied = await migrateToLatest(db)
          io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
        } finally { await db.close() }
        return 0
      }
      case 'keys': return await keysCommand(sub, rest, config, io)
      case 'sources': return await sourcesCommand(sub, rest, config, io)
      case 'proof': {
        if (sub !== 'verify') throw new UsageError('usage: partner-api proof verify FILE [--attestors A,B] [--provider-hash H] [--max-age S]')
        const { proofVerifyCommand } = await import('./modules/proofs/proof-verify.command.js')
        return await proofVerifyCommand(rest, io, { attestors: config.reclaim.attestors, minSignatures: config.reclaim.minSignatures })
      }
      case 'demo': {
        const { demoCommand } = await import('./demo.js')
        return await demoCommand(io)
      }
      case 'help': case '--help': case '-h':
        io.out(USAGE)
        return 0
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (err) {
    // node:util parseArgs rejects unknown flags, missing values and stray arguments with these codes.
    if (String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS_')) {
      io.err(`error: ${(err as Error).message}`)
      io.err(USAGE)
      return 2
    }
    if (err instanceof UsageError || err instanceof CatalogError) {
      io.err(`error: ${err.message}`)
      if (err instanceof UsageError) io.err(USAGE)
      return 2
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') { io.err(`error: ${(err as Error).message}`); return 2 }
    throw err
  }
}

async function keysCommand (sub: string | undefined, args: string[], config: Config, io: Io): Promise<number> {
  switch (sub) {
    case 'create': {
      const { values } = parseArgs({ args, options: { team: { type: 'string' }, reviewer: { type: 'string' }, name: { type: 'string' }, ...rateOptions }, strict: true })
      if (!values.team?.trim()) throw new UsageError('keys create needs --team NAME')
      const created = await withContext(config, async (ctx) => await ctx.keys.create({
        team: values.team!.trim(),
        reviewerId: values.reviewer ?? null,
        name: values.name ?? null,
        rateLimitLimit: rateFlag(values, 'rate-limit'),
        rateLimitTtlS: rateFlag(values, 'rate-ttl'),
        rateLimitBlockS: rateFlag(values, 'rate-block')
      }))
      io.out(JSON.stringify(created))
      return 0
    }
    case 'list': {
      const keys = await withContext(config, async (ctx) => await ctx.keys.list())
      io.out(JSON.stringify(keys, null, 2))
      return 0
    }
    case 'revoke': {
      const id = nonNegativeInt(args[0], 'ID', 1)
      if (id === undefined) throw new UsageError('keys revoke needs an ID')
      const done = await withContext(config, async (ctx) => await ctx.keys.revoke(id))
      if (!done) { io.err(`no active key with id ${id}`); return 1 }
      io.out(JSON.stringify({ id, revoked: true }))
      return 0
    }
    case 'limits': {
      const { values, positionals } = parseArgs({ args, options: { ...rateOptions, clear: { type: 'boolean' } }, allowPositionals: true, strict: true })
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
      return 0
    }
    default:
      throw new UsageError(`unknown keys command "${sub ?? ''}"`)
  }
}

async function sourcesCommand (sub: string | undefined, args: string[], config: Config, io: Io): Promise<number> {
  switch (sub) {
    case 'list': {
      const rows = await withContext(config, async (ctx) => {
        await ctx.sources.seedDefaultCatalog()
        return (await ctx.repos.sources.listAll()).map((r) => ctx.sources.view(r))
      })
      io.out(JSON.stringify(rows, null, 2))
      return 0
    }
    case 'hash': return await (await import('./modules/proofs/proof-verify.command.js')).sourcesHashCommand(args, io)
    case 'import': {
      if (!args[0]) throw new UsageError('sources import needs a FILE')
      const result = await withContext(config, async (ctx) => await ctx.sources.importFile(args[0]))
      io.out(JSON.stringify(result))
      return 0
    }
    default:
      throw new UsageError(`unknown sources command "${sub ?? ''}"`)
  }
}
