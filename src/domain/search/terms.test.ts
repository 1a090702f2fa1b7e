import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyMatches, communityWord, parseQuery, searchBody, termsOf, termWord, wordsOf } from './terms.ts';

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

describe('the words a text is filed under', () => {
  it('keeps staff and public terms and the communities apart, whatever the text holds', () => {
    const chars = fc.constantFrom(...'水压p:c 号楼ab'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }), (b) => {
        const body = searchBody([b.join('')]);
        const staff = wordsOf(0, 'c1', body);
        const wall = wordsOf(1, 'c1', body);
        expect(staff.filter((w) => wall.includes(w))).toEqual([]);
        expect(staff[0]).toBe(communityWord(0, 'c1'));
        for (const t of termsOf(body)) {
          expect(staff).toContain(termWord(0, t));
          expect(wall).toContain(termWord(1, t));
          expect([communityWord(0, 'c1'), communityWord(1, 'c1')]).not.toContain(termWord(0, t));
        }
      }),
    );
  });
});
