import { sql } from 'kysely';
import { pathBelow } from '../../db/fragments.ts';
import { channelHears, digestKinds, smsKinds } from '../../domain/notifications/kinds.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Role } from '../access/roles.ts';
import { noticesCommitted } from './signal.ts';

/**
 * Who should hear of an event. Users by id; everyone in a party (the property company's staff); or the
 * staff holding one of `roles` at the place or anywhere above it (the community office of a building),
 * grid workers included when their grid holds the place.
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
 * notice exists exactly when its change committed. SMS and the community's group chats are queued in the
 * same transaction and delivered after commit (deliver.ts), so a slow or failing robot never holds or
 * fails the request. The acting user is not told of their own step.
 */
export async function notify(tx: Tx, notice: Notice): Promise<string[]> {
  const audience = (await audienceUserIds(tx, notice.to)).filter((id) => id !== tx.actor?.userId);
  const choices = await preferencesOf(tx, audience, notice.kind);
  const recipients = audience.filter((id) => choices.inbox(id));
  const createdAt = tx.now.toISOString();
  if (recipients.length > 0) {
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
  }
  const queued = (await queueSms(tx, notice, audience, choices.sms)) + (await queueChannels(tx, notice));
  if (recipients.length > 0 || queued > 0) tx.afterCommit?.(noticesCommitted);
  return recipients;
}

type Choices = { inbox(userId: string): boolean; sms(userId: string): boolean };

/**
 * Each user's choice for this kind of event: the inbox is on and SMS is on (for residents who opted in)
 * unless turned off; a staff member who chose the daily digest hears digest kinds there instead.
 */
async function preferencesOf(tx: Tx, userIds: string[], kind: string): Promise<Choices> {
  if (userIds.length === 0) return { inbox: () => false, sms: () => false };
  const rows = await tx.db
    .selectFrom('notification_preferences')
    .select(['user_id', 'kind', 'channel', 'enabled'])
    .where('user_id', 'in', userIds)
    .where('kind', 'in', [kind, 'digest'])
    .execute();
  const off = new Set(
    rows.filter((r) => r.kind === kind && r.enabled === 0).map((r) => `${r.user_id}:${r.channel}`),
  );
  const digest = new Set(rows.filter((r) => r.kind === 'digest' && r.enabled === 1).map((r) => r.user_id));
  return {
    inbox: (id) => !off.has(`${id}:inbox`) && !(digestKinds.includes(kind) && digest.has(id)),
    sms: (id) => !off.has(`${id}:sms`),
  };
}

async function queueSms(tx: Tx, notice: Notice, userIds: string[], wants: (id: string) => boolean) {
  if (!smsKinds.includes(notice.kind) || userIds.length === 0) return 0;
  const phones = await tx.db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('kind', '=', 'resident')
    .where('sms_opt_in', '=', 1)
    .where('phone', 'is not', null)
    .execute();
  const to = phones.map((u) => u.id).filter(wants);
  if (to.length === 0) return 0;
  await tx.db
    .insertInto('notification_deliveries')
    .values(to.map((userId) => ({ ...delivery(tx, notice), transport: 'sms' as const, user_id: userId })))
    .execute();
  return to.length;
}

/** The group chats of the problem's place and every place above it that hear this kind of event. */
async function queueChannels(tx: Tx, notice: Notice) {
  if (!notice.problemId) return 0;
  const problem = await tx.db
    .selectFrom('problems')
    .select('place_path')
    .where('id', '=', notice.problemId)
    .executeTakeFirst();
  if (!problem) return 0;
  const channels = await tx.db
    .selectFrom('notification_channels')
    .innerJoin('places', 'places.id', 'notification_channels.place_id')
    .select(['notification_channels.id', 'notification_channels.event_kinds'])
    .where('notification_channels.enabled', '=', 1)
    .where('places.path', 'in', pathAndAncestors(problem.place_path))
    .execute();
  const hearing = channels.filter((c) => channelHears(c.event_kinds, notice.kind));
  if (hearing.length === 0) return 0;
  await tx.db
    .insertInto('notification_deliveries')
    .values(
      hearing.map((c) => ({ ...delivery(tx, notice), transport: 'channel' as const, channel_id: c.id })),
    )
    .execute();
  return hearing.length;
}

function delivery(tx: Tx, notice: Notice) {
  const now = tx.now.toISOString();
  return {
    channel_id: null,
    user_id: null,
    kind: notice.kind,
    title: notice.title,
    body: notice.body ?? null,
    link: notice.link ?? null,
    status: 'pending' as const,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
  };
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
    for (const id of await roleHolders(tx, to.rolesAt.roles, to.rolesAt.placePath)) ids.add(id);
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

async function roleHolders(tx: Pick<Tx, 'db'>, roles: readonly Role[], placePath: string) {
  const ancestors = pathAndAncestors(placePath);
  const atPlaces = await tx.db
    .selectFrom('role_grants')
    .innerJoin('places', 'places.id', 'role_grants.place_id')
    .select('role_grants.user_id')
    .where('role_grants.role', 'in', [...roles])
    .where('places.path', 'in', ancestors)
    .execute();
  // A grid worker holds the grid, not a place: they hear of what lies in one of the grid's buildings, and
  // of a compound-wide problem of a compound that holds one (as the policy's `reaches` decides).
  const place = await tx.db
    .selectFrom('places')
    .select('kind')
    .where('path', '=', placePath)
    .executeTakeFirst();
  const viaGrids = await tx.db
    .selectFrom('role_grants')
    .innerJoin('grid_buildings', 'grid_buildings.grid_id', 'role_grants.grid_id')
    .innerJoin('places', 'places.id', 'grid_buildings.building_id')
    .select('role_grants.user_id')
    .where('role_grants.role', 'in', [...roles])
    .where((eb) =>
      place?.kind === 'compound'
        ? eb.or([eb('places.path', 'in', ancestors), pathBelow(eb.ref('places.path'), placePath)])
        : eb('places.path', 'in', ancestors),
    )
    .execute();
  return [...atPlaces, ...viaGrids].map((r) => r.user_id);
}

function present(values: readonly (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']: the place and every place above it. */
export function pathAndAncestors(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}
