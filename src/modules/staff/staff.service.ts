import { uuidv7 } from 'uuidv7';
import { isEmptyScope } from '../../db/fragments.ts';
import type { PlaceKind } from '../../db/schema.ts';
import { personal } from '../../domain/audit/chain.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, maskPhone, requireActor, scopeOf } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findPlace } from '../parties/places.repo.ts';
import { assertMayGrant, type GrantTarget, resolveGrantTarget } from './grant-target.ts';
import {
  countGrants,
  deleteGrant,
  ensureMember,
  findGrant,
  grantsInScope,
  gridsInScope,
  hasGrantInScope,
  insertGrant,
  insertPerson,
  insertUser,
  listStaffUsers,
  sameGrant,
} from './staff.repo.ts';
import type { GrantInput, GridOption, StaffGrant, StaffListQuery, StaffPage } from './staff.schemas.ts';

function grantScope(tx: Tx) {
  const scope = scopeOf(requireActor(tx.actor), 'role.grant');
  if (isEmptyScope(scope)) throw new AppError('forbidden');
  return scope;
}

export async function listStaff(tx: Tx, query: StaffListQuery): Promise<StaffPage> {
  const scope = grantScope(tx);
  let placePath: string | undefined;
  if (query.placeId) {
    const place = await findPlace(tx.db, query.placeId);
    if (!place) return { items: [], total: 0 };
    placePath = place.path;
  }
  const { rows, total } = await listStaffUsers(tx.db, {
    scope,
    role: query.role,
    placePath,
    name: query.name || undefined,
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const grants = await grantsInScope(
    tx.db,
    rows.map((r) => r.id),
    scope,
  );
  return {
    items: rows.map((user) => {
      const own = grants.filter((g) => g.user_id === user.id);
      const showContact = own.some(
        (g) =>
          g.scope_path &&
          can(tx.actor, 'person.contact', { path: g.scope_path, kind: g.scope_kind as PlaceKind }),
      );
      return {
        userId: user.id,
        name: user.name,
        phone: showContact ? user.phone : maskPhone(user.phone),
        status: user.status,
        grantedAt: user.granted_at,
        grants: own.map(
          (g): StaffGrant => ({
            id: g.id,
            role: g.role as Role,
            placeId: g.place_id,
            placeName: g.place_name,
            gridId: g.grid_id,
            gridName: g.grid_name,
            partyId: g.party_id,
            partyName: g.party_name,
            sector: g.sector,
            createdAt: g.created_at,
          }),
        ),
      };
    }),
    total,
  };
}

/** Stores a checked grant for a user (a party role makes them a member too) and audits it on the user. */
export async function storeGrant(
  tx: Tx,
  userId: string,
  target: GrantTarget,
  by: { grantedBy: string | null; actorId?: string },
): Promise<string> {
  const { grantedBy } = by;
  const row = {
    user_id: userId,
    role: target.role,
    place_id: target.placeId,
    grid_id: target.gridId,
    party_id: target.partyId,
  };
  if (await sameGrant(tx.db, row))
    throw new AppError('conflict', {
      fields: [
        {
          field: 'role',
          message: { 'zh-CN': '此人已在此处担任该角色', en: 'This person already holds this role here' },
        },
      ],
    });
  const id = uuidv7();
  await insertGrant(tx.db, {
    id,
    ...row,
    sector: target.sector,
    granted_by: grantedBy,
    created_at: tx.now.toISOString(),
  });
  const joined = target.partyId ? await ensureMember(tx.db, target.partyId, userId) : false;
  await recordAudit(tx, {
    action: 'staff.role_granted',
    entityType: 'user',
    entityId: userId,
    actorId: by.actorId,
    changes: {
      grant: { to: id },
      grantedBy: { to: grantedBy },
      role: { to: target.role },
      placeId: { to: target.placeId },
      gridId: { to: target.gridId },
      partyId: { to: target.partyId },
      sector: { to: target.sector },
      ...(joined ? { memberOf: { to: target.partyId } } : {}),
    },
  });
  return id;
}

/** A new staff account (a person with a user), audited with its personal fields as digests. */
export async function createStaffAccount(
  tx: Tx,
  input: { name: string; phone: string; passwordHash: string },
): Promise<string> {
  const now = tx.now.toISOString();
  const personId = uuidv7();
  const userId = uuidv7();
  await insertPerson(tx.db, { id: personId, name: input.name, phone: input.phone, now });
  await insertUser(tx.db, {
    id: userId,
    person_id: personId,
    phone: input.phone,
    kind: 'staff',
    password_hash: input.passwordHash,
    now,
  });
  await recordAudit(tx, {
    action: 'staff.account_created',
    entityType: 'user',
    entityId: userId,
    actorId: tx.actor?.userId ?? userId,
    changes: {
      name: { to: personal(input.name) },
      phone: { to: personal(input.phone) },
      kind: { to: 'staff' },
    },
  });
  return userId;
}

/** Another role for a staff member the granter can already see (one with a grant in their scope). */
export async function grantRole(tx: Tx, userId: string, input: GrantInput): Promise<StaffGrant> {
  const scope = grantScope(tx);
  if (!(await hasGrantInScope(tx.db, userId, scope))) throw new AppError('not_found');
  const target = await resolveGrantTarget(tx, input);
  const id = await storeGrant(tx, userId, target, { grantedBy: requireActor(tx.actor).userId });
  const [grant] = await grantsInScope(tx.db, [userId], scope).then((all) => all.filter((g) => g.id === id));
  if (!grant) throw new AppError('internal');
  return {
    id: grant.id,
    role: grant.role as Role,
    placeId: grant.place_id,
    placeName: grant.place_name,
    gridId: grant.grid_id,
    gridName: grant.grid_name,
    partyId: grant.party_id,
    partyName: grant.party_name,
    sector: grant.sector,
    createdAt: grant.created_at,
  };
}

export async function revokeGrant(tx: Tx, grantId: string): Promise<void> {
  const actor = requireActor(tx.actor);
  const grant = await findGrant(tx.db, grantId);
  if (!grant?.scope_path) throw new AppError('not_found');
  const place = { path: grant.scope_path, kind: grant.scope_kind as PlaceKind };
  if (!can(actor, 'role.grant', place)) throw new AppError('not_found');
  assertMayGrant(actor, grant.role as Role, place);
  // The last admin grant of one's own would lock the revoker out of what only an admin can undo.
  if (
    grant.role === 'admin' &&
    grant.user_id === actor.userId &&
    (await countGrants(tx.db, actor.userId, 'admin')) === 1
  )
    throw new AppError('invalid_state', {
      params: { state: 'last admin grant' },
      fields: [
        {
          field: 'grantId',
          message: {
            'zh-CN': '不能撤销您自己最后一个管理员角色',
            en: 'You cannot revoke your own last administrator role',
          },
        },
      ],
    });
  await deleteGrant(tx.db, grantId);
  await recordAudit(tx, {
    action: 'staff.role_revoked',
    entityType: 'user',
    entityId: grant.user_id,
    changes: {
      grant: { from: grant.id },
      role: { from: grant.role },
      placeId: { from: grant.place_id },
      gridId: { from: grant.grid_id },
      partyId: { from: grant.party_id },
      sector: { from: grant.sector },
    },
  });
}

export async function gridOptions(tx: Tx): Promise<GridOption[]> {
  const rows = await gridsInScope(tx.db, grantScope(tx));
  return rows.map((g) => ({ id: g.id, name: g.name, communityName: g.community_name }));
}
