export interface InputProblem {
  /** Where, as a Zod issue path: e.g. ['answers', 3, 'voterKey']. */
  path: (string | number)[];
  message: string;
}

/**
 * Thrown when units, voters or answers that cannot be counted reach the pure core: input from
 * outside is checked at the edge (Units, VoteRule), so reaching here is a bug upstream.
 */
export class VoteInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(`cannot count this vote: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    this.name = 'VoteInputError';
  }
}
