import type { PathScope } from '../../db/fragments.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor, Grant, PlaceRef } from './actor.ts';
import type { Role } from './roles.ts';

// Every permission is decided here, on the server, from (role, place scope, relation to the record).
// The table says which roles may do an action somewhere; the scope check says whether this place is theirs.

const everyStaffRole: readonly Role[] = [
  'building_steward',
  'grid_worker',
  'community_staff',
  'community_secretary',
  'street_officer',
  'property_staff',
  'committee_member',
  'npc_deputy',
  'cppcc_member',
  'department_liaison',
  'admin',
];
const workbenchRoles = everyStaffRole.filter((r) => r !== 'npc_deputy' && r !== 'cppcc_member');
const communityOffice: readonly Role[] = [
  'community_staff',
  'community_secretary',
  'street_officer',
  'admin',
];

export const placeActions = {
  /** See a place and the tree below it. */
  'place.view': everyStaffRole,
  /** Create, rename, import households. */
  'place.manage': communityOffice,
  /** See households with their rooms, areas and owners. */
  'household.view': [
    'building_steward',
    'grid_worker',
    'committee_member',
    'property_staff',
    ...communityOffice,
  ],
  /** See names and phone numbers in full; everyone else with household.view sees them masked. */
  'person.contact': ['grid_worker', 'community_staff', 'community_secretary', 'admin'],
  /** Confirm or refuse a resident's claim to a household. */
  'household_link.decide': ['grid_worker', 'community_staff', 'community_secretary', 'admin'],
  'grid.manage': communityOffice,
  'party.view': everyStaffRole,
  'party.manage': communityOffice,
  /** Invite staff and grant roles at places in scope. */
  'role.grant': ['community_secretary', 'street_officer', 'admin'],
  /** Read a record's audit history. */
  'audit.view': communityOffice,
  /** Record a matter on a resident's behalf (phone, WeChat group, visit, meeting, 12345). */
  'matter.intake': ['building_steward', 'grid_worker', ...communityOffice],
  /** Accept, decline, merge, split and dispatch: the dispatchers of 三单 (owners' committee, grid worker, community). */
  'matter.triage': ['grid_worker', 'committee_member', ...communityOffice],
  /**
   * See problems, their matters and timelines in the workbench. NPC deputies and CPPCC members see the
   * problems they took up (a relation, see problems.service), not everything in their district.
   */
  'problem.view': workbenchRoles,
  /** Write an internal note on a problem. */
  'problem.note': workbenchRoles,
  /** Take up a problem as an NPC deputy or CPPCC member (代表委员双联动). */
  'problem.champion': ['npc_deputy', 'cppcc_member'],
  /** Keep the dispatch catalogue of a community. */
  'dispatch_rule.manage': communityOffice,
  /** Keep a place's group-chat robots and webhooks, send test messages, read their delivery log. */
  'channel.manage': communityOffice,
  /** Set a community's deadlines per level and category (the ladder). */
  'deadline_rule.manage': communityOffice,
  /** Send a problem up the ladder; the handler holding its lead order may as well (a relation). */
  'problem.escalate': ['grid_worker', 'committee_member', ...communityOffice],
  /** 吹哨: summon departments to a problem at the street/town level. */
  'problem.whistle': ['street_officer', 'admin'],
  /** Load the State Council's holiday notice of a year; it counts for every community. */
  'holiday_notice.manage': ['admin'],
  /** See household consultations and owners' votes, who took part and the live tally. */
  'vote.view': workbenchRoles,
  /** Ask households a question, close it and certify the result, draw a cost-sharing plan from it. */
  'vote.manage': ['committee_member', ...communityOffice],
  /** Record answers given door to door, by proxy, or as a sealed box's totals. */
  'vote.record': ['building_steward', 'grid_worker', 'committee_member', ...communityOffice],
  /** See the consultation meetings held at places in scope (invitees see theirs wherever they are). */
  'meeting.view': everyStaffRole,
  /** Convene a meeting 召集: community office, or a deputy or member who convenes the parties (建校家属院). */
  'meeting.convene': [...communityOffice, 'npc_deputy', 'cppcc_member'],
  /** Take the record, decide items, fix the plan and cost sharing, write the minutes; a convener may too. */
  'meeting.record': ['grid_worker', ...communityOffice],
  /** Write a community's procedure rules 议事规程 template. */
  'procedure.manage': communityOffice,
  /** Read and download the monthly report 月报 of a community or street: its figures, problem list and cases. */
  'report.view': communityOffice,
} as const satisfies Record<string, readonly Role[]>;

export type PlaceAction = keyof typeof placeActions;

/** Whether one grant reaches a place. */
export function reaches(grant: Grant, place: PlaceRef): boolean {
  if (grant.placePath !== null) return place.path.startsWith(grant.placePath);
  // A grid worker reaches the grid's buildings and what is below them, and the compounds that hold one of
  // them (a compound-wide problem is every such grid's business), nothing beside.
  return grant.gridBuildingPaths.some(
    (building) =>
      place.path.startsWith(building) || (place.kind === 'compound' && building.startsWith(place.path)),
  );
}

export function can(actor: Actor | null, action: PlaceAction, place: PlaceRef): boolean {
  if (!actor) return false;
  const allowed: readonly Role[] = placeActions[action];
  return actor.grants.some((grant) => allowed.includes(grant.role) && reaches(grant, place));
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

export function assertCan(actor: Actor | null, action: PlaceAction, place: PlaceRef): Actor {
  const who = requireActor(actor);
  if (!can(who, action, place)) throw new AppError('forbidden');
  return who;
}

/** Signed in and allowed the action somewhere: what a list or picker asks before filtering by scope. */
export function requireAnywhere(actor: Actor | null, action: PlaceAction): Actor {
  const who = requireActor(actor);
  if (grantsFor(who, action).length === 0) throw new AppError('forbidden');
  return who;
}

/** The grants of an actor that allow an action somewhere: what list queries filter by. */
export function grantsFor(actor: Actor | null, action: PlaceAction): Grant[] {
  if (!actor) return [];
  const allowed: readonly Role[] = placeActions[action];
  return actor.grants.filter((grant) => allowed.includes(grant.role));
}

/** Place-path scope of a list: prefixes (everything below) and exact compound paths (a grid's compounds). */
export type Scope = PathScope;

export function scopeOf(actor: Actor | null, action: PlaceAction): Scope {
  const scope: Scope = { prefixes: [], exact: [] };
  for (const grant of grantsFor(actor, action)) {
    if (grant.placePath !== null) scope.prefixes.push(grant.placePath);
    else {
      scope.prefixes.push(...grant.gridBuildingPaths);
      for (const building of grant.gridBuildingPaths) scope.exact.push(...compoundAncestors(building));
    }
  }
  return scope;
}

/**
 * A scope widened to the places above it. Parties serve downwards: the property company of a community,
 * the water utility of a street are there for a grid worker to dispatch to, though their places lie above
 * the grid worker's own. Organisations are not personal data, so seeing them up the tree leaks nothing.
 */
export function withAncestors(scope: Scope): Scope {
  const exact = new Set(scope.exact);
  for (const path of [...scope.prefixes, ...scope.exact]) {
    const ids = path.split('/').filter(Boolean);
    for (let i = 1; i < ids.length; i++) exact.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return { prefixes: scope.prefixes, exact: [...exact] };
}

/** Whether a place lies in, or above, a scope. */
export function inOrAbove(scope: Scope, path: string): boolean {
  const widened = withAncestors(scope);
  return widened.prefixes.some((p) => path.startsWith(p)) || widened.exact.includes(path);
}

// Building paths are '/…/compound/building/': the compound is the path one level up.
function compoundAncestors(buildingPath: string): string[] {
  const parts = buildingPath.split('/').filter(Boolean);
  return parts.length > 1 ? [`/${parts.slice(0, -1).join('/')}/`] : [];
}

/** 138****1234: enough to recognise, not enough to call. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 王** : the family name only. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return `${Array.from(name)[0] ?? ''}**`;
}

/** An order is worked by its assignee, or by any member of the party it was dispatched to. */
export function canWorkOrder(
  actor: Actor | null,
  order: { assignee_user_id: string | null; party_id: string | null },
) {
  if (!actor) return false;
  return (
    order.assignee_user_id === actor.userId ||
    (order.party_id !== null && actor.partyIds.includes(order.party_id))
  );
}
