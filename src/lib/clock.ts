/** Milliseconds since the epoch. Injected so tests can move time (expiry, CSRF lifetime, freshness). */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export function isoAt (clock: Clock, offsetMs = 0): string {
  return new Date(clock() + offsetMs).toISOString()
}
