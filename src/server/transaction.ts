import type { Database, Dialect } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import type { Actor } from '../modules/access/actor.ts';
import { type AuditEntry, appendAudit } from '../modules/audit/audit.service.ts';
import type { AppDeps } from './app-types.ts';

/** What a service works with: one transaction, who is acting, and the clock of this request. */
export type Tx = {
  db: Trx;
  dialect: Dialect;
  actor: Actor | null;
  now: Date;
  auditKey: string;
  /** The audit entries recorded so far, appended to the chain when the work is done (recordAudit). */
  audit: AuditEntry[];
  /** Runs `fn` once the transaction has committed (never if it rolls back): deliveries, live updates. */
  afterCommit?: (fn: () => void) => void;
};

export type TxContext = { actor: Actor | null; auditKey: string; now?: Date };

/**
 * Runs `work` in one transaction as `actor`, then appends the audit entries it recorded to the chain, last
 * thing before the commit: PostgreSQL's lock on the chain is held for that append and the commit only,
 * not for the whole work, so transactions wait for each other that much less.
 */
export function inTransaction<T>(
  database: Database,
  context: TxContext,
  work: (tx: Tx) => Promise<T>,
  afterCommit?: (fn: () => void) => void,
): Promise<T> {
  return database.db.transaction().execute(async (db) => {
    const tx: Tx = {
      db,
      dialect: database.dialect,
      actor: context.actor,
      now: context.now ?? new Date(),
      auditKey: context.auditKey,
      audit: [],
      ...(afterCommit ? { afterCommit } : {}),
    };
    const result = await work(tx);
    await appendAudit(tx);
    return result;
  });
}

/** The edge owns the transaction: a route opens one and hands it to the service. */
export function transact<T>(deps: AppDeps, actor: Actor | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  const committed: (() => void)[] = [];
  return inTransaction(deps.database, { actor, auditKey: deps.config.AUDIT_KEY }, work, (fn: () => void) =>
    committed.push(fn),
  ).then((result) => {
    for (const fn of committed) {
      try {
        fn();
      } catch {
        // The change is committed: what follows it (a delivery, a live update) must not fail the request.
      }
    }
    return result;
  });
}
