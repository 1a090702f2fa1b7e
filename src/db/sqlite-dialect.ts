import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';

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
    super({ database: sqlite });
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
