import { sql } from 'kysely';
import type { PathScope } from '../../db/fragments.ts';
import type { PlaceKind, PlacesTable } from '../../db/schema.ts';
import { type Db, pathRange, type Trx } from '../../db/transaction.ts';

export type PlaceRecord = Pick<PlacesTable, 'id' | 'parent_id' | 'kind' | 'name' | 'path' | 'depth'>;

// Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
export const INSERT_BATCH = 500;

/** Runs `write` over `rows` a batch at a time; `after` is told how many have been written so far. */
export async function inBatches<T>(
  rows: readonly T[],
  write: (batch: T[]) => Promise<unknown>,
  after?: (written: number) => Promise<void> | void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await write(rows.slice(i, i + INSERT_BATCH));
    await after?.(Math.min(i + INSERT_BATCH, rows.length));
  }
}

const placeColumns = ['id', 'parent_id', 'kind', 'name', 'path', 'depth'] as const;

export function findPlace(db: Db | Trx, id: string): Promise<PlaceRecord | undefined> {
  return db.selectFrom('places').select(placeColumns).where('id', '=', id).executeTakeFirst();
}

export function placesByIds(db: Db | Trx, ids: readonly string[]): Promise<PlaceRecord[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('places').select(placeColumns).where('id', 'in', ids).execute();
}

export function placesByPaths(db: Db | Trx, paths: readonly string[]): Promise<PlaceRecord[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('places').select(placeColumns).where('path', 'in', paths).execute();
}

/** The ids on a materialised path, root first: '/a/b/c/' → a, b, c. */
export function idsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The community every path of the scope lies in (at or below it), or null when the scope reaches above a
 * community or into several. Problems carry their community, so a list of one community can be read
 * along an index led by it.
 */
export async function soleCommunity(db: Db | Trx, scope: PathScope): Promise<string | null> {
  const paths = [...scope.prefixes, ...scope.exact];
  if (paths.length === 0) return null;
  const onPaths = paths.map(idsOnPath);
  const communities = await db
    .selectFrom('places')
    .select('id')
    .where('kind', '=', 'community')
    .where('id', 'in', [...new Set(onPaths.flat())])
    .execute();
  if (communities.length !== 1) return null;
  const only = communities[0]!.id;
  return onPaths.every((ids) => ids.includes(only)) ? only : null;
}

/** The places below a parent other than households (those are listed, paged, by the households route). */
export function childrenOf(db: Db | Trx, parentId: string): Promise<PlaceRecord[]> {
  return db
    .selectFrom('places')
    .select(placeColumns)
    .where('parent_id', '=', parentId)
    .where('kind', '!=', 'household')
    .execute();
}

/** How many places (other than households) each of these places holds directly. */
export async function childCounts(db: Db | Trx, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('places')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', ids)
    .where('kind', '!=', 'household')
    .groupBy('parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id ?? '', Number(r.n)]));
}

export function siblingNamed(db: Trx, parentId: string, name: string) {
  return db
    .selectFrom('places')
    .select('id')
    .where('parent_id', '=', parentId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export type NewPlace = { id: string; parent: { id: string; path: string }; kind: PlaceKind; name: string };

export async function insertPlaces(db: Trx, places: readonly NewPlace[], now: string) {
  await inBatches(places, (batch) =>
    db
      .insertInto('places')
      .values(
        batch.map((p) => {
          const path = `${p.parent.path}${p.id}/`;
          return {
            id: p.id,
            parent_id: p.parent.id,
            kind: p.kind,
            name: p.name,
            path,
            depth: idsOnPath(path).length,
            created_at: now,
          };
        }),
      )
      .execute(),
  );
}

export async function renamePlace(db: Trx, id: string, name: string) {
  await db.updateTable('places').set({ name }).where('id', '=', id).execute();
}

/** The places of some kinds below a place, the place included. */
export function placesBelow(db: Db | Trx, path: string, kinds: readonly PlaceKind[]) {
  const { from, to } = pathRange(path);
  return db
    .selectFrom('places')
    .select(placeColumns)
    .where('path', '>=', from)
    .where('path', '<', to)
    .where('kind', 'in', kinds)
    .execute();
}

/** Natural order for names holding numbers ('2号楼' before '10号楼'): shorter first, then by text. */
export function naturalOrder(column: string) {
  return [sql`length(${sql.ref(column)})`, sql.ref(column)] as const;
}

/** Developer parties 开发商 at these places: the holders of unsold units below them. */
export function developersAt(db: Db | Trx, placeIds: readonly string[]) {
  if (placeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('parties')
    .select(['id', 'name', 'place_id'])
    .where('kind', '=', 'developer')
    .where('place_id', 'in', placeIds)
    .orderBy('name')
    .execute();
}
