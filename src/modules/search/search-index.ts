import { sql } from 'kysely';
import { chunks, idLists, onPostgres } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { type Audience, searchBody, wordsOf } from '../../domain/search/terms.ts';

// Writes the search index in the transaction that writes the text, so a search never misses a
// committed matter or problem and never finds a rolled-back one. Callers: the matters and problems
// repositories and services (one call where they store text, with one row or many: the bench's
// generated city writes thousands through the same functions) and whoever publishes a problem's
// public summary. The layout is in docs/decisions/0017-search-index-compact.md.

type Writer = Db | Trx;

interface DocInput {
  entity_type: 'matter' | 'problem';
  entity_id: string;
  public: Audience;
  community_id: string;
  created_at: string;
  body: string;
}

// Rows written by one statement: a sane size on both drivers (SQLite allows 32,766 bound values,
// PostgreSQL 65,535). Lists of ids read by `in (…)` are shorter (idLists).
const PER_STATEMENT = 500;

/** The ids of those words the dictionary holds; a word it lacks is in no indexed text. */
export async function knownWords(db: Writer, words: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of idLists([...new Set(words)])) {
    const rows = await db
      .selectFrom('search_words')
      .select(['id', 'word'])
      .where('word', 'in', part)
      .execute();
    for (const r of rows) ids.set(r.word, Number(r.id));
  }
  return ids;
}

// The ids a transaction has read or added, kept while it lasts: a community of the generated city (one
// transaction) files thousands of texts under mostly the same few thousand words. Never kept past the
// transaction: an id it added is gone if it rolls back.
const seenIn = new WeakMap<Writer, Map<string, number>>();

/**
 * The ids of each text's words, adding the new words to the dictionary. Two PostgreSQL transactions
 * adding the same word: the second waits on the first's unique entry and then reads its id (each
 * statement sees what has committed before it).
 */
async function wordIdsOf(db: Writer, texts: readonly string[][]): Promise<number[][]> {
  let ids = seenIn.get(db);
  if (!ids) {
    ids = new Map();
    if (db.isTransaction) seenIn.set(db, ids);
  }
  const unknown = new Set<string>();
  for (const words of texts) for (const w of words) if (!ids.has(w)) unknown.add(w);
  if (unknown.size > 0) {
    for (const [word, id] of await knownWords(db, [...unknown])) {
      ids.set(word, id);
      unknown.delete(word);
    }
  }
  if (unknown.size > 0) {
    const missing = [...unknown];
    for (const part of chunks(missing, PER_STATEMENT))
      await db
        .insertInto('search_words')
        .values(part.map((word) => ({ word })))
        .onConflict((oc) => oc.column('word').doNothing())
        .execute();
    for (const [word, id] of await knownWords(db, missing)) ids.set(word, id);
  }
  const known = ids;
  return texts.map((words) => words.map((w) => known.get(w)!));
}

async function putDocs(db: Writer, docs: readonly DocInput[]): Promise<void> {
  const kept = docs.filter((d) => d.body !== '');
  if (kept.length === 0) return;
  const tokens = await wordIdsOf(
    db,
    kept.map((d) => wordsOf(d.public, d.community_id, d.body)),
  );
  const pg = onPostgres(db);
  for (let i = 0; i < kept.length; i += PER_STATEMENT) {
    const part = kept.slice(i, i + PER_STATEMENT);
    if (pg) {
      await db
        .insertInto('search_docs')
        .values(part.map((d, j) => ({ ...d, words: tokens[i + j]! })))
        .execute();
      continue;
    }
    const inserted = await db
      .insertInto('search_docs')
      .values(part)
      .returning(['id', 'entity_id', 'public'])
      .execute();
    const rowid = new Map(inserted.map((r) => [`${r.public}:${r.entity_id}`, Number(r.id)]));
    // The text's word ids, one token each, under the text's rowid.
    const values = part.map(
      (d, j) => sql`(${rowid.get(`${d.public}:${d.entity_id}`)!}, ${tokens[i + j]!.join(' ')})`,
    );
    await sql`insert into search_fts (rowid, words) values ${sql.join(values)}`.execute(db);
  }
}

async function dropDocs(db: Writer, entityIds: readonly string[]): Promise<void> {
  const pg = onPostgres(db);
  for (const part of idLists(entityIds)) {
    if (pg) {
      await db.deleteFrom('search_docs').where('entity_id', 'in', part).execute();
      continue;
    }
    const gone = await db.deleteFrom('search_docs').where('entity_id', 'in', part).returning('id').execute();
    if (gone.length > 0)
      await sql`delete from search_fts where rowid in (${sql.join(gone.map((g) => Number(g.id)))})`.execute(
        db,
      );
  }
}

export interface MatterText {
  id: string;
  title?: string | null;
  text: string;
  community_id: string;
  created_at: string;
}

/** Indexes matters' titles and texts for staff search (call where matters are stored: one or many). */
export async function indexMatters(db: Writer, matters: readonly MatterText[]): Promise<void> {
  if (matters.length === 0) return;
  await dropDocs(
    db,
    matters.map((m) => m.id),
  );
  await putDocs(
    db,
    matters.map((m) => ({
      entity_type: 'matter',
      entity_id: m.id,
      public: 0,
      community_id: m.community_id,
      created_at: m.created_at,
      body: searchBody([m.title, m.text]),
    })),
  );
}

export function indexMatter(db: Writer, matter: MatterText): Promise<void> {
  return indexMatters(db, [matter]);
}

/**
 * Indexes problems as they now stand (call after storing or changing a title, place or public
 * summary): title and summary for staff, and the summary alone for the public once published. A
 * problem that no longer exists (merged away) leaves the index.
 */
export async function indexProblems(db: Writer, problemIds: readonly string[]): Promise<void> {
  for (const part of idLists([...new Set(problemIds)])) {
    const problems = await db
      .selectFrom('problems')
      .select(['id', 'title', 'public_summary', 'published_at', 'community_id', 'created_at'])
      .where('id', 'in', part)
      .execute();
    await dropDocs(db, part);
    await putDocs(
      db,
      problems.flatMap((p) => {
        const common = {
          entity_type: 'problem' as const,
          entity_id: p.id,
          community_id: p.community_id,
          created_at: p.created_at,
        };
        const staff = { ...common, public: 0 as const, body: searchBody([p.title, p.public_summary]) };
        if (p.published_at === null || !p.public_summary) return [staff];
        return [staff, { ...common, public: 1 as const, body: searchBody([p.public_summary]) }];
      }),
    );
  }
}

export function indexProblem(db: Writer, problemId: string): Promise<void> {
  return indexProblems(db, [problemId]);
}

const REINDEX_BATCH = 2_000;

async function reindexIn(trx: Trx): Promise<{ matters: number; problems: number }> {
  await trx.deleteFrom('search_docs').execute();
  if (!onPostgres(trx)) await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(trx);
  let matters = 0;
  for (let after = ''; ; ) {
    const page = await trx
      .selectFrom('matters')
      .select(['id', 'title', 'text', 'community_id', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(REINDEX_BATCH)
      .execute();
    if (page.length === 0) break;
    await indexMatters(trx, page);
    matters += page.length;
    after = page.at(-1)!.id;
  }
  let problems = 0;
  for (let after = ''; ; ) {
    const page = await trx
      .selectFrom('problems')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(REINDEX_BATCH)
      .execute();
    if (page.length === 0) break;
    await indexProblems(
      trx,
      page.map((p) => p.id),
    );
    problems += page.length;
    after = page.at(-1)!.id;
  }
  return { matters, problems };
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
 * Indexes what was stored before the index existed (a database migrated to 0017 with matters in it),
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
