import { uuidv7 } from 'uuidv7';
import type { Db, Trx } from '../../db/transaction.ts';
import { type CostPart, CostSharingPlan } from '../../domain/cost-sharing/plan.ts';
import { costShares } from '../../domain/cost-sharing/shares.ts';
import { AppError, type FieldError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notify.ts';
import { meetingFor, wrongState } from './meeting-access.ts';
import { findAgendaItem } from './meetings.repo.ts';
import type { CostPlanInput } from './meetings.schemas.ts';

type Payer = {
  key: string;
  label: string;
  partyId: string | null;
  householdId: string | null;
  areaCentiM2?: number;
};

/** '3号楼 1单元 201': a household named by its building, entrance and room, never its owners. */
export async function householdLabels(tx: { db: Db | Trx }, householdIds: string[]) {
  if (householdIds.length === 0) return new Map<string, { label: string; area: number }>();
  const rows = await tx.db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select(['households.place_id', 'households.area_centi_m2', 'places.path'])
    .where('households.place_id', 'in', householdIds)
    .execute();
  const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
  const places = await tx.db
    .selectFrom('places')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', ancestorIds)
    .execute();
  const named = new Map(places.map((p) => [p.id, p]));
  return new Map(
    rows.map((r) => {
      const parts = r.path
        .split('/')
        .filter(Boolean)
        .map((id) => named.get(id))
        .filter((p) => p && ['building', 'entrance', 'household'].includes(p.kind))
        .map((p) => p?.name ?? '');
      return [r.place_id, { label: parts.join(' '), area: r.area_centi_m2 }];
    }),
  );
}

async function payersOf(tx: Tx, keys: string[]): Promise<Payer[]> {
  const partyIds = keys.filter((k) => k.startsWith('party:')).map((k) => k.slice(6));
  const householdIds = keys.filter((k) => k.startsWith('household:')).map((k) => k.slice(10));
  const parties = partyIds.length
    ? await tx.db.selectFrom('parties').select(['id', 'name']).where('id', 'in', partyIds).execute()
    : [];
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  const households = await householdLabels(tx, householdIds);
  return keys.map((key, i) => {
    const [kind, id = ''] = key.split(':') as [string, string];
    if (kind === 'party') {
      const name = partyName.get(id);
      if (!name) throw fieldError(`payers.${i}`, 'not_found');
      return { key, label: name, partyId: id, householdId: null };
    }
    const home = households.get(id);
    if (!home) throw fieldError(`payers.${i}`, 'not_found');
    return { key, label: home.label, partyId: null, householdId: id, areaCentiM2: home.area };
  });
}

const zhMessages: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^(.+) is listed twice in this part$/, (m) => `${m[1]} 在此项中重复`],
  [/^(.+) is listed twice$/, (m) => `${m[1]} 重复列出`],
  [/^(.+) is not a party to the plan$/, (m) => `${m[1]} 不在分摊方之列`],
  [/^(.+) has no floor area to share by$/, (m) => `${m[1]} 没有可按面积分摊的专有面积`],
  [
    /^only one part can take the rest; part (\d+) already does$/,
    (m) => `只能有一项承担剩余部分，第 ${Number(m[1]) + 1} 项已承担`,
  ],
  [
    /^fixed amounts and valued in-kind contributions come to more than the total/,
    () => '定额和折价的实物合计超过总额',
  ],
  [/^the percentages add up to (.+) %, more than 100 %$/, (m) => `比例合计 ${m[1]}%，超过 100%`],
  [/^the percentages add up to (.+) %, not 100 %$/, (m) => `比例合计 ${m[1]}%，不是 100%`],
  [/^no part pays the remaining ([\d,]+) fen$/, (m) => `剩余 ${m[1]} 分无人承担`],
  [/^with no agreed rule/, () => '未约定分摊规则时按专有面积分摊（民法典第二百八十三条），须有面积'],
  [/^no party to share the cost$/, () => '没有分摊方'],
];

function planFieldErrors(plan: CostSharingPlan, payers: Payer[]): FieldError[] {
  const parsed = CostSharingPlan.safeParse(plan);
  if (parsed.success) return [];
  const labelOf = new Map(payers.map((p) => [p.key, p.label]));
  return parsed.error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path.map(String);
    const field = head === 'parties' ? `payers.${index}` : [head, index, ...rest].filter(Boolean).join('.');
    const en = issue.message.replace(/(party|household):[^\s,]+/g, (key) => labelOf.get(key) ?? key);
    const rule = zhMessages.find(([re]) => re.test(en));
    const match = rule ? en.match(rule[0]) : null;
    return { field, message: { 'zh-CN': rule && match ? rule[1](match) : en, en } };
  });
}

/** 费用分摊: the plan for one adopted item, each payer's exact share, each told to confirm it. */
export async function addCostPlan(tx: Tx, meetingId: string, input: CostPlanInput) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'record');
  if (meeting.state === 'scheduled' || meeting.state === 'cancelled') throw wrongState(meeting.state);
  const item = await findAgendaItem(tx.db, meetingId, input.agendaItemId);
  if (!item) throw fieldError('agendaItemId', 'not_found');
  const payers = await payersOf(tx, input.payers);
  const plan: CostSharingPlan = {
    totalFen: input.totalFen,
    parties: payers.map((p) => ({
      partyId: p.key,
      ...(p.areaCentiM2 ? { areaCentiM2: p.areaCentiM2 } : {}),
    })),
    parts: input.parts as CostPart[],
  };
  const errors = planFieldErrors(plan, payers);
  if (errors.length > 0) throw new AppError('validation_failed', { fields: errors });
  const shares = costShares(plan);
  const id = uuidv7();
  await tx.db
    .insertInto('cost_plans')
    .values({
      id,
      meeting_id: meetingId,
      agenda_item_id: item.id,
      title: input.title,
      total_fen: input.totalFen,
      plan: JSON.stringify(plan),
      created_at: tx.now.toISOString(),
    })
    .execute();
  const rows = shares.parties.map((share, position) => {
    const payer = payers.find((p) => p.key === share.partyId)!;
    const inKind = shares.lines
      .filter((l) => l.partyId === share.partyId && l.inKind)
      .map((l) => `${l.inKind?.description}${l.inKind?.valued ? '' : '（未折价）'}`);
    return {
      id: uuidv7(),
      plan_id: id,
      position,
      party_id: payer.partyId,
      household_id: payer.householdId,
      label: payer.label,
      amount_fen: share.amountFen,
      cash_fen: share.cashFen,
      in_kind_fen: share.inKindFen,
      in_kind: inKind.length > 0 ? inKind.join('；') : null,
      confirmed_at: null,
      confirmed_by: null,
    };
  });
  await tx.db.insertInto('cost_shares').values(rows).execute();
  await recordAudit(tx, {
    action: 'cost_plan.create',
    entityType: 'cost_plan',
    entityId: id,
    changes: { totalFen: { to: input.totalFen }, shares: { to: rows.map((r) => r.amount_fen).join(',') } },
  });
  await notify(tx, {
    kind: 'cost_share.confirm',
    to: { partyIds: rows.map((r) => r.party_id) },
    title: `请确认费用分摊：${input.title}`,
    body: meeting.title,
    link: `/workbench/meetings/${meetingId}`,
    problemId: item.problem_id,
  });
  return id;
}

/** A paying party (a member for it, or the office for one with no account) confirms its share. */
export async function confirmShare(tx: Tx, shareId: string) {
  const actor = requireActor(tx.actor);
  const share = await tx.db
    .selectFrom('cost_shares')
    .innerJoin('cost_plans', 'cost_plans.id', 'cost_shares.plan_id')
    .selectAll('cost_shares')
    .select(['cost_plans.meeting_id', 'cost_plans.title'])
    .where('cost_shares.id', '=', shareId)
    .executeTakeFirst();
  if (!share) throw new AppError('not_found');
  const own =
    (share.party_id !== null && actor.partyIds.includes(share.party_id)) ||
    (share.household_id !== null && actor.householdIds.includes(share.household_id));
  if (!own) {
    const meeting = await meetingFor(tx.db, actor, share.meeting_id, 'view');
    if (!meeting.powers.record) throw new AppError('forbidden');
  }
  if (share.confirmed_at) throw wrongState('confirmed');
  await tx.db
    .updateTable('cost_shares')
    .set({ confirmed_at: tx.now.toISOString(), confirmed_by: actor.userId })
    .where('id', '=', shareId)
    .execute();
  await recordAudit(tx, {
    action: 'cost_share.confirm',
    entityType: 'cost_share',
    entityId: shareId,
    changes: { confirmed: { from: false, to: true }, amountFen: { to: share.amount_fen } },
  });
}

/** The rules of a plan in words, with how odd fen are placed: what the minutes and the payers read. */
export function planRules(planJson: string, labelOf: (key: string) => string): string[] {
  const plan = JSON.parse(planJson) as CostSharingPlan;
  const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;
  const names = (ids: string[]) => ids.map(labelOf).join('、');
  const inWords = (part: CostPart): string => {
    switch (part.rule) {
      case 'inKind':
        return `${labelOf(part.partyId)}提供实物：${part.description}${part.valueFen === null ? '（未折价）' : `，折价 ${yuan(part.valueFen)}`}`;
      case 'fixed':
        return `${labelOf(part.partyId)}定额承担 ${yuan(part.amountFen)}`;
      case 'percentage':
        return `${labelOf(part.partyId)}承担余下现金的 ${part.basisPoints / 100}%`;
      case 'equal':
        return `${names(part.partyIds)}按户平摊${part.basisPoints === undefined ? '其余部分' : `余下现金的 ${part.basisPoints / 100}%`}`;
      case 'floorArea':
        return `${names(part.partyIds)}按专有面积分摊${part.basisPoints === undefined ? '其余部分' : `余下现金的 ${part.basisPoints / 100}%`}`;
    }
  };
  const rules = plan.parts.map(inWords);
  if (plan.parts.length === 0) rules.push('未约定分摊规则，按专有面积所占比例分摊（民法典第二百八十三条）');
  rules.push(
    '金额以分计，各份之和等于总额：先按比例算出每份应得并舍去不足一分的部分，剩下的分逐一给舍去部分最大的一份；舍去部分相同时，按编号先后给编号在前的一份。',
  );
  return rules;
}
