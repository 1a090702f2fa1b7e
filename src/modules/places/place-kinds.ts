import type { PlaceKind } from '../../db/schema.ts';

// The place tree 区划 (domain.md): city → district → street → community → compound → building →
// entrance 单元 → household. A building without entrances holds its households directly.
export const childKinds: Record<PlaceKind, readonly PlaceKind[]> = {
  city: ['district'],
  district: ['street'],
  street: ['community'],
  community: ['compound'],
  compound: ['building'],
  building: ['entrance', 'household'],
  entrance: ['household'],
  household: [],
};

export function mayHold(parent: PlaceKind, child: PlaceKind): boolean {
  return childKinds[parent].includes(child);
}

export const placeKindNames: Record<PlaceKind, { 'zh-CN': string; en: string }> = {
  city: { 'zh-CN': '市', en: 'City' },
  district: { 'zh-CN': '区/县', en: 'District/county' },
  street: { 'zh-CN': '街道/镇', en: 'Street/town' },
  community: { 'zh-CN': '社区', en: 'Community' },
  compound: { 'zh-CN': '小区', en: 'Compound' },
  building: { 'zh-CN': '楼栋', en: 'Building' },
  entrance: { 'zh-CN': '单元', en: 'Entrance' },
  household: { 'zh-CN': '户', en: 'Household' },
};
