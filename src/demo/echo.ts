import { publication, publish } from '../modules/echo/echo.service.ts';
import type { Tx } from '../server/transaction.ts';

// The echo wall 回音壁 of the demo: staff publish every problem that has been dispatched, each with the
// automatically redacted summary as it was drafted, an hour after the problem was opened. Open problems
// stay unpublished — and still count in the figures.
export async function publishDemoProblems(admin: Tx) {
  const problems = await admin.db
    .selectFrom('problems')
    .select(['id', 'created_at'])
    .where('state', '!=', 'open')
    .orderBy('created_at')
    .execute();
  for (const problem of problems) {
    const at = { ...admin, now: new Date(Date.parse(problem.created_at) + 3_600_000) };
    const { draft } = await publication(at, problem.id);
    await publish(at, problem.id, draft);
  }
}
