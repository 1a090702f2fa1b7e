import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../test/app.ts';
import {
  as,
  makeGrid,
  makeHousehold,
  makePlace,
  makeTown,
  type PlaceRow,
  type Session,
  signedInUser,
} from '../../../test/factories.ts';

/**
 * A building of six homes: 甲 owns 101 and 102 (one owner, two units), 乙 201, 丙 202, and the developer
 * still holds 301 and 302 (one owner under 法释〔2009〕7号 art. 9). Areas in 0.01 m², 540 m² in all.
 */
export async function votingBuilding(t: TestApp) {
  const town = await makeTown(t.database);
  const building = await makePlace(t.database, 'building', '3号楼', town.compound);
  const entrance = await makePlace(t.database, 'entrance', '1单元', building);
  const areas: Record<string, number> = {
    '101': 9_000,
    '102': 9_000,
    '201': 10_000,
    '202': 10_000,
    '301': 8_000,
    '302': 8_000,
  };
  const homes: Record<string, PlaceRow> = {};
  for (const [room, area] of Object.entries(areas))
    homes[room] = await makeHousehold(t.database, entrance, room, area);
  const developer = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: developer,
      kind: 'developer',
      name: '开发商',
      place_id: town.community.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  const owner = async (name: string, rooms: string[]) => {
    const id = uuidv7();
    await t.database.db
      .insertInto('people')
      .values({ id, name, phone: null, created_at: new Date().toISOString(), erased_at: null })
      .execute();
    for (const room of rooms)
      await t.database.db
        .insertInto('ownerships')
        .values({ id: uuidv7(), household_id: homes[room]!.id, person_id: id, party_id: null })
        .execute();
  };
  await owner('甲', ['101', '102']);
  await owner('乙', ['201']);
  await owner('丙', ['202']);
  for (const room of ['301', '302'])
    await t.database.db
      .insertInto('ownerships')
      .values({ id: uuidv7(), household_id: homes[room]!.id, person_id: null, party_id: developer })
      .execute();
  const grid = await makeGrid(t.database, town.community, '第三网格', [building]);
  const resident = async (room: string) =>
    (await signedInUser(t.app, t.database, { households: [homes[room]!] })).session;
  const sessions = {
    jia: await resident('101'),
    yi: await resident('201'),
    bing: await resident('202'),
    gridWorker: (
      await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: grid.id }] })
    ).session,
    otherGridWorker: (
      await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
    ).session,
    secretary: (
      await signedInUser(t.app, t.database, {
        grants: [{ role: 'community_secretary', place: town.community }],
      })
    ).session,
  };
  return { town, building, entrance, homes, sessions };
}

export function voteApi(t: TestApp) {
  const send = (
    session: Session | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    key?: string,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...as(session), ...(key ? { 'idempotency-key': key } : {}) },
      payload: payload as never,
    });
  return {
    send,
    async ask(session: Session, body: Record<string, unknown>) {
      const response = await send(session, 'POST', '/api/workbench/votes', {
        body: '请各位业主表决。',
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...body,
      });
      if (response.statusCode !== 201) throw new Error(`ask: ${response.statusCode} ${response.body}`);
      return response.json() as { id: string };
    },
    answer: (session: Session, id: string, choice: string, key?: string) =>
      send(session, 'POST', `/api/votes/${id}/answer`, { choice }, key),
    detail: async (session: Session, id: string) =>
      (await send(session, 'GET', `/api/workbench/votes/${id}`)).json(),
  };
}
