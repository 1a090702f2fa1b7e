import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './numerals.ts';

const DIGIT = '〇一二三四五六七八九';

// Writes 1–9999 the way an address would: 十二 not 一十二, 一百零五 with its zero.
function toChinese(n: number): string {
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += d === 1 && unit === '十' && out === '' ? unit : DIGIT[d] + unit;
  });
  return out;
}

describe('parseChineseNumeral', () => {
  it('reads the numbers found in addresses', () => {
    expect(parseChineseNumeral('三')).toBe(3);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('二十')).toBe(20);
    expect(parseChineseNumeral('二十三')).toBe(23);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('一〇一')).toBe(101);
  });

  it('refuses ranges and estimates, which name no single place', () => {
    expect(parseChineseNumeral('一二')).toBeNull();
    expect(parseChineseNumeral('七八十')).toBeNull();
    expect(parseChineseNumeral('十十')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
  });

  it('reads back every number from 1 to 9999 written in Chinese', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        expect(parseChineseNumeral(toChinese(n))).toBe(n);
      }),
    );
  });
});
