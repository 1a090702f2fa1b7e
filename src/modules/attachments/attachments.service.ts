import { uuidv7 } from 'uuidv7';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { can, requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isChampion } from '../problems/orders.service.ts';
import {
  attachmentsOf,
  attachmentWithContext,
  type ClaimTarget,
  claim,
  dropAttachments,
  dropOrphanFiles,
  insertUpload,
  unclaimedBefore,
  unclaimedUploads,
} from './attachments.repo.ts';
import type { PhotoRef } from './attachments.schemas.ts';
import type { CleanPhoto } from './photo.ts';

export const photoUrl = (id: string) => `/api/attachments/${id}`;

/** Records a cleaned, stored photo as an upload of the acting user, waiting for a form to claim it. */
export async function recordUpload(tx: Tx, photo: CleanPhoto, digest: string): Promise<PhotoRef> {
  const actor = requireActor(tx.actor);
  const id = uuidv7();
  await insertUpload(tx.db, {
    attachmentId: id,
    digest,
    mime: photo.mime,
    bytes: photo.bytes.length,
    userId: actor.userId,
    at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'attachment.upload',
    entityType: 'attachment',
    entityId: id,
    changes: { file: { to: digest }, mime: { to: photo.mime } },
  });
  return { id, url: photoUrl(id), mime: photo.mime };
}

/**
 * A matter, a report or a vote's evidence claims the photos its sender uploaded. Someone else's photo, or
 * one another form already claimed, is refused as not found: attaching it would let the sender read what
 * is not theirs.
 */
export async function claimPhotos(tx: Tx, ids: readonly string[], target: ClaimTarget) {
  if (ids.length === 0) return;
  const actor = requireActor(tx.actor);
  const mine = await unclaimedUploads(tx.db, actor.userId, ids);
  if (mine.length !== ids.length) {
    throw new AppError('validation_failed', { fields: [{ field: 'photoIds', message: 'not_found' }] });
  }
  await claim(tx.db, ids, target);
  const [entityType, entityId] =
    'matterId' in target
      ? ['matter', target.matterId]
      : 'eventId' in target
        ? ['event', target.eventId]
        : ['vote_evidence', target.voteEvidenceId];
  await recordAudit(tx, {
    action: 'attachment.claim',
    entityType,
    entityId,
    changes: { photos: { to: ids.length } },
  });
}

/**
 * Who may see a photo: its uploader; for a matter's photo, the submitter and staff who may see the matter's
 * place; for a report's evidence, staff who may see the problem and deputies who took it up; anyone, once
 * staff published it with its problem; for a vote's evidence (a paper ballot photographed in someone's
 * home), staff who may see the question — never the public. Everyone else is told it does not exist.
 */
export async function photoToServe(db: Db, actor: Actor | null, id: string) {
  const found = await attachmentWithContext(db, id);
  if (!found) throw new AppError('not_found');
  const isPublic = found.published === 1 && found.published_at !== null && found.vote_evidence_id === null;
  const staffPath = found.matter_path ?? found.problem_path;
  const allowed =
    isPublic ||
    (actor !== null &&
      (found.uploader_id === actor.userId ||
        (found.matter_id !== null && found.submitter_user_id === actor.userId) ||
        (staffPath !== null && can(actor, 'problem.view', { path: staffPath, kind: 'household' })) ||
        (found.vote_path !== null &&
          found.vote_place_kind !== null &&
          can(actor, 'vote.view', { path: found.vote_path, kind: found.vote_place_kind })) ||
        (found.problem_id !== null && (await isChampion(db, found.problem_id, actor)))));
  // The public is asked to sign in first (it may be theirs); a signed-in stranger learns nothing.
  if (!allowed) throw new AppError(actor ? 'not_found' : 'unauthenticated');
  return { digest: found.file_id, mime: found.mime, bytes: found.bytes, isPublic };
}

/**
 * For publishing on the echo wall (the caller decides who may): a photo staff chose is shown to the public
 * once its problem is published too; unpublishing hides it again.
 */
export async function setPhotoPublished(tx: Tx, attachmentId: string, published: boolean) {
  const result = await tx.db
    .updateTable('attachments')
    .set({ published: published ? 1 : 0 })
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('not_found');
  await recordAudit(tx, {
    action: published ? 'attachment.publish' : 'attachment.unpublish',
    entityType: 'attachment',
    entityId: attachmentId,
    changes: { published: { to: published ? 1 : 0 } },
  });
}

/** Photo references grouped by the matter, event or vote evidence they belong to. */
export async function photosByOwner(
  db: Db | Trx,
  owners: { matterIds?: string[]; eventIds?: string[]; voteEvidenceIds?: string[] },
) {
  const rows = await attachmentsOf(db, owners);
  const byOwner = new Map<string, PhotoRef[]>();
  for (const row of rows) {
    const owner = row.matter_id ?? row.event_id ?? row.vote_evidence_id;
    if (!owner) continue;
    const list = byOwner.get(owner) ?? [];
    list.push({ id: row.id, url: photoUrl(row.id), mime: row.mime });
    byOwner.set(owner, list);
  }
  return byOwner;
}

/** The published photos of a published problem: what the echo wall may show. */
export async function publicPhotosOfProblem(db: Db, problemId: string): Promise<PhotoRef[]> {
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .leftJoin('matters', 'matters.id', 'attachments.matter_id')
    .leftJoin('problem_events', 'problem_events.id', 'attachments.event_id')
    .select(['attachments.id', 'files.mime'])
    .where('attachments.published', '=', 1)
    .where((eb) =>
      eb.or([eb('matters.problem_id', '=', problemId), eb('problem_events.problem_id', '=', problemId)]),
    )
    .orderBy('attachments.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, url: photoUrl(r.id), mime: r.mime }));
}

const HOUR = 60 * 60 * 1000;
/** A phone that lost its connection resends its form within a day; a photo no form claimed by then never will be. */
export const UNCLAIMED_UPLOAD_HOURS = 24;
/** Long enough for any upload in flight to commit the attachment that names its file. */
export const ORPHAN_FILE_GRACE_HOURS = 1;

/**
 * Removes uploads no form claimed within a day, and the files no attachment names any more — those of
 * erased residents too. Returns the digests whose bytes the caller deletes once this has committed.
 */
export async function dropStaleUploads(tx: Tx) {
  const now = tx.now.getTime();
  const stale = await unclaimedBefore(tx.db, new Date(now - UNCLAIMED_UPLOAD_HOURS * HOUR).toISOString());
  await dropAttachments(tx.db, stale);
  const files = await dropOrphanFiles(tx.db, new Date(now - ORPHAN_FILE_GRACE_HOURS * HOUR).toISOString());
  return { uploads: stale.length, files };
}
