import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { prepared } from '../db/prepared.ts';
import type { Db } from '../db/transaction.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { AppDeps } from './app-types.ts';
import { AppError } from './errors.ts';
import { type Tx, transact } from './transaction.ts';

export type Answer<T> = { status: number; body: T };

/**
 * Runs a write at most once per `Idempotency-Key`. A phone that lost the answer sends the same request
 * again with the same key and gets the first answer back; nothing new is stored. The same key with a
 * different body is refused with 422. The key row commits in the same transaction as the write, so an
 * answered request is remembered also across a crash, and a failed one leaves no trace and may be retried.
 */
export async function idempotent<T>(
  deps: AppDeps,
  request: FastifyRequest,
  actor: Actor | null,
  work: (tx: Tx) => Promise<Answer<T>>,
  /** What identifies the request instead of its body, when the body must not be recoverable from its hash. */
  options: { fingerprint?: unknown } = {},
): Promise<Answer<T> & { replayed: boolean }> {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' ? header.trim() : '';
  if (!key) return { ...(await transact(deps, actor, work)), replayed: false };
  if (key.length > 200) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'Idempotency-Key',
          message: { 'zh-CN': '请求标识过长', en: 'The Idempotency-Key is too long' },
        },
      ],
    });
  }
  // Keys are per client: one resident's key never answers for another.
  const scope = actor?.userId ?? `ip:${request.ip}`;
  const requestHash = crypto
    .createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url}\n${JSON.stringify('fingerprint' in options ? options.fingerprint : (request.body ?? null))}`,
    )
    .digest('hex');

  return transact(deps, actor, async (tx) => {
    const claimed = await claimKey(tx.db, scope, key, requestHash, tx.now.toISOString());
    if (claimed.length === 0) {
      const [first] = await firstAnswer(tx.db, scope, key);
      if (!first) throw new Error('idempotency: a key neither claimed nor found');
      if (first.request_hash !== requestHash) throw new AppError('idempotency_mismatch');
      return {
        status: first.status_code ?? 200,
        body: JSON.parse(first.body ?? 'null') as T,
        replayed: true,
      };
    }
    const answer = await work(tx);
    await recordAnswer(tx.db, scope, key, answer.status, JSON.stringify(answer.body));
    return { ...answer, replayed: false };
  });
}

// Every write with a key runs these: built and compiled once (src/db/prepared.ts).
const claimKey = prepared((db: Db, scope: string, key: string, requestHash: string, at: string) =>
  db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: requestHash, status_code: null, body: null, created_at: at })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key'),
);

const firstAnswer = prepared((db: Db, scope: string, key: string) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'body'])
    .where('scope', '=', scope)
    .where('key', '=', key),
);

const recordAnswer = prepared((db: Db, scope: string, key: string, status: number, body: string) =>
  db
    .updateTable('idempotency_keys')
    .set({ status_code: status, body })
    .where('scope', '=', scope)
    .where('key', '=', key),
);
