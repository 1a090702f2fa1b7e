import type { Tx } from '../../server/transaction.ts';
import type { PlaceRecord } from '../places/places.repo.ts';
import { compoundContents } from './household-imports.repo.ts';
import { normalizeBuilding, normalizeEntrance, normalizeRoom, remembering } from './names.ts';
import { type HouseholdOnRecord, type PlaceOnRecord, personKey, type Snapshot } from './plan.ts';
import { householdKey, type ImportRow } from './rows.ts';

/** What the compound holds, keyed the way import rows are (canonical building, entrance and room names). */
export async function snapshotOf(
  tx: Tx,
  compound: PlaceRecord,
  rows: readonly ImportRow[],
): Promise<Snapshot> {
  const phones = [...new Set(rows.flatMap((r) => (r.ownerName && r.phone ? [r.phone] : [])))];
  const contents = await compoundContents(tx.db, compound.path, phones);
  const byId = new Map(contents.places.map((p) => [p.id, p]));
  const building = remembering(normalizeBuilding);
  const entrance = remembering(normalizeEntrance);
  const snapshot: Snapshot = {
    buildings: new Map(),
    entrances: new Map(),
    households: new Map(),
    people: new Map(),
    developers: new Map(contents.developers.map((d) => [d.name, d.id])),
  };
  for (const p of contents.places) {
    if (p.kind === 'building') snapshot.buildings.set(building(p.name), { id: p.id, path: p.path });
    if (p.kind === 'entrance') {
      const buildingKey = building(byId.get(p.parent_id ?? '')?.name ?? '');
      const entrances = snapshot.entrances.get(buildingKey) ?? new Map<string, PlaceOnRecord>();
      entrances.set(entrance(p.name), { id: p.id, path: p.path });
      snapshot.entrances.set(buildingKey, entrances);
    }
  }
  const owners = new Map<string, HouseholdOnRecord['owners']>();
  for (const o of contents.owners) {
    const list = owners.get(o.household_id) ?? [];
    list.push({ personId: o.person_id, partyId: o.party_id, name: o.name ?? o.party_name, phone: o.phone });
    owners.set(o.household_id, list);
  }
  for (const h of contents.households) {
    const parent = byId.get(h.parent_id ?? '');
    if (!parent) continue;
    const underEntrance = parent.kind === 'entrance';
    const buildingPlace = underEntrance ? byId.get(parent.parent_id ?? '') : parent;
    const key = householdKey(
      building(buildingPlace?.name ?? ''),
      underEntrance ? entrance(parent.name) : '',
      normalizeRoom(h.room),
    );
    snapshot.households.set(key, {
      id: h.place_id,
      areaCentiM2: h.area_centi_m2,
      owners: owners.get(h.place_id) ?? [],
    });
  }
  for (const p of contents.people) {
    const key = personKey(p.name ?? '', p.phone);
    if (p.name && !snapshot.people.has(key)) snapshot.people.set(key, p.id);
  }
  return snapshot;
}
