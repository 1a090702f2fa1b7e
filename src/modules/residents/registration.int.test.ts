import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeUser, signIn, uniquePhone } from '../../../test/factories.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { registeredResident, smsCodeFor } from './residents.testkit.ts';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('registering as a resident', () => {
  it('creates the account, signs the resident in and lets them sign in again with the password', async () => {
    const phone = uniquePhone();
    const code = await smsCodeFor(t, phone);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: '马兰花', phone, password: 'my own passphrase', code },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(/sl_session=[\w-]{43};.*HttpOnly/);
    const body = response.json();
    expect(body.user).toMatchObject({
      name: '马兰花',
      phone,
      kind: 'resident',
      grants: [],
      householdIds: [],
    });

    const cookie = response.cookies.find((c) => c.name === 'sl_session')?.value;
    const session = { cookie: `sl_session=${cookie}`, csrfToken: body.csrfToken, userId: body.user.id };
    const current = await t.app.inject({ url: '/api/auth/session', headers: as(session) });
    expect(current.json().user).toMatchObject({ id: body.user.id, name: '马兰花' });
    await signIn(t.app, phone, 'my own passphrase');

    const stored = await t.database.db
      .selectFrom('users')
      .select(['password_hash', 'kind', 'status'])
      .where('id', '=', body.user.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ kind: 'resident', status: 'active' });
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('records the registration in the audit chain without the name or the phone in clear', async () => {
    const resident = await registeredResident(t, { name: '纳慧芳' });
    const entries = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', resident.userId)
      .execute();
    expect(entries.map((e) => e.action)).toContain('resident.registered');
    const text = JSON.stringify(entries);
    expect(text).toContain('[personal]');
    expect(text).not.toContain(resident.phone);
    expect(text).not.toContain('纳慧芳');
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('refuses a phone that already has an account, on the phone field', async () => {
    const existing = await makeUser(t.database);
    const code = await smsCodeFor(t, existing.phone);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      headers: { 'accept-language': 'en' },
      payload: { name: '重复', phone: existing.phone, password: 'another passphrase', code },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'phone', message: 'This phone number already has an account; please sign in' },
    ]);
    expect(response.headers['set-cookie']).toBeUndefined();
    // The existing account is untouched.
    await signIn(t.app, existing.phone, existing.password);
  });

  it('refuses a wrong code on the code field and creates nothing', async () => {
    const phone = uniquePhone();
    const code = await smsCodeFor(t, phone);
    const wrong = code === '000000' ? '000001' : '000000';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: '错码', phone, password: 'a passphrase here', code: wrong },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'code', message: '验证码不正确或已过期' }]);
    const people = await t.database.db.selectFrom('people').select('id').where('phone', '=', phone).execute();
    expect(people).toEqual([]);
    // The right code still works afterwards: a typo costs one of the code's five tries, not the code.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: '错码', phone, password: 'a passphrase here', code },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a code sent to another phone', async () => {
    const code = await smsCodeFor(t, uniquePhone());
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: '借码', phone: uniquePhone(), password: 'a passphrase here', code },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('code');
  });

  it('names every missing or malformed field at once', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: ' ', phone: '12345', password: 'short', code: '12' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields.sort()).toEqual(['code', 'name', 'password', 'phone']);
  });
});
