import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../server/errors.ts';
import { childrenOf, findPlace, searchCompounds } from './residents.repo.ts';
import type { CompoundChoice, PlaceChoice } from './residents.schemas.ts';

// The public lookup a resident uses to find their own door: place names and room numbers only. Rooms are
// no secret (they are on every mailbox); who owns or lives in them is, so nothing here joins ownerships,
// links or people. A household's id lets a resident ask for a link, which grants nothing until staff
// confirm it (and a resident holds at most a few requests at once).

const COMPOUND_RESULTS = 20;
// The largest entrance or building without entrances we expect; more is a data error, not a menu.
const CHILDREN_RESULTS = 2000;
const browsable = new Set(['compound', 'building', 'entrance']);
const choosable = new Set<string>(['building', 'entrance', 'household']);

export function findCompounds(db: Db, text: string): Promise<CompoundChoice[]> {
  return searchCompounds(db, text, COMPOUND_RESULTS);
}

const naturally = new Intl.Collator('zh-CN', { numeric: true });

/** Buildings of a compound, entrances of a building, rooms of an entrance (or of a building without). */
export async function placesWithin(db: Db, parentId: string): Promise<PlaceChoice[]> {
  const parent = await findPlace(db, parentId);
  if (!parent || !browsable.has(parent.kind)) throw new AppError('not_found');
  const children = await childrenOf(db, parentId, CHILDREN_RESULTS);
  return children
    .filter((c): c is PlaceChoice => choosable.has(c.kind))
    .sort((a, b) => naturally.compare(a.name, b.name));
}
