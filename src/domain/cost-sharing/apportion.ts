export interface Claim {
  /** Breaks ties: the smaller key, in UTF-16 code-unit order, gets the fen first. */
  tieKey: string;
  weight: bigint;
}

/**
 * Splits a whole number of fen in proportion to the weights, by the largest-remainder (Hamilton)
 * method: each claim gets the whole fen of its exact quota amount·w/W, and the fen left over go
 * one each to the largest remainders; equal remainders go by tie key, so the result does not
 * depend on the order the claims were listed in. The amounts sum exactly to `amount`, and each is
 * its quota rounded down or up. Exact in bigint however large the weights.
 */
export function apportion(amount: number, claims: readonly Claim[]): number[] {
  const whole = claims.reduce((sum, c) => sum + c.weight, 0n);
  if (amount === 0) return claims.map(() => 0);
  if (whole <= 0n) throw new RangeError(`cannot apportion ${amount} fen among claims that weigh nothing`);
  const total = BigInt(amount);
  const shares = claims.map((claim, index) => ({
    index,
    tieKey: claim.tieKey,
    floor: (total * claim.weight) / whole,
    remainder: (total * claim.weight) % whole, // over the common denominator `whole`
  }));
  const amounts = shares.map((s) => Number(s.floor));
  let left = amount - amounts.reduce((sum, a) => sum + a, 0);
  const byRemainder = [...shares].sort(
    (a, b) =>
      (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : 0) ||
      (a.tieKey < b.tieKey ? -1 : a.tieKey > b.tieKey ? 1 : 0),
  );
  for (const share of byRemainder) {
    if (left === 0) break;
    amounts[share.index] = (amounts[share.index] ?? 0) + 1;
    left -= 1;
  }
  return amounts;
}
