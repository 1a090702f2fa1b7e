import type { Kysely } from 'kysely';
import { type MigrationDialect, serialKey } from './columns.ts';

// Notification channels beyond the inbox. A community's group-chat robots (WeCom, DingTalk, Feishu) and
// generic webhooks; what each user wants to hear through which channel; the outbox of deliveries that run
// after commit, which is also the delivery log staff read; and the daily digests already sent.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    // Comma-separated event kinds this channel hears; empty means every kind.
    .addColumn('event_kinds', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_channels_place')
    .on('notification_channels')
    .column('place_id')
    .execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', serialKey(dialect), (c) => c.primaryKey())
    // 'channel' (a group robot or webhook) or 'sms' (a user's phone).
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.references('notification_channels.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_deliveries_due')
    .on('notification_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_channel')
    .on('notification_deliveries')
    .columns(['channel_id', 'id'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'inbox' or 'sms'; kind 'digest' with channel 'inbox' is the staff daily digest.
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind', 'channel'])
    .execute();

  // One "deadline near" reminder per problem and deadline: a deadline moved later earns a new one.
  await db.schema
    .createTable('notification_reminders')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reminders_pk', ['problem_id', 'deadline_at'])
    .execute();

  // One row per user and Asia/Shanghai day: several servers never send the same digest twice.
  await db.schema
    .createTable('notification_digests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_digests_pk', ['user_id', 'day'])
    .execute();
}
