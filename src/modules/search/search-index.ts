import type { Db, Trx } from '../../db/transaction.ts';
import { searchBody, termsOf } from '../../domain/search/terms.ts';

// Writes the search index in the transaction that writes the text, so a search never misses a
// committed matter or problem and never finds a rolled-back one. Callers: the matters and problems
// services (one call where they store text) and whoever publishes a problem's public summary.

type Writer = Db | Trx;

interface DocInput {
  id: string;
  entity_type: 'matter' | 'problem';
  entity_id: string;
  public: number;
  community_id: string;
  place_path: string;
  created_at: string;
  body: string;
}

// A transaction's statements must stay a sane size on both drivers (SQLite allows 32,766 variables).
const TERMS_PER_INSERT = 500;

async function putDoc(db: Writer, doc: DocInput): Promise<void> {
  await dropDoc(db, doc.id);
  if (doc.body === '') return;
  await db.insertInto('search_docs').values(doc).execute();
  const rows = termsOf(doc.body).map((term) => ({
    term,
    public: doc.public,
    community_id: doc.community_id,
    created_at: doc.created_at,
    doc_id: doc.id,
  }));
  for (let i = 0; i < rows.length; i += TERMS_PER_INSERT) {
    await db
      .insertInto('search_terms')
      .values(rows.slice(i, i + TERMS_PER_INSERT))
      .execute();
  }
}

async function dropDoc(db: Writer, docId: string): Promise<void> {
  await db.deleteFrom('search_terms').where('doc_id', '=', docId).execute();
  await db.deleteFrom('search_docs').where('id', '=', docId).execute();
}

/** Indexes a matter's title and text for staff search (call when a matter is stored). */
export async function indexMatter(
  db: Writer,
  m: {
    id: string;
    title?: string | null;
    text: string;
    community_id: string;
    place_path: string;
    created_at: string;
  },
): Promise<void> {
  await putDoc(db, {
    id: `m:${m.id}`,
    entity_type: 'matter',
    entity_id: m.id,
    public: 0,
    community_id: m.community_id,
    place_path: m.place_path,
    created_at: m.created_at,
    body: searchBody([m.title, m.text]),
  });
}

/**
 * Indexes a problem as it now stands (call after storing or changing its title, place or public
 * summary): its title and summary for staff, and its summary alone for the public once published.
 * A problem that no longer exists (merged away) leaves the index.
 */
export async function indexProblem(db: Writer, problemId: string): Promise<void> {
  const p = await db
    .selectFrom('problems')
    .select(['id', 'title', 'public_summary', 'published_at', 'community_id', 'place_path', 'created_at'])
    .where('id', '=', problemId)
    .executeTakeFirst();
  if (!p) {
    await dropDoc(db, `p:${problemId}`);
    await dropDoc(db, `w:${problemId}`);
    return;
  }
  const common = {
    entity_type: 'problem' as const,
    entity_id: p.id,
    community_id: p.community_id,
    place_path: p.place_path,
    created_at: p.created_at,
  };
  await putDoc(db, { ...common, id: `p:${p.id}`, public: 0, body: searchBody([p.title, p.public_summary]) });
  const published = p.published_at !== null && p.public_summary;
  if (published)
    await putDoc(db, { ...common, id: `w:${p.id}`, public: 1, body: searchBody([p.public_summary]) });
  else await dropDoc(db, `w:${p.id}`);
}

async function reindexIn(trx: Trx): Promise<{ matters: number; problems: number }> {
  const matters = await trx
    .selectFrom('matters')
    .select(['id', 'title', 'text', 'community_id', 'place_path', 'created_at'])
    .execute();
  const problems = await trx.selectFrom('problems').select('id').execute();
  for (const m of matters) await indexMatter(trx, m);
  for (const p of problems) await indexProblem(trx, p.id);
  return { matters: matters.length, problems: problems.length };
}

/** Rebuilds the whole index from the tables (after restoring a backup made without it). */
export function reindexAll(db: Db): Promise<{ matters: number; problems: number }> {
  return db.transaction().execute(reindexIn);
}

const BACKFILLED = 'search.backfilled';

/** For a database written with its index already (the benchmark city): nothing is left to backfill. */
export async function markBackfilled(db: Db): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insertInto('app_meta')
    .values({ key: BACKFILLED, value: at, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * Indexes what was stored before the index existed (a database migrated to 0013 with matters in it),
 * once: the server that claims the marker does it, in the marker's transaction, so a second server
 * starting at the same time waits for it and then finds the work done.
 */
export async function backfillOnce(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('app_meta')
      .values({ key: BACKFILLED, value: new Date().toISOString(), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 1) await reindexIn(trx);
  });
}
