import { z } from 'zod';
import { channelKindNames, noticeKinds } from '../../domain/notifications/kinds.ts';

export const Notice = z.object({
  seq: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  problemId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notice = z.infer<typeof Notice>;

export const InboxQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  kind: z.string().max(40).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxPage = z.object({
  items: z.array(Notice),
  total: z.number().int(),
  unread: z.number().int(),
});
export const UnreadCount = z.object({ unread: z.number().int() });
export const SeqParams = z.object({ seq: z.coerce.number().int().positive() });
export const MarkedCount = z.object({ marked: z.number().int() });
export const CatchUpQuery = z.object({ after: z.coerce.number().int().min(0).optional() });
export const CatchUp = z.object({ items: z.array(Notice) });

/** What the user may turn on and off: the kinds that reach a person (not the office's test messages). */
export const personalKinds = noticeKinds.filter((k) => k !== 'test' && k !== 'digest');
export const PreferenceRow = z.object({
  kind: z.enum(personalKinds),
  inbox: z.boolean(),
  sms: z.boolean(),
});
export const Preferences = z.object({
  items: z.array(PreferenceRow),
  /** Staff only: a daily digest of new, overdue and near-deadline problems. */
  digest: z.boolean(),
  /** Residents: whether SMS can reach them at all (users.sms_opt_in). */
  smsOptIn: z.boolean(),
  kind: z.enum(['staff', 'resident']),
});
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesInput = z.object({
  items: z.array(PreferenceRow).max(personalKinds.length),
  digest: z.boolean().optional(),
  smsOptIn: z.boolean().optional(),
});
export type PreferencesInput = z.infer<typeof PreferencesInput>;

export const ChannelKind = z.enum(channelKindNames);
export const ChannelInput = z.object({
  placeId: z.string().min(1),
  kind: ChannelKind,
  name: z.string().trim().min(1).max(60),
  url: z.string().trim().min(1).max(500),
  /** Left out on an update: the stored secret stays. An empty string removes it. */
  secret: z.string().max(200).optional(),
  eventKinds: z.array(z.enum(noticeKinds)).max(noticeKinds.length).default([]),
  enabled: z.boolean().default(true),
});
export type ChannelInput = z.infer<typeof ChannelInput>;
export const ChannelUpdate = ChannelInput.omit({ placeId: true }).partial();
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

export const Channel = z.object({
  id: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  kind: ChannelKind,
  name: z.string(),
  /** The address with its key or token hidden: it is a credential of the group. */
  url: z.string(),
  hasSecret: z.boolean(),
  eventKinds: z.array(z.string()),
  enabled: z.boolean(),
  lastDelivery: z
    .object({ status: z.string(), at: z.string(), lastStatus: z.number().nullable() })
    .nullable(),
});
export type Channel = z.infer<typeof Channel>;
export const ChannelList = z.object({ items: z.array(Channel) });
export const IdParams = z.object({ id: z.string().min(1) });

export const Delivery = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastStatus: z.number().nullable(),
  lastResponse: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const DeliveryPage = z.object({ items: z.array(Delivery), total: z.number().int() });
export const DeliveryQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
});
export const TestResult = z.object({ ok: z.boolean(), status: z.number().nullable(), response: z.string() });
