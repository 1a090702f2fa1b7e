import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { as, makeTown, type PlaceRow, signedInUser } from '../../../test/factories.ts';

/**
 * A town for the ladder's tests: a grid worker, the property company and its staff, the community
 * secretary, a street officer of the town party committee, an admin, the water utility with a liaison and
 * the police station; and the pump-noise rungs of the dispatch catalogue (property company → community
 * secretary → town party committee).
 */
export async function ladderWorld() {
  async function makeParty(kind: string, name: string, place: PlaceRow) {
    const id = uuidv7();
    await t.database.db
      .insertInto('parties')
      .values({ id, kind, name, place_id: place.id, created_at: new Date().toISOString() })
      .execute();
    return id;
  }

  async function catalogue(category: string, level: string, who: { partyId?: string; userId?: string }) {
    await t.database.db
      .insertInto('dispatch_rules')
      .values({
        id: uuidv7(),
        community_id: town.community.id,
        category,
        place_id: null,
        party_id: who.partyId ?? null,
        user_id: who.userId ?? null,
        level,
        created_at: new Date().toISOString(),
      })
      .execute();
  }

  const t = await testApp();
  const town = await makeTown(t.database);
  const propertyPartyId = await makeParty('property_company', '星河物业', town.community);
  const townCommitteeId = await makeParty('party_organisation', '金星镇党委', town.street);
  const waterUtilityId = await makeParty('utility', '中铁水务', town.street);
  const policeId = await makeParty('police_station', '长城中路派出所', town.street);
  const grid = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  const property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId: propertyPartyId }],
    })
  ).session;
  const sec = await signedInUser(t.app, t.database, {
    name: '马佳',
    grants: [{ role: 'community_secretary', place: town.community }],
  });
  const secretary = { userId: sec.userId, session: sec.session };
  const officer = (
    await signedInUser(t.app, t.database, {
      name: '杨志军',
      grants: [{ role: 'street_officer', place: town.street, partyId: townCommitteeId }],
    })
  ).session;
  const admin = (await signedInUser(t.app, t.database, { grants: [{ role: 'admin', place: town.city }] }))
    .session;
  const waterMember = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'department_liaison', place: town.street, partyId: waterUtilityId }],
    })
  ).session;
  // The pump-noise ladder: property company → community secretary → town party committee.
  await catalogue('property_service', 'compound', { partyId: propertyPartyId });
  await catalogue('property_service', 'community', { userId: sec.userId });
  await catalogue('property_service', 'street', { partyId: townCommitteeId });

  async function newProblem(category = 'property_service', text = '2号楼增压泵噪音大') {
    const matter = await t.app.inject({
      method: 'POST',
      url: '/api/matters/intake',
      headers: as(grid),
      payload: { kind: 'problem', category, text, placeId: town.building1.id, channel: 'visit' },
    });
    expect(matter.statusCode).toBe(201);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.json().id}/accept`,
      headers: as(grid),
      payload: { title: `${text} ${uuidv7().slice(-4)}`, urgency: 2, severity: 3 },
    });
    expect(accepted.statusCode).toBe(200);
    return accepted.json().problemId as string;
  }

  function problemRow(id: string) {
    return t.database.db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function dispatchToProperty(problemId: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(grid),
      payload: { lead: { partyId: propertyPartyId } },
    });
    expect(response.statusCode).toBe(200);
  }

  /** What an overdue problem looks like after its deadline passed: the deadline moved into the past. */
  async function letDeadlinePass(problemId: string) {
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.database.db
      .updateTable('problems')
      .set({ deadline_at: past, deadline_warn_at: null })
      .where('id', '=', problemId)
      .execute();
  }

  function events(problemId: string, kind: string) {
    return t.database.db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problemId)
      .where('kind', '=', kind)
      .execute();
  }

  function notices(userId: string, problemId: string, kind: string) {
    return t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('problem_id', '=', problemId)
      .where('kind', '=', kind)
      .execute();
  }

  return {
    t,
    town,
    grid,
    property,
    secretary,
    officer,
    admin,
    waterMember,
    propertyPartyId,
    townCommitteeId,
    waterUtilityId,
    policeId,
    catalogue,
    newProblem,
    problemRow,
    dispatchToProperty,
    letDeadlinePass,
    events,
    notices,
  };
}

export type LadderWorld = Awaited<ReturnType<typeof ladderWorld>>;
