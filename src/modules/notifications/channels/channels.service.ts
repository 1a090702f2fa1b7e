import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { pathInScope } from '../../../db/fragments.ts';
import type { Db } from '../../../db/transaction.ts';
import type { AppDeps } from '../../../server/app-types.ts';
import { AppError } from '../../../server/errors.ts';
import type { Bilingual } from '../../../server/i18n.ts';
import type { Tx } from '../../../server/transaction.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, requireAnywhere, scopeOf } from '../../access/policy.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { postToChannel } from '../deliver.ts';
import type { ChannelInput, ChannelUpdate } from '../notifications.schemas.ts';
import { type AddressVerdict, checkChannelAddress } from './address-check.ts';

const refusals: Record<Exclude<AddressVerdict, { ok: true }>['reason'], Bilingual> = {
  url_invalid: { 'zh-CN': '请输入完整的网址（https://…）', en: 'Enter a full address (https://…)' },
  url_scheme: { 'zh-CN': '只支持 http 或 https 地址', en: 'Only http or https addresses' },
  url_credentials: {
    'zh-CN': '地址中不能包含用户名或密码',
    en: 'The address must not hold a user or password',
  },
  host_unknown: { 'zh-CN': '找不到这个地址的服务器', en: 'No server answers to this address' },
  host_private: {
    'zh-CN': '不能发往内网或本机地址',
    en: 'Addresses inside our own network are not allowed',
  },
};

/** Refuses a channel address before it is saved, beside the field where it was typed. */
async function assertAddress(deps: AppDeps, url: string) {
  const verdict = await checkChannelAddress(url, deps.config.CHANNEL_PRIVATE_ADDRESSES);
  if (!verdict.ok)
    throw new AppError('validation_failed', {
      fields: [{ field: 'url', message: refusals[verdict.reason] }],
    });
}

/** A robot address carries its key (`?key=`, `?access_token=`, `/hook/<token>`): shown only in part. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const [k, v] of url.searchParams) url.searchParams.set(k, v.length > 6 ? `${v.slice(0, 4)}…` : '…');
    const parts = url.pathname.split('/');
    const last = parts.at(-1) ?? '';
    if (last.length > 12) parts[parts.length - 1] = `${last.slice(0, 4)}…`;
    url.pathname = parts.join('/');
    return decodeURI(url.toString());
  } catch {
    return '…';
  }
}

async function channelInScope(db: Db | Tx['db'], actor: Actor | null, id: string) {
  const channel = await db
    .selectFrom('notification_channels')
    .innerJoin('places', 'places.id', 'notification_channels.place_id')
    .selectAll('notification_channels')
    .select(['places.path as place_path', 'places.kind as place_kind'])
    .where('notification_channels.id', '=', id)
    .executeTakeFirst();
  if (!channel) throw new AppError('not_found');
  requireAnywhere(actor, 'channel.manage');
  // Out of scope reads as absent.
  const scope = scopeOf(actor, 'channel.manage');
  if (!scope.prefixes.some((p) => channel.place_path.startsWith(p))) throw new AppError('not_found');
  return channel;
}

export async function listChannels(db: Db, actor: Actor | null) {
  requireAnywhere(actor, 'channel.manage');
  const scope = scopeOf(actor, 'channel.manage');
  const rows = await db
    .selectFrom('notification_channels')
    .innerJoin('places', 'places.id', 'notification_channels.place_id')
    .selectAll('notification_channels')
    .select(['places.name as place_name'])
    .select((eb) => [
      eb
        .selectFrom('notification_deliveries as d')
        .select(
          sql<string>`d.status || '|' || d.updated_at || '|' || coalesce(cast(d.last_status as text), '')`.as(
            'x',
          ),
        )
        .whereRef('d.channel_id', '=', 'notification_channels.id')
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('last'),
    ])
    .where((eb) => pathInScope(eb.ref('places.path'), scope))
    .orderBy('notification_channels.created_at')
    .execute();
  return {
    items: rows.map((r) => {
      const [status, at, lastStatus] = (r.last ?? '').split('|');
      return {
        id: r.id,
        placeId: r.place_id,
        placeName: r.place_name,
        kind: r.kind,
        name: r.name,
        url: maskUrl(r.url),
        hasSecret: Boolean(r.secret),
        eventKinds: r.event_kinds.split(',').filter(Boolean),
        enabled: r.enabled === 1,
        lastDelivery:
          r.last && status && at ? { status, at, lastStatus: lastStatus ? Number(lastStatus) : null } : null,
      };
    }),
  };
}

export async function createChannel(tx: Tx, deps: AppDeps, input: ChannelInput) {
  const place = await tx.db
    .selectFrom('places')
    .select(['id', 'path', 'kind'])
    .where('id', '=', input.placeId)
    .executeTakeFirst();
  if (!place)
    throw new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });
  assertCan(tx.actor, 'channel.manage', place);
  await assertAddress(deps, input.url);
  const id = uuidv7();
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('notification_channels')
    .values({
      id,
      place_id: place.id,
      kind: input.kind,
      name: input.name,
      url: input.url,
      secret: input.secret || null,
      event_kinds: input.eventKinds.join(','),
      enabled: input.enabled ? 1 : 0,
      created_by: tx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordAudit(tx, {
    action: 'channel.create',
    entityType: 'notification_channel',
    entityId: id,
    // The address and secret are credentials of the group: the log says that they were set, not what.
    changes: { kind: { to: input.kind }, name: { to: input.name }, place: { to: place.id } },
  });
  return id;
}

export async function updateChannel(tx: Tx, deps: AppDeps, id: string, input: ChannelUpdate) {
  const channel = await channelInScope(tx.db, tx.actor, id);
  assertCan(tx.actor, 'channel.manage', { path: channel.place_path, kind: channel.place_kind });
  if (input.url !== undefined && input.url !== channel.url) await assertAddress(deps, input.url);
  const set = {
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.url !== undefined && { url: input.url }),
    ...(input.secret !== undefined && { secret: input.secret || null }),
    ...(input.eventKinds !== undefined && { event_kinds: input.eventKinds.join(',') }),
    ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
    updated_at: tx.now.toISOString(),
  };
  await tx.db.updateTable('notification_channels').set(set).where('id', '=', id).execute();
  await recordAudit(tx, {
    action: 'channel.update',
    entityType: 'notification_channel',
    entityId: id,
    changes: Object.fromEntries(
      Object.keys(input).map((k) => [
        k,
        { to: k === 'url' || k === 'secret' ? '(changed)' : String(input[k as keyof ChannelUpdate]) },
      ]),
    ),
  });
}

/**
 * Sends a test message now and answers with what the far side said; the attempt goes into the delivery log.
 * Runs outside any transaction: the admin waits for the robot, the database does not.
 */
export async function sendTestMessage(deps: AppDeps, actor: Actor | null, id: string) {
  const db = deps.database.db;
  const channel = await channelInScope(db, actor, id);
  const now = new Date();
  const notice = {
    kind: 'test',
    title: `测试消息：${channel.name} 已接通`,
    body: '这是商量平台发送的测试消息，收到即表示群机器人配置正确。',
    link: '/workbench/channels',
  };
  let attempt: { ok: boolean; status: number | null; response: string };
  try {
    attempt = await postToChannel(deps, channel, notice, now);
  } catch (error) {
    attempt = { ok: false, status: null, response: error instanceof Error ? error.message : String(error) };
  }
  await db
    .insertInto('notification_deliveries')
    .values({
      transport: 'channel',
      channel_id: id,
      user_id: null,
      ...notice,
      status: attempt.ok ? 'sent' : 'failed',
      attempts: 1,
      next_attempt_at: now.toISOString(),
      claimed_until: null,
      last_status: attempt.status,
      last_response: attempt.response.slice(0, 1000),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return { ...attempt, response: attempt.response.slice(0, 1000) };
}

export async function deliveryLog(
  db: Db,
  actor: Actor | null,
  id: string,
  query: { page: number; pageSize: number; status?: 'pending' | 'sent' | 'failed' },
) {
  await channelInScope(db, actor, id);
  let base = db.selectFrom('notification_deliveries').where('channel_id', '=', id);
  if (query.status) base = base.where('status', '=', query.status);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: items.map((d) => ({
      id: Number(d.id),
      kind: d.kind,
      title: d.title,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.next_attempt_at,
      lastStatus: d.last_status,
      lastResponse: d.last_response,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
    })),
  };
}
