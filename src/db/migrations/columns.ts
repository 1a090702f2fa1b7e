import { type ColumnDataType, type Expression, sql } from 'kysely';

// The few places where SQLite and PostgreSQL spell a column differently. Migrations are frozen in time,
// so they import only this file and Kysely, never application code.
export type MigrationDialect = 'sqlite' | 'postgres';

/** An ever-growing integer key (audit sequence, outbox): rowid alias on SQLite, identity on PostgreSQL. */
export function serialKey(dialect: MigrationDialect): ColumnDataType {
  return dialect === 'sqlite' ? 'integer' : 'bigserial';
}

/** Text compared byte by byte, so the '/a/b/' … '/a/b0' range of place paths holds under any database locale. */
export function asciiText(dialect: MigrationDialect): ColumnDataType | Expression<unknown> {
  return dialect === 'sqlite' ? 'text' : sql`text collate "C"`;
}
