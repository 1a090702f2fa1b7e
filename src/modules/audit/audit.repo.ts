import { prepared } from '../../db/prepared.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';

/** The chain's head: every audited transaction reads it, so it is compiled once. */
const head = prepared((db: Db) =>
  db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
);

export async function lastEntry(db: Trx) {
  const [last] = await head(db);
  return last;
}

/** One entry, or many already chained in order (the bench's generated city). */
export async function insertEntry(db: Trx, entry: AuditLogTable | readonly AuditLogTable[]) {
  await db.insertInto('audit_log').values(entry).execute();
}

export async function entriesAfter(db: Db, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function historyOf(db: Db | Trx, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.action',
      'audit_log.changes',
      'audit_log.actor_id',
      'people.name as actor_name',
    ])
    .where('audit_log.entity_type', '=', entityType)
    .where('audit_log.entity_id', '=', entityId)
    .orderBy('audit_log.seq')
    .execute();
}
