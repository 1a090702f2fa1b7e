import type { Voter } from './owners.ts';
import { type InputProblem, VoteInputError } from './vote-input-error.ts';

/** One voter's answer: the option chosen. A voter answers once; a changed answer replaces the old one before the tally. */
export interface Answer {
  voterKey: string;
  choice: string;
}

/** Heads and exclusive area (0.01 m²) of a group of voters. */
export interface Count {
  heads: number;
  areaCentiM2: number;
}

export interface AnswerCounts {
  electorate: Count;
  answered: Count;
  /** Per option, in the order of the options. */
  byOption: Map<string, Count>;
}

/**
 * Counts heads and area per option in one pass over the voters and one over the answers.
 *
 * @throws VoteInputError for an electorate with no one, a voter twice or an area that is not
 * a whole number of 0.01 m²; an answer from outside the electorate, a second answer from one voter
 * (one voice each), or a choice that is not an option.
 */
export function countAnswers(
  electorate: readonly Voter[],
  answers: readonly Answer[],
  options: readonly string[],
): AnswerCounts {
  const problems: InputProblem[] = [];
  if (electorate.length === 0) problems.push({ path: ['electorate'], message: 'no one to ask' });
  const indexOf = new Map<string, number>();
  let totalArea = 0;
  electorate.forEach((voter, i) => {
    if (indexOf.has(voter.key)) problems.push({ path: ['electorate', i, 'key'], message: 'listed twice' });
    else indexOf.set(voter.key, i);
    if (!Number.isSafeInteger(voter.areaCentiM2) || voter.areaCentiM2 < 0) {
      problems.push({ path: ['electorate', i, 'areaCentiM2'], message: 'not a whole number of 0.01 m²' });
    }
    totalArea += voter.areaCentiM2;
  });
  if (!Number.isSafeInteger(totalArea)) {
    problems.push({ path: ['electorate'], message: 'total area too large to count exactly' });
  }

  const byOption = new Map<string, Count>(options.map((option) => [option, { heads: 0, areaCentiM2: 0 }]));
  if (byOption.size !== options.length)
    problems.push({ path: ['options'], message: 'an option is listed twice' });
  const hasAnswered = new Uint8Array(electorate.length);
  const answered: Count = { heads: 0, areaCentiM2: 0 };
  answers.forEach((answer, i) => {
    const index = indexOf.get(answer.voterKey);
    const count = byOption.get(answer.choice);
    if (index === undefined) {
      problems.push({ path: ['answers', i, 'voterKey'], message: 'not in the electorate' });
    } else if (hasAnswered[index] === 1) {
      problems.push({ path: ['answers', i, 'voterKey'], message: 'answered twice' });
    } else {
      hasAnswered[index] = 1;
      const area = electorate[index]?.areaCentiM2 ?? 0;
      answered.heads += 1;
      answered.areaCentiM2 += area;
      if (count) {
        count.heads += 1;
        count.areaCentiM2 += area;
      }
    }
    if (!count) problems.push({ path: ['answers', i, 'choice'], message: 'not an option' });
  });
  if (problems.length > 0) throw new VoteInputError(problems);
  return { electorate: { heads: electorate.length, areaCentiM2: totalArea }, answered, byOption };
}
