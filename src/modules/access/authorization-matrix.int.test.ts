import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { matrix } from '../../../test/authorization/matrix.ts';
import { buildWorld, type Persona, personas, type World } from '../../../test/authorization/world.ts';

// Every API route against every representative persona: who gets through, and that everyone else is
// refused — decided on the server, whatever the screens show.
let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await testApp();
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

describe('the authorisation matrix', () => {
  it('has an entry for every route the app serves, and none for a route that is gone', () => {
    const served = t.app.routeList.map((r) => `${r.method} ${r.url}`).sort();
    expect(served.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((route) => !served.includes(route))).toEqual([]);
  });

  for (const [route, entry] of Object.entries(matrix)) {
    it(route, async () => {
      const outcomes: Record<string, number> = {};
      const expected: Record<string, number | string> = {};
      for (const persona of personas) {
        const session = entry.fresh
          ? await w.freshSession(persona)
          : persona === 'public'
            ? null
            : w.sessions[persona];
        const response = await w.send(session, await entry.build(w, persona));
        const status = response.statusCode;
        const want = expectation(entry, persona);
        // 403 and 404 are both a refusal: 404 where even the record's existence is not theirs to know.
        outcomes[persona] = want === 'refused' && (status === 403 || status === 404) ? -1 : status;
        expected[persona] = want === 'refused' ? -1 : want;
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

function expectation(entry: (typeof matrix)[string], persona: Persona): number | 'refused' {
  if (entry.open !== undefined) return entry.open;
  const allowed = entry.allow?.[persona];
  if (allowed !== undefined) return allowed;
  return persona === 'public' ? 401 : 'refused';
}
