import { sql } from 'kysely';
import { type PathScope, pathBelow, pathInScope } from '../../db/fragments.ts';
import { prepared } from '../../db/prepared.ts';
import { type Db, pathRange, type Trx } from '../../db/transaction.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';

/** Problems still being worked on: a new voice or a merge can still join them. */

// A problem's matters beyond these add little to how it reads and cost time on every keystroke.
const TEXTS_PER_PROBLEM = 5;

/** Open problems at or below a place, with the texts of their first matters (for comparison only). */
export async function openProblemsUnder(db: Db | Trx, path: string, scope?: PathScope, limit = 2000) {
  let q = db
    .selectFrom('problems')
    .select([
      'id',
      'title',
      'category',
      'state',
      'place_path',
      'public_summary',
      'published_at',
      'created_at',
      'updated_at',
    ])
    .where(pathBelow(sql.ref('place_path'), path))
    .where('state', 'in', [...unsolvedProblemStates]);
  if (scope) q = q.where(pathInScope(sql.ref('place_path'), scope));
  const problems = await q.orderBy('created_at', 'desc').limit(limit).execute();
  const texts = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (let i = 0; i < problems.length; i += 500) {
    const ids = problems.slice(i, i + 500).map((p) => p.id);
    const rows = await db
      .selectFrom('matters')
      .select(['problem_id', 'title', 'text'])
      .where('problem_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    for (const r of rows) {
      const id = r.problem_id!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const list = texts.get(id) ?? [];
      if (list.length < TEXTS_PER_PROBLEM) list.push(`${r.title ?? ''} ${r.text}`);
      texts.set(id, list);
    }
  }
  return problems.map((p) => ({ ...p, texts: texts.get(p.id) ?? [], voices: counts.get(p.id) ?? 0 }));
}

/** Matters waiting in the inbox at or below a place and in a scope. */
export function submittedMattersUnder(db: Db, path: string, scope: PathScope, limit = 3000) {
  return db
    .selectFrom('matters')
    .innerJoin('places', 'places.id', 'matters.place_id')
    .select([
      'matters.id',
      'matters.title',
      'matters.text',
      'matters.category',
      'matters.place_path',
      'matters.created_at',
      'places.name as place_name',
    ])
    .where('matters.state', '=', 'submitted')
    .where(pathBelow(sql.ref('matters.place_path'), path))
    .where(pathInScope(sql.ref('matters.place_path'), scope))
    .orderBy('matters.created_at', 'desc')
    .limit(limit)
    .execute();
}

// Each keystroke of a resident's draft asks it: built and compiled once (src/db/prepared.ts).
const openProblemsSummary = prepared((db: Db, from: string, to: string) =>
  db
    .selectFrom('problems')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
    .where('place_path', '>=', from)
    .where('place_path', '<', to)
    .where('state', 'in', [...unsolvedProblemStates]),
);

/**
 * What has changed among a compound's open problems since a cached comparison index was built: one
 * range over the problems' place index (a join with the matters would scan them on PostgreSQL).
 * Whatever changes how a problem reads (a voice joining, a summary published) moves its updated_at.
 */
export async function openProblemsSignature(db: Db, path: string): Promise<string> {
  const { from, to } = pathRange(path);
  const [row] = await openProblemsSummary(db, from, to);
  return `${Number(row!.n)}|${row!.at ?? ''}`;
}
