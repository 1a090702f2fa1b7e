import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, makeUser, signIn } from '../../../test/factories.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import type { LogSmsProvider } from './sms.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
});
afterAll(() => t.close());

function codeFrom(text: string | undefined) {
  return text?.match(/\d{6}/)?.[0] ?? '';
}

describe('signing in with a password', () => {
  it('opens a session in an HttpOnly, SameSite cookie and tells who is signed in', async () => {
    const user = await makeUser(t.database, {
      name: '谢瑜',
      grants: [{ role: 'community_secretary', place: town.community }],
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { phone: user.phone, password: user.password },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.headers['set-cookie'] as string;
    expect(cookie).toMatch(/sl_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const body = response.json();
    expect(body.user).toMatchObject({ name: '谢瑜', kind: 'staff' });
    expect(body.user.grants[0]).toMatchObject({ role: 'community_secretary', placeName: '亲水阳光社区' });
  });

  it('marks the cookie Secure when the client came over HTTPS through a trusted proxy', async () => {
    const behindProxy = await testApp({ TRUST_PROXY: true });
    try {
      const user = await makeUser(behindProxy.database);
      const response = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { phone: user.phone, password: user.password },
      });
      expect(response.headers['set-cookie']).toMatch(/Secure/);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a wrong password on the password field, in the reader’s language', async () => {
    const user = await makeUser(t.database);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'accept-language': 'en' },
      payload: { phone: user.phone, password: 'wrong password' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'password', message: 'Phone number or password is wrong' },
    ]);
  });

  it('locks an account for the minute after five failures, even for the right password', async () => {
    const user = await makeUser(t.database);
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { phone: user.phone, password: 'nope nope' },
      });
      expect(r.statusCode).toBe(400);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { phone: user.phone, password: user.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('gives a new session id at every sign-in and ends the old one (no fixation)', async () => {
    const user = await makeUser(t.database);
    const first = await signIn(t.app, user.phone, user.password);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { cookie: first.cookie },
      payload: { phone: user.phone, password: user.password },
    });
    const second = again.cookies.find((c) => c.name === 'sl_session')?.value;
    expect(`sl_session=${second}`).not.toBe(first.cookie);
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(first) })).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('refuses a write without the session’s CSRF token', async () => {
    const user = await makeUser(t.database);
    const session = await signIn(t.app, user.phone, user.password);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: session.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(session) })).statusCode).toBe(200);
  });

  it('ends on sign-out', async () => {
    const user = await makeUser(t.database);
    const session = await signIn(t.app, user.phone, user.password);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: as(session) })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(session) })).statusCode).toBe(401);
  });

  it('ends every session of the account when the password changes', async () => {
    const user = await makeUser(t.database);
    const phoneSession = await signIn(t.app, user.phone, user.password);
    const deskSession = await signIn(t.app, user.phone, user.password);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: as(deskSession),
      payload: { current: user.password, next: 'a much better passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(phoneSession) })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(deskSession) })).statusCode).toBe(401);
    await signIn(t.app, user.phone, 'a much better passphrase');
  });

  it('ends a staff session after 30 idle minutes', async () => {
    const user = await makeUser(t.database, { grants: [{ role: 'community_staff', place: town.community }] });
    const session = await signIn(t.app, user.phone, user.password);
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('user_id', '=', user.userId)
      .execute();
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(session) })).statusCode).toBe(401);
  });
});

describe('signing in with an SMS code', () => {
  it('accepts the code once, within five minutes', async () => {
    const user = await makeUser(t.database);
    const sms = t.app.deps.sms as LogSmsProvider;
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: user.phone } }))
        .statusCode,
    ).toBe(204);
    const code = codeFrom(sms.lastTo(user.phone));
    expect(code).toMatch(/^\d{6}$/);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-sms',
      payload: { phone: user.phone, code },
    });
    expect(ok.statusCode).toBe(200);
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-sms',
      payload: { phone: user.phone, code },
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].field).toBe('code');
  });

  it('refuses an expired code and limits codes per phone', async () => {
    const user = await makeUser(t.database);
    const sms = t.app.deps.sms as LogSmsProvider;
    await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: user.phone } });
    const tooSoon = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms-code',
      payload: { phone: user.phone },
    });
    expect(tooSoon.statusCode).toBe(429);
    const code = codeFrom(sms.lastTo(user.phone));
    const past = new Date(Date.now() - 1000).toISOString();
    await t.database.db
      .updateTable('sms_codes')
      .set({ expires_at: past })
      .where('phone', '=', user.phone)
      .execute();
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-sms',
      payload: { phone: user.phone, code },
    });
    expect(expired.statusCode).toBe(400);
  });

  it('answers the same for a phone without an account', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms-code',
      payload: { phone: '13700009999' },
    });
    expect(response.statusCode).toBe(204);
  });
});

describe('the audit trail of sign-ins', () => {
  it('records each sign-in on an intact chain without the phone number', async () => {
    const user = await makeUser(t.database);
    await signIn(t.app, user.phone, user.password);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.userId)
      .execute();
    expect(entries.map((e) => e.action)).toContain('auth.sign_in');
    expect(JSON.stringify(entries)).not.toContain(user.phone);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
