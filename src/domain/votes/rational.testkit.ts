import type { Threshold } from './rules.ts';

// For tests only: an exact rational number in lowest terms, written independently of
// thresholds.ts so the two can be checked against each other.
export class Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;

  constructor(numerator: bigint | number, denominator: bigint | number) {
    let n = BigInt(numerator);
    let d = BigInt(denominator);
    if (d === 0n) throw new RangeError('zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n < 0n ? -n : n, d);
    this.numerator = n / g;
    this.denominator = d / g;
  }

  minus(other: Rational): Rational {
    return new Rational(
      this.numerator * other.denominator - other.numerator * this.denominator,
      this.denominator * other.denominator,
    );
  }

  sign(): -1 | 0 | 1 {
    return this.numerator < 0n ? -1 : this.numerator > 0n ? 1 : 0;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Whether part/whole reaches the threshold, by the sign of part/whole − n/d. Nothing measured reaches nothing. */
export function reaches(part: number, whole: number, threshold: Threshold): boolean {
  if (whole === 0) return false;
  const sign = new Rational(part, whole)
    .minus(new Rational(threshold.numerator, threshold.denominator))
    .sign();
  return threshold.comparison === 'atLeast' ? sign >= 0 : sign > 0;
}
