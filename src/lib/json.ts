/** JSON columns travel as text on both dialects (see db/database.ts). */
export function parseJson<T> (text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback
  try { return JSON.parse(text) as T } catch { return fallback }
}
