import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './columns.ts';

// A city's figures at a million matters read every street × month row and count the overdue problems:
// - on SQLite the month rows are kept in their key's order (WITHOUT ROWID), so a city's or a district's
//   rows are one read along the table instead of a lookup from the key's index for each row;
// - the overdue count finds the unsolved problems by state and deadline and reads their place and the
//   hour they were opened from the same index, without reading each problem (30,000 at a million matters).
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create table rollup_matters_month_ordered (
      street_path text not null, month text not null, state text not null, feedback integer not null,
      rating integer not null, n integer not null,
      primary key (street_path, month, state, feedback, rating)) without rowid`.execute(db);
    await sql`create table rollup_problems_month_ordered (
      street_path text not null, month text not null, state text not null, level text not null,
      response text not null, resolution text not null, reopened integer not null, n integer not null,
      reopens integer not null,
      primary key (street_path, month, state, level, response, resolution, reopened)) without rowid`.execute(
      db,
    );
    await sql`insert into rollup_matters_month_ordered select street_path, month, state, feedback, rating, n
      from rollup_matters_month`.execute(db);
    await sql`insert into rollup_problems_month_ordered select street_path, month, state, level, response,
      resolution, reopened, n, reopens from rollup_problems_month`.execute(db);
    for (const table of ['rollup_matters_month', 'rollup_problems_month']) {
      await sql`drop table ${sql.id(table)}`.execute(db);
      await sql`alter table ${sql.id(`${table}_ordered`)} rename to ${sql.id(table)}`.execute(db);
    }
  }
  await db.schema.dropIndex('problems_state_deadline').execute();
  await db.schema
    .createIndex('problems_state_deadline')
    .on('problems')
    .columns(['state', 'deadline_at', 'place_path', 'created_at'])
    .execute();
}
