import type { PlaceKind } from '../../db/schema.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan, can, type PlaceAction, requireActor } from '../access/policy.ts';
import { findPlace, type PlaceRecord } from './places.repo.ts';

// A place out of the actor's scope answers 404 exactly like one that does not exist, so ids cannot be
// probed for existence. A place the actor can see but not change answers 403 to a change.

/** The place, if the actor may see it; otherwise not_found. Optionally of one of some kinds. */
export async function visiblePlace(tx: Tx, id: string, kinds?: readonly PlaceKind[]): Promise<PlaceRecord> {
  const actor = requireActor(tx.actor);
  const place = await findPlace(tx.db, id);
  if (!place || !can(actor, 'place.view', place)) throw new AppError('not_found');
  if (kinds && !kinds.includes(place.kind)) throw new AppError('not_found');
  return place;
}

/** The place, if the actor may see it and do `action` there: not_found out of sight, forbidden in sight. */
export async function placeFor(
  tx: Tx,
  action: PlaceAction,
  id: string,
  kinds?: readonly PlaceKind[],
): Promise<PlaceRecord> {
  const place = await visiblePlace(tx, id, kinds);
  assertCan(tx.actor, action, place);
  return place;
}
