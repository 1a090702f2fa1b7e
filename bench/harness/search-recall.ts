import { bodyMatches, parseQuery, searchBody } from '../../src/domain/search/terms.ts';
import type { BenchContext, BenchSession } from './types.ts';

// The search scenarios' check after the load (issue 10: "every hit that a LIKE scan over the normalised
// text finds, checked over all pages"): each query is paged through to its last page over HTTP and
// compared, hit by hit and in order, with a scan of the source tables normalised in JavaScript — the
// matters and problems themselves, not the index's copy of them.

type Doc = { id: string; at: string; body: string };
const PAGE_SIZE = 100;

const newestFirst = (a: Doc, b: Doc) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

/** Everything a community office reads: the community's matters and problems (title and summary). */
export async function communityTexts(ctx: BenchContext, communityId: string): Promise<Doc[]> {
  const db = ctx.database.db;
  const matters = await db
    .selectFrom('matters')
    .select(['id', 'created_at', 'title', 'text'])
    .where('community_id', '=', communityId)
    .execute();
  const problems = await db
    .selectFrom('problems')
    .select(['id', 'created_at', 'title', 'public_summary'])
    .where('community_id', '=', communityId)
    .execute();
  return [
    ...matters.map((m) => ({ id: m.id, at: m.created_at, body: searchBody([m.title, m.text]) })),
    ...problems.map((p) => ({ id: p.id, at: p.created_at, body: searchBody([p.title, p.public_summary]) })),
  ];
}

/** What the echo wall reads: every published summary of the city. */
export async function publishedTexts(ctx: BenchContext): Promise<Doc[]> {
  const problems = await ctx.database.db
    .selectFrom('problems')
    .select(['id', 'created_at', 'public_summary'])
    .where('published_at', 'is not', null)
    .execute();
  return problems.map((p) => ({ id: p.id, at: p.created_at, body: searchBody([p.public_summary]) }));
}

/**
 * Pages through `path?q=…` to the end and compares with the scan of `texts`: answers the hits found,
 * the hits the scan finds, and how many of those the search missed, returned extra or misplaced.
 */
export async function recallOf(
  ctx: BenchContext,
  path: string,
  q: string,
  texts: readonly Doc[],
  session?: BenchSession,
) {
  const words = parseQuery(q);
  const expected = texts
    .filter((d) => bodyMatches(d.body, words))
    .sort(newestFirst)
    .map((d) => d.id);
  const found: string[] = [];
  let totals = new Set<number>();
  for (let page = 1; ; page++) {
    const response = await fetch(
      `${ctx.baseUrl}${path}?q=${encodeURIComponent(q)}&page=${page}&pageSize=${PAGE_SIZE}`,
      { headers: session ? ctx.as(session) : {} },
    );
    if (response.status !== 200) throw new Error(`${path}?q=${q} page ${page}: ${response.status}`);
    const body = (await response.json()) as { total: number; items: { id?: string; problemId: string }[] };
    totals = new Set([...totals, body.total]);
    found.push(...body.items.map((i) => i.id ?? i.problemId));
    if (body.items.length < PAGE_SIZE) break;
  }
  const want = new Set(expected);
  const got = new Set(found);
  const missed = expected.filter((id) => !got.has(id)).length;
  const extra = found.filter((id) => !want.has(id)).length;
  const misplaced = found.filter((id, i) => expected[i] !== id).length;
  const total = totals.size === 1 ? [...totals][0]! : -1;
  return { q, found: found.length, expected: expected.length, total, missed, extra, misplaced };
}

/** One line for the run's output and its result file: recall over every page of every query. */
export function summarise(results: Awaited<ReturnType<typeof recallOf>>[]): Record<string, string> {
  const expected = results.reduce((n, r) => n + r.expected, 0);
  const missed = results.reduce((n, r) => n + r.missed, 0);
  const wrong = results.filter((r) => r.extra + r.misplaced > 0 || r.total !== r.expected);
  return {
    recallVsLike: `${(((expected - missed) / Math.max(1, expected)) * 100).toFixed(2)}% of ${expected.toLocaleString('en')} hits over every page of ${results.length} queries`,
    exactPagesAndTotals: wrong.length === 0 ? 'yes' : `no: ${wrong.map((r) => r.q).join(', ')}`,
  };
}
