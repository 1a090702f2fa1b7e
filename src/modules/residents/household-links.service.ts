import { uuidv7 } from 'uuidv7';
import { AppError } from '../../server/errors.ts';
import type { Bilingual } from '../../server/i18n.ts';
import type { Tx } from '../../server/transaction.ts';
import type { PlaceRef } from '../access/actor.ts';
import { assertCan, can, grantsFor, maskName, maskPhone, requireActor, scopeOf } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countRecentFailures, recordFailure } from '../auth/auth.repo.ts';
import { placeLabels } from './place-label.ts';
import {
  countPendingLinks,
  findHousehold,
  findHouseholdByCode,
  findLink,
  findLinkOf,
  insertLink,
  linkQueue,
  linksOfUser,
  ownersOf,
  updateLink,
} from './residents.repo.ts';
import type { LinkDecision, LinkQueue, LinkQueueQuery, MyLink } from './residents.schemas.ts';

// A resident may wait on a few households at once (a flat of their own, their parents'), not on a
// building's worth: requests are cheap to make and cost staff time to refuse.
const MAX_PENDING_LINKS = 3;
// Household codes are short enough to type from a notice; wrong ones are counted so they cannot be guessed.
const CODE_TRIES_PER_HOUR = 10;

/** Wrong household codes are counted per account, in the table that counts failed sign-ins. */
export function householdCodeAccount(userId: string) {
  return `household-code:${userId}`;
}

function refusal(field: string, message: Bilingual) {
  return new AppError('validation_failed', { fields: [{ field, message }] });
}

/** A failed try is counted and committed; the route answers the failure after the commit. */
export type LinkResult = { ok: true; link: MyLink } | { ok: false; error: AppError };

type LinkRow = NonNullable<Awaited<ReturnType<typeof findLink>>>;

function toMyLink(link: LinkRow, label: (path: string) => string): MyLink {
  return {
    id: link.id,
    householdId: link.household_id,
    place: label(link.path),
    status: link.status,
    via: link.via,
    createdAt: link.created_at,
    decidedAt: link.decided_at,
  };
}

async function view(tx: Tx, link: LinkRow): Promise<MyLink> {
  return toMyLink(link, await placeLabels(tx.db, [link.path]));
}

/** The code printed on a household's notice proves the claim: the link is confirmed at once. */
export async function linkByHouseholdCode(tx: Tx, code: string): Promise<LinkResult> {
  const actor = requireActor(tx.actor);
  const account = householdCodeAccount(actor.userId);
  const hourAgo = new Date(tx.now.getTime() - 3_600_000).toISOString();
  if ((await countRecentFailures(tx.db, account, hourAgo)) >= CODE_TRIES_PER_HOUR)
    return { ok: false, error: new AppError('rate_limited') };
  const household = await findHouseholdByCode(tx.db, code);
  if (!household) {
    await recordFailure(tx.db, account, tx.now.toISOString());
    return {
      ok: false,
      error: refusal('code', {
        'zh-CN': '没有找到这个户号，请核对通知上的户号',
        en: 'No household has this code; check the code on the notice',
      }),
    };
  }
  const existing = await findLinkOf(tx.db, actor.userId, household.id);
  if (existing?.status === 'confirmed') return { ok: true, link: await view(tx, existing) };
  const now = tx.now.toISOString();
  const decided = { status: 'confirmed', via: 'household_code', decided_by: null, decided_at: now } as const;
  const id = existing?.id ?? uuidv7();
  if (existing) await updateLink(tx.db, id, decided);
  else
    await insertLink(tx.db, {
      id,
      user_id: actor.userId,
      household_id: household.id,
      created_at: now,
      ...decided,
    });
  await recordAudit(tx, {
    action: 'household_link.confirmed',
    entityType: 'household_link',
    entityId: id,
    changes: {
      household: { to: household.id },
      status: { from: existing?.status ?? null, to: 'confirmed' },
      via: { to: 'household_code' },
    },
  });
  return { ok: true, link: await view(tx, (await findLink(tx.db, id))!) };
}

/** A claim on a chosen household, for community staff or the grid worker to confirm or refuse. */
export async function requestLink(tx: Tx, householdId: string): Promise<MyLink> {
  const actor = requireActor(tx.actor);
  const household = await findHousehold(tx.db, householdId);
  if (!household) throw refusal('householdId', { 'zh-CN': '找不到所选的房屋', en: 'No such household' });
  const existing = await findLinkOf(tx.db, actor.userId, household.id);
  if (existing && existing.status !== 'rejected') return view(tx, existing);
  if ((await countPendingLinks(tx.db, actor.userId)) >= MAX_PENDING_LINKS)
    throw refusal('householdId', {
      'zh-CN': `您已有 ${MAX_PENDING_LINKS} 个申请在等待确认，请等社区处理后再申请`,
      en: `You already have ${MAX_PENDING_LINKS} requests waiting; please wait until they are decided`,
    });
  const now = tx.now.toISOString();
  // Asking again after a refusal starts a new request; the refusal stays in the audit history.
  const pending = {
    status: 'pending',
    via: 'staff',
    decided_by: null,
    decided_at: null,
    created_at: now,
  } as const;
  const id = existing?.id ?? uuidv7();
  if (existing) await updateLink(tx.db, id, pending);
  else await insertLink(tx.db, { id, user_id: actor.userId, household_id: household.id, ...pending });
  await recordAudit(tx, {
    action: 'household_link.requested',
    entityType: 'household_link',
    entityId: id,
    changes: { household: { to: household.id }, status: { from: existing?.status ?? null, to: 'pending' } },
  });
  return view(tx, (await findLink(tx.db, id))!);
}

export async function myLinks(tx: Tx): Promise<MyLink[]> {
  const actor = requireActor(tx.actor);
  const rows = await linksOfUser(tx.db, actor.userId);
  const label = await placeLabels(
    tx.db,
    rows.map((r) => r.path),
  );
  return rows.map((link) => toMyLink(link, label));
}

/** Confirms or refuses a pending claim; only staff who may decide at the household's place. */
export async function decideLink(tx: Tx, id: string, decision: LinkDecision['decision']): Promise<MyLink> {
  const link = await findLink(tx.db, id);
  if (!link) throw new AppError('not_found');
  const actor = assertCan(tx.actor, 'household_link.decide', { path: link.path, kind: 'household' });
  // Nobody vouches for their own claim.
  if (link.user_id === actor.userId) throw new AppError('forbidden');
  if (link.status !== 'pending') throw new AppError('invalid_state', { params: { state: link.status } });
  const status = decision === 'confirm' ? 'confirmed' : 'rejected';
  const now = tx.now.toISOString();
  await updateLink(tx.db, id, { status, via: 'staff', decided_by: actor.userId, decided_at: now });
  await recordAudit(tx, {
    action: decision === 'confirm' ? 'household_link.confirmed' : 'household_link.refused',
    entityType: 'household_link',
    entityId: id,
    changes: { status: { from: 'pending', to: status } },
  });
  return view(tx, { ...link, status, via: 'staff', decided_at: now });
}

/**
 * The queue of claims at households the viewer can see. Everyone who may see households sees it (property
 * staff compare claims with their own records), names and phones masked unless the viewer may see contacts;
 * only those who may decide get the buttons.
 */
export async function householdLinkQueue(tx: Tx, query: LinkQueueQuery): Promise<LinkQueue> {
  const actor = requireActor(tx.actor);
  if (grantsFor(actor, 'household.view').length === 0) throw new AppError('forbidden');
  const { rows, total } = await linkQueue(tx.db, scopeOf(actor, 'household.view'), query);
  const owners = await ownersOf(
    tx.db,
    rows.map((r) => r.household_id),
  );
  const label = await placeLabels(
    tx.db,
    rows.map((r) => r.path),
  );
  const items = rows.map((row) => {
    const place: PlaceRef = { path: row.path, kind: 'household' };
    const unmasked = can(actor, 'person.contact', place);
    const name = (value: string | null) => (unmasked ? value : maskName(value));
    const phone = (value: string | null) => (unmasked ? value : maskPhone(value));
    return {
      id: row.id,
      status: row.status,
      via: row.via,
      createdAt: row.created_at,
      decidedAt: row.decided_at,
      resident: { name: name(row.name), phone: phone(row.phone) },
      household: { id: row.household_id, place: label(row.path) },
      owners: owners
        .filter((o) => o.household_id === row.household_id)
        .map((o) =>
          o.person_id
            ? { kind: 'person' as const, name: name(o.name), phone: phone(o.phone) }
            : { kind: 'party' as const, name: o.party_name ?? '' },
        ),
      canDecide: can(actor, 'household_link.decide', place) && row.user_id !== actor.userId,
      unmasked,
    };
  });
  return { items, total };
}
