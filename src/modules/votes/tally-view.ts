import type { AnswerCounts, Count } from '../../domain/votes/answers.ts';
import { isMajorityRule, thresholdsOf, type VoteRule } from '../../domain/votes/rules.ts';
import { tallyCounts, type VoteTally } from '../../domain/votes/tally.ts';
import type { OptionCount, QuestionRow } from './votes.repo.ts';
import type { QuestionPhase, TallyView, VoteOption } from './votes.schemas.ts';

export function ruleOf(q: QuestionRow): VoteRule {
  return JSON.parse(q.rule) as VoteRule;
}

export function optionsOf(q: QuestionRow): VoteOption[] {
  return JSON.parse(q.options) as VoteOption[];
}

/** Whether exclusive floor area is counted: the art. 278 rules, and custom thresholds by area. */
export function countsArea(rule: VoteRule): boolean {
  return !isMajorityRule(rule) && thresholdsOf(rule).byArea;
}

export function phaseOf(q: Pick<QuestionRow, 'state' | 'opens_at' | 'closes_at'>, now: Date): QuestionPhase {
  if (q.state === 'closed') return 'closed';
  const at = now.toISOString();
  if (at < q.opens_at) return 'upcoming';
  return at >= q.closes_at ? 'ended' : 'open';
}

export function electorateOf(q: QuestionRow): Count {
  return { heads: Number(q.electorate_heads), areaCentiM2: Number(q.electorate_area_centi_m2) };
}

export function answerCounts(q: QuestionRow, counts: OptionCount[]): AnswerCounts {
  const byKey = new Map(counts.map((c) => [c.option_key, c]));
  const byOption = new Map<string, Count>();
  const answered: Count = { heads: 0, areaCentiM2: 0 };
  for (const option of optionsOf(q)) {
    const c = byKey.get(option.key);
    const count = { heads: c?.heads ?? 0, areaCentiM2: c?.area ?? 0 };
    byOption.set(option.key, count);
    answered.heads += count.heads;
    answered.areaCentiM2 += count.areaCentiM2;
  }
  const electorate = electorateOf(q);
  // Rules that do not count area keep area out of the counters; measure participation by heads alone.
  if (!countsArea(ruleOf(q))) electorate.areaCentiM2 = answered.areaCentiM2;
  return { electorate, answered, byOption };
}

export function computeTally(
  q: QuestionRow,
  counts: OptionCount[],
): { counts: AnswerCounts; tally: VoteTally } {
  const answers = answerCounts(q, counts);
  return { counts: answers, tally: tallyCounts(ruleOf(q), answers) };
}

/**
 * The tally as the API shows it. While a secret question is not closed, only participation is shown:
 * option counts that move with each ballot, next to a list of who took part, would tell who chose what.
 */
export function tallyView(q: QuestionRow, counts: OptionCount[]): TallyView {
  const { counts: c, tally } = computeTally(q, counts);
  const hidden = q.secret === 1 && q.state !== 'closed';
  const byArea = countsArea(ruleOf(q));
  const options = optionsOf(q).map((o) => ({
    key: o.key,
    label: o.label,
    heads: c.byOption.get(o.key)?.heads ?? 0,
    areaCentiM2: byArea ? (c.byOption.get(o.key)?.areaCentiM2 ?? 0) : 0,
  }));
  const electorate = { heads: c.electorate.heads, areaCentiM2: Number(q.electorate_area_centi_m2) };
  const answered = { heads: c.answered.heads, areaCentiM2: byArea ? c.answered.areaCentiM2 : 0 };
  if (tally.kind === 'majority') {
    return {
      electorate,
      answered,
      options: hidden ? null : options,
      participation: null,
      approval: null,
      winner: hidden ? null : tally.winner,
      passed: hidden ? null : tally.passed,
      stillPossible: hidden ? null : tally.stillPossible,
    };
  }
  return {
    electorate,
    answered,
    options: hidden ? null : options,
    participation: tally.participation,
    approval: hidden ? null : tally.approval,
    winner: hidden ? null : tally.passed ? 'approve' : null,
    passed: hidden ? null : tally.passed,
    stillPossible: hidden ? null : tally.stillPossible,
  };
}
