import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/transaction.ts';
import type { Category, Level } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { can, requireActor, scopeOf, withAncestors } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findPlace } from '../places/places.repo.ts';
import { placeFor } from '../places/visibility.ts';
import { findRule, ruleAt, rulePage } from './dispatch-rules.repo.ts';
import type {
  DispatchRuleChange,
  DispatchRuleInput,
  DispatchRuleQuery,
  DispatchRuleView,
} from './dispatch-rules.schemas.ts';

type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

function view(r: RuleRow): DispatchRuleView {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    category: r.category as Category,
    placeId: r.place_id,
    placeName: r.place_name,
    partyId: r.party_id,
    partyName: r.party_name,
    userId: r.user_id,
    userName: r.user_name,
    level: r.level as Level,
    createdAt: r.created_at,
  };
}

/**
 * The catalogues a worker reads: those of the communities where they dispatch (a grid worker's community
 * lies above their grid) or keep the catalogue. Someone who does neither anywhere is refused.
 */
export async function listRules(db: Db, actor: Actor | null, query: DispatchRuleQuery) {
  const who = requireActor(actor);
  const dispatching = withAncestors(scopeOf(who, 'matter.triage'));
  const keeping = scopeOf(who, 'dispatch_rule.manage');
  const communities = {
    prefixes: [...dispatching.prefixes, ...keeping.prefixes],
    exact: [...dispatching.exact, ...keeping.exact],
  };
  if (communities.prefixes.length === 0 && communities.exact.length === 0) throw new AppError('forbidden');
  const { items, total } = await rulePage(db, communities, query);
  return { items: items.map(view), total };
}

/** A party or one staff member, exactly one, that exists. */
async function checkHandler(tx: Tx, handler: { partyId?: string; userId?: string }) {
  if (Boolean(handler.partyId) === Boolean(handler.userId)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'partyId',
          message: {
            'zh-CN': '请选择一个承办单位或一位工作人员',
            en: 'Choose one party or one staff member',
          },
        },
      ],
    });
  }
  const found = handler.partyId
    ? await tx.db.selectFrom('parties').select('id').where('id', '=', handler.partyId).executeTakeFirst()
    : await tx.db
        .selectFrom('users')
        .select('id')
        .where('id', '=', handler.userId!)
        .where('kind', '=', 'staff')
        .executeTakeFirst();
  if (!found) {
    throw new AppError('validation_failed', {
      fields: [{ field: handler.partyId ? 'partyId' : 'userId', message: 'not_found' }],
    });
  }
}

async function ruleToKeep(tx: Tx, id: string) {
  requireActor(tx.actor);
  const rule = await findRule(tx.db, id);
  const place = rule && { path: rule.community_path, kind: 'community' as const };
  // Out of sight reads as absent; in sight but not theirs to keep is forbidden.
  if (
    !rule ||
    !place ||
    !(can(tx.actor, 'problem.view', place) || can(tx.actor, 'dispatch_rule.manage', place))
  )
    throw new AppError('not_found');
  if (!can(tx.actor, 'dispatch_rule.manage', place)) throw new AppError('forbidden');
  return rule;
}

export async function createRule(tx: Tx, input: DispatchRuleInput): Promise<DispatchRuleView> {
  const community = await placeFor(tx, 'dispatch_rule.manage', input.communityId, ['community']);
  let placeId: string | null = null;
  if (input.placeId && input.placeId !== community.id) {
    const place = await findPlace(tx.db, input.placeId);
    if (!place?.path.startsWith(community.path))
      throw new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });
    placeId = place.id;
  }
  await checkHandler(tx, input);
  if (await ruleAt(tx.db, community.id, input.category, placeId)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'category',
          message: {
            'zh-CN': '此类别在此处已有派单规则，请修改原规则',
            en: 'This category already has a rule here; change that one',
          },
        },
      ],
    });
  }
  const id = uuidv7();
  await tx.db
    .insertInto('dispatch_rules')
    .values({
      id,
      community_id: community.id,
      category: input.category,
      place_id: placeId,
      party_id: input.partyId ?? null,
      user_id: input.partyId ? null : (input.userId ?? null),
      level: input.level,
      created_at: tx.now.toISOString(),
    })
    .execute();
  await recordAudit(tx, {
    action: 'dispatch_rule.create',
    entityType: 'dispatch_rule',
    entityId: id,
    changes: {
      community: { to: community.id },
      category: { to: input.category },
      place: { to: placeId },
      party: { to: input.partyId ?? null },
      user: { to: input.userId ?? null },
      level: { to: input.level },
    },
  });
  return view((await findRule(tx.db, id))!);
}

export async function changeRule(tx: Tx, id: string, change: DispatchRuleChange): Promise<DispatchRuleView> {
  const rule = await ruleToKeep(tx, id);
  await checkHandler(tx, change);
  const next = { party_id: change.partyId ?? null, user_id: change.partyId ? null : (change.userId ?? null) };
  await tx.db
    .updateTable('dispatch_rules')
    .set({ ...next, level: change.level })
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, {
    action: 'dispatch_rule.change',
    entityType: 'dispatch_rule',
    entityId: id,
    changes: {
      party: { from: rule.party_id, to: next.party_id },
      user: { from: rule.user_id, to: next.user_id },
      level: { from: rule.level, to: change.level },
    },
  });
  return view((await findRule(tx.db, id))!);
}

export async function deleteRule(tx: Tx, id: string) {
  const rule = await ruleToKeep(tx, id);
  await tx.db.deleteFrom('dispatch_rules').where('id', '=', id).execute();
  await recordAudit(tx, {
    action: 'dispatch_rule.delete',
    entityType: 'dispatch_rule',
    entityId: id,
    changes: {
      category: { from: rule.category },
      party: { from: rule.party_id },
      user: { from: rule.user_id },
    },
  });
}
