import { type Kysely, sql } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// The core loop: matters 事项 raised by residents, problems 问题 they belong to, orders 三单, the timeline,
// files, the dispatch catalogue, and idempotency keys for replayed requests.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // compound → community → joint_meeting → street: an attribute that climbs, not a state.
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('deadline_at', 'text')
    .addColumn('deadline_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_taken_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('public_summary', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The workbench queue: most urgent first, then the nearest deadline.
  await db.schema
    .createIndex('problems_queue')
    .on('problems')
    .columns(['community_id', 'state', 'priority', 'deadline_at'])
    .execute();
  await db.schema.createIndex('problems_place_path').on('problems').column('place_path').execute();

  await db.schema
    .createTable('matters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // The 12345 hotline work order's number: one matter per work order, whatever the import does.
    .addColumn('hotline_no', 'text', (c) => c.unique())
    .addColumn('submitter_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('submitter_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('hide_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('feedback_solved', 'integer')
    .addColumn('rating', 'integer')
    .addColumn('feedback_comment', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('matters_problem').on('matters').column('problem_id').execute();
  await db.schema
    .createIndex('matters_submitter')
    .on('matters')
    .columns(['submitter_user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('matters_community_state')
    .on('matters')
    .columns(['community_id', 'state', 'created_at'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    // 主办 lead or 协办 assisting
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dispatched_by', 'text', (c) => c.references('users.id'))
    .addColumn('dispatched_at', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('users.id'))
    .addColumn('taken_at', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('report_text', 'text')
    .addColumn('transferred_to', 'text', (c) => c.references('orders.id'))
    .addColumn('note', 'text')
    .addCheckConstraint('orders_someone', sql`party_id is not null or assignee_user_id is not null`)
    .execute();
  await db.schema.createIndex('orders_problem').on('orders').column('problem_id').execute();
  await db.schema.createIndex('orders_party_state').on('orders').columns(['party_id', 'state']).execute();
  await db.schema
    .createIndex('orders_assignee_state')
    .on('orders')
    .columns(['assignee_user_id', 'state'])
    .execute();

  // The timeline of a problem: public replies, internal notes, and every step taken.
  await db.schema
    .createTable('problem_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('problem_events_problem')
    .on('problem_events')
    .columns(['problem_id', 'at'])
    .execute();

  // NPC deputies and CPPCC members who took up a problem (代表委员双联动).
  await db.schema
    .createTable('problem_champions')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_champions_pk', ['problem_id', 'user_id'])
    .execute();

  // Uploaded files, named by the SHA-256 of their bytes under FILES_DIR.
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('matter_id', 'text', (c) => c.references('matters.id'))
    .addColumn('event_id', 'text', (c) => c.references('problem_events.id'))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_matter').on('attachments').column('matter_id').execute();
  await db.schema.createIndex('attachments_event').on('attachments').column('event_id').execute();

  // The dispatch catalogue: category × place → default handler and level.
  await db.schema
    .createTable('dispatch_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dispatch_rules_lookup')
    .on('dispatch_rules')
    .columns(['community_id', 'category'])
    .execute();

  // A replayed request (same Idempotency-Key from the same client) gets the first answer back.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
}
