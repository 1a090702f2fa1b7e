import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, rowsIn, type Session, signedInUser } from '../factories.ts';

// Writes are limited per client address (WRITES_PER_MINUTE, 100 by default); reads are not.
let t: TestApp;
let session: Session;

beforeAll(async () => {
  t = await testApp({ WRITES_PER_MINUTE: 5 });
  const town = await makeTown(t.database);
  session = (await signedInUser(t.app, t.database, { kind: 'resident', households: [town.household101] }))
    .session;
});
afterAll(() => t.close());

const submit = (remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/matters',
    remoteAddress,
    headers: as(session),
    payload: { kind: 'problem', category: 'environment', text: '楼道灯不亮' },
  });

describe('the write limit per address', () => {
  it('refuses the write past the limit with 429 and Retry-After, and stores nothing for it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit('203.0.113.7')).statusCode);
    expect(statuses.slice(0, 4).every((s) => s === 201 || s === 200)).toBe(true);
    const refused = await submit('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await rowsIn(t.database, 'matters')).toBe(statuses.filter((s) => s < 300).length);
  });

  it('leaves reads and other addresses alone', async () => {
    for (let i = 0; i < 10; i++) {
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/matters/mine',
        remoteAddress: '203.0.113.7',
        headers: as(session),
      });
      expect(read.statusCode).toBe(200);
    }
    expect((await submit('198.51.100.9')).statusCode).toBeLessThan(300);
  });
});
