import { uuidv7 } from 'uuidv7';
import type { Config } from '../../server/config.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  countRecentFailures,
  countSmsAttempt,
  countSmsCodesSince,
  findUser,
  findUserByPhone,
  insertSession,
  insertSmsCode,
  latestLiveSmsCode,
  recordFailure,
  revokeAllSessions,
  revokeSession,
  setPassword,
  spendSmsCode,
} from './auth.repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SmsProvider } from './sms.ts';
import { newSmsCode, newToken, sameSecret, tokenDigest } from './tokens.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000;
const SMS_CODE_MAX_ATTEMPTS = 5;
const SMS_CODES_PER_HOUR = 5;

export type NewSession = { token: string; csrfToken: string; userId: string };

/** A failed attempt is recorded and committed; the route answers the failure after the commit. */
export type SignInResult = { ok: true; session: NewSession } | { ok: false; error: AppError };

/** The key failed attempts of one phone are counted under (sign-in, codes, erasure all share it). */
export function signInAccount(phone: string) {
  return `phone:${phone}`;
}

function minuteAgo(now: Date) {
  return new Date(now.getTime() - 60_000).toISOString();
}

/** A new session for a user; the session the request came with (if any) is revoked, so ids never carry over. */
export async function openSession(
  tx: Tx,
  userId: string,
  previousSessionId: string | null,
): Promise<NewSession> {
  const now = tx.now.toISOString();
  if (previousSessionId) await revokeSession(tx.db, previousSessionId, now);
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(tx.db, { id: tokenDigest(token), user_id: userId, csrf_token: csrfToken, now });
  return { token, csrfToken, userId };
}

async function tooManyFailures(tx: Tx, account: string, config: Config) {
  return (await countRecentFailures(tx.db, account, minuteAgo(tx.now))) >= config.LOGIN_ATTEMPTS_PER_MINUTE;
}

export async function signInWithPassword(
  tx: Tx,
  input: { phone: string; password: string },
  config: Config,
  previousSessionId: string | null,
): Promise<SignInResult> {
  const account = signInAccount(input.phone);
  if (await tooManyFailures(tx, account, config)) return { ok: false, error: new AppError('rate_limited') };
  const user = await findUserByPhone(tx.db, input.phone);
  const valid = await verifyPassword(user?.status === 'active' ? user.password_hash : null, input.password);
  if (!user || !valid) {
    await recordFailure(tx.db, account, tx.now.toISOString());
    return { ok: false, error: fieldError('password', 'credentials_wrong') };
  }
  const session = await openSession(tx, user.id, previousSessionId);
  await recordAudit(tx, signInEntry(user.id, 'password'));
  return { ok: true, session };
}

function signInEntry(userId: string, method: 'password' | 'sms') {
  return {
    action: 'auth.sign_in',
    entityType: 'user',
    entityId: userId,
    actorId: userId,
    changes: { method: { to: method } },
  };
}

/** Sends a one-time code. Answers the same whether or not the phone has an account. */
export async function requestSmsCode(tx: Tx, phone: string, sms: SmsProvider): Promise<AppError | null> {
  const now = tx.now;
  if ((await countSmsCodesSince(tx.db, phone, minuteAgo(now))) >= 1) return new AppError('rate_limited');
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await countSmsCodesSince(tx.db, phone, hourAgo)) >= SMS_CODES_PER_HOUR)
    return new AppError('rate_limited');
  const code = newSmsCode();
  await insertSmsCode(tx.db, {
    id: uuidv7(),
    phone,
    code_hash: tokenDigest(`${phone}:${code}`),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SMS_CODE_TTL_MS).toISOString(),
  });
  await sms.send(phone, `【商量】您的验证码是 ${code}，5 分钟内有效。请勿告诉他人。`);
  return null;
}

/** Spends a valid code for this phone: single use, 5 minutes, 5 tries. */
export async function spendCode(tx: Tx, phone: string, code: string): Promise<boolean> {
  const live = await latestLiveSmsCode(tx.db, phone, tx.now.toISOString());
  if (!live || live.attempts >= SMS_CODE_MAX_ATTEMPTS) return false;
  if (!sameSecret(live.code_hash, tokenDigest(`${phone}:${code}`))) {
    await countSmsAttempt(tx.db, live.id);
    return false;
  }
  return spendSmsCode(tx.db, live.id, tx.now.toISOString());
}

export async function signInWithSms(
  tx: Tx,
  input: { phone: string; code: string },
  config: Config,
  previousSessionId: string | null,
): Promise<SignInResult> {
  const account = signInAccount(input.phone);
  if (await tooManyFailures(tx, account, config)) return { ok: false, error: new AppError('rate_limited') };
  const user = await findUserByPhone(tx.db, input.phone);
  const spent = await spendCode(tx, input.phone, input.code);
  if (!spent || !user || user.status !== 'active') {
    await recordFailure(tx.db, account, tx.now.toISOString());
    return { ok: false, error: fieldError('code', 'code_wrong') };
  }
  const session = await openSession(tx, user.id, previousSessionId);
  await recordAudit(tx, signInEntry(user.id, 'sms'));
  return { ok: true, session };
}

export async function signOut(tx: Tx, sessionId: string) {
  await revokeSession(tx.db, sessionId, tx.now.toISOString());
}

/** A new password ends every session of the account, this one included; a fresh one is opened. */
export async function changePassword(
  tx: Tx,
  userId: string,
  input: { current: string; next: string },
): Promise<NewSession> {
  const user = await findUser(tx.db, userId);
  if (!user || !(await verifyPassword(user.password_hash, input.current)))
    throw fieldError('current', 'credentials_wrong');
  await setPassword(tx.db, userId, await hashPassword(input.next), tx.now.toISOString());
  await revokeAllSessions(tx.db, userId, tx.now.toISOString());
  await recordAudit(tx, {
    action: 'auth.password_changed',
    entityType: 'user',
    entityId: userId,
    changes: {},
  });
  return openSession(tx, userId, null);
}
