import { type Expression, type SqlBool, sql } from 'kysely';
import { isEmptyScope, onPostgres, type PathScope, pathBelow, pathInScope } from '../../db/fragments.ts';
import { type Db, pathRange } from '../../db/transaction.ts';
import { communityWord, type QueryWord, termWord } from '../../domain/search/terms.ts';
import { knownWords } from './search-index.ts';

/** Who may see which staff documents: problems by their place, matters by their problem or the inbox. */
export interface StaffVisibility {
  /** Where the reader sees problems and the matters joined to them (problem.view). */
  problems: PathScope;
  /** Where the reader sees matters not yet joined to a problem (matter.triage, the inbox). */
  inbox: PathScope;
}

/**
 * The communities a search walks. In `full` ones every document of the search's audience is
 * visible (a community office); in `partial` ones each is checked against the visibility (a grid).
 */
export interface CommunityReach {
  full: string[];
  partial: string[];
}

export interface SearchFilter {
  words: readonly QueryWord[];
  public: 0 | 1;
  /** Which communities to walk; every community when left out (the public echo wall). */
  communities?: CommunityReach;
  /** Staff documents in `partial` communities: who reads. */
  visibility?: StaffVisibility;
  /** Only documents at or below this place path. */
  under?: string;
  type?: 'matter' | 'problem';
  limit: number;
  offset: number;
}

/** Communities at or below the scope's places (wholly in it) and those above its places (partly). */
export async function communitiesIn(db: Db, scope: PathScope): Promise<CommunityReach> {
  const full = new Set<string>();
  const partial = new Set<string>();
  for (const prefix of scope.prefixes) {
    const { from, to } = pathRange(prefix);
    const below = await db
      .selectFrom('places')
      .select('id')
      .where('kind', '=', 'community')
      .where('path', '>=', from)
      .where('path', '<', to)
      .execute();
    for (const c of below) full.add(c.id);
  }
  const deeper = [...scope.prefixes, ...scope.exact];
  const ancestorIds = [...new Set(deeper.flatMap((p) => p.split('/').filter(Boolean)))];
  if (ancestorIds.length > 0) {
    const above = await db
      .selectFrom('places')
      .select('id')
      .where('kind', '=', 'community')
      .where('id', 'in', ancestorIds)
      .execute();
    for (const c of above) if (!full.has(c.id)) partial.add(c.id);
  }
  return { full: [...full], partial: [...partial] };
}

/** Both scopes together: wholly visible only where both reach the whole community. */
export function combineReach(a: CommunityReach, b: CommunityReach): CommunityReach {
  const full = a.full.filter((id) => b.full.includes(id));
  const all = new Set([...a.full, ...a.partial, ...b.full, ...b.partial]);
  return { full, partial: [...all].filter((id) => !full.includes(id)) };
}

/**
 * Where the search changes its way, each way giving the same hits (the integration tests set both to
 * 0 to take the other way with a small town).
 */
export const searchTuning = {
  /**
   * Up to this many hits the page is cut from all of them, sorted; past it, newest first is a walk
   * along the time index of the reader's communities that stops once the page is full.
   */
  sortLimit: 1_000,
  /**
   * Up to this many communities a search names each (one index word each); past it (a district, the
   * city) it reads every community's postings and keeps those of the reader's communities.
   */
  namedCommunities: 32,
};

/** The body holds the word as a substring; `%`, `_` and `\` in it are taken literally. */
function containsWord(word: string): Expression<SqlBool> {
  const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`d.body like ${pattern} escape '\\'`;
}

function inCommunities(ids: readonly string[]): Expression<SqlBool> {
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  if (ids.length === 1) return sql<SqlBool>`d.community_id = ${ids[0]}`;
  return sql<SqlBool>`d.community_id in (${sql.join(ids)})`;
}

function scoped(path: Expression<string>, scope: PathScope): Expression<SqlBool> {
  return isEmptyScope(scope) ? sql<SqlBool>`1 = 0` : pathInScope(path, scope);
}

/** Checked per document, and only in partly visible communities: problems by their place, matters by their problem or the inbox. */
function staffVisible(v: StaffVisibility): Expression<SqlBool> {
  return sql<SqlBool>`((d.entity_type = 'problem' and exists (select 1 from problems vp where vp.id = d.entity_id
      and ${scoped(sql.ref('vp.place_path'), v.problems)}))
    or (d.entity_type = 'matter' and exists (select 1 from matters m where m.id = d.entity_id and (
      (m.problem_id is not null and exists (select 1 from problems mp where mp.id = m.problem_id
        and ${scoped(sql.ref('mp.place_path'), v.problems)}))
      or (m.problem_id is null and ${scoped(sql.ref('m.place_path'), v.inbox)})))))`;
}

/** Published summaries are problems': at or below a place is where the problem is filed. */
function problemBelow(placePath: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from problems up where up.id = d.entity_id and ${pathBelow(sql.ref('up.place_path'), placePath)})`;
}

/**
 * The words of the index a hit must be filed under: FTS5 ANDs word ids (the communities ORed), GIN
 * checks that the text's word ids contain them all (and overlap the communities').
 */
function filedUnder(db: Db, termIds: number[], communityIds: number[]): Expression<SqlBool> {
  if (onPostgres(db)) {
    const all = communityIds.length === 1 ? [...termIds, communityIds[0]!] : termIds;
    const contains = sql<SqlBool>`d.words @> cast(${`{${all.join(',')}}`} as int4[])`;
    if (communityIds.length <= 1) return contains;
    return sql<SqlBool>`(${contains} and d.words && cast(${`{${communityIds.join(',')}}`} as int4[]))`;
  }
  return sql<SqlBool>`d.id in (select rowid from search_fts where search_fts match ${ftsMatch(termIds, communityIds)})`;
}

/** An FTS5 query over word ids (each id is one token of the ascii tokenizer). */
function ftsMatch(termIds: number[], communityIds: number[]): string {
  const communities =
    communityIds.length === 0
      ? []
      : [communityIds.length === 1 ? `${communityIds[0]}` : `(${communityIds.join(' OR ')})`];
  return [...communities, ...termIds.map(String)].join(' AND ');
}

type Hit = {
  id: number;
  entity_type: 'matter' | 'problem';
  entity_id: string;
  created_at: string;
  body: string;
};
type Found = { total: number; items: Hit[] };
const none: Found = { total: 0, items: [] };

type Unread = Omit<Hit, 'body'>;

/**
 * The bodies of one page's hits, read by rowid after the page is cut: carrying every hit's body through
 * the sort made the search a third slower.
 */
async function withBodies(db: Db, total: number, page: Unread[]): Promise<Found> {
  if (page.length === 0) return { total, items: [] };
  const rows = await db
    .selectFrom('search_docs')
    .select(['id', 'body'])
    .where(
      'id',
      'in',
      page.map((h) => h.id),
    )
    .execute();
  const body = new Map(rows.map((r) => [Number(r.id), r.body]));
  return { total, items: page.map((h) => ({ ...h, body: body.get(Number(h.id)) ?? '' })) };
}

/**
 * The documents whose body contains every word, newest first (ties by id), one page of them and the
 * exact total. The index narrows to the texts filed under every term of the query and the reader's
 * communities; words of three or more characters are then confirmed on the body, so the hits are
 * those of `body LIKE '%word%'` for every word, on both databases.
 */
export async function searchDocs(db: Db, f: SearchFilter): Promise<Found> {
  if (f.words.length === 0) return none;
  const reach = f.communities;
  const communities = reach ? [...new Set([...reach.full, ...reach.partial])] : null;
  if (communities && communities.length === 0) return none;
  const audience = f.public;
  const terms = [...new Set(f.words.flatMap((w) => w.terms))].map((t) => termWord(audience, t));
  const named =
    communities !== null && communities.length <= searchTuning.namedCommunities ? communities : [];
  const ids = await knownWords(db, [...terms, ...named.map((c) => communityWord(audience, c))]);
  // A term no text holds has no hits; a community no text is filed under adds none.
  if (terms.some((t) => !ids.has(t))) return none;
  const present = named.filter((c) => ids.has(communityWord(audience, c)));
  if (named.length > 0 && present.length === 0) return none;
  const communityIds = present.map((c) => ids.get(communityWord(audience, c))!);
  const termIds = terms.map((t) => ids.get(t)!);
  const matched = filedUnder(db, termIds, communityIds);

  // What the index cannot tell: a longer word's place in the text, the reader's part of a community
  // (a grid), a place below a community, the kind of document, communities past the named ones.
  const confirm = f.words.filter((w) => !w.exact).map((w) => containsWord(w.text));
  const rest: Expression<SqlBool>[] = [];
  if (communities && named.length === 0) rest.push(inCommunities(communities));
  if (f.under) rest.push(problemBelow(f.under));
  if (f.type) rest.push(sql<SqlBool>`d.entity_type = ${f.type}`);
  if (reach && f.visibility && reach.partial.length > 0) {
    const visibility = f.visibility;
    rest.push(sql<SqlBool>`(${inCommunities(reach.full)} or ${staffVisible(visibility)})`);
  }

  const columns = ['d.id', 'd.entity_type', 'd.entity_id', 'd.created_at'] as const;
  let hits = db.selectFrom('search_docs as d').select(columns).where(matched);
  for (const c of [...confirm, ...rest]) hits = hits.where(c);
  // Few hits, the usual case: one statement reads them (at most sortLimit + 1), counts them and cuts the
  // page from them sorted — materialised, so that no planner walks the time index hoping to meet them.
  const few = await db
    .with(
      (w) => w('hits').materialized(),
      () => hits.limit(searchTuning.sortLimit + 1),
    )
    .selectFrom('hits')
    .selectAll()
    .select((eb) => eb.selectFrom('hits').select(eb.fn.countAll<number>().as('n')).as('total'))
    .orderBy('created_at', 'desc')
    .orderBy('entity_id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const fewTotal = few.length > 0 ? Number(few[0]!.total) : null;
  if (fewTotal !== null && fewTotal <= searchTuning.sortLimit)
    return withBodies(
      db,
      fewTotal,
      few.map(({ total: _, ...hit }) => hit),
    );

  // Many hits, no hit at all, or a page past the end: counted on their own.
  const bare = confirm.length === 0 && rest.length === 0;
  let total: number;
  if (bare && !onPostgres(db)) {
    // The index alone answers: count its rowids, no document read.
    const row = await sql<{
      n: number;
    }>`select count(*) as n from search_fts where search_fts match ${ftsMatch(termIds, communityIds)}`.execute(
      db,
    );
    total = Number(row.rows[0]?.n ?? 0);
  } else {
    let counted = db.selectFrom('search_docs as d').where(matched);
    for (const c of [...confirm, ...rest]) counted = counted.where(c);
    const row = await counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    total = Number(row.n);
  }
  if (total === 0 || f.offset >= total) return { total, items: [] };

  // Many hits: walk each named community's texts newest first (or all texts, past the named ones),
  // keep those holding every word, stop when the page is full. LIKE is exact here for every word.
  const contains = f.words.map((w) => containsWord(w.text));
  const upTo = f.offset + f.limit;
  const walk = (community: string | null) => {
    let q = db.selectFrom('search_docs as d').select(columns).where('d.public', '=', audience);
    if (community !== null) q = q.where('d.community_id', '=', community);
    for (const c of [...contains, ...rest]) q = q.where(c);
    return q.orderBy('d.created_at', 'desc').orderBy('d.entity_id', 'desc').limit(upTo);
  };
  if (present.length <= 1) {
    const items = await walk(present[0] ?? null)
      .clearLimit()
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return withBodies(db, total, items);
  }
  const arms = present.map((c, i) => db.selectFrom(walk(c).as(`w${i}`)).selectAll());
  let union = arms[0]!;
  for (const arm of arms.slice(1)) union = union.unionAll(arm);
  const items = await db
    .selectFrom(union.as('u'))
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('entity_id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return withBodies(db, total, items);
}
