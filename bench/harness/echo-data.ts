import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/db/database.ts';
import { backfillFigures } from '../../src/modules/figures/rollup.ts';
import { indexMatters, indexProblems } from '../../src/modules/search/search-index.ts';
import type { PlaceRef } from './city.ts';

// Published problems with their matters for the echo-wall and figures scenarios, until the matters
// capability adds matters to the generated city: written in bulk, then counted into the roll-ups the way a
// database from before them is.

const categories = [
  'environment',
  'property_service',
  'elderly_children',
  'fire_safety',
  'old_compound_renovation',
];
const channels = ['online', 'wechat', 'phone', 'visit'];
const states = ['resolved', 'closed', 'in_progress', 'dispatched'];

export async function publishedProblems(database: Database, community: PlaceRef, count: number) {
  const { db } = database;
  const existing = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', community.id)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) >= count) return;
  const start = Date.parse('2026-01-05T02:00:00Z');
  for (let batch = 0; batch < count; batch += 200) {
    const problems = [];
    const matters = [];
    for (let i = batch; i < Math.min(count, batch + 200); i++) {
      const id = uuidv7();
      const created = new Date(start + i * 3_600_000).toISOString();
      const state = states[i % states.length]!;
      const solved = state === 'resolved' || state === 'closed';
      problems.push({
        id,
        community_id: community.id,
        place_id: community.id,
        place_path: community.path,
        category: categories[i % categories.length]!,
        title: `问题 ${i}`,
        state,
        level: 'community',
        urgency: 2,
        severity: 2,
        priority: 4,
        deadline_at: null,
        first_taken_at: new Date(Date.parse(created) + 7_200_000).toISOString(),
        resolved_at: solved ? new Date(Date.parse(created) + 86_400_000).toISOString() : null,
        closed_at: null,
        public_summary: `小区第 ${i} 个问题的公开摘要：路灯、楼道、绿化。`,
        published_at: new Date(Date.parse(created) + 3_600_000).toISOString(),
        created_at: created,
        updated_at: created,
      });
      for (let v = 0; v < 1 + (i % 3); v++) {
        matters.push({
          id: uuidv7(),
          problem_id: id,
          kind: 'problem',
          title: null,
          text: '居民反映的问题',
          category: categories[i % categories.length]!,
          community_id: community.id,
          place_id: community.id,
          place_path: community.path,
          channel: channels[(i + v) % channels.length]!,
          hotline_no: null,
          submitter_user_id: null,
          submitter_person_id: null,
          recorded_by: null,
          state: solved && v === 0 ? 'confirmed' : 'accepted',
          decline_reason: null,
          feedback_solved: solved && v === 0 ? 1 : null,
          rating: solved && v === 0 ? 4 + (i % 2) : null,
          feedback_comment: null,
          feedback_at: null,
          closed_at: null,
          created_at: created,
          updated_at: created,
        });
      }
    }
    await db.insertInto('problems').values(problems).execute();
    await db.insertInto('matters').values(matters).execute();
    await indexProblems(
      db,
      problems.map((p) => p.id),
    );
    await indexMatters(db, matters);
  }
  await backfillFigures(database);
}
