import type { Tx } from '../../server/transaction.ts';
import { notify } from '../notifications/notify.ts';

/** Tells the submitters of these matters that their matter is now part of a problem. */
export async function tellSubmitters(
  tx: Tx,
  matterIds: readonly string[],
  problemId: string,
  title: string,
  kind: string,
) {
  if (matterIds.length === 0) return 0;
  const rows = await tx.db
    .selectFrom('matters')
    .select('submitter_user_id')
    .where('id', 'in', [...matterIds])
    .execute();
  const told = await notify(tx, {
    kind,
    to: { userIds: rows.map((r) => r.submitter_user_id) },
    title:
      kind === 'matter.split'
        ? `您反映的事项已单独立为问题「${title}」`
        : `您反映的事项已并入问题「${title}」`,
    body: '处理结果会同样告诉您。',
    link: '/resident/matters',
    problemId,
  });
  return told.length;
}
