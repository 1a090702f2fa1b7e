import { type Expression, type SqlBool, sql } from 'kysely';
import { isEmptyScope, type PathScope, pathBelow, pathInScope } from '../../db/fragments.ts';
import { type Db, pathRange } from '../../db/transaction.ts';
import type { QueryWord } from '../../domain/search/terms.ts';

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

// A term's postings are counted up to this many when choosing the rarest term to walk; past it the
// exact number does not change the choice much.
const RARITY_CAP = 5_000;

function inCommunities(ids: readonly string[]): Expression<SqlBool> {
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  if (ids.length === 1) return sql<SqlBool>`t.community_id = ${ids[0]}`;
  return sql<SqlBool>`t.community_id in (${sql.join(ids)})`;
}

/**
 * The term to walk: the one with the fewest postings in the walked communities, each counted up to
 * RARITY_CAP, all in one statement (one round trip, however many character pairs the query has).
 */
async function rarestTerm(db: Db, f: SearchFilter): Promise<string> {
  const terms = [...new Set(f.words.flatMap((w) => w.terms))];
  if (terms.length === 1) return terms[0]!;
  const counted = terms.map((term) => {
    let capped = db
      .selectFrom('search_terms as t')
      .select('t.doc_id')
      .where('t.term', '=', term)
      .where('t.public', '=', f.public);
    if (f.communities)
      capped = capped.where(inCommunities([...f.communities.full, ...f.communities.partial]));
    return db
      .selectFrom(capped.limit(RARITY_CAP).as('capped'))
      .select((eb) => [sql<string>`cast(${term} as text)`.as('term'), eb.fn.countAll<number>().as('n')]);
  });
  let union = counted[0]!;
  for (const q of counted.slice(1)) union = union.unionAll(q);
  const rows = await union.execute();
  const n = new Map(rows.map((r) => [r.term, Number(r.n)]));
  return terms.reduce((best, term) => ((n.get(term) ?? 0) < (n.get(best) ?? 0) ? term : best));
}

/** The body holds the word as a substring; `%`, `_` and `\` in it are taken literally. */
function containsWord(word: string): Expression<SqlBool> {
  const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`d.body like ${pattern} escape '\\'`;
}

function scoped(path: Expression<string>, scope: PathScope): Expression<SqlBool> {
  return isEmptyScope(scope) ? sql<SqlBool>`1 = 0` : pathInScope(path, scope);
}

/** Checked per document, and only in partly visible communities (subqueries, not joins, so skipped elsewhere). */
function staffVisible(v: StaffVisibility): Expression<SqlBool> {
  return sql<SqlBool>`((d.entity_type = 'problem' and ${scoped(sql.ref('d.place_path'), v.problems)})
    or (d.entity_type = 'matter' and exists (select 1 from matters m where m.id = d.entity_id and (
      (m.problem_id is not null and exists (select 1 from problems mp where mp.id = m.problem_id
        and ${scoped(sql.ref('mp.place_path'), v.problems)}))
      or (m.problem_id is null and ${scoped(sql.ref('d.place_path'), v.inbox)})))))`;
}

/**
 * The documents whose body contains every word, newest first, one page of them and the exact total.
 * Walks the postings of the rarest term (a one- or two-character word is one term) in the reader's
 * communities and confirms the rest on the body, so the hits are those of `body LIKE '%word%'` for
 * every word, on both databases.
 */
export async function searchDocs(db: Db, f: SearchFilter) {
  if (f.words.length === 0) return { total: 0, items: [] };
  const reach = f.communities;
  if (reach && reach.full.length + reach.partial.length === 0) return { total: 0, items: [] };
  const driver = await rarestTerm(db, f);
  const confirm = f.words.filter((w) => !(w.exact && w.terms[0] === driver));
  const partial = reach && f.visibility && reach.partial.length > 0;
  const needsDoc = confirm.length > 0 || f.under || f.type || partial;
  let postings = db
    .selectFrom('search_terms as t')
    .select(['t.doc_id', 't.created_at', 't.community_id'])
    .where('t.term', '=', driver)
    .where('t.public', '=', f.public);
  if (reach) postings = postings.where(inCommunities([...reach.full, ...reach.partial]));
  // A bare term's postings are its hits: counted in the index, the page a short walk along it.
  if (!needsDoc) {
    const count = await db
      .selectFrom(postings.as('t'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const items = await postings
      .innerJoin('search_docs as d', 'd.id', 't.doc_id')
      .select(['d.id', 'd.entity_type', 'd.entity_id', 'd.created_at', 'd.body'])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.doc_id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { total: Number(count.n), items };
  }
  // Otherwise the walked term's postings come first, then each is confirmed on its document. The
  // candidates are materialised so that no planner starts from the documents (PostgreSQL would
  // scan them all when it guesses a LIKE to be selective).
  let base = db
    .with(
      (w) => w('cand').materialized(),
      () => postings,
    )
    .selectFrom('cand as t')
    .innerJoin('search_docs as d', 'd.id', 't.doc_id');
  for (const w of confirm) base = base.where(containsWord(w.text));
  if (f.under) base = base.where(pathBelow(sql.ref('d.place_path'), f.under));
  if (f.type) base = base.where('d.entity_type', '=', f.type);
  if (partial) {
    const visibility = f.visibility!;
    base = base.where((eb) => eb.or([inCommunities(reach.full), staffVisible(visibility)]));
  }
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select(['d.id', 'd.entity_type', 'd.entity_id', 'd.created_at', 'd.body'])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.doc_id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(count.n), items };
}
