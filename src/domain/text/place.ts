import { normalizeText } from './normalize.ts';

const BUILDING = /(?<![\d.])(\d{1,4})号楼/g;
// 5-2-301: building, entrance, room, as staff often write an address.
const ADDRESS_TRIPLE = /(?<![\d.-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])/g;
const ENTRANCE = /(?<![\d.])(\d{1,2})单元/;

/** Every building the text names, canonical (`N号楼`), in order of first mention, without repeats. */
export function extractBuildings(text: string): string[] {
  return buildingsInNormalized(normalizeText(text));
}

/** extractBuildings for text already through normalizeText. */
export function buildingsInNormalized(t: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const m of t.matchAll(BUILDING)) found.push({ at: m.index, name: `${Number(m[1])}号楼` });
  for (const m of t.matchAll(ADDRESS_TRIPLE)) found.push({ at: m.index, name: `${Number(m[1])}号楼` });
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.name))];
}

/** The first building the text names, as `N号楼` (三号楼, 5栋, 嘉园3栋, ３号楼 → '3号楼'), or null. */
export function extractBuilding(text: string): string | null {
  return extractBuildings(text)[0] ?? null;
}

/** The first entrance the text names, as `N单元` (二单元 → '2单元'), or null. */
export function extractEntrance(text: string): string | null {
  const t = normalizeText(text);
  const m = ENTRANCE.exec(t);
  if (m) return `${Number(m[1])}单元`;
  const triple = new RegExp(ADDRESS_TRIPLE.source).exec(t);
  return triple ? `${Number(triple[2])}单元` : null;
}
