import { sql } from 'kysely';
import type { Tx } from '../../server/transaction.ts';
import type { Role } from '../access/roles.ts';

/**
 * Who should hear of an event. Users by id; everyone in a party (the property company's staff); or the
 * staff holding one of `roles` at the place or anywhere above it (the community office of a building).
 */
export type Audience = {
  userIds?: readonly (string | null | undefined)[];
  partyIds?: readonly (string | null | undefined)[];
  rolesAt?: { roles: readonly Role[]; placePath: string };
};

/** One domain event, told to people: dispatched, taken, reported, escalated, deadline near, reply… */
export type Notice = {
  kind: string;
  to: Audience;
  /** Short Chinese text: it is what a phone's lock screen or a group chat shows. */
  title: string;
  body?: string | null;
  /** Where in the app the event is seen, e.g. `/workbench/problems/<id>`. */
  link?: string | null;
  problemId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Writes the notice into each recipient's inbox in the transaction of the change it tells of, so that a
 * notice exists exactly when its change committed. Channels beyond the inbox deliver after commit.
 * The acting user is not told of their own step.
 */
export async function notify(tx: Tx, notice: Notice): Promise<string[]> {
  const recipients = (await audienceUserIds(tx, notice.to)).filter((id) => id !== tx.actor?.userId);
  if (recipients.length === 0) return [];
  const createdAt = tx.now.toISOString();
  await tx.db
    .insertInto('notifications')
    .values(
      recipients.map((userId) => ({
        user_id: userId,
        kind: notice.kind,
        title: notice.title,
        body: notice.body ?? null,
        link: notice.link ?? null,
        problem_id: notice.problemId ?? null,
        data: JSON.stringify(notice.data ?? {}),
        created_at: createdAt,
      })),
    )
    .execute();
  return recipients;
}

/** The active users an audience names, each once, in a stable order. */
export async function audienceUserIds(tx: Pick<Tx, 'db'>, to: Audience): Promise<string[]> {
  const ids = new Set<string>(present(to.userIds));
  const partyIds = present(to.partyIds);
  if (partyIds.length > 0) {
    const members = await tx.db
      .selectFrom('party_members')
      .select('user_id')
      .where('party_id', 'in', partyIds)
      .execute();
    for (const m of members) ids.add(m.user_id);
  }
  if (to.rolesAt && to.rolesAt.roles.length > 0) {
    const ancestors = pathAndAncestors(to.rolesAt.placePath);
    const holders = await tx.db
      .selectFrom('role_grants')
      .innerJoin('places', 'places.id', 'role_grants.place_id')
      .select('role_grants.user_id')
      .where('role_grants.role', 'in', [...to.rolesAt.roles])
      .where('places.path', 'in', ancestors)
      .execute();
    for (const h of holders) ids.add(h.user_id);
  }
  if (ids.size === 0) return [];
  const active = await tx.db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .orderBy(sql`id`)
    .execute();
  return active.map((u) => u.id);
}

function present(values: readonly (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']: the place and every place above it. */
function pathAndAncestors(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}
