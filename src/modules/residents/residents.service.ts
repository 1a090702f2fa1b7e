import { uuidv7 } from 'uuidv7';
import { personal } from '../../domain/audit/chain.ts';
import type { Config } from '../../server/config.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countRecentFailures, recordFailure } from '../auth/auth.repo.ts';
import type { SessionView } from '../auth/auth.schemas.ts';
import { type NewSession, openSession, signInAccount, spendCode } from '../auth/auth.service.ts';
import { insertResident, phoneHasAccount } from './residents.repo.ts';
import type { Registration } from './residents.schemas.ts';

/** A refusal is answered after the commit, so the spent attempt and the failure count stay recorded. */
export type RegistrationResult =
  | { ok: true; session: NewSession; view: Omit<SessionView, 'csrfToken'> }
  | { ok: false; error: AppError };

/**
 * A resident account for a phone proven by a one-time SMS code. The code is checked before the phone's
 * availability, so only the holder of the phone learns that it already has an account.
 */
export async function registerResident(
  tx: Tx,
  input: Omit<Registration, 'password'> & { passwordHash: string },
  config: Config,
  previousSessionId: string | null,
): Promise<RegistrationResult> {
  // The same counter as sign-in: guessing codes here is no cheaper than guessing them there.
  const account = signInAccount(input.phone);
  const minuteAgo = new Date(tx.now.getTime() - 60_000).toISOString();
  if ((await countRecentFailures(tx.db, account, minuteAgo)) >= config.LOGIN_ATTEMPTS_PER_MINUTE)
    return { ok: false, error: new AppError('rate_limited') };
  if (!(await spendCode(tx, input.phone, input.code))) {
    await recordFailure(tx.db, account, tx.now.toISOString());
    return { ok: false, error: fieldError('code', 'code_wrong') };
  }
  if (await phoneHasAccount(tx.db, input.phone))
    return {
      ok: false,
      error: new AppError('validation_failed', {
        fields: [
          {
            field: 'phone',
            message: {
              'zh-CN': '这个手机号已经注册，请直接登录',
              en: 'This phone number already has an account; please sign in',
            },
          },
        ],
      }),
    };

  const personId = uuidv7();
  const userId = uuidv7();
  await insertResident(tx.db, {
    personId,
    userId,
    name: input.name,
    phone: input.phone,
    passwordHash: input.passwordHash,
    now: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'resident.registered',
    entityType: 'user',
    entityId: userId,
    actorId: userId,
    changes: { name: { to: personal(input.name) }, phone: { to: personal(input.phone) } },
  });
  const session = await openSession(tx, userId, previousSessionId);
  return {
    ok: true,
    session,
    // A new account holds no roles and no confirmed household yet.
    view: {
      user: {
        id: userId,
        name: input.name,
        phone: input.phone,
        kind: 'resident',
        grants: [],
        householdIds: [],
      },
    },
  };
}
