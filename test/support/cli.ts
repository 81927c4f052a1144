import { main, type Io } from '../../src/cli.js'

/**
 * Runs the command as `partner-api ...argv` would, with DATA_DIR pointing at the test's directory.
 * PORT 9 (discard: nothing listens there) so that a service a developer runs on :3000 is not taken
 * for the instance `keys create` compares its database with.
 */
export async function runCli (dataDir: string, ...argv: string[]): Promise<{ code: number, out: string[], err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) }
  const code = await main(argv, io, { DATA_DIR: dataDir, PORT: '9' })
  return { code, out, err }
}
