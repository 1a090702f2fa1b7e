import { describe, expect, it } from 'vitest';
import { followUp } from './follow-up.ts';

const dueAt = new Date('2026-06-11T16:00:00Z'); // 24:00 of 11 June, Beijing time
const item = { status: 'open', dueAt, level: 'community' as const, remindedAt: null, climbedAt: null };

describe('followUp', () => {
  it('reminds once during the last day before the due time', () => {
    expect(followUp(item, new Date('2026-06-10T15:59:00Z')).remind).toBe(false);
    expect(followUp(item, new Date('2026-06-10T16:00:00Z')).remind).toBe(true);
    expect(
      followUp({ ...item, remindedAt: new Date('2026-06-10T16:00:00Z') }, new Date('2026-06-11T01:00:00Z'))
        .remind,
    ).toBe(false);
  });

  it('climbs one rung when overdue, and again only a week later', () => {
    expect(followUp(item, new Date('2026-06-11T15:59:59Z')).climbTo).toBe(null);
    expect(followUp(item, dueAt).climbTo).toBe('joint_meeting');
    const climbed = { ...item, level: 'joint_meeting' as const, climbedAt: dueAt };
    expect(followUp(climbed, new Date('2026-06-15T00:00:00Z')).climbTo).toBe(null);
    expect(followUp(climbed, new Date('2026-06-18T16:00:00Z')).climbTo).toBe('street');
    expect(followUp({ ...climbed, level: 'street' }, new Date('2026-07-30T00:00:00Z')).climbTo).toBe(null);
  });

  it('asks nothing of a done item', () => {
    expect(followUp({ ...item, status: 'done' }, new Date('2026-08-01T00:00:00Z'))).toEqual({
      remind: false,
      climbTo: null,
    });
  });
});
