import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/app.js'
import { logFormat } from '../../src/cli.js'

/**
 * The real executable (bin/partner-api.js over dist/, built by `npm run build` before the suite):
 * exit codes, what reaches stdout and stderr, and the log format of a booting server.
 */
const BIN = join(ROOT_DIR, 'bin', 'partner-api.js')
const READY = 'partner-api listening on'

interface Run { code: number | null, stdout: string, stderr: string }

describe('the partner-api executable', () => {
  let dataDir: string
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'partner-api-bin-')) })
  afterEach(() => { rmSync(dataDir, { recursive: true, force: true }) })

  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...extra })

  /** Runs a command to its end. */
  async function exec (command: string, args: string[], extra: Record<string, string> = {}): Promise<Run> {
    const child = spawn(command, args, { env: env(extra), cwd: ROOT_DIR })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += String(d) })
    child.stderr.on('data', (d) => { stderr += String(d) })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    return { code, stdout, stderr }
  }

  /** Starts a server, waits for its boot line, stops it, and gives back what it printed. */
  async function boot (command: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
    const child = spawn(command, args, { env: env(extra), cwd: ROOT_DIR })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += String(d) })
    const closed = new Promise((resolve) => child.on('close', resolve))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`no boot line within 20 s; stdout: ${stdout}; stderr: ${stderr}`)) }, 20_000)
      child.stdout.on('data', (d) => {
        stdout += String(d)
        if (stdout.includes(READY)) { clearTimeout(timer); resolve() }
      })
      child.on('close', (code) => { clearTimeout(timer); reject(new Error(`exited ${code} before booting: ${stderr}`)) })
    })
    child.kill('SIGTERM')
    await closed
    return stdout
  }

  it('with no command prints the usage and exits 0 without starting a server', async () => {
    const res = await exec(process.execPath, [BIN])
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/^Usage: partner-api <command>\n/)
    expect(res.stderr).toBe('')
  })

  it('--version prints the version alone', async () => {
    const res = await exec(process.execPath, [BIN, '--version'])
    expect(res).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\S*\n$/), stderr: '' })
  })

  it('a wrong invocation prints two lines on stderr and exits 2', async () => {
    const res = await exec(process.execPath, [BIN, 'keys', 'create', '--team', 'acme', '--colour', 'red'])
    expect(res).toEqual({ code: 2, stdout: '', stderr: 'error: Unknown option \'--colour\'\nrun `partner-api --help` for the usage\n' })
  })

  it('serve logs JSON lines when stdout is not a terminal; the boot line names the database and Redis', async () => {
    const out = await boot(process.execPath, [BIN, 'serve'])
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { level: number, msg: string })
    const ready = lines.find((l) => l.msg.startsWith(READY))
    expect(ready?.msg).toContain(`database: SQLite at ${dataDir}`)
    expect(ready?.msg).toContain('redis: none (rate limits in memory, per process)')
  })

  it('serve logs readable lines with LOG_FORMAT=pretty', async () => {
    const out = await boot(process.execPath, [BIN, 'serve'], { LOG_FORMAT: 'pretty' })
    const line = out.split('\n').find((l) => l.includes(READY))!
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*: partner-api listening on /)
    expect(out).not.toMatch(/^\{/m)
  })

  it('serve logs readable lines on a terminal (a pseudo-terminal from script(1))', async () => {
    // script(1) gives the server a terminal as stdout; its colours are stripped before matching.
    const out = await boot('script', ['-qefc', `${process.execPath} ${BIN} serve`, '/dev/null'])
    // eslint-disable-next-line no-control-regex
    const plain = out.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r/g, '')
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*: partner-api listening on /m)
    expect(plain).not.toMatch(/^\{"level"/m)
  })

  it('a LOG_FORMAT that is neither json nor pretty exits 2 with one line', async () => {
    const res = await exec(process.execPath, [BIN, 'serve'], { LOG_FORMAT: 'xml' })
    expect(res).toEqual({ code: 2, stdout: '', stderr: 'configuration error: LOG_FORMAT must be json or pretty, got "xml"\n' })
  })

  it.each([
    [{}, true, 'pretty'], [{}, false, 'json'],
    [{ LOG_FORMAT: 'json' }, true, 'json'], [{ LOG_FORMAT: ' PRETTY ' }, false, 'pretty']
  ])('logFormat(%j, isTTY %s) is %s', (e, tty, format) => {
    expect(logFormat(e, tty)).toBe(format)
  })
})
