import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerCounts, Count } from './answers.ts';
import { APPROVAL_OPTIONS, type VoteRule } from './rules.ts';
import { tallyCounts, tallyVote } from './tally.ts';

const rules: VoteRule[] = [
  { kind: 'majorityOfAsked' },
  { kind: 'majorityOfAnswered' },
  { kind: 'art278Ordinary' },
  { kind: 'art278Special' },
];

/** Ballots as the database sees them: first answers and changes of mind, one event at a time. */
const events = fc.record({
  areas: fc.array(fc.oneof(fc.constantFrom(6_000, 9_000), fc.integer({ min: 1, max: 500_000 })), {
    minLength: 1,
    maxLength: 30,
  }),
  steps: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...APPROVAL_OPTIONS)), { maxLength: 80 }),
});

describe('tallyCounts', () => {
  it('gives the same result from counters kept one ballot and one change at a time as a recount of the last answers', () => {
    fc.assert(
      fc.property(events, fc.constantFrom(...rules), ({ areas, steps }, rule) => {
        const voters = areas.map((areaCentiM2, i) => ({ key: `v${i}`, areaCentiM2, unitIds: [`u${i}`] }));
        const counters = new Map<string, Count>(
          APPROVAL_OPTIONS.map((o) => [o, { heads: 0, areaCentiM2: 0 }]),
        );
        const last = new Map<string, string>();
        for (const [n, choice] of steps) {
          const voter = voters[n % voters.length]!;
          const before = last.get(voter.key);
          if (before !== undefined) {
            const old = counters.get(before)!;
            old.heads -= 1;
            old.areaCentiM2 -= voter.areaCentiM2;
          }
          const now = counters.get(choice)!;
          now.heads += 1;
          now.areaCentiM2 += voter.areaCentiM2;
          last.set(voter.key, choice);
        }
        const answered = [...last.keys()].map((key) => voters.find((v) => v.key === key)!);
        const counts: AnswerCounts = {
          electorate: { heads: voters.length, areaCentiM2: areas.reduce((a, b) => a + b, 0) },
          answered: {
            heads: answered.length,
            areaCentiM2: answered.reduce((s, v) => s + v.areaCentiM2, 0),
          },
          byOption: counters,
        };
        const answers = [...last].map(([voterKey, choice]) => ({ voterKey, choice }));
        expect(tallyCounts(rule, counts)).toEqual(tallyVote(rule, voters, answers));
      }),
    );
  });

  it('refuses counts that do not add up: options beyond those who answered, or more answered than asked', () => {
    const counts = (approve: number, answered: number): AnswerCounts => ({
      electorate: { heads: 3, areaCentiM2: 300 },
      answered: { heads: answered, areaCentiM2: answered * 100 },
      byOption: new Map([
        ['approve', { heads: approve, areaCentiM2: approve * 100 }],
        ['reject', { heads: 0, areaCentiM2: 0 }],
      ]),
    });
    expect(() => tallyCounts({ kind: 'art278Ordinary' }, counts(2, 1))).toThrow(/do not add up/);
    expect(() => tallyCounts({ kind: 'art278Ordinary' }, counts(4, 4))).toThrow(/more answered than asked/);
    expect(tallyCounts({ kind: 'art278Ordinary' }, counts(3, 3)).passed).toBe(true);
  });
});
