import type { CostPart } from '../domain/cost-sharing/plan.ts';
import type { MeetingKind } from '../domain/meetings/vocabulary.ts';
import { loadActor } from '../modules/auth/session.plugin.ts';
import { conveneMeeting } from '../modules/meetings/convene.service.ts';
import { addCostPlan, confirmShare } from '../modules/meetings/cost.service.ts';
import { saveSummary } from '../modules/meetings/outcomes.service.ts';
import { addActionItem, reportProgress } from '../modules/meetings/plan.service.ts';
import {
  addAttendee,
  concludeMeeting,
  decideItem,
  openMeeting,
  recordSpeech,
} from '../modules/meetings/record.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlaces } from './tree.ts';

// How the demo holds a meeting: through the same services the workbench uses, on the days the demo's
// matters place them.

type Parties = Record<DemoPartyKey, string>;
export type Story = { tx: Tx; places: DemoPlaces; parties: Parties };

export async function as(tx: Tx, phone: string, at: string): Promise<Tx> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'person_id', 'kind'])
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(tx.db, { userId: user.id, personId: user.person_id, kind: user.kind }, '');
  return { ...tx, actor, now: new Date(at) };
}

async function problemTitled(tx: Tx, title: string) {
  const row = await tx.db
    .selectFrom('problems')
    .select('id')
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function userOf(tx: Tx, phone: string) {
  return (await tx.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow())
    .id;
}

export type Said = { who: string; party?: string; capacity?: string; text: string; proposal?: true };
export type Item = {
  said?: Said[];
  /** Consensus, a vote [for, against, abstain], or deferred. */
  decide: 'consensus' | [number, number, number] | 'defer';
  decision: string;
  actions?: { title: string; party?: string; user?: string; dueOn: string; done?: string }[];
  costs?: { title: string; totalFen: number; payers: string[]; parts: CostPart[]; confirm: boolean };
};
export type Held = {
  convener: string;
  kind: MeetingKind;
  title: string;
  placeId: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  recurrence?: 'quarterly';
  convenerPartyId?: string;
  invite: { partyIds?: string[]; userIds?: string[] };
  problems?: string[];
  topics?: string[];
  present: { name: string; party?: string; capacity?: string }[];
  items: Item[];
  publicSummary?: string;
};

/** Convenes, opens, records, decides, plans and closes one meeting; returns its id. */
export async function hold(tx: Tx, m: Held, existing?: string): Promise<string> {
  const start = Date.parse(m.startsAt);
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const convener = await as(tx, m.convener, new Date(start - 5 * 86_400_000).toISOString());
  const problemIds = await Promise.all((m.problems ?? []).map((title) => problemTitled(tx, title)));
  const id =
    existing ??
    (await conveneMeeting(convener, {
      kind: m.kind,
      title: m.title,
      placeId: m.placeId,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      venue: m.venue,
      recurrence: m.recurrence ?? 'none',
      convenerPartyId: m.convenerPartyId,
      invite: { partyIds: m.invite.partyIds ?? [], userIds: m.invite.userIds ?? [], roles: [] },
      problemIds,
      topics: m.topics ?? [],
    }));
  const desk = { ...convener, now: new Date(at(0)) };
  await openMeeting(desk, id);
  for (const p of m.present)
    await addAttendee(desk, id, { name: p.name, partyId: p.party, capacity: p.capacity });
  const agenda = await tx.db
    .selectFrom('meeting_agenda_items')
    .select(['id', 'position'])
    .where('meeting_id', '=', id)
    .orderBy('position')
    .execute();
  let minute = 5;
  for (const [i, item] of m.items.entries()) {
    const agendaItemId = agenda[i]?.id;
    if (!agendaItemId) break;
    for (const s of item.said ?? []) {
      minute += 4;
      await recordSpeech({ ...desk, now: new Date(at(minute)) }, id, {
        kind: s.proposal ? 'proposal' : 'speech',
        agendaItemId,
        speakerName: s.who,
        partyId: s.party,
        capacity: s.capacity,
        text: s.text,
      });
    }
    minute += 3;
    const when = { ...desk, now: new Date(at(minute)) };
    if (item.decide === 'defer') {
      await decideItem(when, id, agendaItemId, { outcome: 'deferred', decision: item.decision });
      continue;
    }
    const [votesFor, votesAgainst, votesAbstain] = item.decide === 'consensus' ? [] : item.decide;
    await decideItem(when, id, agendaItemId, {
      outcome: 'decided',
      method: item.decide === 'consensus' ? 'consensus' : 'vote',
      votesFor,
      votesAgainst,
      votesAbstain,
      decision: item.decision,
    });
    for (const a of item.actions ?? []) {
      await addActionItem(when, id, {
        agendaItemId,
        title: a.title,
        partyId: a.party,
        userId: a.user,
        dueOn: a.dueOn,
      });
    }
    if (item.costs) {
      await addCostPlan(when, id, { agendaItemId, ...item.costs });
    }
  }
  const end = { ...desk, now: new Date(m.endsAt) };
  await concludeMeeting(end, id);
  // Payers confirm their shares; the office records those of parties without accounts.
  const shares = await tx.db
    .selectFrom('cost_shares')
    .innerJoin('cost_plans', 'cost_plans.id', 'cost_shares.plan_id')
    .select('cost_shares.id')
    .where('cost_plans.meeting_id', '=', id)
    .execute();
  if (m.items.some((i) => i.costs?.confirm)) for (const s of shares) await confirmShare(end, s.id);
  // Work done afterwards, with its evidence: the last item of a problem resolves it.
  const actions = await tx.db
    .selectFrom('action_items')
    .select(['id', 'title'])
    .where('meeting_id', '=', id)
    .orderBy('created_at')
    .execute();
  const planned = m.items.flatMap((i) => i.actions ?? []);
  for (const [i, action] of actions.entries()) {
    const done = planned[i]?.done;
    if (done)
      await reportProgress({ ...end, now: new Date(`${planned[i]?.dueOn}T09:00:00+08:00`) }, action.id, {
        status: 'done',
        evidence: done,
      });
  }
  if (m.publicSummary) await saveSummary(end, id, { publicSummary: m.publicSummary, published: true });
  return id;
}

export const phones = {
  admin: '17000000001',
  xieYu: '17000000002',
  buYanan: '17000000003',
  maJia: '17000000004',
  luoQian: '17000000005',
  yuYing: '17000000006',
  yangZhijun: '17000000008',
  liNa: '17000000009',
};
