import { type Kysely, sql } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// A coarser tier of the figures' roll-ups, for the questions whose answer grows with the city: a city's or
// a district's figures summed over every community and day were about one roll-up row per matter (a
// million rows at a million matters). Here: per street × month × state…, without category and channel —
// two orders of magnitude fewer rows. Kept in the same transaction as the day rows; filled here from them.
// And the overdue count, read live: the unsolved problems past their deadline, found by state and deadline
// rather than among every problem whose deadline has passed (most of them long solved).
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('rollup_matters_month')
    .addColumn('street_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('feedback', 'integer', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_matters_month_pk', [
      'street_path',
      'month',
      'state',
      'feedback',
      'rating',
    ])
    .execute();

  await db.schema
    .createTable('rollup_problems_month')
    .addColumn('street_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('reopens', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_problems_month_pk', [
      'street_path',
      'month',
      'state',
      'level',
      'response',
      'resolution',
      'reopened',
    ])
    .execute();

  // A community's street is its parent place (the place tree is strict); a roll-up row names its community by path.
  const street = sql`(select parent.path from places community join places parent on parent.id = community.parent_id where community.path = r.community_path)`;
  await sql`insert into rollup_matters_month (street_path, month, state, feedback, rating, n)
    select ${street}, substr(r.day, 1, 7), r.state, r.feedback, r.rating, sum(r.n)
    from rollup_matters r
    group by 1, 2, 3, 4, 5`.execute(db);
  await sql`insert into rollup_problems_month (street_path, month, state, level, response, resolution, reopened, n, reopens)
    select ${street}, substr(r.day, 1, 7), r.state, r.level, r.response, r.resolution, r.reopened, sum(r.n), sum(r.reopens)
    from rollup_problems r
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);

  // The days around the whole months are read across every community: by day, not by community first.
  await db.schema.createIndex('rollup_matters_day').on('rollup_matters').column('day').execute();
  await db.schema.createIndex('rollup_problems_day').on('rollup_problems').column('day').execute();

  await db.schema
    .createIndex('problems_state_deadline')
    .on('problems')
    .columns(['state', 'deadline_at'])
    .execute();
}
