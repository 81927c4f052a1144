// What the command's parts share: where they print. Its own module so that cli.ts (which loads
// demo.ts and doctor.ts on demand) and the commands it loads never import one another.

/** Where a command prints: `out` is its answer (stdout), `err` diagnostics and notes (stderr). */
export interface Io { out: (s: string) => void, err: (s: string) => void }

export const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }
