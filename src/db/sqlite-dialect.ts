import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import {
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDatabase as SqliteForKysely,
  SqliteDriver,
} from 'kysely';

/** How many compiled statements a connection keeps: every query the code writes, and room to spare. */
const STATEMENTS_KEPT = 1000;

/**
 * better-sqlite3 compiles SQL on every prepare(), and Kysely prepares each query it runs: compiling was a
 * fifth of the CPU of a busy server. The compiled statements are kept by their SQL, least recently used
 * dropped first. A statement still iterating (a streamed query) is not handed out twice.
 */
function withStatementCache(sqlite: SQLiteDatabase): SqliteForKysely {
  const kept = new Map<string, Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const found = kept.get(sql);
      if (found?.busy) return sqlite.prepare(sql);
      if (found) {
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const statement = sqlite.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
      return statement;
    },
  };
}

/**
 * Hands SQLite's one connection to waiters in arrival order, waking only the next one. Kysely's own
 * mutex wakes every waiter at each release, which turns n concurrent requests into n² wake-ups (10,000
 * parallel submissions took minutes instead of seconds).
 */
class FifoLock {
  private held = false;
  private queue: (() => void)[] = [];
  private head = 0;

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

class OurSqliteDriver extends SqliteDriver {
  private readonly lock = new FifoLock();

  constructor(private readonly sqlite: SQLiteDatabase) {
    super({ database: withStatementCache(sqlite) });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.lock.release();
  }

  // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR); a ROLLBACK
  // after that fails with "no transaction is active", and that second error would hide the first (a
  // full disk would read as an unknown failure).
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

export class OurSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLiteDatabase) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new OurSqliteDriver(this.sqlite);
  }
}
