import type { Generated } from 'kysely';
import type { ChannelKind } from '../domain/notifications/kinds.ts';

export interface NotificationChannelsTable {
  id: string;
  place_id: string;
  kind: ChannelKind;
  name: string;
  url: string;
  secret: string | null;
  event_kinds: Generated<string>;
  enabled: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  transport: 'channel' | 'sms';
  channel_id: string | null;
  user_id: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_until: string | null;
  last_status: number | null;
  last_response: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  channel: 'inbox' | 'sms';
  enabled: number;
  updated_at: string;
}

export interface NotificationDigestsTable {
  user_id: string;
  day: string;
  sent_at: string;
}

export interface NotificationRemindersTable {
  problem_id: string;
  deadline_at: string;
  sent_at: string;
}

export interface NotificationTables {
  notification_reminders: NotificationRemindersTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digests: NotificationDigestsTable;
}
