import { sql } from 'kysely';
import type { Db, Trx } from '../../db/transaction.ts';

/** One inbox entry as it leaves the server (list, live stream and catch-up alike). */
export type InboxRow = {
  seq: number;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  problemId: string | null;
  createdAt: string;
  readAt: string | null;
};

const columns = [
  'seq',
  'user_id',
  'kind',
  'title',
  'body',
  'link',
  'problem_id',
  'created_at',
  'read_at',
] as const;

type Raw = {
  seq: number;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  problem_id: string | null;
  created_at: string;
  read_at: string | null;
};

function shape(r: Raw): InboxRow {
  return {
    seq: Number(r.seq),
    userId: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    problemId: r.problem_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export async function latestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Everyone's notices after `seq`: what one live-update pulse sends. */
export async function noticesAfter(db: Db, seq: number, limit: number): Promise<InboxRow[]> {
  const rows = await db
    .selectFrom('notifications')
    .select(columns)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(shape);
}

/** One user's notices after `seq`, oldest first: a reconnecting page's catch-up. */
export async function inboxAfter(db: Db, userId: string, seq: number, limit: number): Promise<InboxRow[]> {
  const rows = await db
    .selectFrom('notifications')
    .select(columns)
    .where('user_id', '=', userId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(shape);
}

export type InboxFilter = { unread?: boolean; kind?: string; page: number; pageSize: number };

export async function inboxPage(db: Db, userId: string, filter: InboxFilter) {
  let query = db.selectFrom('notifications').where('user_id', '=', userId);
  if (filter.unread) query = query.where('read_at', 'is', null);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const [items, total] = await Promise.all([
    query
      .select(columns)
      .orderBy('seq', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(shape), total: Number(total.n) };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notice (or, without `seq`, all of them) read; only the user's own. Returns how many changed. */
export async function markRead(db: Trx, userId: string, at: string, seq?: number): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (seq !== undefined) query = query.where('seq', '=', seq);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
