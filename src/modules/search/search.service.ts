import type { Db } from '../../db/transaction.ts';
import type { Category } from '../../domain/matters/vocabulary.ts';
import { parseQuery } from '../../domain/search/terms.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor, scopeOf } from '../access/policy.ts';
import { voicesOf } from '../matters/matters.repo.ts';
import { staffPlaceNames } from '../places/staff-place-names.ts';
import { type CommunityReach, combineReach, communitiesIn, searchDocs } from './search.repo.ts';
import type {
  PublicSearchPage,
  PublicSearchQuery,
  WorkbenchSearchPage,
  WorkbenchSearchQuery,
} from './search.schemas.ts';

/** The normalised text around the first hit, so the reader sees why it was found. */
export function snippetOf(body: string, word: string, width = 36): string {
  const chars = Array.from(body);
  const at = Array.from(body.slice(0, Math.max(0, body.indexOf(word)))).length;
  const from = Math.max(0, at - Math.floor(width / 3));
  const cut = chars.slice(from, from + width).join('');
  return `${from > 0 ? '…' : ''}${cut}${from + width < chars.length ? '…' : ''}`;
}

/** What the reader may see: problems (and their matters) where they view problems, the inbox where they triage. */
function visibilityOf(actor: Actor) {
  const problems = scopeOf(actor, 'problem.view');
  const inbox = scopeOf(actor, 'matter.triage');
  const none = (s: typeof problems) => s.prefixes.length === 0 && s.exact.length === 0;
  if (none(problems) && none(inbox)) throw new AppError('forbidden');
  return { problems, inbox };
}

/** Workbench search over the matters and problems the reader's roles may see, newest first. */
export async function workbenchSearch(
  db: Db,
  actor: Actor | null,
  query: WorkbenchSearchQuery,
): Promise<WorkbenchSearchPage> {
  const visibility = visibilityOf(requireActor(actor));
  const words = parseQuery(query.q);
  const [problemReach, inboxReach] = await Promise.all([
    communitiesIn(db, visibility.problems),
    communitiesIn(db, visibility.inbox),
  ]);
  const found = await searchDocs(db, {
    words,
    public: 0,
    communities: combineReach(problemReach, inboxReach),
    visibility,
    type: query.type,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const matterIds = found.items.filter((d) => d.entity_type === 'matter').map((d) => d.entity_id);
  const problemIds = found.items.filter((d) => d.entity_type === 'problem').map((d) => d.entity_id);
  const [matters, problems] = await Promise.all([
    matterIds.length === 0
      ? []
      : db
          .selectFrom('matters')
          .innerJoin('places', 'places.id', 'matters.place_id')
          .select([
            'matters.id',
            'matters.problem_id',
            'matters.title',
            'matters.text',
            'matters.category',
            'matters.state',
            'matters.place_path',
            'places.name as place_name',
          ])
          .where('matters.id', 'in', matterIds)
          .execute(),
    problemIds.length === 0
      ? []
      : db
          .selectFrom('problems')
          .innerJoin('places', 'places.id', 'problems.place_id')
          .select([
            'problems.id',
            'problems.title',
            'problems.category',
            'problems.state',
            'problems.place_path',
            'places.name as place_name',
          ])
          .where('problems.id', 'in', problemIds)
          .execute(),
  ]);
  const placeName = await staffPlaceNames(db, requireActor(actor), [...matters, ...problems]);
  const matterById = new Map(matters.map((m) => [m.id, m]));
  const problemById = new Map(problems.map((p) => [p.id, p]));
  const first = words[0]?.text ?? '';
  const items = found.items.flatMap((d): WorkbenchSearchPage['items'] => {
    const snippet = snippetOf(d.body, first);
    if (d.entity_type === 'matter') {
      const m = matterById.get(d.entity_id);
      if (!m) return [];
      return [
        {
          type: 'matter' as const,
          id: m.id,
          problemId: m.problem_id,
          title: m.title ?? Array.from(m.text).slice(0, 24).join(''),
          snippet,
          category: m.category as Category,
          state: m.state,
          placeName: placeName(m),
          createdAt: d.created_at,
        },
      ];
    }
    const p = problemById.get(d.entity_id);
    if (!p) return [];
    return [
      {
        type: 'problem' as const,
        id: p.id,
        problemId: p.id,
        title: p.title,
        snippet,
        category: p.category as Category,
        state: p.state,
        placeName: placeName(p),
        createdAt: d.created_at,
      },
    ];
  });
  return { total: found.total, page: query.page, pageSize: query.pageSize, items };
}

/** The compound (or, above it, the community) a place lies in: what the public may be told. */
export async function publicPlaceNames(db: Db, paths: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (ids.length === 0) return new Map();
  const places = await db
    .selectFrom('places')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', ids)
    .where('kind', 'in', ['compound', 'community', 'street', 'district', 'city'])
    .execute();
  const byId = new Map(places.map((p) => [p.id, p]));
  const out = new Map<string, string>();
  for (const path of paths) {
    const chain = path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .filter((p) => p !== undefined);
    const named = chain.find((p) => p.kind === 'compound') ?? chain.findLast((p) => p.kind === 'community');
    out.set(path, named?.name ?? chain.at(-1)?.name ?? '');
  }
  return out;
}

/** Echo-wall search: published summaries only, newest first; no resident's words, no door numbers. */
export async function publicSearch(db: Db, query: PublicSearchQuery): Promise<PublicSearchPage> {
  let under: string | undefined;
  let communities: CommunityReach | undefined;
  if (query.placeId) {
    const place = await db
      .selectFrom('places')
      .select('path')
      .where('id', '=', query.placeId)
      .executeTakeFirst();
    if (!place) throw new AppError('not_found');
    // The communities at or around the place are walked; below a community the place narrows further.
    const reach = await communitiesIn(db, { prefixes: [place.path], exact: [] });
    communities = { full: [...reach.full, ...reach.partial], partial: [] };
    if (reach.partial.length > 0) under = place.path;
  }
  const found = await searchDocs(db, {
    words: parseQuery(query.q),
    public: 1,
    communities,
    under,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const ids = found.items.map((d) => d.entity_id);
  const problems =
    ids.length === 0
      ? []
      : await db
          .selectFrom('problems')
          .select(['id', 'public_summary', 'category', 'state', 'place_path', 'published_at', 'created_at'])
          .where('id', 'in', ids)
          .where('published_at', 'is not', null)
          .execute();
  const [names, voices] = await Promise.all([
    publicPlaceNames(
      db,
      problems.map((p) => p.place_path),
    ),
    voicesOf(db, ids),
  ]);
  const byId = new Map(problems.map((p) => [p.id, p]));
  const items = ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p?.public_summary) return [];
    return [
      {
        problemId: p.id,
        summary: p.public_summary,
        category: p.category as Category,
        state: p.state,
        placeName: names.get(p.place_path) ?? '',
        voices: voices.get(p.id) ?? 0,
        publishedAt: p.published_at,
        createdAt: p.created_at,
      },
    ];
  });
  return { total: found.total, page: query.page, pageSize: query.pageSize, items };
}
