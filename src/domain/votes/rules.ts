import { z } from 'zod';

/**
 * A threshold a share must reach: `atLeast` includes the value itself (以上), `moreThan` does not
 * (过半数 is "more than half": exactly half fails) — Civil Code art. 1259.
 */
export const Threshold = z
  .object({
    numerator: z.int().min(0),
    denominator: z.int().min(1),
    comparison: z.enum(['atLeast', 'moreThan']),
  })
  .refine((t) => t.numerator <= t.denominator, {
    message: 'a threshold is a fraction of the whole: its numerator cannot exceed its denominator',
    path: ['numerator'],
  });
export type Threshold = z.infer<typeof Threshold>;

/**
 * How a question is decided, chosen per question.
 * - `majorityOfAsked` / `majorityOfAnswered`: one voice per household; an option wins with more
 *   than half (过半数) of the households asked, or of those that answered.
 * - `art278Ordinary` / `art278Special`: the double thresholds by owners and by exclusive floor area
 *   of Civil Code art. 278 para. 2; special is for items 6–8.
 * - `custom`: thresholds agreed by the owners' assembly rules 议事规则; `byArea: false` counts
 *   heads only.
 */
export const VoteRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('majorityOfAsked') }),
  z.object({ kind: z.literal('majorityOfAnswered') }),
  z.object({ kind: z.literal('art278Ordinary') }),
  z.object({ kind: z.literal('art278Special') }),
  z.object({
    kind: z.literal('custom'),
    participation: Threshold,
    approval: Threshold,
    byArea: z.boolean(),
  }),
]);
export type VoteRule = z.infer<typeof VoteRule>;

export type MajorityRule = Extract<VoteRule, { kind: 'majorityOfAsked' | 'majorityOfAnswered' }>;
export type ThresholdRule = Exclude<VoteRule, MajorityRule>;

/** The option that approves the proposal in a threshold vote (同意). */
export const APPROVE = 'approve';
/** The options of an owners' ballot 表决票: agree 同意, disagree 不同意, abstain 弃权. */
export const APPROVAL_OPTIONS: readonly string[] = [APPROVE, 'reject', 'abstain'];

// Civil Code art. 278 para. 2.
const twoThirdsAtLeast: Threshold = { numerator: 2, denominator: 3, comparison: 'atLeast' };
const threeQuartersAtLeast: Threshold = { numerator: 3, denominator: 4, comparison: 'atLeast' };
const moreThanHalf: Threshold = { numerator: 1, denominator: 2, comparison: 'moreThan' };

export interface Thresholds {
  /** Share of all voters (heads; area) that must take part. */
  participation: Threshold;
  /** Share of the participating voters (heads; area) that must approve. */
  approval: Threshold;
  /** Whether exclusive floor area is a second measure beside heads. */
  byArea: boolean;
}

export function isMajorityRule(rule: VoteRule): rule is MajorityRule {
  return rule.kind === 'majorityOfAsked' || rule.kind === 'majorityOfAnswered';
}

export function thresholdsOf(rule: ThresholdRule): Thresholds {
  switch (rule.kind) {
    case 'art278Ordinary':
      return { participation: twoThirdsAtLeast, approval: moreThanHalf, byArea: true };
    case 'art278Special':
      return { participation: twoThirdsAtLeast, approval: threeQuartersAtLeast, byArea: true };
    case 'custom':
      return { participation: rule.participation, approval: rule.approval, byArea: rule.byArea };
  }
}

/**
 * The matters the owners decide together, numbered as in Civil Code art. 278 para. 1:
 * 1 assembly rules, 2 management statute, 3 owners' committee, 4 property company, 5 using
 * maintenance funds, 6 raising maintenance funds, 7 rebuilding or reconstructing, 8 changing the
 * use of common parts or running a business on them, 9 other major matters.
 */
export type Art278Item = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Items 6–8 need three quarters; all others, item 5 included, more than half (art. 278 para. 2). */
export function art278RuleFor(item: Art278Item): VoteRule {
  return item >= 6 && item <= 8 ? { kind: 'art278Special' } : { kind: 'art278Ordinary' };
}
