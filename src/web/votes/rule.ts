import type { TFunction } from 'i18next';
import type { VoteRule } from '../../domain/votes/rules.ts';

/** The rule of a question in words, as voters are shown it. */
export function ruleText(rule: VoteRule, t: TFunction<'votes'>): string {
  if (rule.kind !== 'custom') return t(`rules.${rule.kind}`);
  const threshold = (x: { numerator: number; denominator: number; comparison: 'atLeast' | 'moreThan' }) =>
    t(`rules.${x.comparison}`, { n: x.numerator, d: x.denominator });
  return t('rules.custom', {
    participation: threshold(rule.participation),
    approval: threshold(rule.approval),
    area: t(rule.byArea ? 'rules.alsoArea' : 'rules.headsOnly'),
  });
}

export function isOwnersRule(rule: VoteRule): boolean {
  return (
    rule.kind === 'art278Ordinary' || rule.kind === 'art278Special' || (rule.kind === 'custom' && rule.byArea)
  );
}

/** 0.01 m² as m² with two decimals. */
export function m2(centi: number): string {
  return (centi / 100).toFixed(2);
}
