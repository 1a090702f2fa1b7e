import type { Db, Trx } from '../../db/transaction.ts';
import { type Level, levels } from '../../domain/matters/vocabulary.ts';

export type Handler = { partyId: string | null; userId: string | null; level: Level; ruleId: string };

/**
 * The dispatch catalogue's proposal for a matter: the rule of its community and category whose place
 * is the nearest at or above the matter's place; a rule without a place covers the whole community.
 * Of equally near rules the lowest level's wins; with `level`, only that level's rules count (the ladder's
 * next handler).
 */
export async function proposedHandler(
  db: Db | Trx,
  matter: { community_id: string; category: string; place_path: string },
  level?: Level,
): Promise<Handler | undefined> {
  const rules = await db
    .selectFrom('dispatch_rules')
    .leftJoin('places', 'places.id', 'dispatch_rules.place_id')
    .select([
      'dispatch_rules.id',
      'dispatch_rules.party_id',
      'dispatch_rules.user_id',
      'dispatch_rules.level',
      'places.path',
    ])
    .where('dispatch_rules.community_id', '=', matter.community_id)
    .where('dispatch_rules.category', '=', matter.category)
    .execute();
  const applicable = rules
    .filter((r) => r.path === null || matter.place_path.startsWith(r.path))
    .filter((r) => level === undefined || r.level === level)
    .sort(
      (a, b) =>
        (b.path?.length ?? 0) - (a.path?.length ?? 0) ||
        levels.indexOf(a.level as Level) - levels.indexOf(b.level as Level),
    );
  const best = applicable[0];
  return best
    ? { partyId: best.party_id, userId: best.user_id, level: best.level as Level, ruleId: best.id }
    : undefined;
}
