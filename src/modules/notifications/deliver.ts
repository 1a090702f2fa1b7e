import { maxAttempts, retryable, retryDelayMs } from '../../domain/notifications/backoff.ts';
import { accepted, channelRequest } from '../../domain/notifications/messages.ts';
import { smsText } from '../../domain/notifications/sms-text.ts';
import type { AppDeps } from '../../server/app-types.ts';
import { checkChannelAddress } from './channels/address-check.ts';

type Due = Awaited<ReturnType<typeof claimDue>>[number];
export type Attempt = { ok: boolean; status: number | null; response: string };

const claimMs = 60_000;
const timeoutMs = 10_000;

/**
 * Sends what is queued and due, outside any transaction. Each row is claimed first by a conditional
 * update, so two servers never send one delivery twice; a server that dies mid-send releases its claim
 * when it expires. Returns how many were attempted.
 */
export async function deliverDue(deps: AppDeps, now = new Date(), limit = 20): Promise<number> {
  const due = await claimDue(deps, now, limit);
  for (const row of due) await deliverOne(deps, row, now);
  return due.length;
}

async function claimDue(deps: AppDeps, now: Date, limit: number) {
  const db = deps.database.db;
  const at = now.toISOString();
  const candidates = await db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  const mine: typeof candidates = [];
  for (const row of candidates) {
    const claimed = await db
      .updateTable('notification_deliveries')
      .set({ claimed_until: new Date(now.getTime() + claimMs).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) mine.push({ ...row, id: Number(row.id) });
  }
  return mine;
}

async function deliverOne(deps: AppDeps, row: Due, now: Date) {
  let attempt: Attempt;
  try {
    attempt = row.transport === 'sms' ? await sendSms(deps, row) : await sendToChannel(deps, row, now);
  } catch (error) {
    attempt = { ok: false, status: null, response: error instanceof Error ? error.message : String(error) };
  }
  await recordAttempt(deps, row, attempt, now);
}

async function recordAttempt(deps: AppDeps, row: Due, attempt: Attempt, now: Date) {
  const attempts = row.attempts + 1;
  const giveUp = !attempt.ok && (attempts >= maxAttempts || !retryable(attempt.status));
  const next = new Date(now.getTime() + retryDelayMs(attempts, deps.config.NOTIFY_RETRY_BASE_SECONDS * 1000));
  await deps.database.db
    .updateTable('notification_deliveries')
    .set({
      status: attempt.ok ? 'sent' : giveUp ? 'failed' : 'pending',
      attempts,
      next_attempt_at: attempt.ok || giveUp ? now.toISOString() : next.toISOString(),
      claimed_until: null,
      last_status: attempt.status,
      // The far side's answer, as staff read it in the delivery log; robots answer briefly.
      last_response: attempt.response.slice(0, 1000),
      updated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
}

async function sendSms(deps: AppDeps, row: Due): Promise<Attempt> {
  const user = await deps.database.db
    .selectFrom('users')
    .select(['phone', 'sms_opt_in', 'status'])
    .where('id', '=', row.user_id ?? '')
    .executeTakeFirst();
  // Opting out or leaving between the event and the send wins: nothing is sent.
  if (!user?.phone || user.sms_opt_in !== 1 || user.status !== 'active')
    return { ok: false, status: 410, response: 'recipient no longer takes SMS' };
  await deps.sms.send(user.phone, smsText(row));
  return { ok: true, status: 200, response: 'sent' };
}

async function sendToChannel(deps: AppDeps, row: Due, now: Date): Promise<Attempt> {
  const channel = await deps.database.db
    .selectFrom('notification_channels')
    .selectAll()
    .where('id', '=', row.channel_id ?? '')
    .executeTakeFirst();
  if (!channel) return { ok: false, status: 410, response: 'channel removed' };
  if (channel.enabled !== 1) return { ok: false, status: 410, response: 'channel switched off' };
  return postToChannel(deps, channel, row, now);
}

/** One HTTP request to a channel, in its own format and signing; used by deliveries and the test button. */
export async function postToChannel(
  deps: AppDeps,
  channel: { kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook'; url: string; secret: string | null },
  notice: { kind: string; title: string; body: string | null; link: string | null; id?: number | null },
  now: Date,
): Promise<Attempt> {
  const verdict = await checkChannelAddress(channel.url, deps.config.CHANNEL_PRIVATE_ADDRESSES);
  if (!verdict.ok) return { ok: false, status: 403, response: `address refused: ${verdict.reason}` };
  const link = notice.link ? new URL(notice.link, deps.config.PUBLIC_URL).toString() : null;
  const request = channelRequest(channel, { ...notice, link }, now);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { ok: accepted(channel.kind, response.status, text), status: response.status, response: text };
}
