import { sql } from 'kysely';
import type { ProblemState } from '../../domain/matters/states.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { overdueView } from '../ladder/ladder.service.ts';
import { meetingList } from '../meetings/meeting-view.ts';
import { matterInbox, myOrders, problemQueueFilter } from '../problems/problems.repo.ts';
import { inboxScope, queueAccess } from '../problems/problems.service.ts';
import { listQuestions } from '../votes/votes.service.ts';
import type { Today } from './today.schemas.ts';

const waitingStates = ['open', 'dispatched', 'in_progress', 'resolved'] as const satisfies ProblemState[];

/** A part of the day whose list the actor may not open is left out, as the list would refuse it. */
async function ifAllowed<T>(part: () => Promise<T>): Promise<T | null> {
  try {
    return await part();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return null;
    throw error;
  }
}

/**
 * The workbench's first page: each figure is read through the list it leads to (same scope, same
 * filter), so the number on the card is the total that list shows when opened.
 */
export async function workbenchToday(tx: Tx): Promise<Today> {
  const actor = requireActor(tx.actor);
  if (actor.kind !== 'staff') throw new AppError('forbidden');
  const db = tx.db;

  const inbox = await ifAllowed(async () => {
    const { items, total } = await matterInbox(db, inboxScope(actor), {
      state: 'submitted',
      sort: 'oldest',
      page: 1,
      pageSize: 1,
    });
    return { waiting: total, oldestAt: items[0]?.created_at ?? null };
  });

  const problems = await ifAllowed(async () => {
    const { scope, championId } = queueAccess(actor);
    const base = await problemQueueFilter(db, scope, {}, championId);
    const rows = await base
      .where('problems.state', 'in', [...waitingStates])
      .select(['problems.state', sql<number>`count(*)`.as('n')])
      .groupBy('problems.state')
      .execute();
    const counts = { open: 0, dispatched: 0, in_progress: 0, resolved: 0 };
    for (const r of rows) counts[r.state as (typeof waitingStates)[number]] = Number(r.n);
    return counts;
  });

  const overdue = await ifAllowed(async () => {
    const { total, counts } = await overdueView(tx, { page: 1, pageSize: 1 });
    return { total, byLevel: counts };
  });

  const orderPage = { limit: 1, offset: 0 };
  const [toTake, taken] = await Promise.all([
    myOrders(db, actor.userId, actor.partyIds, { ...orderPage, state: 'dispatched' }),
    myOrders(db, actor.userId, actor.partyIds, { ...orderPage, state: 'taken' }),
  ]);

  const meetings = await ifAllowed(async () => {
    const { items, total } = await meetingList(db, actor, {
      state: 'scheduled',
      sort: 'starts_asc',
      page: 1,
      pageSize: 1,
    });
    const next = items[0];
    return {
      upcoming: total,
      next: next ? { id: next.id, title: next.title, startsAt: next.startsAt, venue: next.venue } : null,
    };
  });

  const votes = await ifAllowed(async () => {
    const { total } = await listQuestions(tx, {
      state: 'open',
      sort: 'closesAt',
      order: 'asc',
      page: 1,
      pageSize: 1,
    });
    return { open: total };
  });

  return {
    inbox,
    problems,
    overdue,
    orders: { toTake: toTake.total, taken: taken.total },
    meetings,
    votes,
  };
}
