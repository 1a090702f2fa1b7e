/**
 * The kinds of event people are told of. Each capability emits its own; these are the ones the core loop
 * emits today, and the ones a preference or a channel may name.
 */
export const noticeKinds = [
  'dispatched', // 派单: an order reached its party or person
  'taken', // 接单
  'reported', // a handler reported its part
  'reply', // a public reply to the submitters
  'result_to_confirm', // the problem is resolved: the submitter confirms or not
  'escalated',
  'deadline_near',
  'meeting_invitation',
  'digest', // the staff daily digest
  'test', // the "send test message" button
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** What group chats hear by default: the work of the office, never what is addressed to one resident. */
export const channelKinds: readonly string[] = [
  'dispatched',
  'taken',
  'reported',
  'escalated',
  'deadline_near',
];

/** Kinds a resident who opted in also receives by SMS: the answers they wait for. */
export const smsKinds: readonly string[] = ['reply', 'result_to_confirm'];

/** Kinds a staff member who chose the daily digest hears of there instead of one message each. */
export const digestKinds: readonly string[] = ['deadline_near', 'escalated'];

/** A channel's kinds are stored comma-separated; empty means the default set. */
export function channelHears(eventKinds: string, kind: string): boolean {
  const chosen = eventKinds
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return kind === 'test' || (chosen.length === 0 ? channelKinds.includes(kind) : chosen.includes(kind));
}

/** The group chats and webhooks a community can send to. */
export const channelKindNames = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof channelKindNames)[number];
