import { createHmac } from 'node:crypto';
import type { ChannelKind } from './kinds.ts';

/** What a notice says, ready for a chat: the link is absolute so a phone can open it from the group. */
export type OutgoingNotice = {
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  /** The delivery's id: the same on every retry, so a receiver can drop a message it already has. */
  id?: number | null;
};
export type OutgoingRequest = { url: string; headers: Record<string, string>; body: string };

export function chatText(notice: OutgoingNotice): string {
  return [`【商量】${notice.title}`, notice.body, notice.link].filter(Boolean).join('\n');
}

/**
 * DingTalk 钉钉 custom robot, 加签: HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`
 * (timestamp in milliseconds), Base64, then URL-encoded into `&timestamp=…&sign=…`.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu 飞书 custom bot, 签名校验: the key is `timestamp + "\n" + secret` (timestamp in seconds) and the
 * message is empty — the reverse of DingTalk; timestamp and sign travel in the JSON body.
 */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('', 'utf8').digest('base64');
}

/** Our generic webhook: `sha256=` + hex HMAC-SHA256 of `timestamp + "." + body`, keyed by the secret. */
export function webhookSign(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`, 'utf8').digest('hex')}`;
}

const json = { 'content-type': 'application/json; charset=utf-8' };

/** The HTTP request each kind of channel documents for a text message. */
export function channelRequest(
  channel: { kind: ChannelKind; url: string; secret: string | null },
  notice: OutgoingNotice,
  now: Date,
): OutgoingRequest {
  const text = chatText(notice);
  switch (channel.kind) {
    case 'wecom':
      // WeCom 企业微信 group robot: the key is in the URL; no signature exists.
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({ msgtype: 'text', text: { content: text } }),
      };
    case 'dingtalk': {
      const url = new URL(channel.url);
      if (channel.secret) {
        const timestamp = now.getTime();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingtalkSign(channel.secret, timestamp));
      }
      return {
        url: url.toString(),
        headers: json,
        body: JSON.stringify({ msgtype: 'text', text: { content: text } }),
      };
    }
    case 'feishu': {
      const timestamp = Math.floor(now.getTime() / 1000);
      const signed = channel.secret
        ? { timestamp: String(timestamp), sign: feishuSign(channel.secret, timestamp) }
        : {};
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({ ...signed, msg_type: 'text', content: { text } }),
      };
    }
    case 'webhook': {
      const timestamp = Math.floor(now.getTime() / 1000);
      const body = JSON.stringify({
        id: notice.id ?? null,
        event: notice.kind,
        title: notice.title,
        body: notice.body,
        link: notice.link,
        sentAt: now.toISOString(),
      });
      const headers: Record<string, string> = { ...json, 'x-shangliang-timestamp': String(timestamp) };
      if (notice.id) headers['x-shangliang-delivery'] = String(notice.id);
      if (channel.secret) headers['x-shangliang-signature'] = webhookSign(channel.secret, timestamp, body);
      return { url: channel.url, headers, body };
    }
  }
}

/**
 * Whether the far side accepted the message. The robots answer HTTP 200 even when they refuse, with an
 * error code in the body: WeCom and DingTalk `errcode`, Feishu `code` (older bots `StatusCode`).
 */
export function accepted(kind: ChannelKind, status: number, responseText: string): boolean {
  if (status < 200 || status >= 300) return false;
  if (kind === 'webhook') return true;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(responseText) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (kind === 'feishu') return parsed.code === 0 || (parsed.code === undefined && parsed.StatusCode === 0);
  return parsed.errcode === 0;
}
