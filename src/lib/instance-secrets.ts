import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A secret of this instance: the configured one, or one generated once and kept in the data
 * directory (mode 0600), so a single SQLite instance needs no set-up and keeps it across restarts.
 * Several instances (PostgreSQL) must share theirs through the environment.
 */
export function instanceSecret (configured: string | null, dataDir: string, file: string, make: () => string): string {
  if (configured !== null) return configured
  const path = join(dataDir, file)
  try {
    return readFileSync(path, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const value = make()
  mkdirSync(dataDir, { recursive: true })
  // 'wx': of two processes starting at once, the second reads what the first wrote.
  try {
    writeFileSync(path, `${value}\n`, { flag: 'wx', mode: 0o600 })
    chmodSync(path, 0o600)
    return value
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return readFileSync(path, 'utf8').trim()
  }
}

export const randomHexSecret = (): string => randomBytes(32).toString('hex')
export const randomPrivateKey = (): string => `0x${randomBytes(32).toString('hex')}`
