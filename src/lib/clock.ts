/** The service's time. Injected so tests can move it (expiry, CSRF lifetime, proof freshness). */
export interface Clock {
  /** Milliseconds since the epoch. */
  ms: () => number
  /** ISO 8601, `offsetMs` from now. */
  iso: (offsetMs?: number) => string
}

/** A clock reading `now` (milliseconds since the epoch). */
export function clockOf (now: () => number): Clock {
  return { ms: now, iso: (offsetMs = 0) => new Date(now() + offsetMs).toISOString() }
}

export const systemClock: Clock = clockOf(Date.now)
