import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/transaction.ts';
import { percentiles } from '../../domain/figures/stats.ts';
import type { AppDeps } from '../../server/app-types.ts';
import { backfillFigures } from './rollup.ts';

// Medians and 90th percentiles do not add up from roll-ups; a job recomputes them for every community and
// every place above it, at least every five minutes, and the figures show them "as of" its last run.

export const DURATIONS_EVERY_SECONDS = 300;
/** Durations are over the problems opened in the last year: what a street is judged on now. */
const WINDOW_DAYS = 365;

function ancestorsOf(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i <= ids.length; i++) out.push(`/${ids.slice(0, i).join('/')}/`);
  return out;
}

/** Rows read at a time; the event loop serves requests between pages (a city's year is ~10⁵ problems). */
const PAGE = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Timing = {
  community_path: string;
  created_at: string;
  first_taken_at: string | null;
  resolved_at: string | null;
  id: string;
};

/** The problems opened since `since`, a page at a time in (created_at, id) order. */
async function* problemTimings(db: Db, since: string): AsyncGenerator<Timing[]> {
  let after: { created_at: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('problems')
      .innerJoin('places as community', 'community.id', 'problems.community_id')
      .select([
        'problems.id',
        'community.path as community_path',
        'problems.created_at',
        'problems.first_taken_at',
        'problems.resolved_at',
      ])
      .where('problems.created_at', '>=', since);
    if (after) {
      const { created_at, id } = after;
      // The plain bound lets the index start at the page's end; the pair breaks ties between equal times.
      query = query
        .where('problems.created_at', '>=', created_at)
        .where((eb) =>
          eb.or([
            eb('problems.created_at', '>', created_at),
            eb.and([eb('problems.created_at', '=', created_at), eb('problems.id', '>', id)]),
          ]),
        );
    }
    const page = await query.orderBy('problems.created_at').orderBy('problems.id').limit(PAGE).execute();
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page.at(-1)!;
    await nextTurn();
  }
}

export async function computeDurations(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const seconds = (from: number, to: string) => Math.round((Date.parse(to) - from) / 1000);
  type Values = { first_response: number[]; resolution: number[] };
  const values = new Map<string, Values>();
  // A community's problems all land in the same places: its own and those above it, looked up once.
  const placesOf = new Map<string, Values[]>();
  const valuesAt = (communityPath: string) => {
    let found = placesOf.get(communityPath);
    if (!found) {
      found = ancestorsOf(communityPath).map((path) => {
        let at = values.get(path);
        if (!at) {
          at = { first_response: [], resolution: [] };
          values.set(path, at);
        }
        return at;
      });
      placesOf.set(communityPath, found);
    }
    return found;
  };
  for await (const page of problemTimings(db, since)) {
    for (const row of page) {
      const created = Date.parse(row.created_at);
      const firstResponse = row.first_taken_at ? seconds(created, row.first_taken_at) : null;
      const resolution = row.resolved_at ? seconds(created, row.resolved_at) : null;
      for (const at of valuesAt(row.community_path)) {
        if (firstResponse !== null) at.first_response.push(firstResponse);
        if (resolution !== null) at.resolution.push(resolution);
      }
    }
  }
  const computedAt = now.toISOString();
  const out = [...values.entries()].flatMap(([placePath, metrics]) =>
    (['first_response', 'resolution'] as const).map((metric) => {
      const [median, p90] = percentiles(metrics[metric], [0.5, 0.9]);
      return {
        place_path: placePath,
        metric,
        n: metrics[metric].length,
        median_seconds: median ?? null,
        p90_seconds: p90 ?? null,
        computed_at: computedAt,
      };
    }),
  );
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('figure_durations').execute();
    for (let i = 0; i < out.length; i += 500)
      await trx
        .insertInto('figure_durations')
        .values(out.slice(i, i + 500))
        .execute();
  });
  return out.length;
}

/** Runs the durations job now and then every DURATIONS_EVERY_SECONDS; off where the sweeps are off (tests). */
export function startFigureJob(deps: AppDeps, log: FastifyBaseLogger): () => void {
  if (deps.config.SWEEP_INTERVAL_SECONDS === 0) return () => {};
  let backfilled = false;
  const run = async () => {
    try {
      // Once per start: records from before the roll-ups existed are counted in.
      if (!backfilled) {
        const counted = await backfillFigures(deps.database);
        if (counted > 0) log.info({ counted }, 'figures: roll-ups backfilled');
        backfilled = true;
      }
      await computeDurations(deps.database.db, new Date());
    } catch (error) {
      log.error({ err: error }, 'figures: durations job failed');
    }
  };
  void run();
  const timer = setInterval(() => void run(), DURATIONS_EVERY_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
