import { personal } from '../../domain/audit/chain.ts';
import type { Config } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countRecentFailures, findUser, recordFailure } from '../auth/auth.repo.ts';
import { signInAccount } from '../auth/auth.service.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { accountsOf, personOf } from './personal-data.repo.ts';
import { type PersonalDataExport, personalDataSections } from './personal-data.ts';

/** Everything held about the signed-in person (PIPL art. 45), section by section. */
export async function exportPersonalData(tx: Tx): Promise<PersonalDataExport> {
  const actor = requireActor(tx.actor);
  const sections: Record<string, unknown> = {};
  for (const section of personalDataSections)
    sections[section.key] = await section.collect(tx.db, actor.personId);
  return { exportedAt: tx.now.toISOString(), sections };
}

/** A wrong password is counted and committed; the route answers the failure after the commit. */
export type ErasureResult = { ok: true } | { ok: false; error: AppError };

/**
 * Erases the signed-in resident (PIPL art. 47): name and phone go, the account can never sign in again, and
 * every section of personalDataSections erases or anonymises what it holds. The audit chain is untouched:
 * it never held the values in clear.
 */
export async function eraseSignedInResident(
  tx: Tx,
  password: string,
  config: Config,
): Promise<ErasureResult> {
  const actor = requireActor(tx.actor);
  const user = await findUser(tx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  const accounts = await accountsOf(tx.db, actor.personId);
  // A staff account is closed by the office that granted its roles, so that nothing is left unattended.
  if (accounts.some((a) => a.kind === 'staff')) throw new AppError('forbidden');

  const failures = user.phone ? signInAccount(user.phone) : `user:${user.id}`;
  const minuteAgo = new Date(tx.now.getTime() - 60_000).toISOString();
  if ((await countRecentFailures(tx.db, failures, minuteAgo)) >= config.LOGIN_ATTEMPTS_PER_MINUTE)
    return { ok: false, error: new AppError('rate_limited') };
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailure(tx.db, failures, tx.now.toISOString());
    return {
      ok: false,
      error: new AppError('validation_failed', {
        fields: [{ field: 'password', message: { 'zh-CN': '密码不正确', en: 'The password is wrong' } }],
      }),
    };
  }

  const person = await personOf(tx.db, actor.personId);
  const phones = [person?.phone, ...accounts.map((a) => a.phone)].filter((p): p is string => Boolean(p));
  const subject = {
    personId: actor.personId,
    userIds: accounts.map((a) => a.id),
    phones: [...new Set(phones)],
    now: tx.now.toISOString(),
  };
  for (const section of personalDataSections) await section.erase?.(tx.db, subject);
  await recordAudit(tx, {
    action: 'person.erased',
    entityType: 'person',
    entityId: actor.personId,
    changes: { name: { to: personal(null) }, phone: { to: personal(null) }, status: { to: 'erased' } },
  });
  return { ok: true };
}
