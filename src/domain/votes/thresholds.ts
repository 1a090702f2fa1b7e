import type { Threshold } from './rules.ts';

// Every comparison is exact: part/whole against n/d becomes part·d against n·whole in bigint, so no
// floating-point rounding can move a vote across a threshold, however large the area figures.

/** Whether `part` out of `whole` reaches the threshold. Nothing to measure (whole 0) reaches nothing. */
export function meets(part: number, whole: number, threshold: Threshold): boolean {
  if (whole <= 0) return false;
  const left = BigInt(part) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(whole);
  return threshold.comparison === 'atLeast' ? left >= right : left > right;
}

/** The smallest part of `whole` that reaches the threshold; null when no part can (whole 0, or "more than all"). */
export function smallestPartMeeting(whole: number, threshold: Threshold): number | null {
  if (whole <= 0) return null;
  const product = BigInt(threshold.numerator) * BigInt(whole);
  const d = BigInt(threshold.denominator);
  const smallest = threshold.comparison === 'atLeast' ? ceilDiv(product, d) : product / d + 1n;
  return smallest > BigInt(whole) ? null : Number(smallest);
}

/**
 * How much must be added to both `part` and `whole` for part/whole to reach the threshold — what new
 * approving voters bring to an approval share, since each also joins the participants. Null when
 * no amount can (a threshold of all, with someone already against; or "more than all").
 */
export function additionalToMeet(part: number, whole: number, threshold: Threshold): number | null {
  if (meets(part, whole, threshold)) return 0;
  const n = BigInt(threshold.numerator);
  const d = BigInt(threshold.denominator);
  // (part + k)·d ≥ n·(whole + k)  ⇔  k·(d − n) ≥ n·whole − part·d  (strict for moreThan).
  const gap = n * BigInt(whole) - BigInt(part) * d;
  const step = d - n;
  // A threshold of all: new approvals help only if no one has yet said otherwise.
  if (step === 0n) return gap === 0n && threshold.comparison === 'atLeast' ? 1 : null;
  const k = threshold.comparison === 'atLeast' ? ceilDiv(gap, step) : gap / step + 1n;
  // Not met yet, so at least one is needed (gap is 0 only when nobody has taken part).
  return Math.max(1, Number(k));
}

/** Ceiling of a/b for a ≥ 0, b > 0. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
