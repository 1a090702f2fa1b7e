import { householdKey, type ImportRow } from './rows.ts';

// What an import will do, worked out against what the compound already holds, before anything is written.
// Re-importing the same file finds every household, person and ownership it created, so it plans nothing.

export type OwnerOnRecord = {
  personId: string | null;
  partyId: string | null;
  name: string | null;
  phone: string | null;
};
export type HouseholdOnRecord = { id: string; areaCentiM2: number; owners: OwnerOnRecord[] };
export type PlaceOnRecord = { id: string; path: string };

/** What the compound holds, keyed by canonical names (see names.ts). */
export type Snapshot = {
  buildings: Map<string, PlaceOnRecord>;
  /** By building key, then entrance key. */
  entrances: Map<string, Map<string, PlaceOnRecord>>;
  households: Map<string, HouseholdOnRecord>;
  /** People by name and phone: the same name and phone is the same person. */
  people: Map<string, string>;
  /** Developer parties 开发商 at the compound or above, by name: the holder of unsold units. */
  developers: Map<string, string>;
};

export type OwnerRef =
  | { kind: 'person'; personId: string }
  | { kind: 'new_person'; key: string }
  | { kind: 'party'; partyId: string };

export type NewPerson = { key: string; name: string; phone: string | null };
export type HouseholdCreate = { row: ImportRow; owner: OwnerRef | null };
export type HouseholdUpdate = {
  row: ImportRow;
  household: HouseholdOnRecord;
  /** Set when the area changes. */
  areaCentiM2: number | null;
  /** Set when the row's owner is not among the owners on record: the row's owner replaces them. */
  owner: OwnerRef | null;
};

export type ImportPlan = {
  buildings: string[];
  entrances: { building: string; entrance: string }[];
  people: NewPerson[];
  creates: HouseholdCreate[];
  updates: HouseholdUpdate[];
  unchanged: number;
};

export type ImportCounts = {
  rows: number;
  buildings: number;
  entrances: number;
  households: number;
  people: number;
  ownerships: number;
  updated: number;
  unchanged: number;
};

export function personKey(name: string, phone: string | null) {
  return `${name}\u0000${phone ?? ''}`;
}

function sameOwner(ref: OwnerRef, owner: OwnerOnRecord) {
  if (ref.kind === 'person') return owner.personId === ref.personId;
  if (ref.kind === 'party') return owner.partyId === ref.partyId;
  return false;
}

export function planImport(rows: readonly ImportRow[], snapshot: Snapshot): ImportPlan {
  const plan: ImportPlan = {
    buildings: [],
    entrances: [],
    people: [],
    creates: [],
    updates: [],
    unchanged: 0,
  };
  const newBuildings = new Set<string>();
  const newEntrances = new Set<string>();
  const newPeople = new Map<string, NewPerson>();

  const ownerOf = (row: ImportRow, onRecord: HouseholdOnRecord | undefined, key: string): OwnerRef | null => {
    if (!row.ownerName) return null;
    const developer = snapshot.developers.get(row.ownerName);
    if (developer) return { kind: 'party', partyId: developer };
    if (row.phone !== null) {
      const known = snapshot.people.get(personKey(row.ownerName, row.phone));
      if (known) return { kind: 'person', personId: known };
    } else {
      // Without a phone a name identifies nobody beyond this household: only its own owner of that name.
      const owner = onRecord?.owners.find((o) => o.personId && o.name === row.ownerName);
      if (owner?.personId) return { kind: 'person', personId: owner.personId };
    }
    const newKey = row.phone !== null ? personKey(row.ownerName, row.phone) : `${key}\u0000${row.ownerName}`;
    if (!newPeople.has(newKey)) newPeople.set(newKey, { key: newKey, name: row.ownerName, phone: row.phone });
    return { kind: 'new_person', key: newKey };
  };

  for (const row of rows) {
    const key = householdKey(row.building, row.entrance, row.room);
    const onRecord = snapshot.households.get(key);
    const owner = ownerOf(row, onRecord, key);
    if (!onRecord) {
      if (!snapshot.buildings.has(row.building) && !newBuildings.has(row.building)) {
        newBuildings.add(row.building);
        plan.buildings.push(row.building);
      }
      const entranceKey = `${row.building}\u0000${row.entrance}`;
      if (
        row.entrance &&
        !snapshot.entrances.get(row.building)?.has(row.entrance) &&
        !newEntrances.has(entranceKey)
      ) {
        newEntrances.add(entranceKey);
        plan.entrances.push({ building: row.building, entrance: row.entrance });
      }
      plan.creates.push({ row, owner });
      continue;
    }
    const areaChanged = onRecord.areaCentiM2 !== row.areaCentiM2;
    const ownerChanged = owner !== null && !onRecord.owners.some((o) => sameOwner(owner, o));
    if (!areaChanged && !ownerChanged) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({
      row,
      household: onRecord,
      areaCentiM2: areaChanged ? row.areaCentiM2 : null,
      owner: ownerChanged ? owner : null,
    });
  }
  plan.people = [...newPeople.values()];
  return plan;
}

export function countPlan(plan: ImportPlan, rows: number): ImportCounts {
  return {
    rows,
    buildings: plan.buildings.length,
    entrances: plan.entrances.length,
    households: plan.creates.length,
    people: plan.people.length,
    ownerships:
      plan.creates.filter((c) => c.owner !== null).length +
      plan.updates.filter((u) => u.owner !== null).length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
  };
}
