import type { ProblemState } from '../../domain/matters/states.ts';
import type { Tx } from '../../server/transaction.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { notify } from '../notifications/notify.ts';
import { transitionProblem } from '../problems/orders.service.ts';
import { logEvent } from '../problems/timeline.ts';

/**
 * When every action item for a problem is done, the problem is resolved through the same state machine
 * and timeline as a lead's report, so its submitters are asked for their feedback as in the core loop.
 * A problem the meeting took up before anyone was dispatched walks through dispatched and in progress
 * first: the meeting's implementation plan is its dispatch.
 */
export async function resolveIfAllDone(tx: Tx, problemId: string, meetingTitle: string) {
  const open = await tx.db
    .selectFrom('action_items')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('status', '!=', 'done')
    .limit(1)
    .executeTakeFirst();
  if (open) return false;
  let problem = await findProblem(tx.db, problemId);
  if (!problem || problem.state === 'resolved' || problem.state === 'closed') return false;
  const steps: Partial<Record<ProblemState, 'dispatch' | 'start'>> = {
    open: 'dispatch',
    dispatched: 'start',
  };
  for (let step = steps[problem.state as ProblemState]; step; step = steps[problem.state as ProblemState]) {
    await transitionProblem(
      tx,
      problem,
      step,
      step === 'start' ? { first_taken_at: problem.first_taken_at ?? tx.now.toISOString() } : {},
    );
    problem = (await findProblem(tx.db, problemId))!;
  }
  await transitionProblem(tx, problem, 'resolve', { resolved_at: tx.now.toISOString() });
  const reply = `${meetingTitle}决定的事项已全部落实。`;
  await logEvent(tx, problemId, 'resolved', { visibility: 'public', text: reply });
  const submitters = await tx.db
    .selectFrom('matters')
    .select('submitter_user_id')
    .where('problem_id', '=', problemId)
    .where('state', 'in', ['accepted', 'dissatisfied'])
    .execute();
  await notify(tx, {
    kind: 'problem.resolved',
    to: { userIds: submitters.map((s) => s.submitter_user_id) },
    title: `您反映的问题已办理：${problem.title}`,
    body: `${reply}请告诉我们是否解决了，并给出评价。`,
    link: '/resident',
    problemId,
  });
  return true;
}
