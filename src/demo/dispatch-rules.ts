import { createRule } from '../modules/dispatch-rules/dispatch-rules.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlaces } from './tree.ts';

/**
 * The dispatch catalogues of the reference communities: property matters to the property company at compound
 * level (小事小区办), fire hazards in stairwells to the community (大事社区帮). Planted after the demo's matters,
 * so the stories keep the levels they were told with; new problems get these proposals at once.
 */
export async function plantDispatchRules(tx: Tx, places: DemoPlaces, parties: Record<DemoPartyKey, string>) {
  const rules = [
    { at: places.fuping, category: 'property_service', partyId: parties.fupingProperty, level: 'compound' },
    { at: places.fuping, category: 'fire_safety', partyId: parties.fupingProperty, level: 'community' },
    { at: places.tanglai, category: 'property_service', partyId: parties.tanglaiProperty, level: 'compound' },
  ] as const;
  for (const rule of rules) {
    // The ladder's story (src/demo/ladder.ts) may have set this community's rule for the category already.
    const told = await tx.db
      .selectFrom('dispatch_rules')
      .select('id')
      .where('community_id', '=', rule.at.id)
      .where('category', '=', rule.category)
      .where('place_id', 'is', null)
      .executeTakeFirst();
    if (told) continue;
    await createRule(tx, {
      communityId: rule.at.id,
      category: rule.category,
      partyId: rule.partyId,
      level: rule.level,
    });
  }
}
