import type { PlaceKind } from '../../db/schema.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, grantsFor, type PlaceAction, requireAnywhere } from '../access/policy.ts';
import type { PlaceOption } from './parties.schemas.ts';
import { childPlaces, findPlace, placesByIds } from './places.repo.ts';

/**
 * A place picker for forms, one level at a time: without a parent, the places where the viewer holds a
 * role allowing `action` (none nested in another); with one, its children of the given kinds.
 */
export async function placeOptions(
  tx: Tx,
  action: PlaceAction,
  kinds: readonly PlaceKind[],
  parentId: string | undefined,
): Promise<PlaceOption[]> {
  const actor = requireAnywhere(tx.actor, action);
  if (parentId) {
    const parent = await findPlace(tx.db, parentId);
    if (!parent || !can(actor, action, parent)) throw new AppError('not_found');
    return (await childPlaces(tx.db, parentId, kinds)).map(toOption);
  }
  const paths = grantsFor(actor, action).flatMap((g) => (g.placePath ? [g.placePath] : []));
  const roots = paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
  const ids = [...new Set(roots)].map((p) => p.split('/').filter(Boolean).at(-1) ?? '');
  const rows = await placesByIds(tx.db, ids, kinds);
  return rows.filter((r) => kinds.includes(r.kind)).map(toOption);
}

function toOption(row: { id: string; name: string; kind: PlaceKind; has_children: unknown }): PlaceOption {
  return { id: row.id, name: row.name, kind: row.kind, hasChildren: Boolean(row.has_children) };
}
