import type { PlaceKind } from '../../db/schema.ts';
import type { PartyKind, Role } from '../access/roles.ts';

// Where each role is held (domain.md: every role is held at a place). A grid worker is held at a grid; the
// rest at a place of the kinds listed. A role held at the wrong level would reach too much or too little.
export const roleHeldAt: Record<Role, readonly PlaceKind[] | 'grid'> = {
  building_steward: ['building', 'entrance'],
  grid_worker: 'grid',
  community_staff: ['community'],
  community_secretary: ['community'],
  street_officer: ['street'],
  property_staff: ['community', 'compound'],
  committee_member: ['compound'],
  npc_deputy: ['city', 'district', 'street'],
  cppcc_member: ['city', 'district'],
  volunteer: ['street', 'community', 'compound'],
  department_liaison: ['city', 'district', 'street'],
  union_officer: ['city', 'district', 'street'],
  judge: ['city', 'district', 'street'],
  admin: ['city', 'district', 'street', 'community'],
};

/** Roles that act for a party, and the kind of party they act for. */
export const roleParty: Partial<Record<Role, PartyKind>> = {
  property_staff: 'property_company',
  committee_member: 'owners_committee',
};

/** Only a CPPCC member holds a sector 界别. */
export const sectorRoles: readonly Role[] = ['cppcc_member'];

const placeKindNames: Record<PlaceKind, { 'zh-CN': string; en: string }> = {
  city: { 'zh-CN': '市', en: 'city' },
  district: { 'zh-CN': '区/县', en: 'district' },
  street: { 'zh-CN': '街道/镇', en: 'street/town' },
  community: { 'zh-CN': '社区', en: 'community' },
  compound: { 'zh-CN': '小区', en: 'compound' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  entrance: { 'zh-CN': '单元', en: 'entrance' },
  household: { 'zh-CN': '户', en: 'household' },
};

/** "社区、小区" / "community, compound": the kinds a role may be held at, for a field message. */
export function kindList(kinds: readonly PlaceKind[]) {
  return {
    'zh-CN': kinds.map((k) => placeKindNames[k]['zh-CN']).join('、'),
    en: kinds.map((k) => placeKindNames[k].en).join(', '),
  };
}
