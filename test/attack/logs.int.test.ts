import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.ts';
import { matrix } from '../authorization/matrix.ts';
import { buildWorld, type World } from '../authorization/world.ts';
import { allowedPersona, sessionOf } from './allowed-persona.ts';

// The log as an operator's log shipper would see it at the default level, after every route has been
// used once by someone allowed to, and after the sign-in paths that handle secrets.
const lines: string[] = [];
let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await testApp({ LOG_LEVEL: 'info' }, { logStream: { write: (line) => void lines.push(line) } });
  w = await buildWorld(t);
  for (const [, entry] of Object.entries(matrix)) {
    const persona = allowedPersona(entry);
    const session = await sessionOf(w, entry, persona);
    await w.send(session, await entry.build(w, persona));
  }
  const phone = (
    await t.database.db
      .selectFrom('users')
      .select('phone')
      .where('phone', 'is not', null)
      .executeTakeFirstOrThrow()
  ).phone;
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { phone, password: 'wrong password 12345' },
  });
  await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone } });
}, 180_000);
afterAll(() => t.close());

describe('the server log', () => {
  it('was written (the scan below reads something)', () => {
    expect(lines.length).toBeGreaterThan(100);
  });

  it('holds no phone number in full', async () => {
    const people = await t.database.db
      .selectFrom('people')
      .select('phone')
      .where('phone', 'is not', null)
      .execute();
    const phones = people.map((p) => p.phone as string);
    expect(phones.length).toBeGreaterThan(5);
    // A record id is opaque: the hex of a UUID can hold eleven digits in a row that look like a phone number.
    const log = lines
      .join('')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
    expect(phones.filter((phone) => log.includes(phone))).toEqual([]);
    expect(log.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? []).toEqual([]);
  });

  it('holds no password and no session or CSRF token', async () => {
    const log = lines.join('');
    expect(log).not.toContain('correct horse battery');
    expect(log).not.toContain('wrong password 12345');
    const sessions = await t.database.db.selectFrom('sessions').select(['id', 'csrf_token']).execute();
    expect(sessions.length).toBeGreaterThan(5);
    expect(sessions.filter((s) => log.includes(s.id) || log.includes(s.csrf_token))).toEqual([]);
    for (const persona of Object.values(w.sessions)) {
      expect(log).not.toContain(persona.cookie.split('=')[1]);
      expect(log).not.toContain(persona.csrfToken);
    }
  });
});
