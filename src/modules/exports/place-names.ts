import { idLists } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import { envelopeName, type NamedPlace } from '../../domain/places/envelope-name.ts';

type Place = NamedPlace;

/**
 * Names the places of an export's rows: the community, and the place below it as an envelope names it
 * (锦秀河畔 1号楼 1单元 101). Places repeat from row to row (a compound, its buildings), so each is read once
 * per export, a batch's missing ones in one query.
 */
export class PlaceNames {
  private readonly places = new Map<string, Place>();

  constructor(
    private readonly db: Db,
    /** Past this many places the cache starts over: an export of a whole city keeps constant memory. */
    private readonly limit: number,
  ) {}

  /** Reads the places on these paths that are not known yet. */
  async load(paths: readonly string[]): Promise<void> {
    const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
    let missing = ids.filter((id) => !this.places.has(id));
    if (missing.length === 0) return;
    if (this.places.size + missing.length > this.limit) {
      // Starting over forgets the places this batch shares with earlier ones too (its community): read all.
      this.places.clear();
      missing = ids;
    }
    for (const list of idLists(missing)) {
      const rows = await this.db
        .selectFrom('places')
        .select(['id', 'name', 'kind'])
        .where('id', 'in', list)
        .execute();
      for (const r of rows) this.places.set(r.id, { name: r.name, kind: r.kind });
    }
  }

  private chain(path: string): Place[] {
    return path
      .split('/')
      .filter(Boolean)
      .flatMap((id) => this.places.get(id) ?? []);
  }

  community(path: string): string {
    return this.chain(path).find((p) => p.kind === 'community')?.name ?? '';
  }

  /**
   * The place below its community: compound and building, and with `doors` the entrance and household too.
   * A door number is a resident's address; it goes only to those who may see residents' contacts.
   */
  below(path: string, doors: boolean): string {
    return envelopeName(this.chain(path), doors);
  }
}
