// Chinese numerals as they appear in addresses: 三, 十二, 二十三, 一百零五, 一〇一.
// 两 is left out on purpose: it counts (两栋楼 = two buildings) and never names a building.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can make up a numeral this module reads. */
export const NUMERAL_CHARS = '零〇一二三四五六七八九十百千';

/**
 * The value of a Chinese numeral, or null when the string is not one unambiguous number.
 * A run of bare digits is read digit by digit only when it holds a zero (一〇一 → 101);
 * without one it is a range or an estimate (一二层 = floors 1–2, 七八 = seven or eight).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  const hasUnit = [...s].some((c) => c in UNITS);
  if (!hasUnit) {
    if (s.length === 1) return DIGITS[s] ?? null;
    if (!/[零〇]/.test(s)) return null;
    let v = 0;
    for (const c of s) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  let zeroSeen = false;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (d === 0) {
        if (pending !== null) return null;
        zeroSeen = true;
        continue;
      }
      if (pending !== null) return null;
      pending = d;
      continue;
    }
    const u = UNITS[c];
    if (u === undefined || u >= lastUnit) return null;
    // 十二 may omit the leading 一, larger units may not (百二 is not 120 here).
    if (pending === null && !(u === 10 && total === 0 && !zeroSeen)) return null;
    total += (pending ?? 1) * u;
    pending = null;
    lastUnit = u;
    zeroSeen = false;
  }
  if (pending !== null) {
    // 一百零五: after a zero the digit is units; 一百五 would be 150 colloquially, refuse it.
    if (lastUnit > 10 && !zeroSeen) return null;
    total += pending;
  }
  return total;
}
