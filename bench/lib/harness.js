// Shared by bench/endpoints.js and bench/soak.js: starts bench/lib/server.js in a process of its own,
// pinned to cpu 0 while this (load-generating) process pins itself to cpu 1, where the machine has
// two cores or more, and talks to it over IPC.
import { spawn, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'

const SERVER = fileURLToPath(new URL('./server.js', import.meta.url))

// Read once, at load: once this process pins itself to one core, availableParallelism() reads 1.
export const CORES = availableParallelism()
const PINNABLE = CORES >= 2 && spawnSync('taskset', ['-V']).status === 0

export function canPin () {
  return PINNABLE
}

/** Pins every thread of this process (the load generator) to cpu 1. */
export function pinSelf () {
  if (!canPin()) return false
  return spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' }).status === 0
}

/**
 * Starts a node script (`args`: node flags, the script, its arguments) in a process of its own, pinned
 * to cpu 0 where this machine can pin, talking over IPC: its first message says it is ready.
 */
export async function spawnServer (args) {
  const pinned = canPin()
  const child = pinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => reject(new Error(`benchmark server exited (${code}) before it was ready`)))
  })
  return { child, ready, pinned }
}

export async function startServer (options, nodeFlags = []) {
  // BENCH_SERVER_ARGS: node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const { child, ready, pinned } = await spawnServer([...nodeFlags, ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean), SERVER, JSON.stringify(options)])
  let next = 0
  const pending = new Map()
  child.on('message', (msg) => {
    const waiter = pending.get(msg.id)
    if (!waiter) return
    pending.delete(msg.id)
    if (msg.error) waiter.reject(new Error(msg.error))
    else waiter.resolve(msg)
  })
  const ask = (msg) => new Promise((resolve, reject) => {
    const id = ++next
    pending.set(id, { resolve, reject })
    child.send({ ...msg, id })
  })
  return {
    ...ready,
    pinned,
    pid: child.pid,
    seed: async (endpoint, n) => (await ask({ cmd: 'seed', endpoint, n })).requests,
    rss: async () => (await ask({ cmd: 'rss' })).rss,
    heap: async () => await ask({ cmd: 'heap' }),
    /** The server process's CPU time so far (user + system, µs): per request, it survives a loaded machine better than req/s. */
    cpuUs: async () => (await ask({ cmd: 'cpu' })).cpuUs,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await ask({ cmd: 'stop' })
      await exited
    }
  }
}

/** `--name=value` and `--flag` arguments. */
export function parseArgs (argv) {
  const out = {}
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg)
    if (m) out[m[1]] = m[2] ?? true
  }
  return out
}
