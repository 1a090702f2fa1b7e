import { uuidv7 } from 'uuidv7';
import { escalateProblem } from '../modules/ladder/escalation.service.ts';
import { saveDeadlineRule } from '../modules/ladder/ladder.service.ts';
import { blowWhistle, reportIn } from '../modules/ladder/whistle.service.ts';
import { reportOrder, takeOrder } from '../modules/problems/orders.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlaces } from './tree.ts';

// The ladder of the reference cases: who answers for a category at each level (the dispatch catalogue),
// a few deadline rules, 星河悦城's pump noise climbing to the town party committee, and the whistle
// 吹哨报到 on 建校家属院's water pipes.

type Parties = Record<DemoPartyKey, string>;
type Acting = (phone: string, day: string) => Promise<Tx>;

async function userOf(tx: Tx, phone: string) {
  const user = await tx.db
    .selectFrom('users')
    .select('id')
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  return user.id;
}

async function catalogue(
  tx: Tx,
  community: { id: string },
  category: string,
  level: string,
  who: { partyId?: string; userId?: string },
) {
  await tx.db
    .insertInto('dispatch_rules')
    .values({
      id: uuidv7(),
      community_id: community.id,
      category,
      place_id: null,
      party_id: who.partyId ?? null,
      user_id: who.userId ?? null,
      level,
      created_at: tx.now.toISOString(),
    })
    .execute();
}

/** The catalogue's rungs and deadline rules, set by the admin before any matter is heard. */
export async function plantLadder(admin: Tx, places: DemoPlaces, parties: Parties) {
  // 富平社区 property service: the property company, then the community party secretary 马佳, then the
  // town party committee (小事小区办 · 大事社区帮 · beyond that the town).
  await catalogue(admin, places.fuping, 'property_service', 'compound', { partyId: parties.fupingProperty });
  await catalogue(admin, places.fuping, 'property_service', 'community', {
    userId: await userOf(admin, '17000000004'),
  });
  await catalogue(admin, places.fuping, 'property_service', 'street', { partyId: parties.townCommittee });
  // 217社区 old-compound renovation: the college whose family compound it is, then the street's officer 周文斌.
  await catalogue(admin, places.community217, 'old_compound_renovation', 'compound', {
    partyId: parties.college,
  });
  await catalogue(admin, places.community217, 'old_compound_renovation', 'street', {
    userId: await userOf(admin, '17000000007'),
  });
  // Property repairs at 富平 get two working days in the compound; a fire hazard 24 hours anywhere there.
  const rules = [
    { level: 'compound', category: 'property_service', amount: 2, unit: 'working_days', warnMinutes: 8 * 60 },
    { level: 'compound', category: 'fire_safety', amount: 24, unit: 'hours', warnMinutes: 4 * 60 },
    { level: 'community', category: null, amount: 5, unit: 'working_days', warnMinutes: 24 * 60 },
  ] as const;
  for (const rule of rules) await saveDeadlineRule(admin, { communityId: places.fuping.id, ...rule });
}

/** 星河悦城: the property company cannot silence the pump; the community cannot either; the town takes it. */
export async function pumpClimbs(as: Acting, problemId: string) {
  const tianJun = await as('17000000022', '2026-10-16');
  await escalateProblem(
    tianJun,
    problemId,
    '增压泵是开发商移交的设备，物业多次检修仍有噪音，需社区协调开发商。',
  );
  const maJia = await as('17000000004', '2026-10-23');
  await escalateProblem(maJia, problemId, '社区约谈开发商未果，更换静音泵需镇里协调，报镇党委。');
}

async function orderFor(tx: Tx, problemId: string, partyId: string) {
  const order = await tx.db
    .selectFrom('orders')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('party_id', '=', partyId)
    .where('state', 'in', ['dispatched', 'taken'])
    .executeTakeFirstOrThrow();
  return order.id;
}

/**
 * 建校家属院's water pipes: the community sends them to the street; the street officer blows the whistle;
 * the water utility and the college report in 报到, do their parts, and the officer closes the loop.
 */
export async function whistleOnWaterPipes(as: Acting, problemId: string, parties: Parties, day: string) {
  const admin = await as('17000000001', day);
  await escalateProblem(admin, problemId, '管网老化涉及供水企业和产权单位，社区协调不了，报街道。');
  const zhou = await as('17000000007', day);
  const whistle = await blowWhistle(zhou, problemId, {
    partyIds: [parties.waterUtility, parties.college],
    arriveBy: new Date(`${day}T18:00:00+08:00`).toISOString(),
    note: '请带管网图纸到建校家属院现场会商',
  });
  const arrived = { ...zhou, now: new Date(`${day}T15:30:00+08:00`) };
  const summons = await zhou.db
    .selectFrom('whistle_summons')
    .select(['id', 'party_id'])
    .where('whistle_id', '=', whistle)
    .execute();
  // The utility and the college hold no demo accounts: the officer records their arrival, as on paper.
  for (const s of summons) await reportIn(arrived, s.id);
  const done = { ...zhou, now: new Date(`${day}T17:30:00+08:00`) };
  await reportOrder(done, await orderFor(done, problemId, parties.waterUtility), {
    text: '中铁水务更换楼内上水主管，调整加压设备，水压、水质检测合格。',
  });
  await reportOrder(done, await orderFor(done, problemId, parties.college), {
    text: '学院出资配合更换入户管道。',
  });
  const lead = await done.db
    .selectFrom('orders')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('role', '=', 'lead')
    .where('state', '=', 'dispatched')
    .executeTakeFirstOrThrow();
  await takeOrder(done, lead.id);
  await reportOrder(done, lead.id, {
    text: '吹哨报到：中铁水务、建设职业技术学院到场会商，签订改造协议，管道更换完成。',
    publicReply: '建校家属院上水管道已完成改造，水压和水质恢复正常。',
  });
}
