import { uuidv7 } from 'uuidv7';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, requireAnywhere, scopeOf } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { childKinds, mayHold } from './place-kinds.ts';
import {
  childCounts,
  childrenOf,
  developersAt,
  idsOnPath,
  insertPlaces,
  type PlaceRecord,
  placesByIds,
  placesByPaths,
  renamePlace as renamePlaceRow,
  siblingNamed,
} from './places.repo.ts';
import type { CreatePlace, PlaceDetail, PlaceView } from './places.schemas.ts';
import { placeFor, visiblePlace } from './visibility.ts';

const byName = new Intl.Collator('zh-CN', { numeric: true });

async function views(tx: Tx, places: PlaceRecord[]): Promise<PlaceView[]> {
  const counts = await childCounts(
    tx.db,
    places.map((p) => p.id),
  );
  return places
    .map((p) => ({
      id: p.id,
      parentId: p.parent_id,
      kind: p.kind,
      name: p.name,
      childCount: counts.get(p.id) ?? 0,
    }))
    .sort((a, b) => byName.compare(a.name, b.name));
}

/** The top places the actor can see: where their roles are held (a grid worker: the compounds of the grid). */
export async function listRoots(tx: Tx): Promise<PlaceView[]> {
  const scope = scopeOf(requireAnywhere(tx.actor, 'place.view'), 'place.view');
  const places = await placesByPaths(tx.db, [...scope.prefixes, ...scope.exact]);
  const tops = places.filter(
    (p) => !places.some((other) => other.id !== p.id && p.path.startsWith(other.path)),
  );
  return views(tx, tops);
}

/** The places directly below one, other than households, that the actor can see. */
export async function listChildren(tx: Tx, parentId: string): Promise<PlaceView[]> {
  const parent = await visiblePlace(tx, parentId);
  const children = await childrenOf(tx.db, parent.id);
  return views(
    tx,
    children.filter((c) => can(tx.actor, 'place.view', c)),
  );
}

export async function getPlace(tx: Tx, id: string): Promise<PlaceDetail> {
  const place = await visiblePlace(tx, id);
  const ancestorIds = idsOnPath(place.path).slice(0, -1);
  const ancestors = await placesByIds(tx.db, ancestorIds);
  const developers = await developersAt(tx.db, [...ancestorIds, place.id]);
  const [view] = await views(tx, [place]);
  const manage = can(tx.actor, 'place.manage', place);
  return {
    place: view!,
    ancestors: ancestors
      .sort((a, b) => a.depth - b.depth)
      .map((a) => ({ id: a.id, kind: a.kind, name: a.name, visible: can(tx.actor, 'place.view', a) })),
    allowed: {
      manage,
      manageGrids: place.kind === 'community' && can(tx.actor, 'grid.manage', place),
      viewHouseholds: can(tx.actor, 'household.view', place),
    },
    childKinds: manage ? childKinds[place.kind].filter((k) => k !== 'household') : [],
    developers: developers.map((d) => ({ id: d.id, name: d.name })),
  };
}

function nameTaken() {
  return new AppError('conflict', { fields: [{ field: 'name', message: 'already_taken' }] });
}

export async function createPlace(tx: Tx, input: CreatePlace): Promise<PlaceView> {
  const parent = await placeFor(tx, 'place.manage', input.parentId);
  if (!mayHold(parent.kind, input.kind))
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'kind',
          message: {
            'zh-CN': '这一级下面不能建这种区划',
            en: 'A place of this kind cannot be created here',
          },
        },
      ],
    });
  if (await siblingNamed(tx.db, parent.id, input.name)) throw nameTaken();
  const id = uuidv7();
  await insertPlaces(tx.db, [{ id, parent, kind: input.kind, name: input.name }], tx.now.toISOString());
  await recordAudit(tx, {
    action: 'place.created',
    entityType: 'place',
    entityId: id,
    changes: { kind: { to: input.kind }, name: { to: input.name }, parentId: { to: parent.id } },
  });
  return { id, parentId: parent.id, kind: input.kind, name: input.name, childCount: 0 };
}

export async function renamePlace(tx: Tx, id: string, name: string): Promise<PlaceView> {
  const place = await placeFor(tx, 'place.manage', id);
  if (place.kind === 'household')
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'name',
          message: { 'zh-CN': '住户请修改房号', en: 'Change a household’s room number instead' },
        },
      ],
    });
  if (name !== place.name) {
    if (place.parent_id && (await siblingNamed(tx.db, place.parent_id, name))) throw nameTaken();
    await renamePlaceRow(tx.db, place.id, name);
    await recordAudit(tx, {
      action: 'place.renamed',
      entityType: 'place',
      entityId: place.id,
      changes: { name: { from: place.name, to: name } },
    });
  }
  const [view] = await views(tx, [{ ...place, name }]);
  return view!;
}
