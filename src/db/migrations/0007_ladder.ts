import type { Kysely } from 'kysely';
import type { MigrationDialect } from './columns.ts';

// The ladder: deadline rules per community × level × category, the holiday notices admins load, what a
// problem's current deadline was computed from (so it can be recomputed when a notice arrives), and the
// whistle 吹哨报到 with the departments it summons.
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('deadline_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    // null: every category of the level without a rule of its own.
    .addColumn('category', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // How long before the deadline the handler is warned; 0 for no warning.
    .addColumn('warn_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadline_rules_lookup')
    .on('deadline_rules')
    .columns(['community_id', 'level', 'category'])
    .execute();

  // The State Council's yearly notice, as loaded; the shipped 2026 notice needs no row.
  await db.schema
    .createTable('holiday_notices')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  // The period the current deadline runs from and its rule; warn_at is when the handler hears it is near,
  // warned_at when they did (once per deadline).
  await db.schema.alterTable('problems').addColumn('deadline_started_at', 'text').execute();
  await db.schema.alterTable('problems').addColumn('deadline_amount', 'integer').execute();
  await db.schema.alterTable('problems').addColumn('deadline_unit', 'text').execute();
  await db.schema.alterTable('problems').addColumn('deadline_warn_at', 'text').execute();
  await db.schema.alterTable('problems').addColumn('deadline_warned_at', 'text').execute();
  await db.schema.createIndex('problems_deadline').on('problems').columns(['deadline_at']).execute();
  await db.schema
    .createIndex('problems_deadline_warn')
    .on('problems')
    .columns(['deadline_warn_at'])
    .execute();

  // 吹哨: a street/town officer summons departments to a problem, to arrive by a deadline.
  await db.schema
    .createTable('whistles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('blown_by', 'text', (c) => c.references('users.id'))
    .addColumn('blown_at', 'text', (c) => c.notNull())
    .addColumn('arrive_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('whistles_problem').on('whistles').column('problem_id').execute();

  // 报到: each department summoned, with its order (its part of the work) and when it reported in.
  await db.schema
    .createTable('whistle_summons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('whistle_id', 'text', (c) => c.notNull().references('whistles.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('reported_in_at', 'text')
    .addColumn('reported_in_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('whistle_summons_whistle').on('whistle_summons').column('whistle_id').execute();
}
