import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from './answers.ts';
import type { Voter } from './owners.ts';
import { reaches } from './rational.testkit.ts';
import {
  APPROVAL_OPTIONS,
  APPROVE,
  isMajorityRule,
  type Threshold,
  thresholdsOf,
  type VoteRule,
} from './rules.ts';
import { tallyVote } from './tally.ts';

const threshold = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.constantFrom('atLeast' as const, 'moreThan' as const))
  .map(
    ([denominator, n, comparison]): Threshold => ({
      numerator: n % (denominator + 1),
      denominator,
      comparison,
    }),
  );

const rule: fc.Arbitrary<VoteRule> = fc.oneof(
  fc.constant({ kind: 'majorityOfAsked' as const }),
  fc.constant({ kind: 'majorityOfAnswered' as const }),
  fc.constant({ kind: 'art278Ordinary' as const }),
  fc.constant({ kind: 'art278Special' as const }),
  fc.record({
    kind: fc.constant('custom' as const),
    participation: threshold,
    approval: threshold,
    byArea: fc.boolean(),
  }),
);

// Areas cluster on a few values so that ties and exact thresholds come up often.
const electorate: fc.Arbitrary<Voter[]> = fc
  .array(fc.oneof(fc.constantFrom(5_000, 10_000, 15_000), fc.integer({ min: 1, max: 2_000_000 })), {
    minLength: 1,
    maxLength: 40,
  })
  .map((areas) => areas.map((areaCentiM2, i) => ({ key: `v${i}`, areaCentiM2, unitIds: [`u${i}`] })));

/** An electorate and answers from some of it; `silent` are those yet to answer. */
const vote = electorate.chain((voters) =>
  fc
    .array(fc.option(fc.constantFrom(...APPROVAL_OPTIONS), { nil: undefined }), {
      minLength: voters.length,
      maxLength: voters.length,
    })
    .map((choices) => {
      const answers: Answer[] = [];
      const silent: Voter[] = [];
      voters.forEach((voter, i) => {
        const choice = choices[i];
        if (choice === undefined) silent.push(voter);
        else answers.push({ voterKey: voter.key, choice });
      });
      return { voters, answers, silent };
    }),
);

function passed(r: VoteRule, voters: Voter[], answers: Answer[]): boolean {
  return tallyVote(r, voters, answers).passed;
}

/** The decision, recomputed from scratch with reduced bigint fractions. */
function referencePassed(r: VoteRule, voters: Voter[], answers: Answer[]): boolean {
  const areaOf = new Map(voters.map((v) => [v.key, v.areaCentiM2]));
  const sum = (keys: string[]) => keys.reduce((s, k) => s + (areaOf.get(k) ?? 0), 0);
  const taking = answers.map((a) => a.voterKey);
  const approving = answers.filter((a) => a.choice === APPROVE).map((a) => a.voterKey);
  if (isMajorityRule(r)) {
    const whole = r.kind === 'majorityOfAsked' ? voters.length : answers.length;
    return reaches(approving.length, whole, { numerator: 1, denominator: 2, comparison: 'moreThan' });
  }
  const { participation, approval, byArea } = thresholdsOf(r);
  const byHeads =
    reaches(taking.length, voters.length, participation) &&
    reaches(approving.length, taking.length, approval);
  const byFloorArea =
    reaches(sum(taking), sum(voters.map((v) => v.key)), participation) &&
    reaches(sum(approving), sum(taking), approval);
  return byHeads && (!byArea || byFloorArea);
}

describe('tallyVote properties', () => {
  it('agrees with an exact rational computation', () => {
    fc.assert(
      fc.property(rule, vote, (r, { voters, answers }) => {
        expect(passed(r, voters, answers)).toBe(referencePassed(r, voters, answers));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the answers or of the electorate', () => {
    fc.assert(
      fc.property(rule, vote, fc.nat(), (r, { voters, answers }, seed) => {
        const shuffledAnswers = shuffle(answers, seed);
        const shuffledVoters = shuffle(voters, seed + 1);
        expect(tallyVote(r, shuffledVoters, shuffledAnswers)).toEqual(tallyVote(r, voters, answers));
      }),
    );
  });

  it('never turns a pass into a fail when one more household answers "approve"', () => {
    fc.assert(
      fc.property(rule, vote, fc.nat(), (r, { voters, answers, silent }, pick) => {
        fc.pre(silent.length > 0 && passed(r, voters, answers));
        const newcomer = silent[pick % silent.length]!;
        expect(passed(r, voters, [...answers, { voterKey: newcomer.key, choice: APPROVE }])).toBe(true);
      }),
    );
  });

  it('never turns a pass into a fail when someone changes their answer to "approve"', () => {
    fc.assert(
      fc.property(rule, vote, fc.nat(), (r, { voters, answers }, pick) => {
        fc.pre(answers.length > 0 && passed(r, voters, answers));
        const changed = answers.map((a, i) => (i === pick % answers.length ? { ...a, choice: APPROVE } : a));
        expect(passed(r, voters, changed)).toBe(true);
      }),
    );
  });

  it('says the vote is still possible exactly when everyone yet to answer approving would pass it', () => {
    fc.assert(
      fc.property(rule, vote, (r, { voters, answers, silent }) => {
        const all = [...answers, ...silent.map((v) => ({ voterKey: v.key, choice: APPROVE }))];
        expect(tallyVote(r, voters, answers).stillPossible).toBe(passed(r, voters, all));
      }),
    );
  });

  it('for a threshold rule, passes once as many approvals as `needed` arrive from those yet to answer', () => {
    fc.assert(
      fc.property(rule, vote, (r, { voters, answers, silent }) => {
        const approvalHeads = (given: Answer[]) => {
          const tally = tallyVote(r, voters, given);
          return tally.kind === 'threshold' ? tally.approval.heads : null;
        };
        const needed = approvalHeads(answers)?.needed ?? null;
        fc.pre(needed !== null && needed > 0 && needed <= silent.length);
        const more = (k: number) => silent.slice(0, k).map((v) => ({ voterKey: v.key, choice: APPROVE }));
        expect(approvalHeads([...answers, ...more(needed ?? 0)])?.met).toBe(true);
        expect(approvalHeads([...answers, ...more((needed ?? 0) - 1)])?.met).toBe(false);
      }),
    );
  });
});

/** A deterministic Fisher–Yates shuffle, so a failing case replays from its seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
