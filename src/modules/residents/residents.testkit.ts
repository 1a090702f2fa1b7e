import { expect } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { type Session, uniquePhone } from '../../../test/factories.ts';
import type { LogSmsProvider } from '../auth/sms.ts';

/** Asks for a one-time code for a phone and reads it from the log provider, as the phone's holder would. */
export async function smsCodeFor(t: TestApp, phone: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone } });
  expect(response.statusCode).toBe(204);
  const text = (t.app.deps.sms as LogSmsProvider).lastTo(phone);
  return text?.match(/\d{6}/)?.[0] ?? '';
}

/** A resident registered through the API, signed in. */
export async function registeredResident(
  t: TestApp,
  spec: { name?: string; phone?: string; password?: string } = {},
) {
  const name = spec.name ?? '居民测试';
  const phone = spec.phone ?? uniquePhone();
  const password = spec.password ?? 'a long enough passphrase';
  const code = await smsCodeFor(t, phone);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/residents/register',
    payload: { name, phone, password, code },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  const cookie = response.cookies.find((c) => c.name === 'sl_session')?.value;
  const session: Session = {
    cookie: `sl_session=${cookie}`,
    csrfToken: body.csrfToken,
    userId: body.user.id,
  };
  return { name, phone, password, userId: body.user.id as string, session };
}

export async function householdCode(t: TestApp, householdId: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('households')
    .select('household_code')
    .where('place_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return row.household_code;
}
