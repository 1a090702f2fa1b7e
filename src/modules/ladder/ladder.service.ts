import { uuidv7 } from 'uuidv7';
import { isEmptyScope } from '../../db/fragments.ts';
import { HolidayNotice } from '../../domain/deadlines/calendar.ts';
import type { DeadlineRule } from '../../domain/deadlines/deadline.ts';
import { arrivedInTime, defaultLevelRules } from '../../domain/ladder/ladder.ts';
import type { OrderState } from '../../domain/matters/states.ts';
import { isUnsolved, type unsolvedProblemStates } from '../../domain/matters/states.ts';
import { type Category, type Level, levels } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import {
  assertCan,
  can,
  canWorkOrder,
  grantsFor,
  requireActor,
  requireAnywhere,
  scopeOf,
} from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { staffPlaceNames } from '../places/staff-place-names.ts';
import { isChampion } from '../problems/orders.service.ts';
import { noticesInForce } from './calendar.ts';
import { recomputeRunningDeadlines } from './deadlines.service.ts';
import { mayEscalate, nextRung } from './escalation.service.ts';
import { communitiesIn, overdueProblems, rulesOfCommunities, summonsOf, whistlesOf } from './ladder.repo.ts';
import type { DeadlineRuleInput, LadderView, OverdueQuery } from './ladder.schemas.ts';

type Unit = DeadlineRule['unit'];

export async function ladderView(tx: Tx, problemId: string): Promise<LadderView> {
  const actor = requireActor(tx.actor);
  const problem = await findProblem(tx.db, problemId);
  // Out of scope reads as absent, as the problem itself does.
  const visible =
    problem &&
    (can(actor, 'problem.view', { path: problem.place_path, kind: 'household' }) ||
      (await isChampion(tx.db, problemId, actor)));
  if (!problem || !visible) throw new AppError('not_found');
  const running = isUnsolved(problem.state);
  const rung = running ? await nextRung(tx, problem) : undefined;
  let handlerName: string | null = null;
  if (rung?.handler?.partyId) {
    const party = await tx.db
      .selectFrom('parties')
      .select('name')
      .where('id', '=', rung.handler.partyId)
      .executeTakeFirst();
    handlerName = party?.name ?? null;
  } else if (rung?.handler?.userId) {
    const person = await tx.db
      .selectFrom('users')
      .innerJoin('people', 'people.id', 'users.person_id')
      .select('people.name')
      .where('users.id', '=', rung.handler.userId)
      .executeTakeFirst();
    handlerName = person?.name ?? null;
  }
  const whistles = await whistlesOf(tx.db, problemId);
  const summons = await summonsOf(
    tx.db,
    whistles.map((w) => w.id),
  );
  const place = { path: problem.place_path, kind: 'household' as const };
  const dispatcher = can(tx.actor, 'matter.triage', place);
  return {
    level: problem.level as Level,
    deadlineAt: running ? problem.deadline_at : null,
    deadlineProvisional: problem.deadline_provisional === 1,
    deadlineRule:
      problem.deadline_amount && problem.deadline_unit
        ? { amount: problem.deadline_amount, unit: problem.deadline_unit as Unit }
        : null,
    next: rung ? { level: rung.level, handlerName } : null,
    canEscalate: running && rung !== undefined && (await mayEscalate(tx, problem)),
    canWhistle: running && problem.level === 'street' && can(tx.actor, 'problem.whistle', place),
    whistles: whistles.map((w) => ({
      id: w.id,
      blownAt: w.blown_at,
      blownByName: w.blown_by_name,
      arriveBy: w.arrive_by,
      note: w.note,
      summons: summons
        .filter((s) => s.whistle_id === w.id)
        .map((s) => ({
          id: s.id,
          partyId: s.party_id,
          partyName: s.party_name,
          orderId: s.order_id,
          orderState: s.order_state as OrderState,
          reportedInAt: s.reported_in_at,
          onTime: s.reported_in_at ? arrivedInTime(new Date(s.reported_in_at), new Date(w.arrive_by)) : null,
          canReportIn:
            s.reported_in_at === null &&
            (dispatcher ||
              canWorkOrder(tx.actor, { party_id: s.party_id, assignee_user_id: s.assignee_user_id })),
        })),
    })),
  };
}

/** The overdue view: running problems past their deadline, per level, in the viewer's scope. */
export async function overdueView(tx: Tx, query: OverdueQuery) {
  const actor = requireAnywhere(tx.actor, 'problem.view');
  const { counts, items, total } = await overdueProblems(
    tx.db,
    scopeOf(actor, 'problem.view'),
    query,
    tx.now,
  );
  const placeName = await staffPlaceNames(tx.db, actor, items);
  return {
    counts,
    total,
    items: items.map((p) => ({
      id: p.id,
      title: p.title,
      category: p.category as Category,
      state: p.state as (typeof unsolvedProblemStates)[number],
      level: p.level as Level,
      placeName: placeName(p),
      deadlineAt: p.deadline_at ?? '',
      deadlineProvisional: p.deadline_provisional === 1,
    })),
  };
}

export async function listDeadlineRules(tx: Tx) {
  const scope = scopeOf(requireAnywhere(tx.actor, 'deadline_rule.manage'), 'deadline_rule.manage');
  const communities = isEmptyScope(scope) ? [] : await communitiesIn(tx.db, scope);
  const rules = await rulesOfCommunities(
    tx.db,
    communities.map((c) => c.id),
  );
  return {
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
    defaults: levels.map((level) => ({ level, ...defaultLevelRules[level] })),
    rules: rules.map((r) => ({
      id: r.id,
      communityId: r.community_id,
      communityName: r.community_name,
      level: r.level as Level,
      category: r.category as Category | null,
      amount: r.amount,
      unit: r.unit as Unit,
      warnMinutes: r.warn_minutes,
      updatedAt: r.updated_at,
    })),
  };
}

async function communityToManage(tx: Tx, communityId: string) {
  const community = await tx.db
    .selectFrom('places')
    .select(['id', 'path'])
    .where('id', '=', communityId)
    .where('kind', '=', 'community')
    .executeTakeFirst();
  if (!community) {
    throw new AppError('validation_failed', { fields: [{ field: 'communityId', message: 'not_found' }] });
  }
  assertCan(tx.actor, 'deadline_rule.manage', { path: community.path, kind: 'community' });
  return community;
}

/**
 * Sets a community's deadline for a level (and a category, or every category): one rule per such triple.
 * Deadlines already running keep the rule they started with; the next one set uses this.
 */
export async function saveDeadlineRule(tx: Tx, input: DeadlineRuleInput): Promise<string> {
  await communityToManage(tx, input.communityId);
  const now = tx.now.toISOString();
  let existing = tx.db
    .selectFrom('deadline_rules')
    .selectAll()
    .where('community_id', '=', input.communityId)
    .where('level', '=', input.level);
  existing =
    input.category === null
      ? existing.where('category', 'is', null)
      : existing.where('category', '=', input.category);
  const before = await existing.executeTakeFirst();
  const values = { amount: input.amount, unit: input.unit, warn_minutes: input.warnMinutes, updated_at: now };
  const id = before?.id ?? uuidv7();
  if (before) await tx.db.updateTable('deadline_rules').set(values).where('id', '=', id).execute();
  else
    await tx.db
      .insertInto('deadline_rules')
      .values({
        id,
        community_id: input.communityId,
        level: input.level,
        category: input.category,
        created_at: now,
        ...values,
      })
      .execute();
  await recordAudit(tx, {
    action: before ? 'deadline_rule.update' : 'deadline_rule.create',
    entityType: 'deadline_rule',
    entityId: id,
    changes: {
      community: { to: input.communityId },
      level: { to: input.level },
      category: { to: input.category },
      amount: { from: before?.amount, to: input.amount },
      unit: { from: before?.unit, to: input.unit },
      warn_minutes: { from: before?.warn_minutes, to: input.warnMinutes },
    },
  });
  return id;
}

export async function deleteDeadlineRule(tx: Tx, ruleId: string): Promise<void> {
  const rule = await tx.db
    .selectFrom('deadline_rules')
    .selectAll()
    .where('id', '=', ruleId)
    .executeTakeFirst();
  if (!rule) throw new AppError('not_found');
  const community = await tx.db
    .selectFrom('places')
    .select('path')
    .where('id', '=', rule.community_id)
    .executeTakeFirstOrThrow();
  const who = requireActor(tx.actor);
  if (!can(who, 'deadline_rule.manage', { path: community.path, kind: 'community' })) {
    throw new AppError(grantsFor(who, 'deadline_rule.manage').length > 0 ? 'not_found' : 'forbidden');
  }
  await tx.db.deleteFrom('deadline_rules').where('id', '=', ruleId).execute();
  await recordAudit(tx, {
    action: 'deadline_rule.delete',
    entityType: 'deadline_rule',
    entityId: ruleId,
    changes: { amount: { from: rule.amount }, unit: { from: rule.unit } },
  });
}

export async function listNotices(tx: Tx) {
  const actor = requireAnywhere(tx.actor, 'problem.view');
  const notices = await noticesInForce(tx.db);
  const thisYear = Number(tx.now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const years = new Set(notices.map((n) => n.year));
  return {
    notices: notices.map((n) => ({
      year: n.year,
      source: n.source,
      holidays: n.holidays,
      workingWeekendDays: n.working_weekend_days,
      loadedAt: n.loadedAt,
      shipped: n.shipped,
    })),
    missingYears: [thisYear, thisYear + 1].filter((y) => !years.has(y)),
    canLoad: grantsFor(actor, 'holiday_notice.manage').length > 0,
  };
}

/**
 * Loads (or replaces) a year's holiday notice and recomputes every running day-based deadline, so the
 * provisional ones of that year become final.
 */
export async function loadNotice(tx: Tx, input: HolidayNotice) {
  const actor = requireAnywhere(tx.actor, 'holiday_notice.manage');
  const notice = HolidayNotice.parse(input);
  const row = {
    source: notice.source,
    notice: JSON.stringify(notice),
    loaded_by: actor.userId,
    loaded_at: tx.now.toISOString(),
  };
  await tx.db
    .insertInto('holiday_notices')
    .values({ year: notice.year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
  const recomputed = await recomputeRunningDeadlines(tx);
  await recordAudit(tx, {
    action: 'holiday_notice.load',
    entityType: 'holiday_notice',
    entityId: String(notice.year),
    changes: { source: { to: notice.source }, recomputed: { to: recomputed } },
  });
  return { year: notice.year, recomputed };
}
