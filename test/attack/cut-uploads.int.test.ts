import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  multipart,
  registerRows,
  xlsxOf,
} from '../../src/modules/household-imports/household-imports.fixtures.ts';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, rowsIn, type Session, signedInUser } from '../factories.ts';

// A phone on a weak signal sends half a spreadsheet: each import answers "the file is missing" beside its
// field (400), imports nothing, and the server stays up — never a 500.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  staff = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'community_staff', place: town.community }] })
  ).session;
});
afterAll(() => t.close());

const count = (table: 'households' | 'matters' | 'problems') => rowsIn(t.database, table);

describe('an upload cut off in the middle of the file', () => {
  it('is refused beside the file field by every import, and nothing is imported', async () => {
    const whole = multipart('表格.xlsx', await xlsxOf(registerRows()));
    // The body ends inside the file: no closing boundary ever arrives.
    const cut = whole.payload.subarray(0, Math.floor(whole.payload.length / 2));
    const before = {
      households: await count('households'),
      matters: await count('matters'),
      problems: await count('problems'),
    };
    for (const url of [
      `/api/household-imports/preview?placeId=${town.compound.id}`,
      `/api/household-imports?placeId=${town.compound.id}`,
      `/api/hotline-imports/preview?placeId=${town.community.id}`,
      `/api/hotline-imports?placeId=${town.community.id}`,
      `/api/problem-imports/preview?placeId=${town.community.id}`,
      `/api/problem-imports?placeId=${town.community.id}`,
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...as(staff), ...whole.headers, 'accept-language': 'en' },
        payload: cut,
      });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json().errors[0]).toMatchObject({ field: 'file' });
    }
    expect({
      households: await count('households'),
      matters: await count('matters'),
      problems: await count('problems'),
    }).toEqual(before);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
