import type { Db } from '../../db/transaction.ts';
import { lockAuditChain } from '../../db/transaction.ts';
import {
  type AuditChanges,
  type ChainBreak,
  entryHash,
  findBreak,
  GENESIS_HASH,
  sealChanges,
} from '../../domain/audit/chain.ts';
import type { Tx } from '../../server/transaction.ts';
import { entriesAfter, insertEntry, lastEntry } from './audit.repo.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  /** Who acted when no session did yet (a sign-in, a registration). */
  actorId?: string;
};

/**
 * Records an entry in the caller's transaction: it is appended to the chain when the transaction's work is
 * done (`inTransaction`), and commits or rolls back with the change.
 */
export function recordAudit(tx: Tx, entry: AuditEntry): void {
  tx.audit.push(entry);
}

/** How many entries one insert carries (nine columns each, well inside both databases' parameter limits). */
const ENTRIES_PER_INSERT = 500;

/** Appends the transaction's recorded entries to the chain, in the order they were recorded. */
export async function appendAudit(tx: Tx): Promise<void> {
  const entries = tx.audit.splice(0);
  if (entries.length === 0) return;
  await lockAuditChain(tx.db, tx.dialect);
  const last = await lastEntry(tx.db);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const chained = {
      seq: ++seq,
      at: tx.now.toISOString(),
      actor_id: entry.actorId ?? tx.actor?.userId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      changes: JSON.stringify(sealChanges(entry.changes, tx.auditKey)),
      prev_hash: prevHash,
    };
    prevHash = entryHash(chained);
    return { ...chained, hash: prevHash };
  });
  for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT)
    await insertEntry(tx.db, rows.slice(i, i + ENTRIES_PER_INSERT));
}

/** Before → after of the fields that changed, for an audit entry. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  personalFields: (keyof T)[] = [],
) {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (after[key] === undefined || after[key] === before[key]) continue;
    const wrap = (v: unknown) =>
      personalFields.includes(key)
        ? { personal: (v as string | null) ?? null }
        : ((v ?? null) as string | number | boolean | null);
    changes[key] = { from: wrap(before[key]), to: wrap(after[key]) };
  }
  return changes;
}

export type VerifyResult = { ok: boolean; checked: number; firstBroken: ChainBreak | null };

/** Re-computes the whole chain in order, a page at a time, and names the first broken entry. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let cursor = { prevHash: GENESIS_HASH, nextSeq: 1 };
  let checked = 0;
  for (;;) {
    const page = await entriesAfter(db, cursor.nextSeq - 1, pageSize);
    if (page.length === 0) return { ok: true, checked, firstBroken: null };
    const result = findBreak(page, cursor);
    if (result.break)
      return { ok: false, checked: checked + (result.break.seq - cursor.nextSeq), firstBroken: result.break };
    checked += page.length;
    cursor = result.last;
  }
}
