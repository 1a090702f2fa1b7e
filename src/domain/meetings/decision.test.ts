import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decision.ts';

describe('decide', () => {
  it('adopts by consensus of those present', () => {
    expect(decide({ method: 'consensus', present: 12 })).toEqual({ method: 'consensus', adopted: true });
  });

  it('adopts a vote only with more than half of those present in favour', () => {
    const vote = (votesFor: number, present: number) =>
      decide({ method: 'vote', present, votesFor, votesAgainst: 0, votesAbstain: 0 }).adopted;
    expect(vote(7, 12)).toBe(true);
    expect(vote(6, 12)).toBe(false); // exactly half is not more than half
    expect(vote(6, 11)).toBe(true);
  });

  it('refuses more votes than people present, and a meeting with nobody present', () => {
    expect(
      decide({ method: 'vote', present: 5, votesFor: 4, votesAgainst: 1, votesAbstain: 1 }).problem,
    ).toEqual({ field: 'votesFor', reason: 'more_votes_than_present' });
    expect(decide({ method: 'consensus', present: 0 }).problem?.field).toBe('present');
  });

  it('never adopts a vote that fewer than half support, whatever the abstentions', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(200), fc.nat(200), (f, a, b, extra) => {
        const present = f + a + b + extra;
        fc.pre(present > 0);
        const out = decide({ method: 'vote', present, votesFor: f, votesAgainst: a, votesAbstain: b });
        expect(out.adopted).toBe(2 * f > present);
      }),
    );
  });
});
