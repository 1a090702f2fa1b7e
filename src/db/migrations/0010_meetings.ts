import type { Kysely } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// Consultation meetings 协商议事: the meeting, its invitations and replies, agenda, attendance, what was
// said, the decision per item, the implementation plan's action items, and cost-sharing plans with
// each payer's confirmation. A community's procedure rules 议事规程 are a template copied onto a meeting.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('procedure_templates')
    .addColumn('place_id', 'text', (c) => c.primaryKey().references('places.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // council 议事会 · joint 联席会议 · hearing 听证会; other kinds (counterpart consultation) add values.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('convener_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('convener_party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    // none · monthly · quarterly: a recurring meeting's next one carries over the open items of this one.
    .addColumn('recurrence', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('previous_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('procedure_rules', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('recorder_user_id', 'text', (c) => c.references('users.id'))
    // When the invitees were reminded that the meeting is near (once).
    .addColumn('reminded_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('public_summary', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_place').on('meetings').columns(['place_path', 'starts_at']).execute();

  // One row per invited party (any member may reply for it) or person (by name, or held a role asked for).
  await db.schema
    .createTable('meeting_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('via_role', 'text')
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('delegate_name', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_invitations_meeting')
    .on('meeting_invitations')
    .column('meeting_id')
    .execute();
  await db.schema
    .createIndex('meeting_invitations_user')
    .on('meeting_invitations')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('carried_from_id', 'text', (c) => c.references('meeting_agenda_items.id'))
    // pending → decided | deferred
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('present', 'integer')
    .addColumn('adopted', 'integer')
    .addColumn('decision', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('meeting_agenda_items_meeting')
    .on('meeting_agenda_items')
    .columns(['meeting_id', 'position'])
    .execute();
  await db.schema
    .createIndex('meeting_agenda_items_problem')
    .on('meeting_agenda_items')
    .column('problem_id')
    .execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    // e.g. resident representative 居民代表, party member 党员代表, or a CPPCC sector 界别
    .addColumn('capacity', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_attendees_meeting')
    .on('meeting_attendees')
    .column('meeting_id')
    .execute();

  // What each speaker said, and proposals, in the order the recorder took them down.
  await db.schema
    .createTable('meeting_speeches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('meeting_agenda_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('speaker_name', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('capacity', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_speeches_meeting')
    .on('meeting_speeches')
    .columns(['meeting_id', 'at'])
    .execute();

  // The implementation plan 实施方案: who does what by when, with the evidence it was done.
  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('meeting_agenda_items.id'))
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('climbed_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_meeting').on('action_items').column('meeting_id').execute();
  await db.schema.createIndex('action_items_problem').on('action_items').column('problem_id').execute();
  await db.schema.createIndex('action_items_due').on('action_items').columns(['status', 'due_at']).execute();

  // A cost-sharing plan 费用分摊 for one agenda item; the plan as agreed, and the share of each payer.
  await db.schema
    .createTable('cost_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('meeting_agenda_items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cost_plans_meeting').on('cost_plans').column('meeting_id').execute();

  await db.schema
    .createTable('cost_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('cost_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('household_id', 'text', (c) => c.references('places.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('cash_fen', 'integer', (c) => c.notNull())
    .addColumn('in_kind_fen', 'integer', (c) => c.notNull())
    .addColumn('in_kind', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('cost_shares_plan').on('cost_shares').column('plan_id').execute();
}
