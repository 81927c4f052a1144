import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { fail } from '../lib/error-codes.js'

// Prometheus text exposition without a dependency: request counts and a latency histogram per
// route pattern (never the raw URL, which would carry ids and tokens), plus process figures.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] // seconds

interface Series { count: number, sum: number, buckets: number[] }

function escape (value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

export interface MetricsOptions {
  /** Bearer token /metrics wants; null leaves it open (fine when only a private network reaches it). */
  token: string | null
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/** Compares digests, so neither the token's content nor its length shows in the time taken. */
function bearerMatches (header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '')
  return match !== null && timingSafeEqual(digest(match[1]), expected)
}

async function metricsPlugin (app: FastifyInstance, options: MetricsOptions) {
  const expected = options.token === null ? null : digest(options.token)
  const requests = new Map<string, number>()
  const durations = new Map<string, Series>()

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const labels = `method="${request.method}",route="${escape(route)}"`
    const counted = `${labels},status="${reply.statusCode}"`
    requests.set(counted, (requests.get(counted) ?? 0) + 1)
    const seconds = reply.elapsedTime / 1000
    let series = durations.get(labels)
    if (!series) { series = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }; durations.set(labels, series) }
    series.count++
    series.sum += seconds
    BUCKETS.forEach((b, i) => { if (seconds <= b) series.buckets[i]++ })
  })

  app.get('/metrics', { config: { auth: 'none' }, schema: { hide: true } }, async (request, reply) => {
    if (expected !== null && !bearerMatches(request.headers.authorization, expected)) {
      throw fail('metrics_token_invalid', undefined, { 'www-authenticate': 'Bearer realm="metrics"' })
    }
    const lines: string[] = [
      '# HELP http_requests_total HTTP requests by route pattern and status.',
      '# TYPE http_requests_total counter'
    ]
    for (const [labels, n] of requests) lines.push(`http_requests_total{${labels}} ${n}`)
    lines.push('# HELP http_request_duration_seconds HTTP request latency by route pattern.', '# TYPE http_request_duration_seconds histogram')
    for (const [labels, s] of durations) {
      BUCKETS.forEach((b, i) => lines.push(`http_request_duration_seconds_bucket{${labels},le="${b}"} ${s.buckets[i]}`))
      lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`)
      lines.push(`http_request_duration_seconds_sum{${labels}} ${s.sum}`)
      lines.push(`http_request_duration_seconds_count{${labels}} ${s.count}`)
    }
    const mem = process.memoryUsage()
    lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`)
    lines.push('# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`)
    lines.push('# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${process.uptime()}`)
    return reply.type('text/plain; version=0.0.4').send(lines.join('\n') + '\n')
  })
}

export default fp(metricsPlugin, { name: 'metrics' })
