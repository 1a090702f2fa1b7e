import { uuidv7 } from 'uuidv7';
import type { PlaceKind } from '../../db/schema.ts';
import { personal } from '../../domain/audit/chain.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newHouseholdCode } from '../places/household-code.ts';
import {
  insertHouseholds,
  insertOwnerships,
  insertPeople,
  type NewHousehold,
  type NewOwnership,
  removeOwnerships,
  updateHousehold,
} from '../places/households.repo.ts';
import { INSERT_BATCH, insertPlaces, type NewPlace } from '../places/places.repo.ts';
import type { ImportPlan, OwnerRef, PlaceOnRecord, Snapshot } from './plan.ts';

type Placed = NewPlace & PlaceOnRecord;

function newPlace(parent: PlaceOnRecord, kind: PlaceKind, name: string): Placed {
  const id = uuidv7();
  return { id, parent, kind, name, path: `${parent.path}${id}/` };
}

/**
 * Writes a plan: buildings, entrances and people first, then households a batch at a time (telling
 * `progress` after each), then the changed households one by one, each with its audit entry.
 */
export async function applyPlan(
  tx: Tx,
  compound: PlaceOnRecord,
  snapshot: Snapshot,
  plan: ImportPlan,
  fileHash: string,
  progress: (done: number) => Promise<void>,
): Promise<void> {
  const now = tx.now.toISOString();

  const buildings = new Map(snapshot.buildings);
  const newBuildings = plan.buildings.map((name) => newPlace(compound, 'building', name));
  for (const b of newBuildings) buildings.set(b.name, b);
  await insertPlaces(tx.db, newBuildings, now);

  const entranceKey = (building: string, entrance: string) => `${building}\u0000${entrance}`;
  const entrances = new Map<string, PlaceOnRecord>();
  for (const [building, byName] of snapshot.entrances)
    for (const [name, place] of byName) entrances.set(entranceKey(building, name), place);
  const newEntrances = plan.entrances.map((e) => {
    const place = newPlace(buildings.get(e.building)!, 'entrance', e.entrance);
    entrances.set(entranceKey(e.building, e.entrance), place);
    return place;
  });
  await insertPlaces(tx.db, newEntrances, now);

  const people = new Map(plan.people.map((p) => [p.key, { id: uuidv7(), name: p.name, phone: p.phone }]));
  await insertPeople(tx.db, [...people.values()], now);

  const owner = (ref: OwnerRef, householdId: string): NewOwnership => ({
    id: uuidv7(),
    household_id: householdId,
    person_id:
      ref.kind === 'person' ? ref.personId : ref.kind === 'new_person' ? people.get(ref.key)!.id : null,
    party_id: ref.kind === 'party' ? ref.partyId : null,
  });

  let done = 0;
  for (let i = 0; i < plan.creates.length; i += INSERT_BATCH) {
    const batch = plan.creates.slice(i, i + INSERT_BATCH);
    const places: Placed[] = [];
    const households: NewHousehold[] = [];
    const ownerships: NewOwnership[] = [];
    for (const { row, owner: ref } of batch) {
      const parent = row.entrance
        ? entrances.get(entranceKey(row.building, row.entrance))!
        : buildings.get(row.building)!;
      const place = newPlace(parent, 'household', row.room);
      places.push(place);
      households.push({
        place_id: place.id,
        room: row.room,
        area_centi_m2: row.areaCentiM2,
        household_code: newHouseholdCode(),
      });
      if (ref) ownerships.push(owner(ref, place.id));
    }
    await insertPlaces(tx.db, places, now);
    await insertHouseholds(tx.db, households, now);
    await insertOwnerships(tx.db, ownerships);
    done += batch.length;
    await progress(done);
  }

  for (const update of plan.updates) {
    const { household } = update;
    const changes: Parameters<typeof recordAudit>[1]['changes'] = { importFile: { to: fileHash } };
    if (update.areaCentiM2 !== null) {
      await updateHousehold(tx.db, household.id, { area_centi_m2: update.areaCentiM2 }, now);
      changes.areaCentiM2 = { from: household.areaCentiM2, to: update.areaCentiM2 };
    }
    if (update.owner !== null) {
      await removeOwnerships(tx.db, household.id);
      await insertOwnerships(tx.db, [owner(update.owner, household.id)]);
      changes.owners = {
        from: personal(household.owners.map((o) => o.name ?? '').join('、') || null),
        to: personal(update.row.ownerName),
      };
      changes.phones = {
        from: personal(
          household.owners
            .map((o) => o.phone)
            .filter(Boolean)
            .join('、') || null,
        ),
        to: personal(update.row.phone),
      };
    }
    await recordAudit(tx, {
      action: 'household.updated',
      entityType: 'household',
      entityId: household.id,
      changes,
    });
    done++;
    if (done % INSERT_BATCH === 0 || done === plan.creates.length + plan.updates.length) await progress(done);
  }
}
