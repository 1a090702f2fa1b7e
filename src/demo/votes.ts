import { uuidv7 } from 'uuidv7';
import { APPROVE } from '../domain/votes/rules.ts';
import { loadActor } from '../modules/auth/session.plugin.ts';
import { recordAnswer, recordRound } from '../modules/votes/ballots.service.ts';
import { makeCostPlan } from '../modules/votes/cost-plan.service.ts';
import { closeQuestion, createQuestion } from '../modules/votes/votes.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoBuildings } from './households.ts';
import type { DemoPlaces } from './tree.ts';

// 星河锦城's consultations and votes (domain.md, reference case of the blocked kitchen drain, and the
// art. 278 votes on maintenance funds), told through the same services the workbench uses.

const phones = { secretary: '17000000004', gridWorker: '17000000014' };
/** An owner of 一期1号楼 1单元 502 with a resident account, to answer the roof question on a phone. */
export const jinchengResidentPhone = '17000000051';

async function as(tx: Tx, phone: string, at: Date): Promise<Tx> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'person_id', 'kind'])
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(tx.db, { userId: user.id, personId: user.person_id, kind: user.kind }, '');
  return { ...tx, actor, now: at };
}

const day = (d: string, hour = 10) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** The voters of a question with one of their households each, in a fixed order. */
async function votersOf(tx: Tx, questionId: string) {
  const rows = await tx.db
    .selectFrom('vote_voter_households')
    .select(['voter_key', 'household_id', 'area_centi_m2'])
    .where('question_id', '=', questionId)
    .orderBy('label')
    .execute();
  const seen = new Map<string, { householdId: string; area: number }>();
  for (const r of rows)
    if (!seen.has(r.voter_key)) seen.set(r.voter_key, { householdId: r.household_id, area: 0 });
  for (const r of rows) seen.get(r.voter_key)!.area += Number(r.area_centi_m2);
  return [...seen.values()];
}

async function visits(
  tx: Tx,
  questionId: string,
  answers: { householdId: string; choice: string }[],
  note: string,
) {
  for (const a of answers)
    await recordAnswer(tx, questionId, { householdId: a.householdId, choice: a.choice, evidence: { note } });
}

export async function tellVotes({
  tx,
  places,
  buildings,
  passwordHash,
}: {
  tx: Tx;
  places: DemoPlaces;
  buildings: DemoBuildings;
  passwordHash: string;
}) {
  const [building1, building2] = buildings.jincheng;
  const entrance1 = building1!.entrances[0]!;

  // The blocked kitchen drain: the households on the stack of 01 share one drain pipe; they agree door to
  // door to share the repair equally.
  const stack = entrance1.households.filter((h) => h.name.endsWith('01'));
  const secretary = await as(tx, phones.secretary, day('2026-05-08', 9));
  const drain = await createQuestion(secretary, {
    title: '一期1号楼1单元厨房下水主管疏通更换费用平摊',
    body: '1单元01户型厨房共用的下水主管堵塞，污水倒灌进一楼住户家中。维修（疏通并更换一段主管）报价 1,860 元。是否同意由本立管上的各户平摊？',
    asked: { kind: 'households', householdIds: stack.map((h) => h.id) },
    rule: { kind: 'majorityOfAsked' },
    secret: false,
    closesAt: day('2026-05-15', 18).toISOString(),
  });
  const grid = await as(tx, phones.gridWorker, day('2026-05-09', 19));
  await visits(
    grid,
    drain,
    stack.map((h, i) => ({ householdId: h.id, choice: i === 4 ? 'reject' : APPROVE })),
    '网格员白雪晚间入户，住户在纸质意见表上签字确认',
  );
  await closeQuestion(await as(tx, phones.secretary, day('2026-05-16')), drain);
  await makeCostPlan(await as(tx, phones.secretary, day('2026-05-16', 11)), drain, {
    totalFen: 186_000,
    rule: 'equal',
  });

  // Raising maintenance funds for a lift (art. 278 item 6, special): the spring vote fails on participation.
  const lift = {
    body: '为一期1号楼、2号楼加装电梯，拟按专有部分面积每平方米 35 元补充筹集专项维修资金（《民法典》第二百七十八条第一款第六项）。',
    asked: { kind: 'place' as const, placeId: places.xingheJincheng.id },
    rule: { kind: 'art278Special' as const },
  };
  const spring = await createQuestion(await as(tx, phones.secretary, day('2026-03-02')), {
    ...lift,
    title: '筹集维修资金加装电梯（第一次表决）',
    secret: false,
    closesAt: day('2026-03-31', 18).toISOString(),
  });
  const springVoters = await votersOf(tx, spring);
  await visits(
    await as(tx, phones.gridWorker, day('2026-03-10', 19)),
    spring,
    springVoters
      .filter((_, i) => i % 2 === 0)
      .map((v, i) => ({ householdId: v.householdId, choice: i % 6 === 5 ? 'reject' : APPROVE })),
    '入户发放并收回表决票',
  );
  await closeQuestion(await as(tx, phones.secretary, day('2026-04-01')), spring);

  // The autumn vote, secret, counted from sealed boxes carried door to door: it passes.
  const autumn = await createQuestion(await as(tx, phones.secretary, day('2026-09-01')), {
    ...lift,
    title: '筹集维修资金加装电梯（第二次表决，无记名）',
    secret: true,
    closesAt: day('2026-09-30', 18).toISOString(),
  });
  const autumnVoters = await votersOf(tx, autumn);
  const taking = autumnVoters.filter((_, i) => i % 10 !== 9);
  const rounds = [taking.slice(0, Math.ceil(taking.length / 2)), taking.slice(Math.ceil(taking.length / 2))];
  for (const [r, group] of rounds.entries()) {
    const totals = new Map<string, { heads: number; areaCentiM2: number }>();
    group.forEach((v, i) => {
      const choice = i % 12 === 11 ? 'reject' : i % 17 === 16 ? 'abstain' : APPROVE;
      const t = totals.get(choice) ?? { heads: 0, areaCentiM2: 0 };
      t.heads += 1;
      t.areaCentiM2 += v.area;
      totals.set(choice, t);
    });
    await recordRound(await as(tx, phones.gridWorker, day(`2026-09-${12 + r * 7}`, 20)), autumn, {
      householdIds: group.map((v) => v.householdId),
      totals: [...totals].map(([key, t]) => ({ key, ...t })),
      evidence: { note: `第${r + 1}轮入户，票箱由业委会成员与网格员共同封存，当晚在社区当众开启` },
    });
  }
  await closeQuestion(await as(tx, phones.secretary, day('2026-10-01')), autumn);

  // Using maintenance funds for roof repairs (item 5, ordinary): open now, answered on phones and on visits.
  const now = tx.now;
  const roof = await createQuestion(
    await as(tx, phones.secretary, new Date(now.getTime() - 3 * 86_400_000)),
    {
      title: '使用专项维修资金维修一期屋面防水',
      body: '一期1号楼、2号楼顶层多户漏雨。拟使用专项维修资金 12.6 万元维修屋面防水，按专有部分面积分摊（《民法典》第二百七十八条第一款第五项）。',
      asked: { kind: 'place', placeId: places.xingheJincheng.id },
      rule: { kind: 'art278Ordinary' },
      secret: false,
      closesAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    },
  );
  const roofVoters = await votersOf(tx, roof);
  const resident = await enrolJinchengResident(
    tx,
    entrance1.households.find((h) => h.name === '502')!.id,
    passwordHash,
  );
  await visits(
    await as(tx, phones.gridWorker, new Date(now.getTime() - 2 * 86_400_000)),
    roof,
    roofVoters
      .filter((v, i) => i % 3 === 0 && v.householdId !== resident.householdId)
      .map((v, i) => ({ householdId: v.householdId, choice: i % 4 === 3 ? 'reject' : APPROVE })),
    '入户征询，业主在表决票上签字',
  );
  void building2;
}

/** 一期1号楼 1单元 502's owner, with a resident account confirmed for the household. */
async function enrolJinchengResident(tx: Tx, householdId: string, passwordHash: string) {
  const owner = await tx.db
    .selectFrom('ownerships')
    .select('person_id')
    .where('household_id', '=', householdId)
    .where('person_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const userId = uuidv7();
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('users')
    .values({
      id: userId,
      person_id: owner.person_id!,
      phone: jinchengResidentPhone,
      kind: 'resident',
      password_hash: passwordHash,
      status: 'active',
      created_at: now,
      password_changed_at: now,
    })
    .execute();
  await tx.db
    .insertInto('household_links')
    .values({
      id: uuidv7(),
      user_id: userId,
      household_id: householdId,
      status: 'confirmed',
      via: 'staff',
      decided_by: tx.actor?.userId ?? null,
      created_at: now,
      decided_at: now,
    })
    .execute();
  return { userId, householdId };
}
