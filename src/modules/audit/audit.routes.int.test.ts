import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { personal } from '../../domain/audit/chain.ts';
import { transact } from '../../server/transaction.ts';
import { recordAudit } from './audit.service.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let staff: Session;
let staffId: string;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  const user = await signedInUser(t.app, t.database, {
    name: '社区小刘',
    grants: [{ role: 'community_staff', place: town.community }],
  });
  staff = user.session;
  staffId = user.userId;
  // A change to household 101 as a places service would record it: the owner's name and phone are personal.
  await transact(t.app.deps, null, async (tx) =>
    recordAudit(tx, {
      action: 'household.owner_added',
      entityType: 'household',
      entityId: town.household101.id,
      actorId: staffId,
      changes: {
        owner: { to: personal('王文贵') },
        phone: { to: personal('13912345678') },
        areaCentiM2: { from: 8_000, to: 9_050 },
      },
    }),
  );
});
afterAll(() => t.close());

function history(session: Session | null, entityType: string, entityId: string) {
  return t.app.inject({ url: `/api/audit/${entityType}/${entityId}`, headers: as(session) });
}

describe('a record’s history', () => {
  it('shows community staff the history of a household in their community, with who did what', async () => {
    const response = await history(staff, 'household', town.household101.id);
    expect(response.statusCode).toBe(200);
    const [entry] = response.json().entries;
    expect(entry).toMatchObject({
      action: 'household.owner_added',
      actorName: '社区小刘',
      changes: { areaCentiM2: { from: 8000, to: 9050 } },
    });
    expect(entry.changes.owner.to).toMatch(/^\[personal\] [0-9a-f]{16}$/);
  });

  it('never gives personal values in clear', async () => {
    const body = (await history(staff, 'household', town.household101.id)).body;
    expect(body).not.toContain('王文贵');
    expect(body).not.toContain('13912345678');
  });

  it('answers not found for a household of another community, as for one that does not exist', async () => {
    const other = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    expect((await history(other.session, 'household', town.household101.id)).statusCode).toBe(404);
    expect((await history(staff, 'household', 'no-such-household')).statusCode).toBe(404);
    expect((await history(staff, 'no-such-type', town.household101.id)).statusCode).toBe(404);
  });

  it('is not for roles without audit.view, even in scope, nor for the public', async () => {
    const worker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
    });
    expect((await history(worker.session, 'household', town.household101.id)).statusCode).toBe(404);
    expect((await history(null, 'household', town.household101.id)).statusCode).toBe(401);
  });

  it('follows a party to its place and a user to the places of their roles', async () => {
    const party = await t.app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: as(staff),
      payload: { kind: 'police_station', name: '长城中路派出所', placeId: town.community.id },
    });
    const partyHistory = await history(staff, 'party', party.json().id);
    expect(partyHistory.json().entries.map((e: { action: string }) => e.action)).toEqual(['party.created']);

    const secretary = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    });
    const granted = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${staffId}/grants`,
      headers: as(secretary.session),
      payload: { role: 'building_steward', placeId: town.building1.id },
    });
    expect(granted.statusCode).toBe(201);
    const userHistory = await history(staff, 'user', staffId);
    expect(userHistory.json().entries.map((e: { action: string }) => e.action)).toContain(
      'staff.role_granted',
    );
    const other = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    expect((await history(other.session, 'user', staffId)).statusCode).toBe(404);
  });
});
