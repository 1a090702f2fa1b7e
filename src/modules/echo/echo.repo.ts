import { type SqlBool, sql } from 'kysely';
import { pathBelow } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';

// All SQL of the echo wall: published problems by keyset, their public steps and photos.

export type WallFilter = {
  communityId?: string;
  placePath?: string;
  category?: string;
  states?: string[];
  fromIso?: string;
  toIso?: string;
};
export type Cursor = { publishedAt: string; id: string };

const voices = sql<number | string>`(select count(*) from matters m where m.problem_id = problems.id)`;

export function wallPage(db: Db, filter: WallFilter, after: Cursor | null, limit: number) {
  let query = db
    .selectFrom('problems')
    .select([
      'id',
      'public_summary',
      'category',
      'state',
      'place_path',
      'published_at',
      'created_at',
      'resolved_at',
      voices.as('voices'),
    ])
    .where('published_at', 'is not', null);
  // A community's wall walks its own index; a wider or narrower place walks the path range.
  if (filter.communityId) query = query.where('community_id', '=', filter.communityId);
  else if (filter.placePath) query = query.where(pathBelow(sql.ref('place_path'), filter.placePath));
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.states) query = query.where('state', 'in', filter.states);
  if (filter.fromIso) query = query.where('created_at', '>=', filter.fromIso);
  if (filter.toIso) query = query.where('created_at', '<', filter.toIso);
  if (after) {
    query = query.where(
      sql<SqlBool>`(published_at < ${after.publishedAt} or (published_at = ${after.publishedAt} and id < ${after.id}))`,
    );
  }
  return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function publishedProblem(db: Db, id: string) {
  return db
    .selectFrom('problems')
    .select([
      'id',
      'public_summary',
      'category',
      'state',
      'place_path',
      'published_at',
      'created_at',
      'resolved_at',
      voices.as('voices'),
    ])
    .where('id', '=', id)
    .where('published_at', 'is not', null)
    .executeTakeFirst();
}

/** The places a problem's path names, from the compound up: what the public may be told of where. */
export function publicPlacesOf(db: Db, paths: string[]) {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'depth'])
    .where('id', 'in', ids)
    .where('kind', 'in', ['city', 'district', 'street', 'community', 'compound'])
    .execute();
}

export function voicesOf(db: Db, problemId: string) {
  return db
    .selectFrom('matters')
    .leftJoin('people', 'people.id', 'matters.submitter_person_id')
    .select(['matters.hide_name', 'matters.channel', 'matters.created_at', 'people.name'])
    .where('matters.problem_id', '=', problemId)
    .orderBy('matters.created_at')
    .execute();
}

/** The steps of a problem the public may follow, and the public replies. */
export function publicStepsOf(db: Db, problemId: string) {
  return db
    .selectFrom('problem_events')
    .select(['at', 'kind', 'visibility', 'text'])
    .where('problem_id', '=', problemId)
    .where((eb) =>
      eb.or([
        eb('visibility', '=', 'public'),
        eb('kind', 'in', ['created', 'dispatched', 'taken', 'resolved', 'reopened', 'closed']),
      ]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Photos of a problem: those attached to its matters and to its timeline. */
export function photosOf(db: Db | Trx, problemId: string, publishedOnly: boolean) {
  let query = db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .leftJoin('matters', 'matters.id', 'attachments.matter_id')
    .leftJoin('problem_events', 'problem_events.id', 'attachments.event_id')
    .select([
      'attachments.id',
      'attachments.published',
      'attachments.created_at',
      'files.mime',
      'files.id as file_id',
    ])
    .where((eb) =>
      eb.or([eb('matters.problem_id', '=', problemId), eb('problem_events.problem_id', '=', problemId)]),
    )
    .where('files.mime', 'like', 'image/%');
  if (publishedOnly) query = query.where('attachments.published', '=', 1);
  return query.orderBy('attachments.created_at').execute();
}

/** The problem an attachment belongs to, through its matter or its timeline event. */
export function attachmentProblem(db: Db | Trx, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .leftJoin('matters', 'matters.id', 'attachments.matter_id')
    .leftJoin('problem_events', 'problem_events.id', 'attachments.event_id')
    .select([
      'attachments.id',
      'attachments.published',
      'files.id as file_id',
      'files.mime',
      sql<string | null>`coalesce(matters.problem_id, problem_events.problem_id)`.as('problem_id'),
    ])
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
}

/** The names on the register near a problem: its submitters and the owners of its community's homes. */
export async function registerNames(db: Db | Trx, problemId: string, communityPath: string) {
  const submitters = await db
    .selectFrom('matters')
    .innerJoin('people', 'people.id', 'matters.submitter_person_id')
    .select('people.name')
    .where('matters.problem_id', '=', problemId)
    .execute();
  const owners = await db
    .selectFrom('ownerships')
    .innerJoin('places', 'places.id', 'ownerships.household_id')
    .innerJoin('people', 'people.id', 'ownerships.person_id')
    .select('people.name')
    .where(pathBelow(sql.ref('places.path'), communityPath))
    .execute();
  return [...submitters, ...owners].map((r) => r.name).filter((n): n is string => Boolean(n));
}

export function childPlacesForWall(db: Db, parentId: string | undefined) {
  let query = db
    .selectFrom('places')
    .select([
      'id',
      'name',
      'kind',
      sql<
        number | string
      >`(select count(*) from places c where c.parent_id = places.id and c.kind <> 'building')`.as(
        'children',
      ),
    ])
    .where('kind', 'in', ['city', 'district', 'street', 'community', 'compound']);
  query = parentId ? query.where('parent_id', '=', parentId) : query.where('parent_id', 'is', null);
  return query.orderBy('name').execute();
}
