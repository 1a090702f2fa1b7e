import type { Db } from '../../db/transaction.ts';
import { RANKING_FORMULA, RANKING_MIN_MATTERS, rankingScore } from '../../domain/figures/stats.ts';
import { placesOfKind } from './figures.repo.ts';
import type { Ranking, RankingQuery } from './figures.schemas.ts';
import { figurePlace, monthTierServes, readBuckets } from './figures.service.ts';

/** Streets or communities by the three rates, by a stated formula that one fast case cannot top. */
export async function ranking(db: Db, query: RankingQuery, now: Date): Promise<Ranking> {
  const place = await figurePlace(db, query.placeId);
  const ranked = await placesOfKind(db, query.level, place?.path);
  const holder = (communityPath: string) => ranked.find((p) => communityPath.startsWith(p.path))?.path ?? '';
  const filter = { placePath: place?.path, from: query.from, to: query.to };
  const grain = query.level === 'street' ? 'streets' : 'communities';
  const byMonth = monthTierServes(filter, place?.kind, grain);
  const buckets = await readBuckets(db, filter, 'community_path', now, holder, byMonth);
  const rows = ranked.map((p) => {
    const bucket = buckets.get(p.path);
    const rates = bucket.rates();
    const collected = bucket.counts().collected;
    return {
      placeId: p.id,
      name: p.name,
      collected,
      rates,
      score: collected >= RANKING_MIN_MATTERS ? rankingScore(rates) : null,
      rank: null as number | null,
    };
  });
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.collected - a.collected);
  let rank = 0;
  for (const row of rows) if (row.score !== null) row.rank = ++rank;
  return {
    level: query.level,
    formula: RANKING_FORMULA,
    minMatters: RANKING_MIN_MATTERS,
    rows,
  };
}
