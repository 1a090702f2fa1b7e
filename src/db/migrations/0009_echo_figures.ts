import type { Kysely } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// The echo wall 回音壁 and the figures: roll-ups kept in the transaction of each change they count, the
// key each record is counted under (so a change moves it from one bucket to another), and the durations
// that a background job recomputes.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  // Where each matter and problem is counted now: the dimensions of its roll-up row, as JSON.
  await db.schema
    .createTable('figure_keys')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('dims', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_keys_pk', ['entity_type', 'entity_id'])
    .execute();

  // Matters per community × category × channel × local day raised × state × feedback × rating.
  await db.schema
    .createTable('rollup_matters')
    .addColumn('community_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // -1 no feedback, 0 not solved, 1 solved
    .addColumn('feedback', 'integer', (c) => c.notNull())
    // 0 no rating, else 1–5
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_matters_pk', [
      'community_path',
      'category',
      'channel',
      'day',
      'state',
      'feedback',
      'rating',
    ])
    .execute();

  // Problems per community × category × channel first raised × local day created × state × level × response
  // × resolution on time.
  await db.schema
    .createTable('rollup_problems')
    .addColumn('community_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // the channel of the problem's earliest matter: problems have no channel of their own
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // none | on_time | late: the first order taken, against the response deadline
    .addColumn('response', 'text', (c) => c.notNull())
    // none | on_time | late: resolved against the problem's deadline (none: unresolved or no deadline)
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    // the sum of reopen counts 重办 of the problems in this row
    .addColumn('reopens', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_problems_pk', [
      'community_path',
      'category',
      'channel',
      'day',
      'state',
      'level',
      'response',
      'resolution',
      'reopened',
    ])
    .execute();

  // Medians and 90th percentiles per place (community and every place above), recomputed by a job.
  await db.schema
    .createTable('figure_durations')
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('median_seconds', 'integer')
    .addColumn('p90_seconds', 'integer')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_durations_pk', ['place_path', 'metric'])
    .execute();

  // The echo wall pages newest published first, per community and everywhere, by keyset.
  await db.schema
    .createIndex('problems_echo_community')
    .on('problems')
    .columns(['community_id', 'published_at', 'id'])
    .execute();
  await db.schema.createIndex('problems_echo').on('problems').columns(['published_at', 'id']).execute();
  await db.schema.createIndex('problems_created').on('problems').column('created_at').execute();
}
