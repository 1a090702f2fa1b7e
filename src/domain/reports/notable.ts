import type { MatterState, ProblemState } from '../matters/states.ts';

// The words and the one rule of the monthly report 月报 that the figures do not already have.

type Names<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

/** The workbench's names of the problem states, for the report's tables. */
export const problemStateNames: Names<ProblemState> = {
  open: { 'zh-CN': '待派单', en: 'To dispatch' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  resolved: { 'zh-CN': '已办理', en: 'Resolved' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};

export const matterStateNames: Names<MatterState> = {
  submitted: { 'zh-CN': '待受理', en: 'Waiting' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  declined: { 'zh-CN': '不予受理', en: 'Declined' },
  confirmed: { 'zh-CN': '确认解决', en: 'Confirmed solved' },
  dissatisfied: { 'zh-CN': '不满意重办', en: 'Dissatisfied' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};

/**
 * Why a problem is a notable case 典型案例 of a month: in that month it was decided at a consultation
 * meeting (协商议事), climbed the ladder (上报, by a handler or by its deadline), had the whistle blown
 * (吹哨), or was published on the echo wall (回音壁). These are the steps of the practice a report upward
 * tells about; an ordinary problem taken and solved at its level is in the problem list, not here.
 */
export const notableReasons = ['meeting', 'escalated', 'whistled', 'published'] as const;
export type NotableReason = (typeof notableReasons)[number];

export const notableReasonNames: Names<NotableReason> = {
  meeting: { 'zh-CN': '协商议事', en: 'Consultation meeting' },
  escalated: { 'zh-CN': '逐级上报', en: 'Escalated' },
  whistled: { 'zh-CN': '街道吹哨', en: 'Whistle blown' },
  published: { 'zh-CN': '回音壁公开', en: 'On the echo wall' },
};

/** At most this many notable cases: a report tells a few stories, the problem list has the rest. */
export const NOTABLE_LIMIT = 10;

/**
 * The notable cases in the order a report tells them: more of the steps first (a problem that climbed,
 * went to a meeting and was published tells the whole story), then the more urgent and severe (从急从重),
 * then the earlier; at most `limit`.
 */
export function pickNotable<
  T extends { reasons: readonly NotableReason[]; priority: number; receivedAt: string; id: string },
>(cases: readonly T[], limit = NOTABLE_LIMIT): T[] {
  return cases
    .filter((c) => c.reasons.length > 0)
    .sort(
      (a, b) =>
        b.reasons.length - a.reasons.length ||
        b.priority - a.priority ||
        a.receivedAt.localeCompare(b.receivedAt) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, limit);
}
