import type { PlaceKind } from '../../db/schema.ts';
import { AppError, type FieldError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor, PlaceRef } from '../access/actor.ts';
import { can, reaches, requireActor } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { findParty } from '../parties/parties.repo.ts';
import { findGrid, findPlace } from '../parties/places.repo.ts';
import { kindList, roleHeldAt, roleParty, sectorRoles } from './role-places.ts';
import type { GrantInput } from './staff.schemas.ts';

/** A grant checked against the rules and the granter's scope, ready to store. */
export type GrantTarget = {
  role: Role;
  placeId: string | null;
  gridId: string | null;
  partyId: string | null;
  sector: string | null;
  /** Where the grant sits for scope: its place, or its grid's community. */
  scope: PlaceRef;
};

function invalid(field: string, message: FieldError['message'], params?: FieldError['params']) {
  return new AppError('validation_failed', { fields: [{ field, message, params }] });
}

/**
 * Whether the actor may grant this role here: 'role.grant' at the place (or the grid's community), and
 * 'admin' only by an admin whose own admin grant reaches it. Nobody grants beyond their own scope.
 */
export function mayGrant(actor: Actor | null, role: Role, scope: PlaceRef): boolean {
  if (!can(actor, 'role.grant', scope)) return false;
  return role !== 'admin' || (actor?.grants.some((g) => g.role === 'admin' && reaches(g, scope)) ?? false);
}

export function assertMayGrant(actor: Actor | null, role: Role, scope: PlaceRef): Actor {
  const who = requireActor(actor);
  if (!mayGrant(who, role, scope)) throw new AppError('forbidden');
  return who;
}

export async function resolveGrantTarget(tx: Tx, input: GrantInput): Promise<GrantTarget> {
  const heldAt = roleHeldAt[input.role];
  let placeId: string | null = null;
  let gridId: string | null = null;
  let scope: PlaceRef;
  if (heldAt === 'grid') {
    if (!input.gridId) throw fieldError('gridId', 'required');
    const grid = await findGrid(tx.db, input.gridId);
    if (!grid) throw fieldError('gridId', 'not_found');
    gridId = grid.id;
    scope = { path: grid.community_path, kind: 'community' };
  } else {
    if (!input.placeId) throw fieldError('placeId', 'required');
    const place = await findPlace(tx.db, input.placeId);
    if (!place) throw fieldError('placeId', 'not_found');
    if (!heldAt.includes(place.kind)) {
      const kinds = kindList(heldAt);
      throw invalid('placeId', {
        'zh-CN': `此角色须设在：${kinds['zh-CN']}`,
        en: `This role is held at a ${kinds.en}`,
      });
    }
    placeId = place.id;
    scope = { path: place.path, kind: place.kind };
  }
  assertMayGrant(tx.actor, input.role, scope);

  const partyKind = roleParty[input.role];
  if (partyKind && !input.partyId) throw fieldError('partyId', 'required');
  if (input.partyId) {
    const party = await findParty(tx.db, input.partyId);
    if (
      !party ||
      !can(tx.actor, 'party.view', { path: party.place_path, kind: party.place_kind as PlaceKind })
    )
      throw fieldError('partyId', 'not_found');
    if (partyKind && party.kind !== partyKind)
      throw invalid('partyId', {
        'zh-CN': '所选单位的类别与此角色不符',
        en: 'The chosen party is not of the kind this role acts for',
      });
  }

  const needsSector = sectorRoles.includes(input.role);
  if (needsSector && !input.sector) throw fieldError('sector', 'required');
  if (!needsSector && input.sector)
    throw invalid('sector', { 'zh-CN': '只有政协委员有界别', en: 'Only a CPPCC member has a sector' });

  return { role: input.role, placeId, gridId, partyId: input.partyId, sector: input.sector, scope };
}
