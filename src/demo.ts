import type { Io } from './cli.js'

// Replaced by the Reclaim workflow demo (issue 3).
export async function demoCommand (io: Io): Promise<number> {
  io.err('demo is not available yet')
  return 1
}
