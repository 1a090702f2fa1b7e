import type { ProblemKind } from './kinds.ts';
import { BUILDING_KINDS } from './lexicon-building.ts';
import { COMPOUND_KINDS } from './lexicon-compound.ts';
import { PERSONAL_KINDS } from './lexicon-personal.ts';

/**
 * The default lexicon of problem kinds. On a tie the earlier kind wins, so building kinds (the
 * narrower place) come first and personal requests last: 招聘会 is the compound's job fair even
 * when the one asking is out of work.
 */
export const PROBLEM_KINDS: readonly ProblemKind[] = [
  ...BUILDING_KINDS,
  ...COMPOUND_KINDS,
  ...PERSONAL_KINDS,
];
