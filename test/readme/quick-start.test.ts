import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../src/lib/net.js'
import { ROOT_DIR } from '../../src/lib/paths.js'

/**
 * The README's quick start, taken out of README.md as it stands and pasted into bash against a
 * fresh server (the real bin/partner-api.js over dist/, built by `npm run build` before the suite,
 * SQLite in a directory of its own): a quick start that stops working, or a README whose block
 * drifted from the service, fails here.
 */
const MARKER = '<!-- quick-start'
const BIN = join(ROOT_DIR, 'bin', 'partner-api.js')

/** The fenced sh block right after the marker comment. */
export function quickStartBlock (readme: string): string {
  const lines = readme.split('\n')
  const markers = lines.flatMap((line, i) => line.startsWith(MARKER) ? [i] : [])
  if (markers.length !== 1) throw new Error(`README.md must hold one "${MARKER} ... -->" line, found ${markers.length}`)
  const open = markers[0] + 1
  if (lines[open] !== '```sh') throw new Error('the quick start marker must be followed at once by a ```sh fence')
  const close = lines.indexOf('```', open + 1)
  if (close < 0) throw new Error('the quick start block is not closed')
  return lines.slice(open + 1, close).join('\n') + '\n'
}

interface Run { code: number | null, stdout: string, stderr: string }

describe('the README quick start', () => {
  const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8')
  const block = quickStartBlock(readme)
  let dir: string
  let dataDir: string
  let base: string
  let server: ChildProcess
  let serverLog = ''

  beforeAll(async () => {
    // dist/ as bin/partner-api.js would build it: done once here, not by two processes at once below.
    const built = spawnSync(process.execPath, [join(ROOT_DIR, 'bin', 'build-if-stale.js')], { cwd: ROOT_DIR, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`build failed: ${built.stdout}${built.stderr}`)

    dir = mkdtempSync(join(tmpdir(), 'partner-api-quick-start-'))
    dataDir = join(dir, 'data')
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawn(process.execPath, [BIN, 'serve'], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' }
    })
    server.stdout?.on('data', (d) => { serverLog += String(d) })
    server.stderr?.on('data', (d) => { serverLog += String(d) })
    const deadline = Date.now() + 60_000
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited ${server.exitCode}: ${serverLog}`)
      const ready = await fetch(`${base}/readyz`).then((res) => res.status === 200, () => false)
      if (ready) break
      if (Date.now() > deadline) throw new Error(`the server was not ready within 60 s: ${serverLog}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }, 240_000)

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const closed = new Promise((resolve) => server.on('close', resolve))
      server.kill('SIGTERM')
      await closed
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** Runs a script as `bash -e` would run the pasted block, in the checkout, with BASE set. */
  async function paste (script: string): Promise<Run> {
    const file = join(dir, `quick-start-${Date.now()}.sh`)
    writeFileSync(file, script)
    // A minimal environment: no DATABASE_URL or PORT of the test run leaks into the block.
    const child = spawn('bash', ['-e', file], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, BASE: base, DATA_DIR: dataDir }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += String(d) })
    child.stderr.on('data', (d) => { stderr += String(d) })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    return { code, stdout, stderr }
  }

  function sessions (): Array<{ id: number, status: string, livemode: number, statusReason: string | null }> {
    const db = new SQLite(join(dataDir, 'partner-api.sqlite'), { readonly: true, fileMustExist: true })
    try {
      return db.prepare('select id, status, livemode, status_reason as statusReason from sessions order by id').all() as never
    } finally {
      db.close()
    }
  }

  it('is one sh block with nothing to fill in: no placeholder, no fixed id, the address in BASE', () => {
    // eslint-disable-next-line no-template-curly-in-string -- a line of shell, not a template
    expect(block.split('\n')[0]).toBe('BASE=${BASE:-http://localhost:${PORT:-3000}}')
    expect(block).not.toMatch(/<[a-z][a-z _-]*>/i) // <token>, <session id>...
    expect(block).not.toMatch(/\/(session|sessions|steps\/session|sources\/session)\/\d/) // a path with a fixed id
    expect(block).not.toMatch(/"(sessionId|stepId)\\?"?:\s*\d/) // a body with a fixed id
    expect(block).not.toMatch(/localhost:3000/) // every call goes to $BASE
    expect(block).toContain('npx partner-api keys create --team "Quick start" --test')
    expect(block).toContain('/partner/sandbox/step/simulate')
  })

  it('pasted into bash on a fresh instance, reaches COMPLETED through the sandbox, and again on the same instance', async () => {
    for (const sessionId of [1, 2]) {
      const run = await paste(block)
      expect(run.code, `${run.stdout}\n${run.stderr}\nserver: ${serverLog}`).toBe(0)
      expect(run.stderr).not.toContain('error')
      const lines = run.stdout.trim().split('\n')
      expect(lines.map((l) => l.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'])
      expect(lines[0]).toMatch(/^1\. test key pa_test_\S+\.\.\. created$/)
      expect(lines[1]).toMatch(new RegExp(`^2\\. session ${sessionId} created \\(PENDING\\); the applicant's link: ` +
        `${base.replace('127.0.0.1', 'localhost')}/partner/verification/verify\\?token=[\\w-]{20,}&sessionId=${sessionId}$`))
      expect(lines[3]).toBe('4. sources listed; PayPal is source 1')
      expect(lines[8]).toBe(`9. sessions REVIEWING: ${sessionId}`)
      expect(lines[9]).toMatch(/^10\. verified facts: .*monthlyIncome = 5400\.00, currency = USD/)
      expect(lines[10]).toBe(`11. approved: session ${sessionId} is COMPLETED`)
      expect(lines[11]).toBe(`12. session ${sessionId}: COMPLETED (approved)`)
      // The CLI wrote the key to the server's database, and says so.
      expect(run.stderr).toContain(`wrote to SQLite at ${join(dataDir, 'partner-api.sqlite')}`)
    }
    expect(sessions()).toEqual([
      { id: 1, status: 'COMPLETED', livemode: 0, statusReason: 'approved' },
      { id: 2, status: 'COMPLETED', livemode: 0, statusReason: 'approved' }
    ])
  }, 240_000)

  it('stops at the first call that fails, printing the error answer', async () => {
    const failing = block.replace('\\"outcome\\": \\"success\\"', '\\"outcome\\": \\"failure\\"')
    expect(failing).not.toBe(block)
    const before = sessions().length
    const run = await paste(failing)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain('7. step')
    expect(run.stdout).not.toContain('8. ')
    expect(run.stderr).toMatch(/error: \{"statusCode":422,.*"code":"proof_simulated_failure"/)
    const last = sessions().at(-1)
    expect(last).toEqual({ id: before + 1, status: 'PROCESSING', livemode: 0, statusReason: null })
  }, 240_000)
})
