import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely'

/** How many transactions at most share one COMMIT (0 or 1: every transaction commits alone). */
export const DEFAULT_SQLITE_GROUP_COMMIT = 64

/**
 * Group commit for the one SQLite connection (issue 22, item 3). A creation's COMMIT writes about 31
 * pages to the WAL (the session's table and index leaves, session_counts, the audit row, the event,
 * the FTS5 segment): that write was 40-50% of the database's time per creation. Transactions that
 * follow each other while requests are waiting dirty the same leaves, so they share one COMMIT:
 *
 * - The first transaction of a group begins the real transaction (BEGIN IMMEDIATE); each transaction
 *   is a savepoint of it (`pa_group`), released when it commits, rolled back alone when it fails.
 * - A transaction that commits while others wait for the connection hands the connection on and waits
 *   for the group's COMMIT; its caller hears "committed" only once that COMMIT succeeded. The group
 *   commits when nobody waits (after one turn of the event loop, so requests already arrived join
 *   it), or when `maxGroup` transactions wait. A failed COMMIT (or a failure that ended the real
 *   transaction) fails every transaction of the group: none of them was acknowledged.
 * - Queries outside transactions (reads) never see a group's rows before its COMMIT (they share the
 *   connection, so they would: and a COMMIT may fail, disk full or I/O error, after a read answered
 *   with rows that were then never stored). A read that gets the connection while a group is open
 *   hands it on to the next waiter and waits for the group's end (its transactions go on grouping),
 *   then takes its turn again; when nobody waits, or a new group opened meanwhile, it commits the
 *   group first (so a read waits for one group at most). Measured (bench/session-create-profile.js
 *   --readers): no change in COMMITs per creation nor in CPU per creation beyond the noise.
 * - The connection is never left inside a real transaction while nobody holds it: the last holder
 *   commits the group before it lets go.
 *
 * - Only while this connection is the process's only one on its file (`alone`): a second connection
 *   in the same process (tests, several apps on one file) waits for the write lock synchronously
 *   (busy_timeout blocks the thread), so a group waiting a turn of the event loop while holding the
 *   lock would wait for itself. Then each transaction commits alone, as without grouping.
 *
 * `inTransaction` is the database handle's own flag (better-sqlite3 `inTransaction`).
 */
export function withGroupCommit (driver: Driver, inTransaction: () => boolean, maxGroup = DEFAULT_SQLITE_GROUP_COMMIT,
  alone: () => boolean = () => true): void {
  if (maxGroup <= 1) {
    driver.beginTransaction = async (connection) => { await connection.executeQuery(CompiledQuery.raw('begin immediate')) }
    return
  }
  const acquireReal = driver.acquireConnection.bind(driver)
  let real: Promise<DatabaseConnection> | null = null
  const raw = async (sql: string) => await (await real as DatabaseConnection).executeQuery(CompiledQuery.raw(sql))

  // The connection's own mutex (Kysely's is taken once, for good): the holder hands it to the next waiter.
  let held = false
  const waiters: Array<() => void> = []
  const lock = async (): Promise<void> => {
    if (!held) { held = true; return }
    await new Promise<void>((resolve) => waiters.push(resolve))
  }
  const unlock = (): void => {
    const next = waiters.shift()
    if (next) next()
    else held = false
  }

  /** One holder's use of the connection; a lease whose transaction handed the connection on is no longer `active`. */
  class Lease implements DatabaseConnection {
    active = false
    /** Between this holder's beginTransaction and its commit or rollback: its queries are the transaction's. */
    transacting = false
    async executeQuery<R> (query: CompiledQuery): Promise<QueryResult<R>> {
      if (!this.transacting) await committedOnly()
      return await (await real as DatabaseConnection).executeQuery<R>(query)
    }

    streamQuery<R> (query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      const transacting = this.transacting
      return (async function * () {
        if (!transacting) await committedOnly()
        yield * (await real as DatabaseConnection).streamQuery<R>(query, chunkSize)
      })()
    }
  }
  // Kysely keeps every connection object it was given: leases are reused, so their number stays bounded.
  const free: Lease[] = []

  let open = false // the group's real transaction is open
  let pending: Array<{ resolve: () => void, reject: (err: unknown) => void }> = []

  // Reads waiting for the open group to end (committed or failed).
  let readers: Array<() => void> = []
  const groupEnded = (): void => {
    const waiting = readers
    readers = []
    for (const r of waiting) r()
  }

  const failGroup = (err: unknown): void => {
    const group = pending
    pending = []
    open = false
    for (const p of group) p.reject(err)
    groupEnded()
  }

  const flush = async (): Promise<void> => {
    if (!open) return
    const group = pending
    pending = []
    open = false
    try {
      await raw('commit')
    } catch (err) {
      if (inTransaction()) await raw('rollback').catch(() => {})
      for (const p of group) p.reject(err)
      return
    } finally {
      groupEnded()
    }
    for (const p of group) p.resolve()
  }

  /**
   * Before a query outside a transaction (a read) runs on the connection: when a group is open (a
   * transaction handed the connection on to this holder), the read must not see the group's rows
   * before their COMMIT. When others wait for the connection, the read hands it on and waits for the
   * group to end (its transactions go on grouping), then takes its turn again; when nobody waits, or
   * a new group opened meanwhile, it commits the group itself first (so it waits at most once).
   */
  const committedOnly = async (): Promise<void> => {
    if (!open) return
    if (waiters.length > 0) {
      const ended = new Promise<void>((resolve) => readers.push(resolve))
      unlock()
      await ended
      await lock()
    }
    if (open) await flush()
  }

  driver.acquireConnection = async () => {
    real ??= acquireReal()
    await real
    await lock()
    const lease = free.pop() ?? new Lease()
    lease.active = true
    return lease
  }

  driver.releaseConnection = async (connection) => {
    const lease = connection as Lease
    if (!lease.active) { free.push(lease); return } // its transaction handed the connection on already
    lease.active = false
    free.push(lease)
    try {
      if (open && (waiters.length === 0 || !alone())) await flush()
    } finally {
      unlock()
    }
  }

  driver.beginTransaction = async (connection) => {
    if (open && !inTransaction()) failGroup(new Error('the group\'s transaction ended before its commit'))
    if (!open) {
      await raw('begin immediate')
      open = true
    }
    await raw('savepoint pa_group')
    ;(connection as Lease).transacting = true
  }

  driver.commitTransaction = async (connection) => {
    const lease = connection as Lease
    lease.transacting = false
    await raw('release savepoint pa_group')
    const committed = new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))
    committed.catch(() => {}) // awaited below; a group failing before that await is not an unhandled rejection
    // Requests that have arrived meanwhile (their bodies read, their keys looked up) join this group.
    const grouping = pending.length < maxGroup && alone()
    if (grouping && waiters.length === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    if (!inTransaction()) {
      failGroup(new Error('the group\'s transaction ended before its commit'))
    } else if (grouping && waiters.length > 0) {
      lease.active = false
      unlock()
    } else {
      await flush()
    }
    await committed
  }

  driver.rollbackTransaction = async (connection) => {
    const lease = connection as Lease
    lease.transacting = false
    if (!lease.active) return // the group failed after this transaction handed the connection on: rolled back with it
    try {
      await raw('rollback to savepoint pa_group')
      await raw('release savepoint pa_group')
    } catch {}
    if (open && !inTransaction()) failGroup(new Error('the group\'s transaction was rolled back'))
  }
}
