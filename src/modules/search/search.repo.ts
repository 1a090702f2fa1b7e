import { type Expression, type SqlBool, sql } from 'kysely';
import { isEmptyScope, type PathScope, pathBelow, pathInScope } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import type { QueryWord } from '../../domain/search/terms.ts';

/** Who may see which staff documents: problems by their place, matters by their problem or the inbox. */
export interface StaffVisibility {
  /** Where the reader sees problems and the matters joined to them (problem.view). */
  problems: PathScope;
  /** Where the reader sees matters not yet joined to a problem (matter.triage, the inbox). */
  inbox: PathScope;
}

export interface SearchFilter {
  words: readonly QueryWord[];
  public: 0 | 1;
  /** Staff documents only: who reads. */
  visibility?: StaffVisibility;
  /** Only documents at or below this place path (a community on the echo wall). */
  under?: string;
  type?: 'matter' | 'problem';
  limit: number;
  offset: number;
}

// A term's postings are counted up to this many when choosing the rarest term to walk; past it the
// exact number does not change the choice much.
const RARITY_CAP = 20_000;

/** Postings of a term, counted up to RARITY_CAP. */
async function postingCount(db: Db, term: string, pub: 0 | 1): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('search_terms')
        .select('doc_id')
        .where('term', '=', term)
        .where('public', '=', pub)
        .limit(RARITY_CAP)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The term to walk: the one with the fewest postings among the words' terms. */
async function rarestTerm(db: Db, words: readonly QueryWord[], pub: 0 | 1): Promise<string> {
  let best: { term: string; n: number } | null = null;
  for (const term of new Set(words.flatMap((w) => w.terms))) {
    const n = await postingCount(db, term, pub);
    if (n === 0) return term;
    if (!best || n < best.n) best = { term, n };
  }
  return best!.term;
}

/** The body holds the word as a substring; `%`, `_` and `\` in it are taken literally. */
function containsWord(word: string): Expression<SqlBool> {
  const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`d.body like ${pattern} escape '\\'`;
}

function staffVisible(v: StaffVisibility): Expression<SqlBool> {
  const problems = isEmptyScope(v.problems)
    ? sql<SqlBool>`1 = 0`
    : pathInScope(sql.ref('d.place_path'), v.problems);
  const joined = isEmptyScope(v.problems)
    ? sql<SqlBool>`1 = 0`
    : pathInScope(sql.ref('mp.place_path'), v.problems);
  const inbox = isEmptyScope(v.inbox) ? sql<SqlBool>`1 = 0` : pathInScope(sql.ref('d.place_path'), v.inbox);
  return sql<SqlBool>`((d.entity_type = 'problem' and ${problems})
    or (d.entity_type = 'matter' and (${joined} or (m.problem_id is null and ${inbox}))))`;
}

/**
 * The documents whose body contains every word, newest first, one page of them and the exact total.
 * Walks the postings of the rarest term (a one- or two-character word is one term) and confirms the
 * rest on the body, so the hits are those of `body LIKE '%word%'` for every word, on both databases.
 */
export async function searchDocs(db: Db, f: SearchFilter) {
  if (f.words.length === 0) return { total: 0, items: [] };
  const driver = await rarestTerm(db, f.words, f.public);
  let base = db
    .selectFrom('search_terms as t')
    .innerJoin('search_docs as d', 'd.id', 't.doc_id')
    .where('t.term', '=', driver)
    .where('t.public', '=', f.public);
  for (const w of f.words) {
    // The walked term decides a short word by itself; everything else is confirmed on the text.
    if (!(w.exact && w.terms[0] === driver)) base = base.where(containsWord(w.text));
  }
  if (f.under) base = base.where(pathBelow(sql.ref('d.place_path'), f.under));
  if (f.type) base = base.where('d.entity_type', '=', f.type);
  if (f.visibility) {
    const visibility = f.visibility;
    base = base
      .leftJoin('matters as m', (j) => j.onRef('m.id', '=', 'd.entity_id').on('d.entity_type', '=', 'matter'))
      .leftJoin('problems as mp', 'mp.id', 'm.problem_id')
      .where(staffVisible(visibility));
  }
  const [count, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['d.id', 'd.entity_type', 'd.entity_id', 'd.created_at', 'd.body'])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.doc_id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(count.n), items };
}

/** The reference answer: a LIKE scan over every document's normalised body (tests and benchmarks). */
export async function scanDocs(db: Db, f: Omit<SearchFilter, 'limit' | 'offset'>) {
  if (f.words.length === 0) return [];
  let q = db.selectFrom('search_docs as d').where('d.public', '=', f.public);
  for (const w of f.words) q = q.where(containsWord(w.text));
  if (f.under) q = q.where(pathBelow(sql.ref('d.place_path'), f.under));
  if (f.type) q = q.where('d.entity_type', '=', f.type);
  if (f.visibility) {
    const visibility = f.visibility;
    q = q
      .leftJoin('matters as m', (j) => j.onRef('m.id', '=', 'd.entity_id').on('d.entity_type', '=', 'matter'))
      .leftJoin('problems as mp', 'mp.id', 'm.problem_id')
      .where(staffVisible(visibility));
  }
  const rows = await q
    .select(['d.id', 'd.created_at'])
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}
