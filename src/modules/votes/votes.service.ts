import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { PlaceKind } from '../../db/schema.ts';
import { electorateFor, householdVoters, type Unit } from '../../domain/votes/owners.ts';
import { APPROVE, isMajorityRule } from '../../domain/votes/rules.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan, can, requireActor, requireAnywhere, scopeOf } from '../access/policy.ts';
import { photosByOwner } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notify.ts';
import { placeLabels } from '../residents/place-label.ts';
import {
  computeTally,
  countsArea,
  electorateOf,
  optionsOf,
  phaseOf,
  ruleOf,
  tallyView,
} from './tally-view.ts';
import type { QuestionRow } from './votes.repo.ts';
import * as repo from './votes.repo.ts';
import type {
  CostPlanView,
  QuestionCreate,
  QuestionDetail,
  QuestionListQuery,
  QuestionPage,
  QuestionSummary,
  VoteOption,
  VoterListQuery,
} from './votes.schemas.ts';
import * as lists from './votes-lists.repo.ts';

export const defaultOptions: VoteOption[] = [
  { key: APPROVE, label: '同意' },
  { key: 'reject', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

const askablePlaceKinds: readonly PlaceKind[] = ['compound', 'building', 'entrance'];

export function placeOf(q: QuestionRow) {
  return { path: q.place_path, kind: q.place_kind };
}

/** A question in scope for viewing, or 404: out-of-scope records are not found. */
export async function visibleQuestion(tx: Tx, id: string): Promise<QuestionRow> {
  const q = await repo.findQuestion(tx.db, id);
  if (!q || !can(tx.actor, 'vote.view', placeOf(q))) {
    requireActor(tx.actor);
    throw new AppError('not_found');
  }
  return q;
}

function lowestCommonPath(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length - 1 && split.every((s) => s[n] === first[n])) n++;
  return `/${first.slice(0, n).join('/')}/`;
}

export async function createQuestion(tx: Tx, input: QuestionCreate): Promise<string> {
  const actor = requireAnywhere(tx.actor, 'vote.manage');
  const opensAt = input.opensAt ? new Date(input.opensAt) : tx.now;
  const closesAt = new Date(input.closesAt);
  if (closesAt <= opensAt || closesAt <= tx.now)
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'closesAt',
          message: {
            'zh-CN': '截止时间须晚于开始时间和现在',
            en: 'The closing time must be after the opening time and now',
          },
        },
      ],
    });
  if (!isMajorityRule(input.rule) && input.options && !input.options.some((o) => o.key === APPROVE))
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'options',
          message: {
            'zh-CN': '业主表决须有“同意”（approve）选项',
            en: 'An owners’ vote needs the option “approve”',
          },
        },
      ],
    });

  let placeId: string;
  let placePath: string;
  let units: repo.HouseholdUnit[];
  if (input.asked.kind === 'place') {
    const place = await repo.placeById(tx.db, input.asked.placeId);
    if (!place || !askablePlaceKinds.includes(place.kind)) throw fieldError('asked.placeId', 'not_found');
    assertCan(actor, 'vote.manage', place);
    placeId = place.id;
    placePath = place.path;
    units = await repo.householdUnits(tx.db, { placePath: place.path });
  } else {
    const ids = [...new Set(input.asked.householdIds)];
    units = await repo.householdUnits(tx.db, { householdIds: ids });
    if (units.length !== ids.length) throw fieldError('asked.householdIds', 'not_found');
    for (const u of units) assertCan(actor, 'vote.manage', { path: u.path, kind: 'household' });
    placePath = lowestCommonPath(units.map((u) => u.path));
    placeId = placePath.split('/').filter(Boolean).at(-1)!;
  }
  // A list across communities (a street's households) belongs to the nearest place holding them all.
  const community = await repo.communityOn(tx.db, placePath);

  const domainUnits: Unit[] = units.map((u) => ({
    unitId: u.id,
    areaCentiM2: u.area,
    // A household with no owner on the register is its own owner: one voice for one unit.
    ownerIds: u.ownerIds.length > 0 ? [...new Set(u.ownerIds)] : [`unit:${u.id}`],
    isDeveloperUnsold: u.developer,
  }));
  const voters = isMajorityRule(input.rule)
    ? householdVoters(domainUnits)
    : electorateFor(input.rule, domainUnits);
  if (voters.length === 0)
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'asked',
          message: { 'zh-CN': '所选范围内没有住户', en: 'No households in the chosen place' },
        },
      ],
    });
  const labelOf = await placeLabels(
    tx.db,
    units.map((u) => u.path),
  );
  const unitById = new Map(units.map((u) => [u.id, u]));
  const voterHouseholds: repo.NewVoterHousehold[] = [];
  const newVoters: repo.NewVoter[] = voters.map((v) => {
    const labels = v.unitIds.map((id) => labelOf(unitById.get(id)!.path));
    for (const [i, id] of v.unitIds.entries())
      voterHouseholds.push({
        household_id: id,
        voter_key: v.key,
        area_centi_m2: unitById.get(id)!.area,
        label: labels[i]!,
      });
    const label =
      v.key === 'developer'
        ? `建设单位未售房屋（${labels.length} 套）`
        : labels.length === 1
          ? labels[0]!
          : `${labels[0]!} 等 ${labels.length} 套`;
    return { voter_key: v.key, area_centi_m2: v.areaCentiM2, label };
  });
  const options = input.options ?? defaultOptions;
  const id = uuidv7();
  const area = newVoters.reduce((s, v) => s + v.area_centi_m2, 0);
  await repo.insertQuestion(
    tx.db,
    {
      id,
      community_id: community?.id ?? placeId,
      place_id: placeId,
      place_path: placePath,
      asked: JSON.stringify({ kind: input.asked.kind }),
      title: input.title,
      body: input.body,
      options: JSON.stringify(options),
      rule: JSON.stringify(input.rule),
      secret: input.secret ? 1 : 0,
      opens_at: opensAt.toISOString(),
      closes_at: closesAt.toISOString(),
      state: 'open',
      electorate_heads: newVoters.length,
      electorate_area_centi_m2: area,
      created_by: actor.userId,
      created_at: tx.now.toISOString(),
      closed_at: null,
      closed_by: null,
      closed_early: 0,
      result: null,
      result_digest: null,
    },
    newVoters,
    voterHouseholds,
    options.map((o) => o.key),
  );
  await recordAudit(tx, {
    action: 'vote.question_created',
    entityType: 'vote_question',
    entityId: id,
    changes: {
      title: { to: input.title },
      rule: { to: input.rule.kind },
      secret: { to: input.secret },
      voters: { to: newVoters.length },
      closesAt: { to: closesAt.toISOString() },
    },
  });
  await tellResidents(tx, id, {
    kind: 'vote.asked',
    title: `请参与${isMajorityRule(input.rule) ? '征求意见' : '业主表决'}：${input.title}`,
    body: `截止 ${closesAt.toISOString().slice(0, 10)}`,
  });
  return id;
}

/** Tells the residents of the households asked, a thousand at a time (one insert each). */
async function tellResidents(
  tx: Tx,
  questionId: string,
  notice: { kind: string; title: string; body: string },
) {
  const users = await repo.residentsAsked(tx.db, questionId);
  for (let i = 0; i < users.length; i += 1_000)
    await notify(tx, {
      ...notice,
      to: { userIds: users.slice(i, i + 1_000) },
      link: '/resident',
      data: { questionId },
    });
}

function summaryOf(q: QuestionRow, now: Date, answered: { heads: number; area: number }): QuestionSummary {
  return {
    id: q.id,
    title: q.title,
    placeName: q.place_name,
    rule: ruleOf(q),
    secret: q.secret === 1,
    phase: phaseOf(q, now),
    opensAt: q.opens_at,
    closesAt: q.closes_at,
    createdAt: q.created_at,
    electorate: electorateOf(q),
    answered: { heads: answered.heads, areaCentiM2: countsArea(ruleOf(q)) ? answered.area : 0 },
  };
}

export async function listQuestions(tx: Tx, query: QuestionListQuery): Promise<QuestionPage> {
  const actor = requireAnywhere(tx.actor, 'vote.view');
  const { items, total } = await lists.listQuestions(tx.db, {
    scope: scopeOf(actor, 'vote.view'),
    state: query.state,
    title: query.title,
    now: tx.now.toISOString(),
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const answered = await repo.answeredTotals(
    tx.db,
    items.map((q) => q.id),
  );
  return {
    items: items.map((q) => summaryOf(q, tx.now, answered.get(q.id) ?? { heads: 0, area: 0 })),
    total,
  };
}

export function certificateOf(q: QuestionRow) {
  if (q.state !== 'closed' || !q.result || !q.closed_at || !q.result_digest) return null;
  const result = JSON.parse(q.result) as { passed: boolean; winner: string | null };
  return {
    closedAt: q.closed_at,
    closedBy: q.closed_by,
    closedEarly: q.closed_early === 1,
    passed: result.passed,
    winner: result.winner,
    digest: q.result_digest,
  };
}

async function costPlanOf(tx: Tx, questionId: string): Promise<CostPlanView | null> {
  const plan = await repo.findCostPlan(tx.db, questionId);
  if (!plan) return null;
  return {
    totalFen: Number(plan.total_fen),
    rule: plan.rule,
    shares: JSON.parse(plan.shares) as CostPlanView['shares'],
  };
}

export async function questionDetail(tx: Tx, id: string): Promise<QuestionDetail> {
  const q = await visibleQuestion(tx, id);
  const counts = await repo.optionCounts(tx.db, id);
  const tally = tallyView(q, counts);
  return {
    ...summaryOf(q, tx.now, { heads: tally.answered.heads, area: tally.answered.areaCentiM2 }),
    body: q.body,
    options: optionsOf(q),
    tally,
    certificate: certificateOf(q),
    costPlan: await costPlanOf(tx, id),
    canManage: can(tx.actor, 'vote.manage', placeOf(q)),
    canRecord: can(tx.actor, 'vote.record', placeOf(q)),
  };
}

export async function listVoters(tx: Tx, id: string, query: VoterListQuery) {
  const q = await visibleQuestion(tx, id);
  const { items, households, total } = await lists.listVoters(tx.db, id, {
    status: query.status,
    label: query.label,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  // A sealed box's round shares one evidence among its voters: each of their rows shows its photos.
  const evidenceIds = [...new Set(items.flatMap((v) => (v.evidence_id ? [v.evidence_id] : [])))];
  const photos = await photosByOwner(tx.db, { voteEvidenceIds: evidenceIds });
  return {
    items: items.map((v) => ({
      voterKey: v.voter_key,
      label: v.label,
      areaCentiM2: Number(v.area_centi_m2),
      householdIds: households.filter((h) => h.voter_key === v.voter_key).map((h) => h.household_id),
      answered: v.participation_id !== null,
      channel: v.channel,
      choice: q.secret === 1 ? null : v.choice,
      changes: Number(v.changes ?? 0),
      evidence: v.evidence_note ?? null,
      photos: (v.evidence_id && photos.get(v.evidence_id)) || [],
      proxy: v.proxy_name ? { name: v.proxy_name, authority: v.proxy_authority ?? '' } : null,
    })),
    total,
  };
}

/**
 * Closes a question and certifies its result. Open ballots are recounted from the voters' answers and
 * must agree with the counters; the certified result and its digest never change afterwards.
 */
/** Closes and certifies; says whether the question was secret (its overwritten pages are then forgotten). */
export async function closeQuestion(tx: Tx, id: string): Promise<{ secret: boolean }> {
  const q = await visibleQuestion(tx, id);
  const actor = assertCan(tx.actor, 'vote.manage', placeOf(q));
  const current = (await repo.lockedQuestion(tx.db, tx.dialect, id))!;
  if (current.state === 'closed')
    throw new AppError('invalid_state', { params: { state: 'closed' }, extra: { state: 'closed' } });
  const counts = await repo.optionCounts(tx.db, id);
  if (current.secret === 0) {
    const recount = await repo.recountOpenBallots(tx.db, id);
    const byArea = countsArea(ruleOf(current));
    for (const r of recount) {
      const c = counts.find((x) => x.option_key === r.option_key);
      if (!c || c.heads !== r.heads || (byArea && c.area !== r.area))
        throw new Error(`vote ${id}: counters disagree with the recount of option ${r.option_key}`);
    }
  }
  const { counts: answered, tally } = computeTally(current, counts);
  const result = {
    questionId: id,
    title: current.title,
    rule: ruleOf(current),
    secret: current.secret === 1,
    electorate: answered.electorate,
    answered: answered.answered,
    byOption: Object.fromEntries(answered.byOption),
    passed: tally.passed,
    winner: tally.kind === 'majority' ? tally.winner : tally.passed ? APPROVE : null,
    closedAt: tx.now.toISOString(),
  };
  const text = JSON.stringify(result);
  const digest = crypto.createHash('sha256').update(text).digest('hex');
  const closedEarly = tx.now.toISOString() < current.closes_at ? 1 : 0;
  const closed = await repo.closeQuestion(tx.db, id, {
    closed_at: tx.now.toISOString(),
    closed_by: actor.userId,
    closed_early: closedEarly,
    result: text,
    result_digest: digest,
  });
  if (!closed)
    throw new AppError('invalid_state', { params: { state: 'closed' }, extra: { state: 'closed' } });
  await recordAudit(tx, {
    action: 'vote.closed',
    entityType: 'vote_question',
    entityId: id,
    changes: {
      state: { from: 'open', to: 'closed' },
      passed: { to: tally.passed },
      closedEarly: { to: closedEarly === 1 },
      digest: { to: digest },
    },
  });
  await tellResidents(tx, id, {
    kind: 'vote.closed',
    title: `表决结果已核定：${current.title}`,
    body: tally.passed ? '通过' : '未通过',
  });
  return { secret: current.secret === 1 };
}
