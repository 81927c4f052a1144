import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { instanceSecret, randomPrivateKey } from '../../src/lib/instance-secrets.js'
import { ROOT_DIR } from '../../src/lib/paths.js'

describe('instanceSecret: one secret per data directory', () => {
  let dir: string
  afterEach(() => { rmSync(dir, { recursive: true, force: true }) })

  it('is generated once, kept with mode 0600, and read back after', () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-api-secret-'))
    const first = instanceSecret(null, dir, 'k', randomPrivateKey)
    expect(first).toMatch(/^0x[0-9a-f]{64}$/)
    expect(instanceSecret(null, dir, 'k', randomPrivateKey)).toBe(first)
    expect(statSync(join(dir, 'k')).mode & 0o777).toBe(0o600)
    expect(instanceSecret('configured', dir, 'k', randomPrivateKey)).toBe('configured')
  })

  it('gives every process started at once the same complete secret (serve --workers on a fresh data directory)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-api-secret-'))
    const script = `import { instanceSecret, randomPrivateKey } from ${JSON.stringify(join(ROOT_DIR, 'dist/lib/instance-secrets.js'))}
      process.stdout.write(instanceSecret(null, process.argv[1], 'k', randomPrivateKey))`
    const run = async () => await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
      let out = ''
      child.stdout.on('data', (d: Buffer) => { out += d.toString() })
      child.on('exit', (code) => { code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)) })
    })
    for (let round = 0; round < 3; round++) {
      rmSync(join(dir, 'k'), { force: true })
      const values = await Promise.all(Array.from({ length: 6 }, run))
      expect(new Set(values).size).toBe(1)
      expect(values[0]).toMatch(/^0x[0-9a-f]{64}$/)
      expect(readFileSync(join(dir, 'k'), 'utf8').trim()).toBe(values[0])
    }
  })
})
