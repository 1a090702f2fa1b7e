import { bench, describe } from 'vitest';
import type { Answer } from './answers.ts';
import { ownerVoters, type Unit } from './owners.ts';
import { tallyVote } from './tally.ts';

// Measures only, asserts nothing: `npx vitest bench --run --project unit src/domain/votes`.
// Counting owners and tallying is one pass over units, voters and answers: 100,000 households
// should stay well under a second.
function compound(households: number): { units: Unit[]; answers: Answer[] } {
  const units: Unit[] = Array.from({ length: households }, (_, i) => ({
    unitId: `u${i}`,
    areaCentiM2: 6_000 + ((i * 7_919) % 9_000),
    // Every tenth owner holds two units; the last hundred units are the developer's, unsold.
    ownerIds: [`o${i % 10 === 1 ? i - 1 : i}`],
    isDeveloperUnsold: i >= households - 100,
  }));
  const voters = ownerVoters(units);
  const answers = voters
    .filter((_, i) => i % 4 !== 0)
    .map((v, i) => ({ voterKey: v.key, choice: i % 5 === 0 ? 'reject' : 'approve' }));
  return { units, answers };
}

for (const households of [3_000, 100_000]) {
  const { units, answers } = compound(households);
  const voters = ownerVoters(units);
  describe(`${households.toLocaleString('en')} households`, () => {
    bench('count owners (法释〔2009〕7号)', () => {
      ownerVoters(units);
    });
    bench('tally art. 278 special', () => {
      tallyVote({ kind: 'art278Special' }, voters, answers);
    });
    bench('count owners and tally', () => {
      tallyVote({ kind: 'art278Ordinary' }, ownerVoters(units), answers);
    });
  });
}
