import type { Db } from '../../db/transaction.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inboxAfter, inboxPage, markRead, unreadCount } from './inbox.repo.ts';
import {
  type InboxQuery,
  type Preferences,
  type PreferencesInput,
  personalKinds,
} from './notifications.schemas.ts';

// Everyone signed in has an inbox and sees only their own: no place scope is involved.

export async function listInbox(db: Db, actor: Actor | null, query: InboxQuery) {
  const who = requireActor(actor);
  const [page, unread] = await Promise.all([inboxPage(db, who.userId, query), unreadCount(db, who.userId)]);
  return { ...page, unread };
}

export async function countUnread(db: Db, actor: Actor | null) {
  return { unread: await unreadCount(db, requireActor(actor).userId) };
}

/** What a page missed since `after`, for browsers without EventSource that poll instead. */
export async function missedSince(db: Db, actor: Actor | null, after: number) {
  return { items: await inboxAfter(db, requireActor(actor).userId, after, 200) };
}

export async function markOneRead(tx: Tx, seq: number) {
  return markRead(tx.db, requireActor(tx.actor).userId, tx.now.toISOString(), seq);
}

export async function markAllRead(tx: Tx) {
  return { marked: await markRead(tx.db, requireActor(tx.actor).userId, tx.now.toISOString()) };
}

export async function preferences(db: Db, actor: Actor | null): Promise<Preferences> {
  const who = requireActor(actor);
  const [rows, user] = await Promise.all([
    db
      .selectFrom('notification_preferences')
      .select(['kind', 'channel', 'enabled'])
      .where('user_id', '=', who.userId)
      .execute(),
    db
      .selectFrom('users')
      .select(['sms_opt_in', 'kind'])
      .where('id', '=', who.userId)
      .executeTakeFirstOrThrow(),
  ]);
  const on = (kind: string, channel: string) =>
    rows.find((r) => r.kind === kind && r.channel === channel)?.enabled !== 0;
  return {
    items: personalKinds.map((kind) => ({ kind, inbox: on(kind, 'inbox'), sms: on(kind, 'sms') })),
    digest: rows.some((r) => r.kind === 'digest' && r.enabled === 1),
    smsOptIn: user.sms_opt_in === 1,
    kind: user.kind,
  };
}

export async function savePreferences(tx: Tx, input: PreferencesInput) {
  const who = requireActor(tx.actor);
  const now = tx.now.toISOString();
  const rows: {
    user_id: string;
    kind: string;
    channel: 'inbox' | 'sms';
    enabled: number;
    updated_at: string;
  }[] = input.items.flatMap((item) => [
    {
      user_id: who.userId,
      kind: item.kind,
      channel: 'inbox' as const,
      enabled: item.inbox ? 1 : 0,
      updated_at: now,
    },
    {
      user_id: who.userId,
      kind: item.kind,
      channel: 'sms' as const,
      enabled: item.sms ? 1 : 0,
      updated_at: now,
    },
  ]);
  // The digest is for staff; a resident's choice of it would do nothing, so it is not kept.
  if (input.digest !== undefined && who.kind === 'staff')
    rows.push({
      user_id: who.userId,
      kind: 'digest',
      channel: 'inbox',
      enabled: input.digest ? 1 : 0,
      updated_at: now,
    });
  for (const row of rows) {
    await tx.db
      .insertInto('notification_preferences')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: row.enabled, updated_at: now }),
      )
      .execute();
  }
  if (input.smsOptIn !== undefined && who.kind === 'resident') {
    await tx.db
      .updateTable('users')
      .set({ sms_opt_in: input.smsOptIn ? 1 : 0 })
      .where('id', '=', who.userId)
      .execute();
  }
  await recordAudit(tx, {
    action: 'notification.preferences',
    entityType: 'user',
    entityId: who.userId,
    changes: {
      ...(input.digest !== undefined && { digest: { to: input.digest } }),
      ...(input.smsOptIn !== undefined && { smsOptIn: { to: input.smsOptIn } }),
      kinds: { to: input.items.map((i) => `${i.kind}:${i.inbox ? 1 : 0}${i.sms ? 1 : 0}`).join(',') },
    },
  });
}
