import type { Tx } from '../../server/transaction.ts';
import { placeActions } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { notify } from './notify.ts';

/**
 * Who hears of a step on a problem's timeline (problem_events, the core loop's event log):
 * a dispatch → the party or person the order went to; taken and reported → the dispatchers at the place;
 * a public reply and a resolution → every submitter whose matter waits on the problem.
 */
export async function tellOfProblemEvent(
  tx: Tx,
  problemId: string,
  kind: string,
  event: { text?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  const data = event.data ?? {};
  switch (kind) {
    case 'dispatched':
      for (const orderId of stringList(data.orderIds)) await tellOrderDispatched(tx, problemId, orderId);
      return;
    case 'transferred':
      if (typeof data.to === 'string') await tellOrderDispatched(tx, problemId, data.to);
      return;
    case 'taken':
    case 'reported':
      if (typeof data.orderId === 'string')
        await tellDispatchers(tx, problemId, kind, data.orderId, event.text);
      return;
    case 'resolved':
      await tellSubmitters(tx, problemId, 'result_to_confirm', event.text ?? null);
      return;
    case 'reply':
      // A resolution with a public reply logs both; the submitter hears it once, as the result to confirm.
      if (!toldOfResolution(tx, problemId)) await tellSubmitters(tx, problemId, 'reply', event.text ?? null);
      return;
  }
}

const resolvedIn = new WeakMap<object, Set<string>>();
function toldOfResolution(tx: Tx, problemId: string) {
  return resolvedIn.get(tx.db)?.has(problemId) ?? false;
}

async function problemOf(tx: Tx, problemId: string) {
  return tx.db
    .selectFrom('problems')
    .select(['id', 'title', 'place_path'])
    .where('id', '=', problemId)
    .executeTakeFirst();
}

async function tellOrderDispatched(tx: Tx, problemId: string, orderId: string) {
  const [problem, order] = await Promise.all([
    problemOf(tx, problemId),
    tx.db
      .selectFrom('orders')
      .select(['role', 'party_id', 'assignee_user_id', 'note'])
      .where('id', '=', orderId)
      .executeTakeFirst(),
  ]);
  if (!problem || !order) return;
  await notify(tx, {
    kind: 'dispatched',
    to: { partyIds: [order.party_id], userIds: [order.assignee_user_id] },
    title: `${order.role === 'lead' ? '新派单（主办）' : '新派单（协办）'}：${problem.title}`,
    body: order.note,
    link: `/workbench/problems/${problemId}`,
    problemId,
    data: { orderId },
  });
}

async function tellDispatchers(
  tx: Tx,
  problemId: string,
  kind: 'taken' | 'reported',
  orderId: string,
  text?: string | null,
) {
  const problem = await problemOf(tx, problemId);
  if (!problem) return;
  const order = await tx.db
    .selectFrom('orders')
    .leftJoin('parties', 'parties.id', 'orders.party_id')
    .select(['parties.name as party_name'])
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
  const who = order?.party_name ?? '承办人';
  await notify(tx, {
    kind,
    to: {
      rolesAt: { roles: placeActions['matter.triage'] as readonly Role[], placePath: problem.place_path },
    },
    title: `${who}${kind === 'taken' ? '已接单' : '已反馈办理结果'}：${problem.title}`,
    body: kind === 'reported' ? (text ?? null) : null,
    link: `/workbench/problems/${problemId}`,
    problemId,
    data: { orderId },
  });
}

async function tellSubmitters(
  tx: Tx,
  problemId: string,
  kind: 'reply' | 'result_to_confirm',
  text: string | null,
) {
  const problem = await problemOf(tx, problemId);
  if (!problem) return;
  if (kind === 'result_to_confirm') {
    const told = resolvedIn.get(tx.db) ?? new Set<string>();
    told.add(problemId);
    resolvedIn.set(tx.db, told);
  }
  const submitters = await tx.db
    .selectFrom('matters')
    .select('submitter_user_id')
    .where('problem_id', '=', problemId)
    .where('state', 'in', ['accepted', 'dissatisfied'])
    .where('submitter_user_id', 'is not', null)
    .execute();
  if (submitters.length === 0) return;
  await notify(tx, {
    kind,
    to: { userIds: submitters.map((m) => m.submitter_user_id) },
    title:
      kind === 'reply' ? `您反映的“${problem.title}”有了回复` : `您反映的“${problem.title}”已办结，请确认`,
    body: text,
    link: '/resident/mine',
    problemId,
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
