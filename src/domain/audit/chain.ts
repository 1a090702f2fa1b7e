import crypto from 'node:crypto';

// The audit log is a hash chain: each entry carries the hash of the one before, so an edited, removed or
// reordered entry breaks every hash after it. Personal values never enter it in clear: a keyed digest
// stands in their place, so erasing a person never touches the chain (PIPL).

export type AuditScalar = string | number | boolean | null;
export type PersonalValue = { personal: string | null };
export type AuditValue = AuditScalar | PersonalValue;
export type AuditChanges = Record<string, { from?: AuditValue; to?: AuditValue }>;

export type SealedChanges = Record<string, { from?: AuditScalar; to?: AuditScalar }>;

export type ChainedEntry = {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  prev_hash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

/** Marks a value as personal (a name, a phone, free text a resident wrote): it is logged only as a digest. */
export function personal(value: string | null | undefined): PersonalValue {
  return { personal: value ?? null };
}

function isPersonal(value: AuditValue | undefined): value is PersonalValue {
  return typeof value === 'object' && value !== null && 'personal' in value;
}

export function personalDigest(key: string, value: string | null): string {
  if (value === null) return '[personal] -';
  return `[personal] ${crypto.createHmac('sha256', key).update(value).digest('hex').slice(0, 16)}`;
}

export function sealChanges(changes: AuditChanges, key: string): SealedChanges {
  const sealed: SealedChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    const seal = (v: AuditValue | undefined) => (isPersonal(v) ? personalDigest(key, v.personal) : v);
    const entry: { from?: AuditScalar; to?: AuditScalar } = {};
    if ('from' in change) entry.from = seal(change.from) ?? null;
    if ('to' in change) entry.to = seal(change.to) ?? null;
    sealed[field] = entry;
  }
  return sealed;
}

/** The hash of an entry: SHA-256 over its fields in a fixed order, the previous hash among them. */
export function entryHash(entry: ChainedEntry): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor_id,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.changes,
    entry.prev_hash,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'hash_mismatch' | 'broken_link' | 'gap' };

/** Walks entries in order from `expectedPrev`; returns the first break, or null. */
export function findBreak(
  entries: Iterable<ChainedEntry & { hash: string }>,
  start: { prevHash: string; nextSeq: number },
): { break: ChainBreak | null; last: { prevHash: string; nextSeq: number } } {
  let { prevHash, nextSeq } = start;
  for (const entry of entries) {
    if (entry.seq !== nextSeq)
      return { break: { seq: entry.seq, reason: 'gap' }, last: { prevHash, nextSeq } };
    if (entry.prev_hash !== prevHash)
      return { break: { seq: entry.seq, reason: 'broken_link' }, last: { prevHash, nextSeq } };
    if (entryHash(entry) !== entry.hash)
      return { break: { seq: entry.seq, reason: 'hash_mismatch' }, last: { prevHash, nextSeq } };
    prevHash = entry.hash;
    nextSeq = entry.seq + 1;
  }
  return { break: null, last: { prevHash, nextSeq } };
}
