import { uuidv7 } from 'uuidv7';
import { isEmptyScope } from '../../db/fragments.ts';
import type { PlaceKind } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { PlaceRef } from '../access/actor.ts';
import {
  assertCan,
  can,
  inOrAbove,
  maskPhone,
  requireActor,
  scopeOf,
  withAncestors,
} from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByPhone } from '../auth/auth.repo.ts';
import {
  deleteMember,
  findMember,
  findParty,
  insertMember,
  insertParty,
  listParties as listPartyRows,
  membersOf,
  type PartyRow,
  partyNamedAt,
  renameParty as renamePartyRow,
} from './parties.repo.ts';
import type {
  MemberAdd,
  PartyCreate,
  PartyDetail,
  PartyListQuery,
  PartyPage,
  PartySummary,
} from './parties.schemas.ts';
import { findPlace } from './places.repo.ts';

/** A party operates at a compound or above: a building or a household is no party's place. */
export const partyPlaceKinds: readonly PlaceKind[] = ['city', 'district', 'street', 'community', 'compound'];

/** Parties act through their members: whether a user may act for a party. */
export async function isMemberOf(db: Db | Trx, userId: string, partyId: string): Promise<boolean> {
  return (await findMember(db, partyId, userId)) !== undefined;
}

function placeOf(party: PartyRow): PlaceRef {
  return { path: party.place_path, kind: party.place_kind as PlaceKind };
}

function summary(party: PartyRow, memberCount: number): PartySummary {
  return {
    id: party.id,
    kind: party.kind as PartySummary['kind'],
    name: party.name,
    placeId: party.place_id,
    placeName: party.place_name,
    memberCount,
    createdAt: party.created_at,
  };
}

/** A party the actor may see; one outside their scope is answered as not found, like one that is not there. */
async function visibleParty(tx: Tx, partyId: string): Promise<PartyRow> {
  requireActor(tx.actor);
  const party = await findParty(tx.db, partyId);
  if (!party || !inOrAbove(scopeOf(tx.actor, 'party.view'), placeOf(party).path))
    throw new AppError('not_found');
  return party;
}

async function manageableParty(tx: Tx, partyId: string): Promise<PartyRow> {
  const party = await visibleParty(tx, partyId);
  assertCan(tx.actor, 'party.manage', placeOf(party));
  return party;
}

export async function listParties(tx: Tx, query: PartyListQuery): Promise<PartyPage> {
  const own = scopeOf(requireActor(tx.actor), 'party.view');
  if (isEmptyScope(own)) throw new AppError('forbidden');
  const scope = withAncestors(own);
  let placePath: string | undefined;
  if (query.placeId) {
    const place = await findPlace(tx.db, query.placeId);
    if (!place) return { items: [], total: 0 };
    placePath = place.path;
  }
  const { rows, total } = await listPartyRows(tx.db, {
    scope,
    kind: query.kind,
    name: query.name || undefined,
    placePath,
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as PartySummary['kind'],
      name: r.name,
      placeId: r.place_id,
      placeName: r.place_name,
      memberCount: Number(r.member_count ?? 0),
      createdAt: r.created_at,
    })),
    total,
  };
}

export async function getParty(tx: Tx, partyId: string): Promise<PartyDetail> {
  const party = await visibleParty(tx, partyId);
  const place = placeOf(party);
  const showContact = can(tx.actor, 'person.contact', place);
  const members = await membersOf(tx.db, partyId);
  return {
    ...summary(party, members.length),
    canManage: can(tx.actor, 'party.manage', place),
    members: members.map((m) => ({
      userId: m.user_id,
      name: m.name,
      phone: showContact ? m.phone : maskPhone(m.phone),
      title: m.title,
    })),
  };
}

export async function createParty(tx: Tx, input: PartyCreate): Promise<PartyDetail> {
  const place = await findPlace(tx.db, input.placeId);
  if (!place) throw fieldError('placeId', 'not_found');
  assertCan(tx.actor, 'party.manage', place);
  if (!partyPlaceKinds.includes(place.kind))
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'placeId',
          message: {
            'zh-CN': '单位须设在小区或以上（社区、街道、区、市）',
            en: 'A party belongs to a compound or a place above it',
          },
        },
      ],
    });
  if (await partyNamedAt(tx.db, place.id, input.name)) throw fieldError('name', 'already_taken');
  const id = uuidv7();
  await insertParty(tx.db, {
    id,
    kind: input.kind,
    name: input.name,
    place_id: place.id,
    created_at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'party.created',
    entityType: 'party',
    entityId: id,
    changes: { kind: { to: input.kind }, name: { to: input.name }, placeId: { to: place.id } },
  });
  return getParty(tx, id);
}

export async function renameParty(tx: Tx, partyId: string, name: string): Promise<PartyDetail> {
  const party = await manageableParty(tx, partyId);
  if (name !== party.name) {
    const clash = await partyNamedAt(tx.db, party.place_id, name);
    if (clash) throw fieldError('name', 'already_taken');
    await renamePartyRow(tx.db, partyId, name);
    await recordAudit(tx, {
      action: 'party.renamed',
      entityType: 'party',
      entityId: partyId,
      changes: { name: { from: party.name, to: name } },
    });
  }
  return getParty(tx, partyId);
}

export async function addMember(tx: Tx, partyId: string, input: MemberAdd): Promise<PartyDetail> {
  await manageableParty(tx, partyId);
  const user = await findUserByPhone(tx.db, input.phone);
  if (user?.kind !== 'staff' || user.status !== 'active')
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'phone',
          message: {
            'zh-CN': '没有使用这个手机号的工作人员账号，请先邀请其注册',
            en: 'No staff account uses this phone number; invite them first',
          },
        },
      ],
    });
  if (await findMember(tx.db, partyId, user.id))
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'phone',
          message: { 'zh-CN': '此人已是本单位成员', en: 'This person is already a member' },
        },
      ],
    });
  await insertMember(tx.db, { party_id: partyId, user_id: user.id, title: input.title });
  await recordAudit(tx, {
    action: 'party.member_added',
    entityType: 'party',
    entityId: partyId,
    changes: { member: { to: user.id }, title: { to: input.title } },
  });
  return getParty(tx, partyId);
}

export async function removeMember(tx: Tx, partyId: string, userId: string): Promise<void> {
  await manageableParty(tx, partyId);
  const member = await findMember(tx.db, partyId, userId);
  if (!member) throw new AppError('not_found');
  await deleteMember(tx.db, partyId, userId);
  await recordAudit(tx, {
    action: 'party.member_removed',
    entityType: 'party',
    entityId: partyId,
    changes: { member: { from: userId }, title: { from: member.title } },
  });
}
