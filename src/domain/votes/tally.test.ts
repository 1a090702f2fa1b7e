import { describe, expect, it } from 'vitest';
import type { Answer } from './answers.ts';
import type { Voter } from './owners.ts';
import { type Art278Item, art278RuleFor, VoteRule } from './rules.ts';
import { type MajorityTally, type ThresholdTally, tallyVote } from './tally.ts';
import { VoteInputError } from './vote-input-error.ts';

const ordinary: VoteRule = { kind: 'art278Ordinary' };
const special: VoteRule = { kind: 'art278Special' };

/** n owners of 100 m² each, keyed o0, o1, … */
function owners(n: number, areaCentiM2 = 10_000): Voter[] {
  return Array.from({ length: n }, (_, i) => ({ key: `o${i}`, areaCentiM2, unitIds: [`u${i}`] }));
}
/** The first `approve` voters approve, the next `reject` reject, the next `abstain` abstain. */
function answers(approve: number, reject = 0, abstain = 0): Answer[] {
  const choices = [
    ...Array<string>(approve).fill('approve'),
    ...Array<string>(reject).fill('reject'),
    ...Array<string>(abstain).fill('abstain'),
  ];
  return choices.map((choice, i) => ({ voterKey: `o${i}`, choice }));
}
function threshold(rule: VoteRule, electorate: Voter[], given: Answer[]): ThresholdTally {
  const tally = tallyVote(rule, electorate, given);
  if (tally.kind !== 'threshold') throw new Error('expected a threshold tally');
  return tally;
}
function majority(rule: VoteRule, electorate: Voter[], given: Answer[], options?: string[]): MajorityTally {
  const tally = tallyVote(rule, electorate, given, options);
  if (tally.kind !== 'majority') throw new Error('expected a majority tally');
  return tally;
}

describe('art. 278 participation: at least two thirds of the owners and of the area', () => {
  it('passes with exactly two thirds of the owners taking part', () => {
    const tally = threshold(ordinary, owners(30), answers(20));
    expect(tally.participation.heads).toMatchObject({ numerator: 20, denominator: 30, met: true });
    expect(tally.passed).toBe(true);
  });

  it('fails with one owner fewer, and says one more is needed', () => {
    const tally = threshold(ordinary, owners(30), answers(19));
    expect(tally.participation.heads).toMatchObject({ met: false, needed: 1 });
    expect(tally.participation.area).toMatchObject({ met: false, needed: 10_000 });
    expect(tally.passed).toBe(false);
  });

  it('fails when two thirds of the owners take part but one 0.01 m² short of two thirds of the area', () => {
    const electorate: Voter[] = [
      { key: 'o0', areaCentiM2: 10_000, unitIds: ['u0'] },
      { key: 'o1', areaCentiM2: 9_999, unitIds: ['u1'] },
      { key: 'o2', areaCentiM2: 10_001, unitIds: ['u2'] },
    ];
    const tally = threshold(ordinary, electorate, answers(2));
    expect(tally.participation.heads.met).toBe(true);
    expect(tally.participation.area).toMatchObject({ numerator: 19_999, denominator: 30_000, met: false });
    expect(tally.passed).toBe(false);
  });

  it('passes with exactly two thirds of the area, and with one 0.01 m² above', () => {
    const exact = owners(3);
    expect(threshold(ordinary, exact, answers(2)).participation.area?.met).toBe(true);
    const above: Voter[] = [
      { key: 'o0', areaCentiM2: 10_000, unitIds: ['u0'] },
      { key: 'o1', areaCentiM2: 10_001, unitIds: ['u1'] },
      { key: 'o2', areaCentiM2: 9_999, unitIds: ['u2'] },
    ];
    expect(threshold(ordinary, above, answers(2)).passed).toBe(true);
  });

  it('counts an abstention as taking part without approving', () => {
    const tally = threshold(ordinary, owners(30), answers(11, 0, 9));
    expect(tally.participation.heads).toMatchObject({ numerator: 20, met: true });
    expect(tally.approval.heads).toMatchObject({ numerator: 11, denominator: 20, met: true });
  });
});

describe('art. 278 ordinary approval: more than half of the participating owners and area', () => {
  it('fails at exactly half and passes at one more', () => {
    expect(threshold(ordinary, owners(30), answers(10, 10)).passed).toBe(false);
    expect(threshold(ordinary, owners(30), answers(11, 9)).passed).toBe(true);
  });

  it('fails with more than half the owners but exactly half the area', () => {
    // o0 holds as much as o1 and o2 together; o0 rejects, o1 and o2 approve.
    const electorate: Voter[] = [
      { key: 'o0', areaCentiM2: 20_000, unitIds: ['u0', 'u3'] },
      { key: 'o1', areaCentiM2: 10_000, unitIds: ['u1'] },
      { key: 'o2', areaCentiM2: 10_000, unitIds: ['u2'] },
    ];
    const given: Answer[] = [
      { voterKey: 'o0', choice: 'reject' },
      { voterKey: 'o1', choice: 'approve' },
      { voterKey: 'o2', choice: 'approve' },
    ];
    const tally = threshold(ordinary, electorate, given);
    expect(tally.approval.heads).toMatchObject({ numerator: 2, denominator: 3, met: true });
    expect(tally.approval.area).toMatchObject({ numerator: 20_000, denominator: 40_000, met: false });
    expect(tally.passed).toBe(false);
  });

  it('counts an owner of several units as one head carrying all their area', () => {
    const electorate: Voter[] = [
      { key: 'big', areaCentiM2: 30_001, unitIds: ['u0', 'u1', 'u2'] },
      ...owners(2),
    ];
    const given: Answer[] = [
      { voterKey: 'big', choice: 'approve' },
      { voterKey: 'o0', choice: 'reject' },
    ];
    const tally = threshold(ordinary, electorate, given);
    expect(tally.participation.heads).toMatchObject({ numerator: 2, denominator: 3, met: true });
    expect(tally.approval.heads).toMatchObject({ numerator: 1, denominator: 2, met: false });
    expect(tally.approval.area).toMatchObject({ numerator: 30_001, denominator: 40_001, met: true });
  });
});

describe('art. 278 special approval (items 6–8): at least three quarters', () => {
  it('passes at exactly three quarters and fails one below', () => {
    expect(threshold(special, owners(8), answers(6, 2)).passed).toBe(true);
    expect(threshold(special, owners(8), answers(5, 3)).passed).toBe(false);
  });

  it('fails at exactly three quarters of the owners with one 0.01 m² less than three quarters of the area', () => {
    const electorate = [...owners(3), { key: 'o3', areaCentiM2: 10_001, unitIds: ['u3'] }];
    const tally = threshold(special, electorate, answers(3, 1));
    expect(tally.approval.heads.met).toBe(true);
    expect(tally.approval.area).toMatchObject({ numerator: 30_000, denominator: 40_001, met: false });
    expect(tally.passed).toBe(false);
  });

  it('needs as many approvals as a live tally says, from those yet to answer', () => {
    const tally = threshold(special, owners(12), answers(2, 2));
    expect(tally.approval.heads.needed).toBe(4);
    expect(tally.participation.heads.needed).toBe(4);
    expect(tally.remaining).toEqual({ heads: 8, areaCentiM2: 80_000 });
    expect(threshold(special, owners(12), answers(6, 2)).passed).toBe(true);
    expect(threshold(special, owners(12), answers(5, 2)).passed).toBe(false);
  });

  it('knows when the vote can no longer pass', () => {
    expect(threshold(special, owners(8), answers(0, 3)).stillPossible).toBe(false);
    expect(threshold(special, owners(8), answers(0, 2)).stillPossible).toBe(true);
  });

  it('applies to raising funds, rebuilding and changing the use of common parts only', () => {
    const kinds = ([1, 2, 3, 4, 5, 6, 7, 8, 9] as Art278Item[]).map((item) => art278RuleFor(item).kind);
    expect(kinds).toEqual([
      'art278Ordinary',
      'art278Ordinary',
      'art278Ordinary',
      'art278Ordinary',
      'art278Ordinary', // using maintenance funds is an ordinary matter
      'art278Special',
      'art278Special',
      'art278Special',
      'art278Ordinary',
    ]);
  });
});

describe('custom thresholds', () => {
  const strictHalfByHeads = VoteRule.parse({
    kind: 'custom',
    participation: { numerator: 1, denominator: 2, comparison: 'moreThan' },
    approval: { numerator: 2, denominator: 3, comparison: 'atLeast' },
    byArea: false,
  });

  it('uses the strict flag for participation: exactly half does not take part enough', () => {
    expect(threshold(strictHalfByHeads, owners(10), answers(5)).participation.heads.met).toBe(false);
    expect(threshold(strictHalfByHeads, owners(10), answers(6)).passed).toBe(true);
  });

  it('uses the inclusive flag for approval: exactly two thirds approves', () => {
    expect(threshold(strictHalfByHeads, owners(10), answers(6, 3)).passed).toBe(true);
    const short = threshold(strictHalfByHeads, owners(10), answers(5, 4));
    expect(short.participation.heads.met).toBe(true);
    expect(short.approval.heads).toMatchObject({ numerator: 5, denominator: 9, met: false });
  });

  it('ignores area when counting heads only', () => {
    const tally = threshold(
      strictHalfByHeads,
      [...owners(5), ...owners(1, 1_000_000).map((v) => ({ ...v, key: 'x' }))],
      answers(4),
    );
    expect(tally.participation.area).toBeNull();
    expect(tally.approval.area).toBeNull();
    expect(tally.passed).toBe(true);
  });

  it('refuses a threshold above the whole', () => {
    const bad = { numerator: 4, denominator: 3, comparison: 'atLeast' };
    expect(
      VoteRule.safeParse({ kind: 'custom', participation: bad, approval: bad, byArea: true }).success,
    ).toBe(false);
  });

  it('never approves when no one took part, even with no participation required', () => {
    const noQuorum = VoteRule.parse({
      kind: 'custom',
      participation: { numerator: 0, denominator: 1, comparison: 'atLeast' },
      approval: { numerator: 0, denominator: 1, comparison: 'atLeast' },
      byArea: true,
    });
    expect(threshold(noQuorum, owners(3), []).passed).toBe(false);
  });
});

describe('majority of the households (过半数, one voice each)', () => {
  it('of those asked: exactly half fails, one more passes', () => {
    expect(majority({ kind: 'majorityOfAsked' }, owners(10), answers(5)).passed).toBe(false);
    const tally = majority({ kind: 'majorityOfAsked' }, owners(10), answers(6));
    expect(tally).toMatchObject({ passed: true, winner: 'approve', denominator: 10 });
  });

  it('of those asked: silence counts against, so 4 of 10 is short by 2', () => {
    const tally = majority({ kind: 'majorityOfAsked' }, owners(10), answers(4));
    expect(tally.options.find((o) => o.option === 'approve')).toMatchObject({ votes: 4, needed: 2 });
    expect(tally.passed).toBe(false);
  });

  it('of those who answered: 4 of 7 answers pass, 3 of 6 do not', () => {
    expect(majority({ kind: 'majorityOfAnswered' }, owners(10), answers(4, 3)).passed).toBe(true);
    const split = majority({ kind: 'majorityOfAnswered' }, owners(10), answers(3, 3));
    expect(split).toMatchObject({ passed: false, winner: null, denominator: 6 });
    expect(split.options.find((o) => o.option === 'approve')?.needed).toBe(1);
  });

  it('names the winner among generic options, if one has more than half', () => {
    const options = ['east-gate', 'west-gate', 'no-change'];
    const given: Answer[] = ['east-gate', 'east-gate', 'west-gate', 'east-gate', 'no-change'].map(
      (choice, i) => ({
        voterKey: `o${i}`,
        choice,
      }),
    );
    const tally = majority({ kind: 'majorityOfAnswered' }, owners(8), given, options);
    expect(tally.winner).toBe('east-gate');
    expect(tally.passed).toBe(false); // nothing called "approve" was proposed
    expect(majority({ kind: 'majorityOfAsked' }, owners(8), given, options).winner).toBeNull();
  });
});

describe('answers that cannot be counted', () => {
  it('refuses an answer from outside the electorate, a second answer, and an unknown option', () => {
    const given: Answer[] = [
      { voterKey: 'o0', choice: 'approve' },
      { voterKey: 'o0', choice: 'reject' },
      { voterKey: 'stranger', choice: 'approve' },
      { voterKey: 'o1', choice: 'aprove' },
    ];
    try {
      tallyVote(ordinary, owners(3), given);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VoteInputError);
      expect((error as VoteInputError).problems).toEqual([
        { path: ['answers', 1, 'voterKey'], message: 'answered twice' },
        { path: ['answers', 2, 'voterKey'], message: 'not in the electorate' },
        { path: ['answers', 3, 'choice'], message: 'not an option' },
      ]);
    }
  });

  it('refuses a threshold vote without an "approve" option, and an empty electorate', () => {
    expect(() => tallyVote(special, owners(3), [], ['yes', 'no'])).toThrow(/needs the option "approve"/);
    expect(() => tallyVote({ kind: 'majorityOfAsked' }, [], [])).toThrow(/no one to ask/);
  });
});
