import type { PlaceKind } from '../../db/schema.ts';
import type { Role } from './roles.ts';

/** One role held by the acting user, with the place paths it reaches. */
export type Grant = {
  role: Role;
  /** The path of the place the role is held at ('/city/district/…/'), or null for a grid grant. */
  placePath: string | null;
  /** For a grid worker: the grid, and the paths of its buildings and of the compounds that hold them. */
  gridId: string | null;
  gridBuildingPaths: string[];
  partyId: string | null;
  sector: string | null;
};

/** Who is acting, resolved once per request from the session. */
export type Actor = {
  userId: string;
  personId: string;
  kind: 'staff' | 'resident';
  grants: Grant[];
  /** Households the user is confirmed to belong to. */
  householdIds: string[];
  partyIds: string[];
  sessionId: string;
};

/** Where a record sits in the place tree; what scope checks look at. */
export type PlaceRef = { path: string; kind: PlaceKind };
