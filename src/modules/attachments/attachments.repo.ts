import type { Db, Trx } from '../../db/transaction.ts';

export async function insertUpload(
  db: Trx,
  row: { attachmentId: string; digest: string; mime: string; bytes: number; userId: string; at: string },
) {
  // The same photo uploaded twice is one file and two attachments: each form that uses it claims its own.
  // Uploading it again makes it new again: the orphan sweep spares files stored within its grace period.
  await db
    .insertInto('files')
    .values({ id: row.digest, mime: row.mime, bytes: row.bytes, created_at: row.at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ created_at: row.at }))
    .execute();
  await db
    .insertInto('attachments')
    .values({
      id: row.attachmentId,
      file_id: row.digest,
      matter_id: null,
      event_id: null,
      vote_evidence_id: null,
      published: 0,
      created_at: row.at,
    })
    .execute();
  await db
    .insertInto('attachment_uploads')
    .values({ attachment_id: row.attachmentId, user_id: row.userId, created_at: row.at })
    .execute();
}

/**
 * What claims an attachment: a matter, a report's timeline event, or a vote's evidence. An attachment none
 * of them names is an upload waiting for its form — and swept if none comes.
 */
const claimColumns = ['matter_id', 'event_id', 'vote_evidence_id'] as const;
export type ClaimTarget = { matterId: string } | { eventId: string } | { voteEvidenceId: string };

/** Attachments of the user that no matter, report or vote evidence has claimed yet, among the ids given. */
export function unclaimedUploads(db: Trx, userId: string, ids: readonly string[]) {
  let query = db
    .selectFrom('attachments')
    .innerJoin('attachment_uploads', 'attachment_uploads.attachment_id', 'attachments.id')
    .select('attachments.id')
    .where('attachments.id', 'in', ids)
    .where('attachment_uploads.user_id', '=', userId);
  for (const column of claimColumns) query = query.where(`attachments.${column}`, 'is', null);
  return query.execute();
}

export async function claim(db: Trx, ids: readonly string[], target: ClaimTarget) {
  let query = db
    .updateTable('attachments')
    .set({
      matter_id: 'matterId' in target ? target.matterId : null,
      event_id: 'eventId' in target ? target.eventId : null,
      vote_evidence_id: 'voteEvidenceId' in target ? target.voteEvidenceId : null,
    })
    .where('id', 'in', ids);
  for (const column of claimColumns) query = query.where(column, 'is', null);
  await query.execute();
}

/** One attachment with what deciding who may read it needs: its uploader, matter, problem and place. */
export function attachmentWithContext(db: Db, id: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .leftJoin('attachment_uploads', 'attachment_uploads.attachment_id', 'attachments.id')
    .leftJoin('matters', 'matters.id', 'attachments.matter_id')
    .leftJoin('problem_events', 'problem_events.id', 'attachments.event_id')
    .leftJoin('problems', (join) =>
      join.on((eb) =>
        eb.or([
          eb('problems.id', '=', eb.ref('matters.problem_id')),
          eb('problems.id', '=', eb.ref('problem_events.problem_id')),
        ]),
      ),
    )
    .leftJoin('vote_evidence', 'vote_evidence.id', 'attachments.vote_evidence_id')
    .leftJoin('vote_questions', 'vote_questions.id', 'vote_evidence.question_id')
    .leftJoin('places as vote_places', 'vote_places.id', 'vote_questions.place_id')
    .select([
      'attachments.id',
      'attachments.file_id',
      'attachments.published',
      'attachments.matter_id',
      'attachments.event_id',
      'attachments.vote_evidence_id',
      'files.mime',
      'files.bytes',
      'attachment_uploads.user_id as uploader_id',
      'matters.submitter_user_id',
      'matters.place_path as matter_path',
      'problems.id as problem_id',
      'problems.place_path as problem_path',
      'problems.published_at',
      'vote_questions.place_path as vote_path',
      'vote_places.kind as vote_place_kind',
    ])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

/** The photos of matters, of timeline events and of vote evidence, oldest first. */
export function attachmentsOf(
  db: Db | Trx,
  owners: { matterIds?: string[]; eventIds?: string[]; voteEvidenceIds?: string[] },
) {
  const matterIds = owners.matterIds ?? [];
  const eventIds = owners.eventIds ?? [];
  const voteEvidenceIds = owners.voteEvidenceIds ?? [];
  if (matterIds.length === 0 && eventIds.length === 0 && voteEvidenceIds.length === 0)
    return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .select([
      'attachments.id',
      'attachments.matter_id',
      'attachments.event_id',
      'attachments.vote_evidence_id',
      'attachments.published',
      'files.mime',
    ])
    .where((eb) =>
      eb.or([
        ...(matterIds.length > 0 ? [eb('attachments.matter_id', 'in', matterIds)] : []),
        ...(eventIds.length > 0 ? [eb('attachments.event_id', 'in', eventIds)] : []),
        ...(voteEvidenceIds.length > 0 ? [eb('attachments.vote_evidence_id', 'in', voteEvidenceIds)] : []),
      ]),
    )
    .orderBy('attachments.created_at')
    .orderBy('attachments.id')
    .execute();
}

/** Every photo these users uploaded, claimed or not, oldest first. */
export function uploadsOf(db: Trx, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachment_uploads')
    .innerJoin('attachments', 'attachments.id', 'attachment_uploads.attachment_id')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .select([
      'attachments.id',
      'attachments.matter_id',
      'attachments.event_id',
      'attachments.published',
      'attachments.created_at',
      'files.mime',
      'files.bytes',
    ])
    .where('attachment_uploads.user_id', 'in', [...userIds])
    .orderBy('attachments.created_at')
    .orderBy('attachments.id')
    .execute();
}

/** Uploads that no form claimed, uploaded before `before`. */
export async function unclaimedBefore(db: Trx, before: string): Promise<string[]> {
  let query = db.selectFrom('attachments').select('id').where('created_at', '<', before);
  for (const column of claimColumns) query = query.where(column, 'is', null);
  const rows = await query.execute();
  return rows.map((r) => r.id);
}

export async function dropAttachments(db: Trx, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await db.deleteFrom('attachment_uploads').where('attachment_id', 'in', part).execute();
    await db.deleteFrom('attachments').where('id', 'in', part).execute();
  }
}

/**
 * Files that no attachment names any more and that were stored before `before`: their rows go here, in one
 * statement (so an attachment inserted meanwhile keeps its file), and their bytes go after the commit.
 */
export async function dropOrphanFiles(db: Trx, before: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('files')
    .where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('attachments').select('attachments.id').whereRef('attachments.file_id', '=', 'files.id'),
        ),
      ),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
