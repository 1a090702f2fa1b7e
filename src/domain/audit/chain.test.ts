import { describe, expect, it } from 'vitest';
import { type ChainedEntry, entryHash, findBreak, GENESIS_HASH, personal, sealChanges } from './chain.ts';

function chain(n: number) {
  const entries: (ChainedEntry & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      seq,
      at: `2026-11-27T09:00:0${seq % 10}.000Z`,
      actor_id: 'u1',
      action: 'place.create',
      entity_type: 'place',
      entity_id: `p${seq}`,
      changes: JSON.stringify({ name: { to: `${seq}号楼` } }),
      prev_hash: prev,
    };
    const hash = entryHash(entry);
    entries.push({ ...entry, hash });
    prev = hash;
  }
  return entries;
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(findBreak(chain(5), { prevHash: GENESIS_HASH, nextSeq: 1 }).break).toBeNull();
  });

  it('names the first entry whose content was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, changes: JSON.stringify({ name: { to: '伪造' } }) };
    expect(findBreak(entries, { prevHash: GENESIS_HASH, nextSeq: 1 }).break).toEqual({
      seq: 3,
      reason: 'hash_mismatch',
    });
  });

  it('catches a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(findBreak(entries, { prevHash: GENESIS_HASH, nextSeq: 1 }).break).toEqual({
      seq: 3,
      reason: 'gap',
    });
  });

  it('catches an entry whose hash was recomputed after an edit, at the next link', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, action: 'place.delete' };
    entries[1] = { ...forged, hash: entryHash(forged) };
    expect(findBreak(entries, { prevHash: GENESIS_HASH, nextSeq: 1 }).break).toEqual({
      seq: 3,
      reason: 'broken_link',
    });
  });
});

describe('personal values in the log', () => {
  it('are replaced by a keyed digest: the same value gives the same digest, the clear value never appears', () => {
    const sealed = sealChanges(
      { phone: { from: personal('13800001111'), to: personal('13900002222') }, room: { to: 501 } },
      'k'.repeat(32),
    );
    expect(JSON.stringify(sealed)).not.toContain('13800001111');
    expect(sealed.phone?.from).toMatch(/^\[personal\] [0-9a-f]{16}$/);
    expect(sealed.room?.to).toBe(501);
    const again = sealChanges({ phone: { to: personal('13800001111') } }, 'k'.repeat(32));
    expect(again.phone?.to).toBe(sealed.phone?.from);
    const otherKey = sealChanges({ phone: { to: personal('13800001111') } }, 'x'.repeat(32));
    expect(otherKey.phone?.to).not.toBe(sealed.phone?.from);
  });
});
