import { outsideRequestTransactions } from './request-transaction.js'

/** One call's answer in a batch: its value, or the error that is its alone. */
export type BatchResult<O> = { ok: true, value: O } | { ok: false, error: unknown }

export interface BatcherOptions {
  /** Calls served by one batch at most. */
  max: number
  /** Batches running at once at most; a call that finds fewer running starts one at once. */
  inFlight: number
}

/**
 * Calls that arrive while earlier ones are being served wait, and are then served together, as one
 * batch (issue 22, item 3). A PostgreSQL round trip costs this process more CPU than the statement
 * costs the server (the loopback write that wakes the server: about 300 µs of this process's time
 * per statement on the 2-core machine of BENCHMARKS.md, where the creation's whole statement runs in
 * 200 to 300 µs); a batch pays it once for all its calls. A call that finds fewer than `inFlight`
 * batches running starts its own at once, so an idle service adds no wait; under load the calls that
 * would have waited for a pool connection anyway share a statement.
 *
 * `serve` answers each input of a batch, in order, or throws: a throw fails every call of the batch.
 * It runs outside any request transaction (a batch mixes requests; callers inside one must not batch).
 */
export class Batcher<I, O> {
  private readonly queue: Array<{ input: I, resolve: (o: O) => void, reject: (err: unknown) => void }> = []
  private running = 0

  constructor (private readonly serve: (inputs: I[]) => Promise<Array<BatchResult<O>>>, private readonly options: BatcherOptions) {}

  async call (input: I): Promise<O> {
    return await new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject })
      this.pump()
    })
  }

  private pump (): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.max)
      this.running++
      outsideRequestTransactions(() => {
        this.serve(batch.map((c) => c.input)).then((results) => {
          batch.forEach((c, i) => {
            const r = results[i]
            if (r === undefined) c.reject(new Error('a batch answered fewer calls than it was given'))
            else if (r.ok) c.resolve(r.value)
            else c.reject(r.error)
          })
        }, (err: unknown) => {
          for (const c of batch) c.reject(err)
        }).finally(() => {
          this.running--
          this.pump()
        })
      })
    }
  }
}
