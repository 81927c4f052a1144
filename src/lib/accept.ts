// Content negotiation for the one URL that is both an API endpoint and a page: the manual
// verification link. Small enough not to need @fastify/accepts.

interface MediaRange { type: string, subtype: string, q: number, index: number }

function parseAccept (header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  header.split(',').forEach((part, index) => {
    const [mediaType, ...params] = part.trim().split(';')
    const [type, subtype] = (mediaType ?? '').trim().toLowerCase().split('/')
    if (!type || !subtype) return
    let q = 1
    for (const param of params) {
      const [name, value] = param.trim().split('=')
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value)
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0
      }
    }
    ranges.push({ type, subtype, q, index })
  })
  return ranges
}

/** How well `accept` takes `mediaType`: the most specific matching range decides (RFC 9110, 12.5.1). */
function preference (ranges: MediaRange[], mediaType: string) {
  const [type, subtype] = mediaType.split('/')
  let best: { q: number, specificity: number, index: number } | null = null
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1
    if (specificity < 0) continue
    if (!best || specificity > best.specificity) best = { q: r.q, specificity, index: r.index }
  }
  return best
}

/**
 * True when the client prefers an HTML page to JSON: a browser navigating to the link
 * (`text/html,...,*\/*;q=0.8`). No Accept header, `*\/*`, or a tie between equally specific
 * ranges listed in that order keep the JSON answer API clients rely on.
 */
export function prefersHtml (accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept
  if (!header) return false
  const ranges = parseAccept(header)
  const html = preference(ranges, 'text/html')
  if (!html || html.q === 0) return false
  const json = preference(ranges, 'application/json')
  if (!json || json.q === 0) return true
  if (html.q !== json.q) return html.q > json.q
  if (html.specificity !== json.specificity) return html.specificity > json.specificity
  return html.index < json.index
}
