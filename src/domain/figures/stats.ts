// The arithmetic of the figures: rates, percentiles, periods, and the ranking score.

export type Rate = { numerator: number; denominator: number; rate: number | null };

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** The nearest-rank percentile (p in (0, 1]) of values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentiles(values, [p])[0]!;
}

/** Several percentiles of the same values, sorted once (natively: a city's year holds ~10⁵ values). */
export function percentiles(values: readonly number[], ps: readonly number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!);
}

/**
 * The lower bound of the Wilson score interval at 95 %: the rate one can be confident of given how many
 * were counted. 1 of 1 scores 0.21, 95 of 100 scores 0.89 — one fast case cannot top a ranking.
 */
export function wilsonLower(successes: number, total: number, z = 1.96): number {
  if (total === 0) return 0;
  const p = successes / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * total)) / total);
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

/** Places with fewer matters than this are listed but not ranked. */
export const RANKING_MIN_MATTERS = 10;

export const RANKING_FORMULA = {
  'zh-CN': `综合得分 = (响应率 + 解决率 + 满意率) ÷ 3，每项取 95% 置信区间（Wilson）下限；收集事项不少于 ${RANKING_MIN_MATTERS} 件方参与排名`,
  en: `Score = (response rate + resolution rate + satisfaction rate) ÷ 3, each taken as the lower bound of its 95 % Wilson interval; ranked only with at least ${RANKING_MIN_MATTERS} matters collected`,
};

/** The ranking score of RANKING_FORMULA. */
export function rankingScore(rates: { response: Rate; resolution: Rate; satisfaction: Rate }): number {
  const lower = (r: Rate) => wilsonLower(r.numerator, r.denominator);
  return (lower(rates.response) + lower(rates.resolution) + lower(rates.satisfaction)) / 3;
}

export const periods = ['week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof periods)[number];

/**
 * The period a local day falls in, named by its first day's label: 2026-W15 (ISO week, Monday first),
 * 2026-04, 2026-Q2, 2026.
 */
export function periodOf(day: string, period: Period): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  if (period === 'year') return String(y);
  if (period === 'month') return day.slice(0, 7);
  if (period === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return isoWeek(day);
}

function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
