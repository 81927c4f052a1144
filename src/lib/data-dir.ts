import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// DATA_DIR holds the SQLite database (applicant data, webhook secrets) and the instance secrets:
// no other local user may read it. New directories are made 0700 and new files 0600 whatever the
// umask; an existing directory with wider modes is the operator's to fix (`partner-api doctor`).

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates the data directory (and missing parents) as 0700. */
export function ensurePrivateDir (dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
}

/**
 * Creates an empty file as 0600 if none exists. SQLite creates its -wal and -shm files with the
 * database file's mode, so creating the database file first keeps all three private.
 */
export function ensurePrivateFile (path: string): void {
  if (existsSync(path)) return
  try { closeSync(openSync(path, 'a', PRIVATE_FILE_MODE)) } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
}

/** The files the service keeps in DATA_DIR (the SQLite database and its companions, the instance secrets). */
const SERVICE_FILE = /^(partner-api\.sqlite(-wal|-shm|-journal)?|server-secret|sandbox-attestor\.key|report-signing\.key)$/

/** What other users may read or write: the directory itself and the service's files in it, with their modes (octal). */
export function widerThanPrivate (dir: string): Array<{ path: string, mode: string }> {
  if (!existsSync(dir)) return []
  const found: Array<{ path: string, mode: string }> = []
  const check = (path: string, isDir: boolean) => {
    const mode = statSync(path).mode & 0o777
    if ((mode & 0o077) !== 0) found.push({ path, mode: mode.toString(8).padStart(3, '0') + (isDir ? ' (directory)' : '') })
  }
  check(dir, true)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && SERVICE_FILE.test(entry.name)) check(join(dir, entry.name), false)
  }
  return found
}
