import { describe, expect, it } from 'vitest';
import {
  arrivedInTime,
  defaultLevelRules,
  isTopLevel,
  levelsAbove,
  ruleFor,
  type StoredRule,
  warningAt,
} from './ladder.ts';

describe('the ladder', () => {
  it('climbs compound → community → joint meeting → street/town', () => {
    expect(levelsAbove('compound')).toEqual(['community', 'joint_meeting', 'street']);
    expect(levelsAbove('joint_meeting')).toEqual(['street']);
    expect(levelsAbove('street')).toEqual([]);
    expect(isTopLevel('street')).toBe(true);
    expect(isTopLevel('community')).toBe(false);
  });
});

describe('the deadline rule of a problem', () => {
  const rules: StoredRule[] = [
    { level: 'compound', category: null, amount: 2, unit: 'working_days', warnMinutes: 60 },
    { level: 'compound', category: 'fire_safety', amount: 4, unit: 'hours', warnMinutes: 30 },
    { level: 'street', category: 'environment', amount: 7, unit: 'days', warnMinutes: 0 },
  ];

  it('is the community’s rule for the category at that level first', () => {
    expect(ruleFor(rules, 'compound', 'fire_safety')).toEqual({ amount: 4, unit: 'hours', warnMinutes: 30 });
  });

  it('then the community’s rule for every category of the level', () => {
    expect(ruleFor(rules, 'compound', 'pets')).toEqual({ amount: 2, unit: 'working_days', warnMinutes: 60 });
  });

  it('then the default of the level', () => {
    expect(ruleFor(rules, 'community', 'fire_safety')).toEqual(defaultLevelRules.community);
    expect(ruleFor(rules, 'street', 'pets')).toEqual(defaultLevelRules.street);
    expect(ruleFor([], 'compound', 'pets')).toEqual(defaultLevelRules.compound);
  });
});

describe('the near-deadline warning', () => {
  const start = new Date('2026-09-18T02:00:00Z');
  const due = new Date('2026-09-21T16:00:00Z');

  it('comes the configured time before the deadline', () => {
    expect(warningAt(start, due, 24 * 60)).toEqual(new Date('2026-09-20T16:00:00Z'));
  });

  it('comes at once when the period is shorter than the warning time', () => {
    expect(warningAt(start, new Date('2026-09-18T03:00:00Z'), 24 * 60)).toEqual(start);
  });

  it('does not come when the rule asks for none', () => {
    expect(warningAt(start, due, 0)).toBeNull();
  });
});

describe('报到 on time', () => {
  it('is strictly before the arrival deadline', () => {
    const by = new Date('2026-09-21T16:00:00Z');
    expect(arrivedInTime(new Date('2026-09-21T15:59:59Z'), by)).toBe(true);
    expect(arrivedInTime(by, by)).toBe(false);
  });
});
