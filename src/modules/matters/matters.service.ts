import { uuidv7 } from 'uuidv7';
import { personal } from '../../domain/audit/chain.ts';
import { priorityOf } from '../../domain/matters/priority.ts';
import {
  awaitsFeedback,
  type MatterEvent,
  type MatterState,
  nextMatterState,
  type ProblemState,
} from '../../domain/matters/states.ts';
import type { Level } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, requireActor } from '../access/policy.ts';
import { claimPhotos } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countChange } from '../figures/rollup.ts';
import { startLevelDeadline } from '../ladder/deadlines.service.ts';
import { proposedHandler } from '../problems/dispatch-catalogue.ts';
import { reopenProblem, transitionProblem } from '../problems/orders.service.ts';
import { logEvent } from '../problems/timeline.ts';
import {
  findMatter,
  findMatterByHotlineNo,
  findProblem,
  insertMatter,
  insertProblem,
  placeInContext,
  placesByIds,
  updateMatterIf,
} from './matters.repo.ts';
import type { AcceptInput, IntakeInput, MatterInput } from './matters.schemas.ts';

const noSuchPlace = () =>
  new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });

/** Moves a matter through its state machine, refusing with 409 and the current state when not allowed. */
export async function transitionMatter(
  tx: Tx,
  matter: { id: string; state: string },
  event: MatterEvent,
  changes: Parameters<typeof updateMatterIf>[3] = {},
) {
  const step = nextMatterState(matter.state as MatterState, event);
  if (!step.ok)
    throw new AppError('invalid_state', { params: { state: step.current }, extra: { state: step.current } });
  const moved = await updateMatterIf(tx.db, matter.id, matter.state, {
    ...changes,
    state: step.to,
    updated_at: tx.now.toISOString(),
  });
  // Someone else moved it between our read and our write: the database decides, we report what it holds.
  if (!moved) {
    const current = await findMatter(tx.db, matter.id);
    throw new AppError('invalid_state', {
      params: { state: current?.state ?? '' },
      extra: { state: current?.state },
    });
  }
  await countChange(tx, { matterId: matter.id });
  await recordAudit(tx, {
    action: `matter.${event}`,
    entityType: 'matter',
    entityId: matter.id,
    changes: { state: { from: matter.state, to: step.to } },
  });
  return step.to;
}

/**
 * The place a resident's matter is filed under: their household by default, or a building, entrance or
 * compound above one of their households when the matter is shared — never a place that is not theirs.
 */
async function residentPlace(tx: Tx, actor: Actor, placeId: string | undefined) {
  if (actor.householdIds.length === 0) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'placeId',
          message: {
            'zh-CN': '请先认证您的住户，再反映问题',
            en: 'Link your household before raising a matter',
          },
        },
      ],
    });
  }
  const households = await placesByIds(tx.db, actor.householdIds);
  const chosen = placeId ?? households[0]!.id;
  const place = await placeInContext(tx.db, chosen);
  const shared = ['household', 'entrance', 'building', 'compound'];
  const own = place && shared.includes(place.kind) && households.some((h) => h.path.startsWith(place.path));
  if (!place || !own) throw noSuchPlace();
  return place;
}

/** A matter as it is first stored: submitted, joined to no problem, answered by no one yet. */
function newMatter(
  tx: Tx,
  id: string,
  input: MatterInput,
  place: { id: string; path: string; communityId: string },
) {
  const now = tx.now.toISOString();
  return {
    id,
    problem_id: null,
    kind: input.kind,
    title: input.title || null,
    text: input.text,
    category: input.category,
    community_id: place.communityId,
    place_id: place.id,
    place_path: place.path,
    hide_name: input.hideName ? 1 : 0,
    state: 'submitted',
    decline_reason: null,
    feedback_solved: null,
    rating: null,
    feedback_comment: null,
    feedback_at: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
  };
}

export async function submitMatter(tx: Tx, input: MatterInput) {
  const actor = requireActor(tx.actor);
  const place = await residentPlace(tx, actor, input.placeId);
  const id = uuidv7();
  await insertMatter(tx.db, {
    ...newMatter(tx, id, input, place),
    channel: 'online',
    hotline_no: null,
    submitter_user_id: actor.userId,
    submitter_person_id: actor.personId,
    recorded_by: null,
  });
  await countChange(tx, { matterId: id });
  await recordAudit(tx, {
    action: 'matter.submit',
    entityType: 'matter',
    entityId: id,
    changes: {
      state: { to: 'submitted' },
      category: { to: input.category },
      text: { to: personal(input.text) },
    },
  });
  await claimPhotos(tx, input.photoIds ?? [], { matterId: id });
  return id;
}

/** Staff record a matter raised by phone, in a WeChat group, on a visit, at a meeting or through 12345. */
export async function intakeMatter(tx: Tx, input: IntakeInput) {
  const place = await placeInContext(tx.db, input.placeId);
  if (!place) throw noSuchPlace();
  const actor = assertCan(tx.actor, 'matter.intake', place);
  if (input.channel === 'hotline_12345' && !input.hotlineNo) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'hotlineNo',
          message: { 'zh-CN': '请填写 12345 工单号', en: 'Enter the 12345 work-order number' },
        },
      ],
    });
  }
  if (input.hotlineNo && (await findMatterByHotlineNo(tx.db, input.hotlineNo))) {
    throw new AppError('validation_failed', { fields: [{ field: 'hotlineNo', message: 'already_taken' }] });
  }
  const submitter = await submitterOf(tx, input);
  const id = uuidv7();
  await insertMatter(tx.db, {
    ...newMatter(tx, id, input, place),
    channel: input.channel,
    hotline_no: input.hotlineNo ?? null,
    submitter_user_id: submitter.userId,
    submitter_person_id: submitter.personId,
    recorded_by: actor.userId,
  });
  await countChange(tx, { matterId: id });
  await recordAudit(tx, {
    action: 'matter.intake',
    entityType: 'matter',
    entityId: id,
    changes: {
      state: { to: 'submitted' },
      channel: { to: input.channel },
      category: { to: input.category },
      text: { to: personal(input.text) },
      submitter: { to: personal(input.submitterPhone ?? input.submitterName ?? null) },
    },
  });
  await claimPhotos(tx, input.photoIds ?? [], { matterId: id });
  return id;
}

/** The resident behind an offline matter: their account when the phone has one, else a person on record. */
async function submitterOf(
  tx: Tx,
  input: IntakeInput,
): Promise<{ userId: string | null; personId: string | null }> {
  if (input.submitterPhone) {
    const user = await tx.db
      .selectFrom('users')
      .select(['id', 'person_id'])
      .where('phone', '=', input.submitterPhone)
      .executeTakeFirst();
    if (user) return { userId: user.id, personId: user.person_id };
  }
  if (!input.submitterName && !input.submitterPhone) return { userId: null, personId: null };
  const personId = uuidv7();
  await tx.db
    .insertInto('people')
    .values({
      id: personId,
      name: input.submitterName ?? null,
      phone: input.submitterPhone ?? null,
      created_at: tx.now.toISOString(),
      erased_at: null,
    })
    .execute();
  return { userId: null, personId };
}

async function triagedMatter(tx: Tx, matterId: string) {
  const matter = await findMatter(tx.db, matterId);
  if (!matter) throw new AppError('not_found');
  assertCan(tx.actor, 'matter.triage', { path: matter.place_path, kind: 'household' });
  return matter;
}

/** Accepting joins the matter to a problem: an existing one describing the same thing, or a new one. */
export async function acceptMatter(tx: Tx, matterId: string, input: AcceptInput): Promise<string> {
  const matter = await triagedMatter(tx, matterId);
  const problemId =
    'problemId' in input
      ? await joinableProblem(tx, matter, input.problemId)
      : await newProblem(tx, matter, input);
  await transitionMatter(tx, matter, 'accept', { problem_id: problemId });
  if ('problemId' in input) await logEvent(tx, problemId, 'joined', { data: { matterId } });
  return problemId;
}

async function joinableProblem(tx: Tx, matter: { community_id: string }, problemId: string) {
  const problem = await findProblem(tx.db, problemId);
  if (!problem || problem.community_id !== matter.community_id) {
    throw new AppError('validation_failed', { fields: [{ field: 'problemId', message: 'not_found' }] });
  }
  if (problem.state === 'resolved' || problem.state === 'closed') {
    throw new AppError('invalid_state', {
      params: { state: problem.state },
      extra: { state: problem.state },
    });
  }
  return problem.id;
}

async function newProblem(
  tx: Tx,
  matter: { id: string; community_id: string; place_id: string; place_path: string; category: string },
  input: { title: string; urgency: 1 | 2 | 3; severity: 1 | 2 | 3 },
) {
  const id = uuidv7();
  const now = tx.now.toISOString();
  const priority = priorityOf(input.urgency, input.severity);
  const proposal = await proposedHandler(tx.db, matter);
  const level: Level = proposal?.level ?? 'compound';
  await insertProblem(tx.db, {
    id,
    community_id: matter.community_id,
    place_id: matter.place_id,
    place_path: matter.place_path,
    category: matter.category,
    title: input.title,
    state: 'open',
    level,
    urgency: input.urgency,
    severity: input.severity,
    priority: priority.score,
    deadline_at: null,
    first_taken_at: null,
    resolved_at: null,
    closed_at: null,
    public_summary: null,
    published_at: null,
    created_at: now,
    updated_at: now,
  });
  await startLevelDeadline(tx, id);
  await logEvent(tx, id, 'created', { data: { matterId: matter.id, priority: priority.score, level } });
  await recordAudit(tx, {
    action: 'problem.create',
    entityType: 'problem',
    entityId: id,
    changes: {
      state: { to: 'open' },
      level: { to: level },
      priority: { to: priority.score },
      title: { to: personal(input.title) },
    },
  });
  return id;
}

export async function declineMatter(tx: Tx, matterId: string, reason: string) {
  const matter = await triagedMatter(tx, matterId);
  await transitionMatter(tx, matter, 'decline', { decline_reason: reason });
}

/** The submitter says whether the problem was solved; "not solved" reopens it (重办). */
export async function giveFeedback(
  tx: Tx,
  matterId: string,
  input: { solved: boolean; rating: number; comment?: string },
) {
  const actor = requireActor(tx.actor);
  const matter = await findMatter(tx.db, matterId);
  if (!matter || matter.submitter_user_id !== actor.userId) throw new AppError('not_found');
  const problem = matter.problem_id ? await findProblem(tx.db, matter.problem_id) : undefined;
  if (!problem || !awaitsFeedback(matter.state as MatterState, problem.state as ProblemState)) {
    throw new AppError('invalid_state', { params: { state: matter.state }, extra: { state: matter.state } });
  }
  await transitionMatter(tx, matter, input.solved ? 'confirm' : 'reject_result', {
    feedback_solved: input.solved ? 1 : 0,
    rating: input.rating,
    feedback_comment: input.comment ?? null,
    feedback_at: tx.now.toISOString(),
  });
  await logEvent(tx, problem.id, 'feedback', {
    data: { matterId, solved: input.solved, rating: input.rating },
  });
  if (input.solved) await closeProblemIfSettled(tx, problem.id);
  else await reopenProblem(tx, problem.id, input.comment ?? null);
}

/** A resolved problem closes once none of its submitters still owes or disputes an answer. */
export async function closeProblemIfSettled(tx: Tx, problemId: string) {
  const problem = await findProblem(tx.db, problemId);
  if (problem?.state !== 'resolved') return;
  const open = await tx.db
    .selectFrom('matters')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('state', 'in', ['accepted', 'dissatisfied'])
    .executeTakeFirst();
  if (open) return;
  await transitionProblem(tx, problem, 'close', { closed_at: tx.now.toISOString() });
  await logEvent(tx, problemId, 'closed', { visibility: 'public' });
}

/**
 * Matters whose submitter did not answer within `days` of the resolution close by themselves. Safe to run
 * from several servers at once: a matter another sweep closed first is skipped, not an error.
 */
export async function closeUnansweredMatters(tx: Tx, days: number) {
  const before = new Date(tx.now.getTime() - days * 86_400_000).toISOString();
  const stale = await tx.db
    .selectFrom('matters')
    .innerJoin('problems', 'problems.id', 'matters.problem_id')
    .select(['matters.id', 'matters.state', 'matters.problem_id'])
    .where('problems.state', '=', 'resolved')
    .where('problems.resolved_at', '<', before)
    .where('matters.state', '=', 'accepted')
    .execute();
  let closed = 0;
  for (const matter of stale) {
    const step = nextMatterState(matter.state as MatterState, 'close');
    const now = tx.now.toISOString();
    if (!step.ok) continue;
    const moved = await updateMatterIf(tx.db, matter.id, matter.state, {
      state: step.to,
      closed_at: now,
      updated_at: now,
    });
    if (!moved) continue;
    closed++;
    await countChange(tx, { matterId: matter.id });
    await recordAudit(tx, {
      action: 'matter.close',
      entityType: 'matter',
      entityId: matter.id,
      changes: { state: { from: 'accepted', to: 'closed' }, reason: { to: 'no_answer' } },
    });
    await closeProblemIfSettled(tx, matter.problem_id!);
  }
  return closed;
}
