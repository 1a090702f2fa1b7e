import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyMatches, parseQuery, searchBody, termsOf } from './terms.ts';

describe('search terms', () => {
  it('stores every character and every adjacent pair, not pairs across a space', () => {
    expect(termsOf('水压低 3号楼').sort()).toEqual(
      ['水', '压', '低', '水压', '压低', '3', '号', '楼', '3号', '号楼'].sort(),
    );
  });

  it('normalises the query as the stored text: 三号楼, 三栋 and ３号楼 all find 3号楼', () => {
    const body = searchBody(['水压', '三号楼水压太低了']);
    expect(body).toBe('水压 3号楼水压太低了');
    for (const q of ['三号楼', '三栋', '３号楼', '3号楼', '水压', '水压太低']) {
      expect(bodyMatches(body, parseQuery(q))).toBe(true);
    }
    expect(bodyMatches(body, parseQuery('4号楼'))).toBe(false);
  });

  it('looks up short words as one exact term and longer words by their bigrams', () => {
    expect(parseQuery('水')).toEqual([{ text: '水', terms: ['水'], exact: true }]);
    expect(parseQuery('水压')).toEqual([{ text: '水压', terms: ['水压'], exact: true }]);
    expect(parseQuery('水压低 Lift')).toEqual([
      { text: '水压低', terms: ['水压', '压低'], exact: false },
      { text: 'lift', terms: ['li', 'if', 'ft'], exact: false },
    ]);
    expect(parseQuery('   ')).toEqual([]);
  });

  it('never misses a hit: every term of a matching word is among the terms of the body', () => {
    const chars = fc.constantFrom(...'水压低电梯坏了三号楼栋 ab１２'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }),
        fc.array(chars, { minLength: 1, maxLength: 6 }),
        (b, q) => {
          const body = searchBody([b.join('')]);
          const words = parseQuery(q.join(''));
          const terms = new Set(termsOf(body));
          for (const w of words)
            if (body.includes(w.text)) for (const t of w.terms) expect(terms.has(t)).toBe(true);
        },
      ),
    );
  });
});
