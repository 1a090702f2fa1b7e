import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { PlaceKind } from '../db/schema.ts';
import { personal } from '../domain/audit/chain.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { Tx } from '../server/transaction.ts';

// The demo writes the place tree with plain inserts that keep the tree's rules (modules/places owns them):
// path = parent's path + id + '/', depth = the number of ids on the path, and each place audited as the
// places service audits it.

export type DemoPlace = { id: string; path: string; kind: PlaceKind; name: string };

export async function addPlace(
  tx: Tx,
  kind: PlaceKind,
  name: string,
  parent: DemoPlace | null,
): Promise<DemoPlace> {
  const id = uuidv7();
  const path = `${parent?.path ?? '/'}${id}/`;
  await tx.db
    .insertInto('places')
    .values({
      id,
      parent_id: parent?.id ?? null,
      kind,
      name,
      path,
      depth: path.split('/').filter(Boolean).length,
      created_at: tx.now.toISOString(),
    })
    .execute();
  await recordAudit(tx, {
    action: 'place.created',
    entityType: 'place',
    entityId: id,
    changes: { kind: { to: kind }, name: { to: name }, parentId: { to: parent?.id ?? null } },
  });
  return { id, path, kind, name };
}

/** A person on the register (an owner, or someone who will hold an account). */
export async function addPerson(tx: Tx, name: string, phone: string | null): Promise<string> {
  const id = uuidv7();
  await tx.db
    .insertInto('people')
    .values({ id, name, phone, created_at: tx.now.toISOString(), erased_at: null })
    .execute();
  return id;
}

export type DemoOwner =
  | { personId: string; name: string; phone: string | null }
  | { partyId: string; name: string };

// Household codes are secrets printed on a notice: random, as modules/places makes them (10 of 31 characters).
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function householdCode(): string {
  const unbiasedBelow = 256 - (256 % CODE_ALPHABET.length);
  let code = '';
  while (code.length < 10)
    for (const byte of crypto.randomBytes(16))
      if (byte < unbiasedBelow && code.length < 10) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

export async function addHousehold(
  tx: Tx,
  parent: DemoPlace,
  room: string,
  areaCentiM2: number,
  owners: DemoOwner[],
): Promise<DemoPlace> {
  const id = uuidv7();
  const path = `${parent.path}${id}/`;
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('places')
    .values({
      id,
      parent_id: parent.id,
      kind: 'household',
      name: room,
      path,
      depth: path.split('/').filter(Boolean).length,
      created_at: now,
    })
    .execute();
  await tx.db
    .insertInto('households')
    .values({
      place_id: id,
      room,
      area_centi_m2: areaCentiM2,
      household_code: householdCode(),
      updated_at: now,
    })
    .execute();
  await tx.db
    .insertInto('ownerships')
    .values(
      owners.map((o) => ({
        id: uuidv7(),
        household_id: id,
        person_id: 'personId' in o ? o.personId : null,
        party_id: 'partyId' in o ? o.partyId : null,
      })),
    )
    .execute();
  const phones = owners.flatMap((o) => ('phone' in o && o.phone ? [o.phone] : []));
  await recordAudit(tx, {
    action: 'household.created',
    entityType: 'household',
    entityId: id,
    changes: {
      parentId: { to: parent.id },
      room: { to: room },
      areaCentiM2: { to: areaCentiM2 },
      owners: { to: personal(owners.map((o) => o.name).join('、')) },
      phones: { to: personal(phones.join('、') || null) },
    },
  });
  return { id, path, kind: 'household', name: room };
}

export type DemoGrid = { id: string; name: string };

export async function addGrid(
  tx: Tx,
  community: DemoPlace,
  name: string,
  buildings: DemoPlace[],
): Promise<DemoGrid> {
  const id = uuidv7();
  await tx.db
    .insertInto('grids')
    .values({ id, community_id: community.id, name, created_at: tx.now.toISOString() })
    .execute();
  await recordAudit(tx, {
    action: 'grid.created',
    entityType: 'grid',
    entityId: id,
    changes: { name: { to: name }, communityId: { to: community.id } },
  });
  for (const building of buildings) {
    await tx.db.insertInto('grid_buildings').values({ building_id: building.id, grid_id: id }).execute();
    await recordAudit(tx, {
      action: 'grid.building_assigned',
      entityType: 'place',
      entityId: building.id,
      changes: { gridId: { from: null, to: id } },
    });
  }
  return { id, name };
}
