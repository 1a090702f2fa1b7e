import type { Db } from '../../db/transaction.ts';
import { addDaysTo, CHINA_TIME_ZONE, endOfLocalDay } from '../../domain/deadlines/civil-day.ts';
import type { ProblemState } from '../../domain/matters/states.ts';
import type { Category, Channel } from '../../domain/matters/vocabulary.ts';
import { leaks, type RedactionKind, redact } from '../../domain/redaction/redact.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { maskName } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { mattersOfProblem } from '../matters/matters.repo.ts';
import { problemInScope } from '../problems/orders.service.ts';
import { indexProblem } from '../search/search-index.ts';
import {
  attachmentProblem,
  type Cursor,
  childPlacesForWall,
  photosOf,
  publicPlacesOf,
  publicStepsOf,
  publishedProblem,
  registerNames,
  voicesOf,
  type WallFilter,
  wallPage,
} from './echo.repo.ts';
import type { Publication, WallDetail, WallPage, WallQuery, WallState } from './echo.schemas.ts';

const statesOf: Record<WallState, ProblemState[]> = {
  open: ['open'],
  in_progress: ['dispatched', 'in_progress'],
  solved: ['resolved', 'closed'],
};

/** A resident who chose to hide their name shows as 居民; others by family name only. */
export function publicVoiceLabel(hideName: number, name: string | null): string {
  if (hideName === 1 || !name) return '居民';
  return maskName(name) ?? '居民';
}

/** Text written by staff for the public passes the automatic redaction once more on its way out. */
const publicText = (text: string | null) => (text === null ? null : redact(text).text);

function encodeCursor(c: Cursor) {
  return Buffer.from(JSON.stringify([c.publishedAt, c.id])).toString('base64url');
}
function decodeCursor(after: string | undefined): Cursor | null {
  if (!after) return null;
  try {
    const [publishedAt, id] = JSON.parse(Buffer.from(after, 'base64url').toString()) as unknown[];
    if (typeof publishedAt === 'string' && typeof id === 'string') return { publishedAt, id };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', {
    fields: [{ field: 'after', message: { 'zh-CN': '翻页标记无效', en: 'Not a page cursor' } }],
  });
}

type Row = NonNullable<Awaited<ReturnType<typeof publishedProblem>>>;

async function itemsOf(db: Db, rows: Row[]) {
  const places = await publicPlacesOf(
    db,
    rows.map((r) => r.place_path),
  );
  return rows.map((r) => {
    // The deepest public place on its path: the compound, else the community or above.
    const ids = r.place_path.split('/').filter(Boolean);
    const place = places.filter((p) => ids.includes(p.id)).sort((a, b) => b.depth - a.depth)[0];
    return {
      id: r.id,
      summary: r.public_summary ?? '',
      category: r.category as Category,
      state: r.state as ProblemState,
      placeName: place?.name ?? '',
      voices: Number(r.voices),
      createdAt: r.created_at,
      publishedAt: r.published_at!,
      resolvedAt: r.resolved_at,
    };
  });
}

export async function wall(db: Db, query: WallQuery): Promise<WallPage> {
  const filter: WallFilter = { category: query.category };
  if (query.placeId) {
    const place = await db
      .selectFrom('places')
      .select(['id', 'kind', 'path'])
      .where('id', '=', query.placeId)
      .executeTakeFirst();
    // The public walks the tree down to compounds: a building or a home would point at residents.
    if (!place || ['building', 'entrance', 'household'].includes(place.kind))
      throw new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });
    if (place.kind === 'community') filter.communityId = place.id;
    else filter.placePath = place.path;
  }
  if (query.state) filter.states = statesOf[query.state];
  if (query.from) filter.fromIso = endOfLocalDay(addDaysTo(query.from, -1), CHINA_TIME_ZONE).toISOString();
  if (query.to) filter.toIso = endOfLocalDay(query.to, CHINA_TIME_ZONE).toISOString();
  const rows = await wallPage(db, filter, decodeCursor(query.after), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await itemsOf(db, page),
    next:
      rows.length > query.limit && last
        ? encodeCursor({ publishedAt: last.published_at!, id: last.id })
        : null,
  };
}

export async function wallDetail(db: Db, problemId: string): Promise<WallDetail> {
  const row = await publishedProblem(db, problemId);
  if (!row) throw new AppError('not_found');
  const [[item], voices, steps, photos] = await Promise.all([
    itemsOf(db, [row]),
    voicesOf(db, problemId),
    publicStepsOf(db, problemId),
    photosOf(db, problemId, true),
  ]);
  return {
    ...item!,
    voicesList: voices.map((v) => ({
      label: publicVoiceLabel(v.hide_name, v.name),
      channel: v.channel as Channel,
      at: v.created_at,
    })),
    answers: steps
      .filter((s) => s.visibility === 'public' && s.text)
      .map((s) => ({ at: s.at, text: publicText(s.text)! })),
    timeline: steps.map((s) => ({
      at: s.at,
      kind: s.kind,
      text: s.visibility === 'public' ? publicText(s.text) : null,
    })),
    photos: photos.map((p) => ({ id: p.id, url: `/api/public/photos/${p.id}` })),
  };
}

export async function wallPlaces(db: Db, parentId: string | undefined) {
  const rows = await childPlacesForWall(db, parentId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      hasChildren: r.kind !== 'compound' && Number(r.children) > 0,
    })),
  };
}

/** A published photo's file, or not found: unpublished photos and photos of unpublished problems stay private. */
export async function publicPhoto(db: Db, attachmentId: string) {
  const photo = await attachmentProblem(db, attachmentId);
  if (photo?.published !== 1 || !photo.problem_id || !photo.mime.startsWith('image/'))
    throw new AppError('not_found');
  if (!(await publishedProblem(db, photo.problem_id))) throw new AppError('not_found');
  return { fileId: photo.file_id, mime: photo.mime };
}

// Staff: publishing.

async function communityPathOf(tx: Tx, communityId: string) {
  const row = await tx.db
    .selectFrom('places')
    .select('path')
    .where('id', '=', communityId)
    .executeTakeFirst();
  return row?.path ?? '/';
}

function countKinds(found: { kind: RedactionKind }[]) {
  const counts = new Map<string, number>();
  for (const f of found) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => ({ kind, count }));
}

/** The publication of a problem: its public summary or a redacted draft to edit, and its photos. */
export async function publication(tx: Tx, problemId: string): Promise<Publication> {
  const problem = await problemInScope(tx, problemId, 'matter.triage');
  const matters = await mattersOfProblem(tx.db, problemId);
  const names = await registerNames(tx.db, problemId, await communityPathOf(tx, problem.community_id));
  const said = [...new Set(matters.map((m) => m.text.trim()))];
  const draft = redact(`${problem.title}。居民反映：${said.join(' ')}`, names);
  const photos = await photosOf(tx.db, problemId, false);
  return {
    problemId,
    draft: problem.public_summary ?? draft.text,
    redacted: countKinds(draft.found),
    publishedSummary: problem.published_at ? problem.public_summary : null,
    publishedAt: problem.published_at,
    photos: photos.map((p) => ({
      id: p.id,
      published: p.published === 1,
      mime: p.mime,
      createdAt: p.created_at,
    })),
  };
}

/** Publishes (or updates) the public summary; refused while it still holds what the public must not read. */
export async function publish(tx: Tx, problemId: string, summary: string) {
  const problem = await problemInScope(tx, problemId, 'matter.triage');
  const names = await registerNames(tx.db, problemId, await communityPathOf(tx, problem.community_id));
  const leaked = leaks(summary, names);
  if (leaked.length > 0) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'summary',
          message: {
            'zh-CN': '公开内容中仍有电话、证件号、门牌号、车牌或姓名，请删去后再发布',
            en: 'The public text still holds a phone or ID number, a door number, a plate or a name',
          },
        },
      ],
      extra: { leaked },
    });
  }
  const publishedAt = problem.published_at ?? tx.now.toISOString();
  await tx.db
    .updateTable('problems')
    .set({ public_summary: summary, published_at: publishedAt, updated_at: tx.now.toISOString() })
    .where('id', '=', problemId)
    .execute();
  // The public search and "already reported?" read the summary: index it in the same transaction.
  await indexProblem(tx.db, problemId);
  await recordAudit(tx, {
    action: 'problem.publish',
    entityType: 'problem',
    entityId: problemId,
    changes: {
      public_summary: { from: problem.public_summary, to: summary },
      published_at: { from: problem.published_at, to: publishedAt },
    },
  });
}

export async function unpublish(tx: Tx, problemId: string) {
  const problem = await problemInScope(tx, problemId, 'matter.triage');
  if (!problem.published_at) return;
  await tx.db
    .updateTable('problems')
    .set({ published_at: null, updated_at: tx.now.toISOString() })
    .where('id', '=', problemId)
    .execute();
  await indexProblem(tx.db, problemId);
  await recordAudit(tx, {
    action: 'problem.unpublish',
    entityType: 'problem',
    entityId: problemId,
    changes: { published_at: { from: problem.published_at, to: null } },
  });
}

/** Photos are published one by one: staff choose each that the public may see. */
export async function publishPhoto(tx: Tx, attachmentId: string, published: boolean) {
  const photo = await attachmentProblem(tx.db, attachmentId);
  if (!photo?.problem_id) throw new AppError('not_found');
  await problemInScope(tx, photo.problem_id, 'matter.triage');
  if ((photo.published === 1) === published) return;
  await tx.db
    .updateTable('attachments')
    .set({ published: published ? 1 : 0 })
    .where('id', '=', attachmentId)
    .execute();
  await recordAudit(tx, {
    action: published ? 'attachment.publish' : 'attachment.unpublish',
    entityType: 'attachment',
    entityId: attachmentId,
    changes: { published: { from: photo.published, to: published ? 1 : 0 } },
  });
}
