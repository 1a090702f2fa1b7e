import type { DecisionMethod } from './vocabulary.ts';

/** A decision as the recorder enters it: by consensus, or by a vote of those present with its counts. */
export type DecisionInput =
  | { method: 'consensus'; present: number }
  | { method: 'vote'; present: number; votesFor: number; votesAgainst: number; votesAbstain: number };

export type DecisionOutcome = {
  method: DecisionMethod;
  adopted: boolean;
  /** The field at fault and why, when the counts cannot be right. */
  problem?: { field: 'votesFor' | 'present'; reason: 'more_votes_than_present' | 'nobody_present' };
};

/**
 * Whether an agenda item is adopted. Consensus 共识 adopts it. A vote adopts it when the votes for are
 * more than half of those present 过半数 — "more than half" excludes the half itself (Civil Code
 * art. 1259) — so abstentions and those who did not vote count against, as in the procedure rules.
 */
export function decide(input: DecisionInput): DecisionOutcome {
  if (input.present < 1)
    return { method: input.method, adopted: false, problem: { field: 'present', reason: 'nobody_present' } };
  if (input.method === 'consensus') return { method: 'consensus', adopted: true };
  const cast = input.votesFor + input.votesAgainst + input.votesAbstain;
  if (cast > input.present)
    return {
      method: 'vote',
      adopted: false,
      problem: { field: 'votesFor', reason: 'more_votes_than_present' },
    };
  return { method: 'vote', adopted: input.votesFor * 2 > input.present };
}
