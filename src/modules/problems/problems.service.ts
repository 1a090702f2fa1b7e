import { uuidv7 } from 'uuidv7';
import { type Db, lockProblems } from '../../db/transaction.ts';
import type { MatterState, OrderState, ProblemState } from '../../domain/matters/states.ts';
import type { Category, Channel, Level, MatterKind } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import {
  assertCan,
  can,
  canWorkOrder,
  maskName,
  maskPhone,
  requireActor,
  scopeOf,
} from '../access/policy.ts';
import type { PhotoRef } from '../attachments/attachments.schemas.ts';
import { photosByOwner } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countChange } from '../figures/rollup.ts';
import { findMatter, findProblem, mattersOfProblem } from '../matters/matters.repo.ts';
import { staffPlaceNames } from '../places/staff-place-names.ts';
import { indexProblem } from '../search/search-index.ts';
import { proposedHandler } from './dispatch-catalogue.ts';
import { isChampion, problemInScope } from './orders.service.ts';
import {
  championsOf,
  matterInbox,
  mattersOfProblemForStaff,
  ordersOfProblem,
  problemQueue,
  timelineOf,
} from './problems.repo.ts';
import type { InboxQuery, ProblemDetail, QueueQuery } from './problems.schemas.ts';
import { tellSubmitters } from './submitters-told.ts';
import { logEvent } from './timeline.ts';

export type StaffMatterSource = Awaited<ReturnType<typeof mattersOfProblemForStaff>>[number];

/** Names and phones in full only for roles that need them (person.contact); masked for other staff. */
export function staffMatterRow(
  actor: Actor,
  m: StaffMatterSource,
  photos: Map<string, PhotoRef[]>,
  /** As the screen names it (staffPlaceNames); exports name places in columns of their own. */
  placeName = m.place_name,
) {
  const contact = can(actor, 'person.contact', { path: m.place_path, kind: 'household' });
  return {
    id: m.id,
    kind: m.kind as MatterKind,
    title: m.title,
    text: m.text,
    category: m.category as Category,
    channel: m.channel as Channel,
    state: m.state as MatterState,
    placeName,
    submitterName: contact ? m.submitter_name : maskName(m.submitter_name),
    submitterPhone: contact ? m.submitter_phone : maskPhone(m.submitter_phone),
    hotlineNo: m.hotline_no,
    createdAt: m.created_at,
    feedback:
      m.feedback_solved === null || m.rating === null
        ? null
        : { solved: m.feedback_solved === 1, rating: m.rating },
    photos: photos.get(m.id) ?? [],
  };
}

/** The scope of a workbench list; one who may do the action nowhere is refused rather than shown nothing. */
function listScope(actor: Actor | null, action: 'problem.view' | 'matter.triage') {
  const scope = scopeOf(requireActor(actor), action);
  if (scope.prefixes.length === 0 && scope.exact.length === 0) throw new AppError('forbidden');
  return scope;
}

/** Who sees which problems in the queue: those in scope, and for a deputy or member the ones they took up. */
export function queueAccess(actor: Actor | null) {
  const who = requireActor(actor);
  const follows = who.grants.some((g) => g.role === 'npc_deputy' || g.role === 'cppcc_member');
  const scope = follows ? scopeOf(who, 'problem.view') : listScope(who, 'problem.view');
  return { scope, championId: follows ? who.userId : undefined };
}

/** The scope of the intake inbox: where the actor may accept and decline matters. */
export function inboxScope(actor: Actor | null) {
  return listScope(requireActor(actor), 'matter.triage');
}

/** The queue: problems in scope, and for a deputy or member, the ones they took up. */
export async function queue(db: Db, actor: Actor | null, query: QueueQuery) {
  const { scope, championId } = queueAccess(actor);
  const { items, total } = await problemQueue(db, scope, query, championId);
  const placeName = await staffPlaceNames(db, requireActor(actor), items);
  return {
    total,
    items: items.map((p) => ({
      id: p.id,
      title: p.title,
      category: p.category as Category,
      state: p.state as ProblemState,
      level: p.level as Level,
      priority: p.priority,
      placeName: placeName(p),
      deadlineAt: p.deadline_at,
      deadlineProvisional: p.deadline_provisional === 1,
      voices: Number(p.voices ?? 0),
      createdAt: p.created_at,
    })),
  };
}

export async function inbox(db: Db, actor: Actor | null, query: InboxQuery) {
  const who = requireActor(actor);
  const { items, total } = await matterInbox(db, inboxScope(who), query);
  const [photos, placeName] = await Promise.all([
    photosByOwner(db, { matterIds: items.map((m) => m.id) }),
    staffPlaceNames(db, who, items),
  ]);
  return { total, items: items.map((m) => staffMatterRow(who, m, photos, placeName(m))) };
}

export async function problemDetail(db: Db, actor: Actor | null, problemId: string): Promise<ProblemDetail> {
  const who = requireActor(actor);
  const problem = await findProblem(db, problemId);
  // Out of scope reads as absent: existence is not confirmed to those who may not see it.
  const visible =
    problem &&
    (can(who, 'problem.view', { path: problem.place_path, kind: 'household' }) ||
      (await isChampion(db, problemId, who)));
  if (!problem || !visible) throw new AppError('not_found');
  const [place, matters, orders, timeline, champions, proposal] = await Promise.all([
    db.selectFrom('places').select('name').where('id', '=', problem.place_id).executeTakeFirstOrThrow(),
    mattersOfProblemForStaff(db, problemId),
    ordersOfProblem(db, problemId),
    timelineOf(db, problemId),
    championsOf(db, problemId),
    proposedHandler(db, {
      community_id: problem.community_id,
      category: problem.category,
      place_path: problem.place_path,
    }),
  ]);
  const problemPlace = { place_path: problem.place_path, place_name: place.name };
  const [photos, placeName] = await Promise.all([
    photosByOwner(db, { matterIds: matters.map((m) => m.id), eventIds: timeline.map((e) => e.id) }),
    staffPlaceNames(db, who, [problemPlace, ...matters]),
  ]);
  const proposedParty = proposal?.partyId
    ? await db.selectFrom('parties').select('name').where('id', '=', proposal.partyId).executeTakeFirst()
    : undefined;
  const proposedPerson = proposal?.userId
    ? await db
        .selectFrom('users')
        .innerJoin('people', 'people.id', 'users.person_id')
        .select('people.name')
        .where('users.id', '=', proposal.userId)
        .executeTakeFirst()
    : undefined;
  return {
    id: problem.id,
    title: problem.title,
    category: problem.category as Category,
    state: problem.state as ProblemState,
    level: problem.level as Level,
    priority: problem.priority,
    urgency: problem.urgency,
    severity: problem.severity,
    reopenCount: problem.reopen_count,
    placeName: placeName(problemPlace),
    deadlineAt: problem.deadline_at,
    deadlineProvisional: problem.deadline_provisional === 1,
    voices: matters.length,
    createdAt: problem.created_at,
    matters: matters.map((m) => staffMatterRow(who, m, photos, placeName(m))),
    orders: orders.map((o) => ({
      id: o.id,
      role: o.role,
      state: o.state as OrderState,
      partyId: o.party_id,
      partyName: o.party_name,
      assigneeName: o.assignee_name,
      dispatchedAt: o.dispatched_at,
      takenAt: o.taken_at,
      reportedAt: o.reported_at,
      reportText: o.report_text,
      canWork: canWorkOrder(who, o),
    })),
    timeline: timeline.map((e) => ({
      ...e,
      actorName: e.actor_name,
      visibility: e.visibility,
      photos: photos.get(e.id) ?? [],
    })),
    champions: champions.map((c) => ({ userId: c.user_id, name: c.name })),
    proposedHandler: proposal
      ? {
          partyId: proposal.partyId,
          partyName: proposedParty?.name ?? null,
          userId: proposal.userId,
          userName: proposedPerson?.name ?? null,
          level: proposal.level,
        }
      : null,
  };
}

/** A public reply (what submitters and the echo wall read) or an internal note (staff only). */
export async function addTimelineText(
  tx: Tx,
  problemId: string,
  input: { text: string; visibility: 'public' | 'staff' },
) {
  await problemInScope(tx, problemId, input.visibility === 'public' ? 'matter.triage' : 'problem.note');
  return logEvent(tx, problemId, input.visibility === 'public' ? 'reply' : 'note', input);
}

/** An NPC deputy or CPPCC member takes up a problem (the 建校家属院 case); it shows on their list. */
export async function championProblem(tx: Tx, problemId: string) {
  const problem = await findProblem(tx.db, problemId);
  if (!problem) throw new AppError('not_found');
  const actor = assertCan(tx.actor, 'problem.champion', { path: problem.place_path, kind: 'household' });
  const result = await tx.db
    .insertInto('problem_champions')
    .values({ problem_id: problemId, user_id: actor.userId, since: tx.now.toISOString() })
    .onConflict((oc) => oc.columns(['problem_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
  await logEvent(tx, problemId, 'championed', { visibility: 'public', data: { userId: actor.userId } });
  await recordAudit(tx, {
    action: 'problem.champion',
    entityType: 'problem',
    entityId: problemId,
    changes: { champion: { to: actor.userId } },
  });
}

/** Merges problems that turned out to be one: their matters, orders and timelines join the target. */
export async function mergeProblems(tx: Tx, targetId: string, sourceIds: string[]) {
  const moved: string[] = [];
  await lockProblems(tx.db, tx.dialect, [targetId, ...sourceIds]);
  const target = await problemInScope(tx, targetId, 'matter.triage');
  if (target.state === 'closed')
    throw new AppError('invalid_state', { params: { state: target.state }, extra: { state: target.state } });
  for (const sourceId of sourceIds) {
    if (sourceId === targetId) continue;
    const source = await problemInScope(tx, sourceId, 'matter.triage');
    if (source.community_id !== target.community_id || source.state === 'closed') {
      throw new AppError('validation_failed', {
        fields: [
          {
            field: 'sourceIds',
            message: {
              'zh-CN': '只能合并同一社区未关闭的问题',
              en: 'Only open problems of the same community can be merged',
            },
          },
        ],
      });
    }
    moved.push(...(await mattersOfProblem(tx.db, sourceId)).map((m) => m.id));
    for (const table of ['matters', 'orders', 'problem_events', 'notifications'] as const) {
      await tx.db
        .updateTable(table)
        .set({ problem_id: targetId })
        .where('problem_id', '=', sourceId)
        .execute();
    }
    await tx.db.deleteFrom('problem_champions').where('problem_id', '=', sourceId).execute();
    await tx.db.deleteFrom('problems').where('id', '=', sourceId).execute();
    await countChange(tx, { problemId: sourceId });
    await indexProblem(tx.db, sourceId);
    await logEvent(tx, targetId, 'merged', { data: { from: sourceId } });
    await recordAudit(tx, {
      action: 'problem.merge',
      entityType: 'problem',
      entityId: targetId,
      changes: { merged: { to: sourceId } },
    });
  }
  await countChange(tx, { problemId: targetId });
  const notified = await tellSubmitters(tx, moved, targetId, target.title, 'matter.merged');
  return { problemId: targetId, notified };
}

/** Splits one matter out of its problem into a new problem of its own, that starts open. */
export async function splitMatter(tx: Tx, matterId: string) {
  const matter = await findMatter(tx.db, matterId);
  if (!matter?.problem_id) throw new AppError('not_found');
  // Only a matter still waiting on its problem can leave it; answered ones belong to its history.
  if (matter.state !== 'accepted') {
    throw new AppError('invalid_state', { params: { state: matter.state }, extra: { state: matter.state } });
  }
  const problem = await problemInScope(tx, matter.problem_id, 'matter.triage');
  const siblings = await mattersOfProblem(tx.db, problem.id);
  if (siblings.length < 2) {
    throw new AppError('invalid_state', { params: { state: 'single' }, extra: { state: 'single' } });
  }
  const id = uuidv7();
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('problems')
    .values({
      ...problem,
      id,
      state: 'open',
      title: matter.title ?? problem.title,
      place_id: matter.place_id,
      place_path: matter.place_path,
      category: matter.category,
      reopen_count: 0,
      first_taken_at: null,
      resolved_at: null,
      closed_at: null,
      public_summary: null,
      published_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await indexProblem(tx.db, id);
  await tx.db
    .updateTable('matters')
    .set({ problem_id: id, updated_at: now })
    .where('id', '=', matterId)
    .execute();
  await countChange(tx, { matterId, problemId: problem.id });
  await logEvent(tx, problem.id, 'split', { data: { matterId, to: id } });
  await logEvent(tx, id, 'created', { data: { matterId, splitFrom: problem.id } });
  await recordAudit(tx, {
    action: 'matter.split',
    entityType: 'matter',
    entityId: matterId,
    changes: { problem: { from: problem.id, to: id } },
  });
  await tellSubmitters(tx, [matterId], id, matter.title ?? problem.title, 'matter.split');
  return id;
}
