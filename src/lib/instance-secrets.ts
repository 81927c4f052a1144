import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir } from './data-dir.js'

/**
 * A secret of this instance: the configured one, or one generated once and kept in the data
 * directory (mode 0600), so a single SQLite instance needs no set-up and keeps it across restarts.
 * Several instances (PostgreSQL) must share theirs through the environment.
 */
export function instanceSecret (configured: string | null, dataDir: string, file: string, make: () => string): string {
  if (configured !== null) return configured
  const path = join(dataDir, file)
  const existing = readSecret(path)
  if (existing !== null) return existing
  ensurePrivateDir(dataDir)
  // Written whole to a file of its own, then linked into place: of several processes starting at
  // once (serve --workers), exactly one link succeeds and the others read a complete file.
  const value = make()
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(tmp, `${value}\n`, { mode: 0o600 })
  try {
    linkSync(tmp, path)
    return value
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const winner = readSecret(path)
    if (winner === null) throw new Error(`${path} is empty: delete it or set the secret in the environment`)
    return winner
  } finally {
    unlinkSync(tmp)
  }
}

function readSecret (path: string): string | null {
  try {
    const value = readFileSync(path, 'utf8').trim()
    if (value === '') throw new Error(`${path} is empty: delete it or set the secret in the environment`)
    return value
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

export const randomHexSecret = (): string => randomBytes(32).toString('hex')
export const randomPrivateKey = (): string => `0x${randomBytes(32).toString('hex')}`
