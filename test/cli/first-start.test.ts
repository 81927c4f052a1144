import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

const run = promisify(execFile)

/** The first `npm start` of a checkout compiles: the launcher says so and how long it took, on stderr. */
describe('the launcher on a checkout without dist/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'partner-api-first-start-'))
  afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

  it('says it is compiling, then how long it took, and keeps stdout for the command', async () => {
    for (const f of ['bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) cpSync(join(ROOT_DIR, f), join(dir, f), { recursive: true })
    for (const f of ['src', 'public', 'node_modules', 'catalog']) symlinkSync(join(ROOT_DIR, f), join(dir, f), 'dir')
    const first = await run(process.execPath, [join(dir, 'bin', 'partner-api.js'), 'attestors', '--help'], { cwd: dir, env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data') } }).catch((err: { stdout: string, stderr: string }) => err)
    expect(first.stderr).toMatch(/^partner-api: first start: compiling TypeScript into dist\/ \(once; about 20-30 s\) \.\.\.\npartner-api: compiled in \d+\.\d s\n/)
    expect(first.stdout).not.toMatch(/compil/)
    expect(existsSync(join(dir, 'dist', 'cli.js'))).toBe(true)
    // Built and unchanged: nothing more is said.
    const second = await run(process.execPath, [join(dir, 'bin', 'partner-api.js'), 'attestors', '--help'], { cwd: dir, env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data') } }).catch((err: { stdout: string, stderr: string }) => err)
    expect(second.stderr).not.toMatch(/compil/)
  }, 180_000)
})
