import { uuidv7 } from 'uuidv7';
import { pathRange } from '../../db/transaction.ts';
import { personal } from '../../domain/audit/chain.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, maskName, maskPhone, requireActor, scopeOf } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatArea, parseArea } from './area.ts';
import { newHouseholdCode } from './household-code.ts';
import {
  countHouseholds,
  findHousehold,
  type HouseholdFilter,
  insertHouseholds,
  insertOwnerships,
  insertPeople,
  type NewPerson,
  ownersOf,
  pageOfHouseholds,
  personByNameAndPhone,
  type Range,
  removeOwnerships,
  updateHousehold as updateHouseholdRow,
} from './households.repo.ts';
import type {
  CreateHousehold,
  HouseholdPage,
  HouseholdQuery,
  HouseholdView,
  OwnerInput,
  UpdateHousehold,
} from './households.schemas.ts';
import { developersAt, findPlace, idsOnPath, insertPlaces, siblingNamed } from './places.repo.ts';
import { placeFor } from './visibility.ts';

type OwnerRow = Awaited<ReturnType<typeof ownersOf>>[number];

function ownerView(owner: OwnerRow, seeContacts: boolean) {
  if (owner.party_id)
    return { personId: null, partyId: owner.party_id, name: owner.party_name, phone: null, masked: false };
  return {
    personId: owner.person_id,
    partyId: null,
    name: seeContacts ? owner.name : maskName(owner.name),
    phone: seeContacts ? owner.phone : maskPhone(owner.phone),
    masked: !seeContacts,
  };
}

/** Below a range, within scope: a grid worker listing a compound sees only the households of their buildings. */
function rangeFilter(tx: Tx, path: string): HouseholdFilter {
  const scope = scopeOf(requireActor(tx.actor), 'household.view');
  const covered = scope.prefixes.some((p) => path.startsWith(p));
  return {
    within: pathRange(path),
    scope: covered ? null : scope.prefixes.filter((p) => p.startsWith(path)).map(pathRange),
  };
}

async function rangeOf(tx: Tx, id: string | undefined): Promise<Range | null | undefined> {
  if (!id) return undefined;
  const place = await findPlace(tx.db, id);
  return place ? pathRange(place.path) : null;
}

/** Households below a place in the actor's scope, a page at a time; names and phones masked per policy. */
export async function listHouseholds(tx: Tx, placeId: string, query: HouseholdQuery): Promise<HouseholdPage> {
  const place = await placeFor(tx, 'household.view', placeId);
  const filter = rangeFilter(tx, place.path);
  const building = await rangeOf(tx, query.building);
  const entrance = await rangeOf(tx, query.entrance);
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (building === null || entrance === null || filter.scope?.length === 0) return empty;
  Object.assign(filter, { building, entrance, room: query.room || undefined, hasOwner: query.hasOwner });

  const total = await countHouseholds(tx.db, filter);
  const rows = await pageOfHouseholds(
    tx.db,
    filter,
    { by: query.sort, order: query.order },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const owners = await ownersOf(
    tx.db,
    rows.map((r) => r.id),
  );
  const items: HouseholdView[] = rows.map((r) => {
    const here = { path: r.path, kind: 'household' as const };
    const seeContacts = can(tx.actor, 'person.contact', here);
    const showCode = can(tx.actor, 'household_link.decide', here) || can(tx.actor, 'place.manage', here);
    const underEntrance = r.parent_kind === 'entrance';
    return {
      id: r.id,
      room: r.room,
      area: formatArea(r.area_centi_m2),
      householdCode: showCode ? r.household_code : null,
      buildingId: underEntrance ? (r.grand_id ?? '') : r.parent_id,
      buildingName: underEntrance ? (r.grand_name ?? '') : r.parent_name,
      entranceId: underEntrance ? r.parent_id : null,
      entranceName: underEntrance ? r.parent_name : null,
      owners: owners.filter((o) => o.household_id === r.id).map((o) => ownerView(o, seeContacts)),
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

type ResolvedOwner = { personId: string | null; partyId: string | null; name: string; phone: string | null };

/**
 * Owners as given: one already on record here is kept by id; a developer party must sit at the household or
 * above; a person by name and phone is the person on record with both, or a new one.
 */
async function resolveOwners(
  tx: Tx,
  householdPath: string,
  inputs: readonly OwnerInput[],
  current: readonly OwnerRow[],
): Promise<{ owners: ResolvedOwner[]; newPeople: NewPerson[] }> {
  const developers = await developersAt(tx.db, idsOnPath(householdPath));
  const owners: ResolvedOwner[] = [];
  const newPeople: NewPerson[] = [];
  for (const [i, input] of inputs.entries()) {
    if ('personId' in input) {
      const kept = current.find((o) => o.person_id === input.personId);
      if (!kept) throw fieldError(`owners.${i}.personId`, 'not_found');
      owners.push({ personId: input.personId, partyId: null, name: kept.name ?? '', phone: kept.phone });
    } else if ('partyId' in input) {
      const developer = developers.find((d) => d.id === input.partyId);
      if (!developer) throw fieldError(`owners.${i}.partyId`, 'not_found');
      owners.push({ personId: null, partyId: developer.id, name: developer.name, phone: null });
    } else {
      const phone = input.phone ?? null;
      // As an import does: the same name and phone is the same person; a name alone only this household's.
      const personId = phone
        ? ((await personByNameAndPhone(tx.db, input.name, phone))?.id ?? null)
        : (current.find((o) => o.person_id && o.name === input.name)?.person_id ?? null);
      if (personId) owners.push({ personId, partyId: null, name: input.name, phone });
      else {
        const person = { id: uuidv7(), name: input.name, phone };
        newPeople.push(person);
        owners.push({ personId: person.id, partyId: null, name: input.name, phone });
      }
    }
  }
  const seen = new Set<string>();
  const unique = owners.filter((o) => {
    const key = o.personId ?? o.partyId ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { owners: unique, newPeople };
}

async function writeOwners(tx: Tx, householdId: string, owners: ResolvedOwner[], newPeople: NewPerson[]) {
  await insertPeople(tx.db, newPeople, tx.now.toISOString());
  await insertOwnerships(
    tx.db,
    owners.map((o) => ({
      id: uuidv7(),
      household_id: householdId,
      person_id: o.personId,
      party_id: o.partyId,
    })),
  );
}

/** Names and phones enter the audit log only as keyed digests (PIPL). */
function ownersForAudit(owners: readonly { name: string | null; phone: string | null }[]) {
  return {
    owners: personal(owners.map((o) => o.name ?? '').join('、') || null),
    phones: personal(
      owners
        .map((o) => o.phone)
        .filter(Boolean)
        .join('、') || null,
    ),
  };
}

function readArea(text: string): number {
  const area = parseArea(text);
  if (!area.ok) throw fieldError('area', 'area_invalid');
  return area.centiM2;
}

function roomTaken() {
  return new AppError('conflict', { fields: [{ field: 'room', message: 'already_taken' }] });
}

export async function createHousehold(tx: Tx, input: CreateHousehold): Promise<{ id: string }> {
  const parent = await placeFor(tx, 'place.manage', input.parentId, ['building', 'entrance']);
  const areaCentiM2 = readArea(input.area);
  if (await siblingNamed(tx.db, parent.id, input.room)) throw roomTaken();
  const id = uuidv7();
  const { owners, newPeople } = await resolveOwners(tx, `${parent.path}${id}/`, input.owners, []);
  const now = tx.now.toISOString();
  await insertPlaces(tx.db, [{ id, parent, kind: 'household', name: input.room }], now);
  await insertHouseholds(
    tx.db,
    [{ place_id: id, room: input.room, area_centi_m2: areaCentiM2, household_code: newHouseholdCode() }],
    now,
  );
  await writeOwners(tx, id, owners, newPeople);
  const audit = ownersForAudit(owners);
  await recordAudit(tx, {
    action: 'household.created',
    entityType: 'household',
    entityId: id,
    changes: {
      parentId: { to: parent.id },
      room: { to: input.room },
      areaCentiM2: { to: areaCentiM2 },
      owners: { to: audit.owners },
      phones: { to: audit.phones },
    },
  });
  return { id };
}

export async function updateHousehold(tx: Tx, id: string, input: UpdateHousehold): Promise<{ id: string }> {
  const place = await placeFor(tx, 'place.manage', id, ['household']);
  const household = await findHousehold(tx.db, id);
  if (!household) throw new AppError('not_found');
  const changes: Parameters<typeof recordAudit>[1]['changes'] = {};
  const row: { room?: string; area_centi_m2?: number } = {};

  if (input.room !== undefined && input.room !== household.room) {
    if (place.parent_id && (await siblingNamed(tx.db, place.parent_id, input.room))) throw roomTaken();
    row.room = input.room;
    changes.room = { from: household.room, to: input.room };
  }
  if (input.area !== undefined) {
    const area = readArea(input.area);
    if (area !== household.area_centi_m2) {
      row.area_centi_m2 = area;
      changes.areaCentiM2 = { from: household.area_centi_m2, to: area };
    }
  }
  if (input.owners !== undefined) {
    const current = await ownersOf(tx.db, [id]);
    const { owners, newPeople } = await resolveOwners(tx, place.path, input.owners, current);
    const key = (o: { personId?: string | null; partyId?: string | null }) => o.personId ?? o.partyId ?? '';
    const before = current.map((o) => key({ personId: o.person_id, partyId: o.party_id })).sort();
    const after = owners.map(key).sort();
    if (before.join() !== after.join()) {
      await removeOwnerships(tx.db, id);
      await writeOwners(tx, id, owners, newPeople);
      const from = ownersForAudit(current.map((o) => ({ name: o.name ?? o.party_name, phone: o.phone })));
      const to = ownersForAudit(owners);
      changes.owners = { from: from.owners, to: to.owners };
      changes.phones = { from: from.phones, to: to.phones };
    }
  }
  if (Object.keys(changes).length === 0) return { id };
  if (Object.keys(row).length > 0) await updateHouseholdRow(tx.db, id, row, tx.now.toISOString());
  await recordAudit(tx, { action: 'household.updated', entityType: 'household', entityId: id, changes });
  return { id };
}
