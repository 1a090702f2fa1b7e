import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import type { Trx } from '../../db/transaction.ts';
import { deleteMember } from '../parties/parties.repo.ts';
import { assignBuilding } from '../places/grids.repo.ts';
import { updateLink } from '../residents/residents.repo.ts';
import { deleteGrant, insertGrant } from '../staff/staff.repo.ts';

// The acting user is read from the database on every request, in one statement (auth.repo sessionRows):
// whatever changes who someone is — a grant, a household link, a party membership, a grid's buildings,
// signing out, a disabled account — counts from their very next request.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
});
afterAll(() => t.close());

const change = (work: (trx: Trx) => Promise<unknown>) => t.database.db.transaction().execute(work);
const now = () => new Date().toISOString();
const queue = (s: Session) => t.app.inject({ url: '/api/workbench/problems', headers: as(s) });
const inbox = (s: Session) => t.app.inject({ url: '/api/workbench/inbox', headers: as(s) });
const submit = (s: Session, text: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(s),
    payload: { kind: 'problem', category: 'environment', text },
  });
const grantIdOf = async (userId: string) =>
  (
    await t.database.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
  ).id;

describe('who is acting is read afresh on every request', () => {
  it('a withdrawn grant closes the workbench at the next request', async () => {
    const secretary = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    });
    expect((await queue(secretary.session)).statusCode).toBe(200);
    const grantId = await grantIdOf(secretary.userId);
    await change((trx) => deleteGrant(trx, grantId));
    expect((await queue(secretary.session)).statusCode).toBe(403);
  });

  it('a new grant opens the workbench at the next request', async () => {
    const staff = await signedInUser(t.app, t.database, { kind: 'staff' });
    expect((await queue(staff.session)).statusCode).toBe(403);
    await change((trx) =>
      insertGrant(trx, {
        id: uuidv7(),
        user_id: staff.userId,
        role: 'community_staff',
        place_id: town.community.id,
        grid_id: null,
        party_id: null,
        sector: null,
        granted_by: null,
        created_at: now(),
      }),
    );
    expect((await queue(staff.session)).statusCode).toBe(200);
  });

  it('a household link withdrawn stops the resident raising matters for that household', async () => {
    const resident = await signedInUser(t.app, t.database, { households: [town.household201] });
    expect((await submit(resident.session, '2号楼楼道灯不亮')).statusCode).toBe(201);
    const link = await t.database.db
      .selectFrom('household_links')
      .select('id')
      .where('user_id', '=', resident.userId)
      .executeTakeFirstOrThrow();
    await change((trx) =>
      updateLink(trx, link.id, { status: 'rejected', via: 'staff', decided_by: null, decided_at: now() }),
    );
    const refused = await submit(resident.session, '2号楼楼道灯还是不亮');
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('placeId');
  });

  it('a building moved to another grid leaves the grid worker’s inbox at once', async () => {
    const resident = await signedInUser(t.app, t.database, { households: [town.household101] });
    const worker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
    });
    const submitted = await submit(resident.session, '1号楼门口的路灯坏了');
    // A grid worker whose grid holds no building any more reaches nowhere: the list refuses them.
    const ids = async () => {
      const response = await inbox(worker.session);
      return response.statusCode === 200
        ? (response.json().items.map((m: { id: string }) => m.id) as string[])
        : [];
    };
    expect(await ids()).toContain(submitted.json().id);
    await change((trx) => assignBuilding(trx, town.building1.id, town.grid2.id));
    expect(await ids()).not.toContain(submitted.json().id);
    await change((trx) => assignBuilding(trx, town.building1.id, town.grid1.id));
  });

  it('leaving a party takes its orders off the member’s list at once', async () => {
    const partyId = uuidv7();
    await t.database.db
      .insertInto('parties')
      .values({
        id: partyId,
        kind: 'property_company',
        name: '锦秀物业',
        place_id: town.compound.id,
        created_at: now(),
      })
      .execute();
    const secretary = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    });
    const member = await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId }],
    });
    const resident = await signedInUser(t.app, t.database, { households: [town.household101] });
    const matterId = (await submit(resident.session, '锦秀河畔垃圾桶满了没人清')).json().id;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matterId}/accept`,
      headers: as(secretary.session),
      payload: { title: '垃圾桶满溢', urgency: 2, severity: 1 },
    });
    const dispatched = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${accepted.json().problemId}/dispatch`,
      headers: as(secretary.session),
      payload: { lead: { partyId } },
    });
    expect(dispatched.statusCode).toBe(200);
    const mine = async () =>
      (await t.app.inject({ url: '/api/orders/mine', headers: as(member.session) })).json().total;
    expect(await mine()).toBe(1);
    await change((trx) => deleteMember(trx, partyId, member.userId));
    expect(await mine()).toBe(0);
  });

  it('a signed-out session and a disabled account are refused at the next request', async () => {
    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const other = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const signOut = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: as(staff.session),
    });
    expect(signOut.statusCode).toBe(204);
    expect((await queue(staff.session)).statusCode).toBe(401);

    expect((await queue(other.session)).statusCode).toBe(200);
    await t.database.db
      .updateTable('users')
      .set({ status: 'disabled' })
      .where('id', '=', other.userId)
      .execute();
    expect((await queue(other.session)).statusCode).toBe(401);
  });
});
