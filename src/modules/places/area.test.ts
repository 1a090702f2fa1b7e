import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArea, parseArea } from './area.ts';

describe('reading a floor area', () => {
  it('keeps 89.5 m² as exactly 8950 hundredths', () => {
    expect(parseArea('89.5')).toEqual({ ok: true, centiM2: 8950 });
    expect(parseArea('0.01')).toEqual({ ok: true, centiM2: 1 });
    expect(parseArea(' １２０．０５㎡ ')).toEqual({ ok: true, centiM2: 12005 });
    expect(parseArea(89.55)).toEqual({ ok: true, centiM2: 8955 });
  });

  it('refuses what is not a positive area with at most two decimals', () => {
    expect(parseArea('89.555')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseArea('')).toEqual({ ok: false, problem: 'missing' });
    expect(parseArea('八十九')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(parseArea('1,089.5')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(parseArea('0')).toEqual({ ok: false, problem: 'not_positive' });
    expect(parseArea('-3')).toEqual({ ok: false, problem: 'not_positive' });
    expect(parseArea('100000')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('formats back to the text it was read from, for every two-decimal figure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), (centi) => {
        expect(parseArea(formatArea(centi))).toEqual({ ok: true, centiM2: centi });
      }),
    );
    expect(formatArea(8950)).toBe('89.50');
    expect(formatArea(5)).toBe('0.05');
  });
});
