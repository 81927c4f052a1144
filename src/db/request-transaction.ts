import { AsyncLocalStorage } from 'node:async_hooks'
import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely'

/**
 * One transaction around a whole request's work, for what must commit together with it (an
 * idempotent POST's stored answer, plugins/idempotency.ts). Every query made inside `run` (in its
 * async scope) goes to this transaction's connection; the repositories' own transactions become
 * savepoints of it. The connection is taken and the transaction begun at the first query, so work
 * before it (a DNS lookup) holds nothing; `commit` or `rollback` ends it and gives the connection back.
 * On SQLite the one connection is held from the first query to the end: the service's other queries
 * wait for it, as they wait for any write transaction.
 */
export class RequestTransaction {
  connection: DatabaseConnection | null = null
  ended = false
  private opening: Promise<DatabaseConnection> | null = null
  private depth = 0

  constructor (readonly raw: RawDriver) {}

  run<T> (fn: () => T): T {
    return scopes.run(this, fn)
  }

  /** The connection, begun at the first call. */
  async open (): Promise<DatabaseConnection> {
    this.opening ??= (async () => {
      const connection = await this.raw.acquire()
      try {
        await this.raw.begin(connection, {})
      } catch (err) {
        await this.raw.release(connection)
        throw err
      }
      this.connection = connection
      return connection
    })()
    return await this.opening
  }

  async commit (): Promise<void> { await this.end(true) }

  /** Undoes everything (a no-op once ended). */
  async rollback (): Promise<void> { await this.end(false) }

  private async end (commit: boolean): Promise<void> {
    if (this.ended) return
    this.ended = true
    const connection = this.opening === null ? null : await this.opening.catch(() => null)
    if (connection === null) return
    try {
      if (commit) {
        await this.raw.commit(connection)
      } else {
        await this.raw.rollback(connection).catch(() => {})
      }
    } finally {
      await this.raw.release(connection)
    }
  }

  /** A repository's transaction inside this one. */
  async nestedBegin (connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint pa_request_${++this.depth}`))
  }

  async nestedCommit (connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint pa_request_${this.depth--}`))
  }

  async nestedRollback (connection: DatabaseConnection): Promise<void> {
    const name = `pa_request_${this.depth--}`
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`))
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`))
  }
}

/** The driver's own operations, before withRequestTransactions wrapped them. */
export interface RawDriver {
  acquire: () => Promise<DatabaseConnection>
  release: (connection: DatabaseConnection) => Promise<void>
  begin: (connection: DatabaseConnection, settings: TransactionSettings) => Promise<void>
  commit: (connection: DatabaseConnection) => Promise<void>
  rollback: (connection: DatabaseConnection) => Promise<void>
}

const scopes = new AsyncLocalStorage<RequestTransaction>()

/**
 * Makes `driver` honour RequestTransaction scopes; returns how to open one. A scope of another
 * database (another driver) is ignored.
 */
export function withRequestTransactions (driver: Driver): () => RequestTransaction {
  const raw: RawDriver = {
    acquire: driver.acquireConnection.bind(driver),
    release: driver.releaseConnection.bind(driver),
    begin: driver.beginTransaction.bind(driver),
    commit: driver.commitTransaction.bind(driver),
    rollback: driver.rollbackTransaction.bind(driver)
  }
  const current = (): RequestTransaction | null => {
    const tx = scopes.getStore()
    return tx !== undefined && tx.raw === raw && !tx.ended ? tx : null
  }
  // Borrowed connections are never released by the borrower: the scope gives its connection back when it ends.
  // Once it has ended, a query still made in its scope (an onSend hook after the commit) takes a connection of
  // its own and gives it back, even when the driver hands out the same connection object again (SQLite has
  // one; pg reuses its clients' wrappers): treated as borrowed, it was never released, and on SQLite every
  // later query waited for it forever.
  const held = (connection: DatabaseConnection): RequestTransaction | null => {
    const tx = scopes.getStore()
    return tx !== undefined && tx.raw === raw && !tx.ended && tx.connection === connection ? tx : null
  }
  driver.acquireConnection = async () => {
    const tx = current()
    return tx === null ? await raw.acquire() : await tx.open()
  }
  driver.releaseConnection = async (connection) => {
    if (held(connection) === null) await raw.release(connection)
  }
  driver.beginTransaction = async (connection, settings) => {
    const tx = held(connection)
    if (tx === null) await raw.begin(connection, settings)
    else await tx.nestedBegin(connection)
  }
  driver.commitTransaction = async (connection) => {
    const tx = held(connection)
    if (tx === null) await raw.commit(connection)
    else await tx.nestedCommit(connection)
  }
  driver.rollbackTransaction = async (connection) => {
    const tx = held(connection)
    if (tx === null) await raw.rollback(connection)
    else await tx.nestedRollback(connection)
  }
  return () => new RequestTransaction(raw)
}

/** Whether this async scope has a request transaction open (its queries go to that transaction). */
export function inRequestTransaction (): boolean {
  const tx = scopes.getStore()
  return tx !== undefined && !tx.ended
}

/** Runs `fn` outside any request transaction's scope (work shared by several requests: db/batcher.ts). */
export function outsideRequestTransactions<T> (fn: () => T): T {
  return scopes.exit(fn)
}
