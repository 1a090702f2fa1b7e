import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import {
  as,
  makeHousehold,
  makePlace,
  makeTown,
  type Session,
  signedInUser,
} from '../../../test/factories.ts';
import { csvRows, download, exported, records } from './exports.testkit.ts';
import { exportBounds } from './sources.ts';

// The place names of an export are kept up to a bound and then read again from scratch. A large city
// crosses that bound mid-export; here it is made small so that a few matters cross it on every page.
// Regression: the names read again were only the batch's new places, so the rows after the restart lost
// the community and compound they shared with earlier rows.

let t: TestApp;
let filesDir: string;
let secretary: Session;
const bounds = { ...exportBounds };
/** Each matter's household, as the Place column names it to those who see door numbers. */
const households: string[] = [];

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-place-names-'));
  t = await testApp({ FILES_DIR: filesDir });
  const town = await makeTown(t.database);
  const building3 = await makePlace(t.database, 'building', '3号楼', town.compound);
  const household301 = await makeHousehold(
    t.database,
    await makePlace(t.database, 'entrance', '2单元', building3),
    '301',
  );
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  // Two matters a page, each page in a building of its own: 8 places a page, 5 of them shared
  // (city to compound), 14 in all, against a bound of 10.
  const places = [
    [town.household101, '锦秀河畔 1号楼 1单元 101'],
    [town.household201, '锦秀河畔 2号楼 1单元 201'],
    [household301, '锦秀河畔 3号楼 2单元 301'],
  ] as const;
  for (const [household, named] of places)
    for (const n of [1, 2]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/matters/intake',
        headers: as(secretary),
        payload: {
          kind: 'problem',
          category: 'environment',
          text: `${named} 第${n}件`,
          placeId: household.id,
          channel: 'phone',
          submitterName: '马小兰',
          submitterPhone: '13800138000',
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      households.push(named);
    }
  Object.assign(exportBounds, { pageRows: 2, placesKept: 10 });
}, 60_000);
afterAll(async () => {
  Object.assign(exportBounds, bounds);
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

it('names every row’s community and place when the place names start over mid-export', async () => {
  const job = await exported(t.app, secretary, { kind: 'matters', format: 'csv', filters: { state: 'any' } });
  expect(job).toMatchObject({ state: 'done', rowsDone: 6 });
  const rows = records(csvRows((await download(t.app, secretary, job.id)).rawPayload));
  expect(rows.map((r) => [r.社区, r.地点])).toEqual(households.map((place) => ['亲水阳光社区', place]));
});
