import type { Kysely } from 'kysely';

// Who uploaded each attachment. A photo is uploaded before the form that uses it is sent (a phone in a
// stairwell sends the photos one by one, then the form), so until a matter or a report claims it, only its
// uploader may see it or claim it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachment_uploads')
    .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('attachments.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachment_uploads_user')
    .on('attachment_uploads')
    .columns(['user_id', 'created_at'])
    .execute();
}
