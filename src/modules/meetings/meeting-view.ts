import type { Db } from '../../db/transaction.ts';
import type { Level } from '../../domain/matters/vocabulary.ts';
import type {
  ActionStatus,
  AgendaState,
  DecisionMethod,
  MeetingKind,
  MeetingState,
  Recurrence,
  Reply,
  SpeechKind,
} from '../../domain/meetings/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor, scopeOf } from '../access/policy.ts';
import { planRules } from './cost.service.ts';
import { meetingFor } from './meeting-access.ts';
import {
  agendaOf,
  attendeesOf,
  invitationsOf,
  listMeetings,
  nameOfUser,
  speechesOf,
} from './meetings.repo.ts';
import type { MeetingDetail, MeetingQuery } from './meetings.schemas.ts';
import { worksItem } from './plan.service.ts';

export async function meetingList(db: Db, actorOrNull: Actor | null, query: MeetingQuery) {
  const actor = requireActor(actorOrNull);
  if (actor.kind !== 'staff') throw new AppError('forbidden');
  const { items, total } = await listMeetings(db, scopeOf(actor, 'meeting.view'), actor, query);
  return {
    total,
    items: items.map((m) => ({
      id: m.id,
      kind: m.kind as MeetingKind,
      title: m.title,
      placeName: m.place_name,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      venue: m.venue,
      state: m.state as MeetingState,
      recurrence: m.recurrence as Recurrence,
      agendaItems: Number(m.agenda_items ?? 0),
      openActionItems: Number(m.open_action_items ?? 0),
      published: m.published_at !== null,
    })),
  };
}

export async function actionItemsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('action_items as a')
    .leftJoin('parties', 'parties.id', 'a.party_id')
    .leftJoin('users', 'users.id', 'a.user_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .selectAll('a')
    .select(['parties.name as party_name', 'people.name as person_name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function costPlansOf(db: Db, meetingId: string) {
  const plans = await db
    .selectFrom('cost_plans')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute();
  const shares = plans.length
    ? await db
        .selectFrom('cost_shares')
        .selectAll()
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return plans.map((plan) => {
    const own = shares.filter((s) => s.plan_id === plan.id);
    const labels = new Map(
      own.map((s) => [s.party_id ? `party:${s.party_id}` : `household:${s.household_id}`, s.label]),
    );
    const parsed = JSON.parse(plan.plan) as {
      parts: { rule: string; amountFen?: number; valueFen?: number | null }[];
    };
    const covered = parsed.parts.reduce(
      (sum, p) =>
        sum + (p.rule === 'fixed' ? (p.amountFen ?? 0) : p.rule === 'inKind' ? (p.valueFen ?? 0) : 0),
      0,
    );
    return {
      plan,
      shares: own,
      cashToShareFen: Number(plan.total_fen) - covered,
      rules: planRules(plan.plan, (key) => labels.get(key) ?? key),
    };
  });
}

export async function meetingDetail(
  db: Db,
  actorOrNull: Actor | null,
  meetingId: string,
): Promise<MeetingDetail> {
  const actor = requireActor(actorOrNull);
  const meeting = await meetingFor(db, actor, meetingId, 'view');
  const [invitations, agenda, attendees, speeches, actions, plans, convener, convenerParty] =
    await Promise.all([
      invitationsOf(db, meetingId),
      agendaOf(db, meetingId),
      attendeesOf(db, meetingId),
      speechesOf(db, meetingId),
      actionItemsOf(db, meetingId),
      costPlansOf(db, meetingId),
      meeting.convener_user_id ? nameOfUser(db, meeting.convener_user_id) : undefined,
      meeting.convener_party_id
        ? db
            .selectFrom('parties')
            .select('name')
            .where('id', '=', meeting.convener_party_id)
            .executeTakeFirst()
        : undefined,
    ]);
  const now = Date.now();
  return {
    id: meeting.id,
    kind: meeting.kind as MeetingKind,
    title: meeting.title,
    placeId: meeting.place_id,
    placeName: meeting.place_name,
    startsAt: meeting.starts_at,
    endsAt: meeting.ends_at,
    venue: meeting.venue,
    state: meeting.state as MeetingState,
    recurrence: meeting.recurrence as Recurrence,
    convenerName: convener?.name ?? null,
    convenerPartyName: convenerParty?.name ?? null,
    procedureRules: meeting.procedure_rules,
    summary: meeting.summary,
    publicSummary: meeting.public_summary,
    publishedAt: meeting.published_at,
    previousId: meeting.previous_id,
    invitations: invitations.map((i) => ({
      id: i.id,
      partyId: i.party_id,
      partyName: i.party_name,
      userId: i.user_id,
      name: i.person_name,
      viaRole: i.via_role,
      sector: i.sector,
      reply: i.reply as Reply,
      delegateName: i.delegate_name,
      repliedAt: i.replied_at,
      mine: i.user_id === actor.userId || (i.party_id !== null && actor.partyIds.includes(i.party_id)),
    })),
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      problemId: a.problem_id,
      problemTitle: a.problem_title,
      problemState: a.problem_state,
      topic: a.topic,
      carriedOver: a.carried_from_id !== null,
      state: a.state as AgendaState,
      method: a.method as DecisionMethod | null,
      votesFor: a.votes_for,
      votesAgainst: a.votes_against,
      votesAbstain: a.votes_abstain,
      present: a.present,
      adopted: a.adopted === null ? null : a.adopted === 1,
      decision: a.decision,
    })),
    attendees: attendees.map((a) => ({
      id: a.id,
      name: a.name,
      partyName: a.party_name,
      capacity: a.capacity,
    })),
    speeches: speeches.map((s) => ({
      id: s.id,
      kind: s.kind as SpeechKind,
      agendaItemId: s.agenda_item_id,
      speakerName: s.speaker_name,
      partyName: s.party_name,
      capacity: s.capacity,
      text: s.text,
      at: s.at,
    })),
    actionItems: actions.map((a) => ({
      id: a.id,
      agendaItemId: a.agenda_item_id,
      problemId: a.problem_id,
      title: a.title,
      partyId: a.party_id,
      responsible: a.party_name ?? a.person_name ?? '',
      dueOn: a.due_on,
      status: a.status as ActionStatus,
      evidence: a.evidence,
      level: a.level as Level,
      overdue: a.status !== 'done' && Date.parse(a.due_at) <= now,
      canUpdate: a.status !== 'done' && (meeting.powers.record || worksItem(actor, a)),
    })),
    costPlans: plans.map(({ plan, shares, cashToShareFen, rules }) => ({
      id: plan.id,
      agendaItemId: plan.agenda_item_id,
      title: plan.title,
      totalFen: Number(plan.total_fen),
      cashToShareFen,
      rules,
      shares: shares.map((s) => ({
        id: s.id,
        label: s.label,
        amountFen: Number(s.amount_fen),
        cashFen: Number(s.cash_fen),
        inKindFen: Number(s.in_kind_fen),
        inKind: s.in_kind,
        confirmedAt: s.confirmed_at,
        canConfirm:
          s.confirmed_at === null &&
          (meeting.powers.record ||
            (s.party_id !== null && actor.partyIds.includes(s.party_id)) ||
            (s.household_id !== null && actor.householdIds.includes(s.household_id))),
      })),
    })),
    may: { manage: meeting.powers.manage, record: meeting.powers.record },
  };
}
