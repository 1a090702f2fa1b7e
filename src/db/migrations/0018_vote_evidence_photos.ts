import type { Kysely } from 'kysely';
import type { MigrationDialect } from './columns.ts';

// A vote's evidence photos (the signed paper ballot, the opened sealed box) go through the photo pipeline
// like every other photo: uploaded one by one, their type judged from the bytes, EXIF and GPS stripped,
// stored under FILES_DIR, served with a permission check. The evidence claims them as a matter or a report
// does. vote_evidence.photo (the data URL 0011 stored inline) stays for the rows written before; nothing
// writes it any more.
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('vote_evidence_id', 'text', (c) => c.references('vote_evidence.id'))
    .execute();
  await db.schema
    .createIndex('attachments_vote_evidence')
    .on('attachments')
    .column('vote_evidence_id')
    .execute();
}
