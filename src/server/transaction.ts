import type { Dialect } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { AppDeps } from './app-types.ts';

/** What a service works with: one transaction, who is acting, and the clock of this request. */
export type Tx = {
  db: Trx;
  dialect: Dialect;
  actor: Actor | null;
  now: Date;
  auditKey: string;
  /** Runs `fn` once the transaction has committed (never if it rolls back): deliveries, live updates. */
  afterCommit?: (fn: () => void) => void;
};

/** The edge owns the transaction: a route opens one and hands it to the service. */
export function transact<T>(deps: AppDeps, actor: Actor | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { database, config } = deps;
  const committed: (() => void)[] = [];
  const afterCommit = (fn: () => void) => committed.push(fn);
  return database.db
    .transaction()
    .execute((db) =>
      work({
        db,
        dialect: database.dialect,
        actor,
        now: new Date(),
        auditKey: config.AUDIT_KEY,
        afterCommit,
      }),
    )
    .then((result) => {
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
