import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

/** How many compiled statements the connection keeps: every query the code writes, and room to spare. */
const STATEMENTS_KEPT = 1000;
/**
 * A statement with more parameters than this is compiled for each use and not kept. Such statements are
 * the lists of ids (`in (?, ?, …)`), one SQL text for each length, each compiled program growing with it:
 * an export's place lookups of 1 to 500 ids kept hundreds of them, several MB that grew through the
 * export. Compiling 500 ids takes about a quarter of a millisecond.
 */
const PARAMETERS_KEPT = 100;
/** A group commit closes at this many transactions, or when it is this old, even with more waiting. */
const GROUP_LIMIT = 128;
const GROUP_MS = 10;

/**
 * Hands SQLite's one connection to waiters in arrival order, waking only the next one. Kysely's own
 * mutex wakes every waiter at each release, which turns n concurrent requests into n² wake-ups (10,000
 * parallel submissions took minutes instead of seconds).
 */
class FifoLock {
  held = false;
  private queue: (() => void)[] = [];
  private head = 0;

  get waiting(): number {
    return this.queue.length - this.head;
  }

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  release(): void {
    const next = this.queue[this.head];
    if (!next) {
      this.held = false;
      this.queue = [];
      this.head = 0;
      return;
    }
    this.queue[this.head++] = undefined as never;
    next();
  }
}

/**
 * better-sqlite3 compiles SQL on every prepare(), and Kysely prepares each query it runs: compiling was a
 * fifth of the CPU of a busy server. The compiled statements are kept by their SQL, least recently used
 * dropped first. A statement still iterating (a streamed query) is not handed out twice.
 */
class Statements {
  private readonly kept = new Map<string, Statement>();

  constructor(private readonly sqlite: SQLiteDatabase) {}

  get(sql: string, parameters: number): Statement {
    if (parameters > PARAMETERS_KEPT) return this.sqlite.prepare(sql);
    const found = this.kept.get(sql);
    if (found?.busy) return this.sqlite.prepare(sql);
    if (found) {
      this.kept.delete(sql);
      this.kept.set(sql, found);
      return found;
    }
    const statement = this.sqlite.prepare(sql);
    this.kept.set(sql, statement);
    if (this.kept.size > STATEMENTS_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return statement;
  }
}

/** One use of the connection, from acquire to release: a transaction or a query. */
class Lease implements DatabaseConnection {
  released = false;
  inTransaction = false;

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.execute<R>(this, query));
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
    for (const row of this.driver.iterate(this, query)) yield { rows: [row as R] };
  }
}

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

/**
 * SQLite's one connection, with group commit. SQLite fsyncs once per commit (synchronous=FULL), and
 * that fsync, not the work, limited how many changes a second it could take. Transactions that arrive
 * together run one after another as savepoints of one database transaction, committed once for all of
 * them when no one else is waiting (or at GROUP_LIMIT / GROUP_MS); each is answered only after that
 * commit, so an acknowledged change is on disk as before (docs/durability.md). A transaction that fails
 * rolls back to its savepoint and leaves the others alone. Reads outside a transaction run inside the
 * open group: they may see a change whose writer is still waiting for the commit.
 */
class GroupCommitDriver implements Driver {
  private readonly lock = new FifoLock();
  private readonly statements: Statements;
  private group: { waiting: Waiter[]; openedAt: number } | null = null;

  constructor(private readonly sqlite: SQLiteDatabase) {
    this.statements = new Statements(sqlite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return new Lease(this);
  }

  execute<R>(lease: Lease, { sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.statements.get(sql, parameters.length);
    // A write on its own is answered at once, so it must not join the group; pragmas and vacuum cannot
    // run inside a transaction: the open group commits first. A read joins it, unless the group is old.
    if (!lease.inTransaction) {
      if (!statement.readonly || /^\s*(pragma|vacuum)/i.test(sql)) this.commitGroup();
      else this.commitGroupIfOld();
    }
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  iterate(_lease: Lease, { sql, parameters }: CompiledQuery): IterableIterator<unknown> {
    return this.statements.get(sql, parameters.length).iterate(parameters);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.commitGroupIfOld();
    if (!this.group) {
      this.sqlite.exec('begin');
      this.group = { waiting: [], openedAt: performance.now() };
    }
    this.sqlite.exec('savepoint one_transaction');
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.sqlite.exec('release one_transaction');
    lease.inTransaction = false;
    const group = this.group!;
    const committed = new Promise<void>((resolve, reject) => group.waiting.push({ resolve, reject }));
    // The next transaction may join the group while this one waits for its commit.
    this.release(lease);
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // After a failed group commit the lease is already given back: nothing of it is left to undo.
    if (lease.released) return;
    lease.inTransaction = false;
    if (this.sqlite.inTransaction) {
      this.sqlite.exec('rollback to one_transaction');
      this.sqlite.exec('release one_transaction');
      return;
    }
    // SQLite rolled the whole transaction back by itself (SQLITE_FULL, SQLITE_IOERR): the group's
    // earlier transactions went with it, and their writers are told.
    this.failGroup(new Error('SQLite rolled the transaction back'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!lease.released) this.release(lease);
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.exec(`savepoint ${name}`);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.exec(`rollback to ${name}`);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.exec(`release ${name}`);
  }

  async destroy(): Promise<void> {
    this.commitGroup();
    this.sqlite.close();
  }

  /**
   * Gives the connection to the next waiter, committing the group first if it is full or old. With no
   * one waiting, the commit waits for the requests that arrived with this one (the rest of this turn of
   * the event loop): their transactions join the group instead of each paying a commit of its own.
   */
  private release(lease: Lease) {
    lease.released = true;
    const group = this.group;
    if (group && (group.waiting.length >= GROUP_LIMIT || performance.now() - group.openedAt >= GROUP_MS))
      this.commitGroup();
    else if (group && this.lock.waiting === 0) this.commitWhenIdle();
    this.lock.release();
  }

  private commitScheduled = false;

  private commitWhenIdle() {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      // Someone holds the connection: its release commits (or schedules) the group.
      if (!this.lock.held) this.commitGroup();
    });
  }

  /** The group's first transaction waits at most GROUP_MS and one other use of the connection. */
  private commitGroupIfOld() {
    if (this.group && performance.now() - this.group.openedAt >= GROUP_MS) this.commitGroup();
  }

  private commitGroup() {
    const group = this.group;
    if (!group) return;
    this.group = null;
    try {
      this.sqlite.exec('commit');
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
      for (const w of group.waiting) w.reject(error);
      return;
    }
    for (const w of group.waiting) w.resolve();
  }

  private failGroup(error: Error) {
    const group = this.group;
    this.group = null;
    for (const w of group?.waiting ?? []) w.reject(error);
  }
}

export class OurSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLiteDatabase) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(this.sqlite);
  }
}
