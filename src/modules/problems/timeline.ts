import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../server/transaction.ts';
import { insertEvent } from '../matters/matters.repo.ts';
import { tellOfProblemEvent } from '../notifications/problem-notices.ts';

/**
 * The kinds of step a problem's timeline shows. `reply` is what the public and the submitters read;
 * everything else is for staff unless written as public.
 */
export type EventKind =
  | 'created'
  | 'joined'
  | 'reply'
  | 'note'
  | 'dispatched'
  | 'taken'
  | 'reported'
  | 'transferred'
  | 'resolved'
  | 'reopened'
  | 'closed'
  | 'merged'
  | 'split'
  | 'championed'
  | 'feedback'
  // The ladder: a climb, the whistle 吹哨 and each department's 报到.
  | 'escalated'
  | 'whistled'
  | 'reported_in';

export async function logEvent(
  tx: Tx,
  problemId: string,
  kind: EventKind,
  options: { visibility?: 'public' | 'staff'; text?: string | null; data?: Record<string, unknown> } = {},
): Promise<string> {
  const id = uuidv7();
  await insertEvent(tx.db, {
    id,
    problem_id: problemId,
    at: tx.now.toISOString(),
    actor_id: tx.actor?.userId ?? null,
    kind,
    visibility: options.visibility ?? 'staff',
    text: options.text ?? null,
    data: JSON.stringify(options.data ?? {}),
  });
  await tellOfProblemEvent(tx, problemId, kind, options);
  return id;
}
