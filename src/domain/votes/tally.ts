import { type Answer, type AnswerCounts, countAnswers } from './answers.ts';
import type { Voter } from './owners.ts';
import {
  APPROVAL_OPTIONS,
  APPROVE,
  isMajorityRule,
  type MajorityRule,
  type Threshold,
  type ThresholdRule,
  thresholdsOf,
  type VoteRule,
} from './rules.ts';
import { additionalToMeet, meets, smallestPartMeeting } from './thresholds.ts';
import { type InputProblem, VoteInputError } from './vote-input-error.ts';

/** A share measured against its threshold: heads, or area in 0.01 m². */
export interface Measure {
  numerator: number;
  denominator: number;
  threshold: Threshold;
  met: boolean;
  /**
   * For a live tally, how much more would meet the threshold: for participation, more voters
   * taking part; for approval, more voters answering "approve" (each also joins the participants).
   * 0 when met; null when nothing added can meet it.
   */
  needed: number | null;
}

export interface ThresholdTally {
  kind: 'threshold';
  rule: ThresholdRule;
  /** Who took part, of all voters. `area` is null when the rule counts heads only. */
  participation: { heads: Measure; area: Measure | null };
  /** Who approved, of those who took part. */
  approval: { heads: Measure; area: Measure | null };
  /** Every threshold is met. */
  passed: boolean;
  /** Voters yet to answer, and their area. */
  remaining: { heads: number; areaCentiM2: number };
  /** Whether the vote would pass if every voter yet to answer approved. */
  stillPossible: boolean;
}

export interface OptionCount {
  option: string;
  votes: number;
  /** More than half of the denominator (过半数): exactly half is not a majority. */
  majority: boolean;
  /** More votes for this option, from households yet to answer, that would give it a majority. */
  needed: number;
}

export interface MajorityTally {
  kind: 'majority';
  rule: MajorityRule;
  asked: number;
  answered: number;
  /** Households asked (majorityOfAsked) or households that answered (majorityOfAnswered). */
  denominator: number;
  /** In the order the options were given. */
  options: OptionCount[];
  /** The option with a majority, if any: at most one can have more than half. */
  winner: string | null;
  /** The proposal carried: "approve" won. For a question with other options, read `winner`. */
  passed: boolean;
  remaining: number;
  /** Whether "approve" would win if every household yet to answer chose it. */
  stillPossible: boolean;
}

export type VoteTally = ThresholdTally | MajorityTally;

/**
 * Counts the answers to one question under its rule. Every answer takes part, whatever it chose
 * (an abstention 弃权 takes part in the vote without approving it, art. 278 "参与表决"); only
 * "approve" approves. One pass over voters and answers, in exact integers.
 *
 * @throws VoteInputError when the electorate or the answers do not fit (see countAnswers), or
 * a threshold vote has no "approve" option.
 */
export function tallyVote(
  rule: VoteRule,
  electorate: readonly Voter[],
  answers: readonly Answer[],
  options: readonly string[] = APPROVAL_OPTIONS,
): VoteTally {
  if (!isMajorityRule(rule) && !options.includes(APPROVE)) {
    throw new VoteInputError([
      { path: ['options'], message: `a threshold vote needs the option "${APPROVE}"` },
    ]);
  }
  return tallyCounts(rule, countAnswers(electorate, answers, options));
}

/**
 * The tally from counts alone: what a secret ballot keeps (per-option heads and area, never who chose
 * what). The same rules as tallyVote, which counts the answers first and then calls this.
 *
 * @throws VoteInputError when the counts do not fit together: more answered than asked, an option
 * count beyond those who answered, or a threshold vote without "approve".
 */
export function tallyCounts(rule: VoteRule, counts: AnswerCounts): VoteTally {
  const problems = countProblems(counts);
  if (!isMajorityRule(rule) && !counts.byOption.has(APPROVE))
    problems.push({ path: ['options'], message: `a threshold vote needs the option "${APPROVE}"` });
  if (problems.length > 0) throw new VoteInputError(problems);
  return isMajorityRule(rule) ? tallyMajority(rule, counts) : tallyThresholds(rule, counts);
}

function countProblems(counts: AnswerCounts): InputProblem[] {
  const problems: InputProblem[] = [];
  const { electorate, answered } = counts;
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (electorate.heads === 0) problems.push({ path: ['electorate'], message: 'no one to ask' });
  if (![electorate.heads, electorate.areaCentiM2, answered.heads, answered.areaCentiM2].every(whole))
    problems.push({ path: ['counts'], message: 'not whole numbers' });
  if (answered.heads > electorate.heads || answered.areaCentiM2 > electorate.areaCentiM2)
    problems.push({ path: ['answered'], message: 'more answered than asked' });
  let heads = 0;
  let area = 0;
  for (const [option, count] of counts.byOption) {
    if (!whole(count.heads) || !whole(count.areaCentiM2))
      problems.push({ path: ['byOption', option], message: 'not whole numbers' });
    heads += count.heads;
    area += count.areaCentiM2;
  }
  if (heads !== answered.heads || area !== answered.areaCentiM2)
    problems.push({ path: ['byOption'], message: 'the options do not add up to those who answered' });
  return problems;
}

function tallyThresholds(rule: ThresholdRule, counts: AnswerCounts): ThresholdTally {
  const { participation, approval, byArea } = thresholdsOf(rule);
  const all = counts.electorate;
  const taking = counts.answered;
  const approving = counts.byOption.get(APPROVE) ?? { heads: 0, areaCentiM2: 0 };
  const measured = {
    participation: {
      heads: participationMeasure(taking.heads, all.heads, participation),
      area: byArea ? participationMeasure(taking.areaCentiM2, all.areaCentiM2, participation) : null,
    },
    approval: {
      heads: approvalMeasure(approving.heads, taking.heads, approval),
      area: byArea ? approvalMeasure(approving.areaCentiM2, taking.areaCentiM2, approval) : null,
    },
  };
  const passed = [
    measured.participation.heads,
    measured.participation.area,
    measured.approval.heads,
    measured.approval.area,
  ].every((m) => m === null || m.met);
  const remaining = { heads: all.heads - taking.heads, areaCentiM2: all.areaCentiM2 - taking.areaCentiM2 };
  // The best the vote can still do: everyone yet to answer takes part and approves.
  const stillPossible =
    meets(all.heads, all.heads, participation) &&
    meets(approving.heads + remaining.heads, all.heads, approval) &&
    (!byArea ||
      (meets(all.areaCentiM2, all.areaCentiM2, participation) &&
        meets(approving.areaCentiM2 + remaining.areaCentiM2, all.areaCentiM2, approval)));
  return { kind: 'threshold', rule, ...measured, passed, remaining, stillPossible };
}

function participationMeasure(part: number, whole: number, threshold: Threshold): Measure {
  const smallest = smallestPartMeeting(whole, threshold);
  return {
    numerator: part,
    denominator: whole,
    threshold,
    met: meets(part, whole, threshold),
    needed: smallest === null ? null : Math.max(0, smallest - part),
  };
}

function approvalMeasure(part: number, whole: number, threshold: Threshold): Measure {
  return {
    numerator: part,
    denominator: whole,
    threshold,
    met: meets(part, whole, threshold),
    needed: additionalToMeet(part, whole, threshold),
  };
}

function tallyMajority(rule: MajorityRule, counts: AnswerCounts): MajorityTally {
  const asked = counts.electorate.heads;
  const answered = counts.answered.heads;
  const denominator = rule.kind === 'majorityOfAsked' ? asked : answered;
  const remaining = asked - answered;
  const options = [...counts.byOption].map(([option, count]): OptionCount => {
    const v = count.heads;
    return {
      option,
      votes: v,
      majority: 2 * v > denominator,
      // Of the households asked, more than half is floor(asked/2) + 1. Of those who answered, each
      // new vote also grows the denominator: v + k > (answered + k) / 2 ⇔ k > answered − 2v.
      needed:
        rule.kind === 'majorityOfAsked'
          ? Math.max(0, Math.floor(asked / 2) + 1 - v)
          : Math.max(0, answered - 2 * v + 1),
    };
  });
  const winner = options.find((c) => c.majority)?.option ?? null;
  const approve = options.find((c) => c.option === APPROVE);
  return {
    kind: 'majority',
    rule,
    asked,
    answered,
    denominator,
    options,
    winner,
    passed: winner === APPROVE,
    remaining,
    stillPossible: approve !== undefined && approve.needed <= remaining,
  };
}
