import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT_DIR } from '../../src/lib/paths.js'

const run = promisify(execFile)
const CLIENT = join(ROOT_DIR, 'clients', 'typescript')

/**
 * clients/typescript installs as its README says: `npm install` in its folder builds dist/ (the
 * prepare script), `npm pack` makes a tarball a project installs. The build takes its tools from the
 * repository's node_modules; the project's install prefers npm's cache (--prefer-offline) and asks
 * the registry only for what the cache lacks (openapi-fetch's metadata).
 */
describe('the TypeScript client as a package', () => {
  const dirs: string[] = []
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
  const temp = (name: string) => { const d = mkdtempSync(join(tmpdir(), name)); dirs.push(d); return d }

  it('builds on prepare, packs with dist/, and a project that installs the tarball imports it', async () => {
    const copy = temp('partner-api-client-')
    for (const f of ['package.json', 'tsconfig.json', 'README.md', 'src']) cpSync(join(CLIENT, f), join(copy, f), { recursive: true })
    symlinkSync(join(ROOT_DIR, 'node_modules'), join(copy, 'node_modules'), 'dir')
    expect(existsSync(join(copy, 'dist'))).toBe(false)
    await run('npm', ['run', 'prepare'], { cwd: copy })
    expect(existsSync(join(copy, 'dist', 'index.js'))).toBe(true)
    expect(existsSync(join(copy, 'dist', 'schema.d.ts'))).toBe(true)

    await run('npm', ['pack', '--ignore-scripts'], { cwd: copy })
    const tarball = readdirSync(copy).find((f) => f.endsWith('.tgz'))
    expect(tarball).toBe('partner-api-client-0.1.0.tgz')

    const project = temp('partner-api-consumer-')
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }))
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(copy, tarball!)], { cwd: project })
    writeFileSync(join(project, 'main.js'), [
      "import { createPartnerClient, PartnerApiError } from '@partner-api/client'",
      "const client = createPartnerClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'pk_test' })",
      'console.log(JSON.stringify({ get: typeof client.GET, post: typeof client.POST, error: typeof PartnerApiError }))'
    ].join('\n'))
    const { stdout } = await run('node', ['main.js'], { cwd: project })
    expect(JSON.parse(stdout)).toEqual({ get: 'function', post: 'function', error: 'function' })
  }, 120_000)
})
