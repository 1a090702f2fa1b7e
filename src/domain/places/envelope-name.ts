/** A place on a path from the root, as far as a name needs it. */
export type NamedPlace = { name: string; kind: string };

const withDoors = new Set(['compound', 'building', 'entrance', 'household']);
const withoutDoors = new Set(['compound', 'building']);

/**
 * A place named as an envelope names it, from the compound down (锦秀河畔 1号楼 1单元 101). The entrance and
 * the door number are a resident's address: `doors` only for those who may contact residents. Empty for a
 * place above a compound (a community, a street), which goes by its own name.
 */
export function envelopeName(chain: readonly NamedPlace[], doors: boolean): string {
  const kinds = doors ? withDoors : withoutDoors;
  return chain
    .filter((p) => kinds.has(p.kind))
    .map((p) => p.name)
    .join(' ');
}
