/** Reminders are not sent from 21:00 to 08:00 in the applicant's time zone (local minutes of the day). */
export const QUIET_FROM_MIN = 21 * 60
export const QUIET_UNTIL_MIN = 8 * 60
const DAY_MIN = 24 * 60

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter (timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  return f
}

/** Minutes since local midnight (with seconds as a fraction) of an instant in a time zone. */
export function localMinutes (ms: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60
}

export const isQuiet = (ms: number, timeZone: string): boolean => {
  const m = localMinutes(ms, timeZone)
  return m >= QUIET_FROM_MIN || m < QUIET_UNTIL_MIN
}

/** The first instant at or after `ms` outside quiet hours: `ms` itself, or the next 08:00 there. */
export function afterQuietHours (ms: number, timeZone: string): number {
  let at = ms
  // A daylight-saving change can move 08:00 by an hour: check the result again (twice is enough).
  for (let i = 0; i < 3 && isQuiet(at, timeZone); i++) {
    const m = localMinutes(at, timeZone)
    const wait = m >= QUIET_FROM_MIN ? DAY_MIN - m + QUIET_UNTIL_MIN : QUIET_UNTIL_MIN - m
    at = Math.round(at + wait * 60_000)
    // Across a daylight-saving change the night was an hour shorter: step back to 08:00 itself.
    const over = localMinutes(at, timeZone) - QUIET_UNTIL_MIN
    if (over > 0 && over <= 120 && !isQuiet(at - over * 60_000, timeZone)) at = Math.round(at - over * 60_000)
  }
  return at
}
