import { addMonths } from 'date-fns';
import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { pathBelow } from '../../db/fragments.ts';
import type { PlaceKind } from '../../db/schema.ts';
import type { MeetingInvitationsTable } from '../../db/schema-meetings.ts';
import { defaultProcedureRules, type MeetingKind } from '../../domain/meetings/vocabulary.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan, can, requireActor, requireAnywhere } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notify.ts';
import { Agenda } from './agenda.ts';
import { meetingFor } from './meeting-access.ts';
import {
  insertInvitations,
  insertMeeting,
  invitationsOf,
  previousMeeting,
  procedureTemplateOf,
  updateInvitation,
  updateMeeting,
} from './meetings.repo.ts';
import type { ConveneInput, InviteesInput, ReplyInput } from './meetings.schemas.ts';
import { shanghaiTime } from './when.ts';

async function placeOf(tx: Tx, placeId: string) {
  const place = await tx.db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', '=', placeId)
    .executeTakeFirst();
  if (!place) throw fieldError('placeId', 'not_found');
  return { ...place, kind: place.kind as PlaceKind };
}

/** The procedure rules 议事规程 in force at a place: its own, the nearest place above's, or the default. */
export async function procedureRulesAt(tx: Pick<Tx, 'db'>, placePath: string) {
  const ids = placePath.split('/').filter(Boolean);
  const templates = await procedureTemplateOf(tx.db, ids);
  for (const id of [...ids].reverse()) {
    const own = templates.find((t) => t.place_id === id);
    if (own) return { text: own.text, placeId: id };
  }
  return { text: defaultProcedureRules, placeId: null };
}

export async function procedureRules(tx: Tx, placeId: string) {
  const place = await placeOf(tx, placeId);
  if (!can(requireActor(tx.actor), 'meeting.view', place)) throw new AppError('not_found');
  const rules = await procedureRulesAt(tx, place.path);
  return { placeId, text: rules.text, own: rules.placeId === placeId };
}

export async function saveProcedureRules(tx: Tx, placeId: string, text: string) {
  const place = await placeOf(tx, placeId);
  assertCan(tx.actor, 'procedure.manage', place);
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('procedure_templates')
    .values({ place_id: placeId, text, updated_by: tx.actor?.userId ?? null, updated_at: now })
    .onConflict((oc) =>
      oc.column('place_id').doUpdateSet({ text, updated_by: tx.actor?.userId ?? null, updated_at: now }),
    )
    .execute();
  await recordAudit(tx, {
    action: 'procedure_rules.save',
    entityType: 'place',
    entityId: placeId,
    changes: { procedureRules: { to: text } },
  });
  return procedureRules(tx, placeId);
}

/** 召集: the meeting, its agenda, and the invitations (each invitee told, with the .ics to download). */
export async function conveneMeeting(tx: Tx, input: ConveneInput): Promise<string> {
  const actor = requireAnywhere(tx.actor, 'meeting.convene');
  const place = await placeOf(tx, input.placeId);
  if (!can(actor, 'meeting.view', place) && !can(actor, 'meeting.convene', place))
    throw fieldError('placeId', 'not_found');
  assertCan(actor, 'meeting.convene', place);
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'endsAt',
          message: { 'zh-CN': '结束时间须晚于开始时间', en: 'The end must be after the start' },
        },
      ],
    });
  }
  const id = uuidv7();
  const now = tx.now.toISOString();
  const startsAt = new Date(input.startsAt).toISOString();
  const previous =
    input.kind === 'joint' ? await previousMeeting(tx.db, place.id, input.kind, startsAt) : undefined;
  await insertMeeting(tx.db, {
    id,
    kind: input.kind,
    title: input.title,
    place_id: place.id,
    place_path: place.path,
    convener_user_id: actor.userId,
    convener_party_id: input.convenerPartyId ?? null,
    starts_at: startsAt,
    ends_at: new Date(input.endsAt).toISOString(),
    venue: input.venue,
    recurrence: input.recurrence,
    previous_id: previous?.id ?? null,
    procedure_rules: input.procedureRules || (await procedureRulesAt(tx, place.path)).text,
    state: 'scheduled',
    recorder_user_id: null,
    reminded_at: null,
    summary: null,
    public_summary: null,
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(tx, {
    action: 'meeting.convene',
    entityType: 'meeting',
    entityId: id,
    changes: { state: { to: 'scheduled' }, kind: { to: input.kind }, title: { to: input.title } },
  });
  const agenda = new Agenda(tx, id, place.path);
  if (previous) await agenda.carryOver(previous.id);
  for (const problemId of input.problemIds) await agenda.addProblem(problemId, 'problemIds');
  // 难事齐上阵: a joint meeting takes up the problems that climbed to its rung of the ladder.
  if (input.kind === 'joint') await agenda.addEscalated();
  for (const topic of input.topics) await agenda.addTopic(topic);
  await inviteToMeeting(tx, id, input.invite);
  return id;
}

export async function addAgendaItem(
  tx: Tx,
  meetingId: string,
  input: { problemId?: string; topic?: string },
) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'manage');
  if (meeting.state === 'concluded' || meeting.state === 'cancelled')
    throw new AppError('invalid_state', {
      params: { state: meeting.state },
      extra: { state: meeting.state },
    });
  const agenda = await new Agenda(tx, meetingId, meeting.place_path).load();
  const id = input.problemId
    ? await agenda.addProblem(input.problemId, 'problemId')
    : await agenda.addTopic(input.topic ?? '');
  await recordAudit(tx, {
    action: 'meeting.agenda_add',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { agendaItem: { to: id ?? input.problemId ?? '' } },
  });
}

/** Everyone holding one of the roles at the meeting's place, above it, or below it (grid workers by their grid's community). */
async function holdersOfRoles(tx: Tx, placePath: string, roles: readonly string[]) {
  if (roles.length === 0) return [];
  const ancestors = placePath
    .split('/')
    .filter(Boolean)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
  const rows = await tx.db
    .selectFrom('role_grants as g')
    .leftJoin('places as p', 'p.id', 'g.place_id')
    .leftJoin('grids', 'grids.id', 'g.grid_id')
    .leftJoin('places as gp', 'gp.id', 'grids.community_id')
    .innerJoin('users', 'users.id', 'g.user_id')
    .select(['g.user_id', 'g.role'])
    .where('g.role', 'in', [...roles])
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('p.path', 'in', ancestors),
        pathBelow(eb.ref('p.path'), placePath),
        eb('gp.path', 'in', ancestors),
        pathBelow(eb.ref('gp.path'), placePath),
      ]),
    )
    .orderBy('g.user_id')
    .execute();
  return rows;
}

/** 邀请: parties, the holders of roles, people by name; each new invitee is told with a link and the .ics. */
export async function inviteToMeeting(tx: Tx, meetingId: string, input: InviteesInput) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'manage');
  const existing = await invitationsOf(tx.db, meetingId);
  const hasParty = new Set(existing.map((i) => i.party_id).filter(Boolean));
  const hasUser = new Set(existing.map((i) => i.user_id).filter(Boolean));
  const rows: Insertable<MeetingInvitationsTable>[] = [];
  const now = tx.now.toISOString();
  const row = (party: string | null, user: string | null, role: string | null) => ({
    id: uuidv7(),
    meeting_id: meetingId,
    party_id: party,
    user_id: user,
    via_role: role,
    reply: 'pending',
    delegate_name: null,
    replied_at: null,
    created_at: now,
  });
  for (const [i, partyId] of input.partyIds.entries()) {
    if (hasParty.has(partyId)) continue;
    const party = await tx.db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
    if (!party) throw fieldError(`invite.partyIds.${i}`, 'not_found');
    hasParty.add(partyId);
    rows.push(row(partyId, null, null));
  }
  for (const [i, userId] of input.userIds.entries()) {
    if (hasUser.has(userId)) continue;
    const user = await tx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!user) throw fieldError(`invite.userIds.${i}`, 'not_found');
    hasUser.add(userId);
    rows.push(row(null, userId, null));
  }
  for (const holder of await holdersOfRoles(tx, meeting.place_path, input.roles)) {
    if (hasUser.has(holder.user_id)) continue;
    hasUser.add(holder.user_id);
    rows.push(row(null, holder.user_id, holder.role));
  }
  await insertInvitations(tx.db, rows);
  if (rows.length === 0) return;
  await recordAudit(tx, {
    action: 'meeting.invite',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { invited: { to: rows.length } },
  });
  await notify(tx, {
    kind: 'meeting.invitation',
    to: { userIds: rows.map((r) => r.user_id), partyIds: rows.map((r) => r.party_id) },
    title: `会议邀请：${meeting.title}`,
    body: `${shanghaiTime(meeting.starts_at)}，${meeting.venue}`,
    link: `/workbench/meetings/${meetingId}`,
    data: { meetingId, calendar: `/api/meetings/${meetingId}/invitation.ics` },
  });
}

/** An invitee answers: coming, not coming, or sending a delegate; a party member answers for the party. */
export async function replyToInvitation(tx: Tx, meetingId: string, input: ReplyInput) {
  const actor = requireActor(tx.actor);
  const meeting = await meetingFor(tx.db, actor, meetingId, 'view');
  if (meeting.state !== 'scheduled')
    throw new AppError('invalid_state', {
      params: { state: meeting.state },
      extra: { state: meeting.state },
    });
  const mine = (await invitationsOf(tx.db, meetingId)).filter(
    (i) => i.user_id === actor.userId || (i.party_id !== null && actor.partyIds.includes(i.party_id)),
  );
  const invitation = input.invitationId
    ? mine.find((i) => i.id === input.invitationId)
    : (mine.find((i) => i.user_id === actor.userId) ?? mine[0]);
  if (!invitation) throw new AppError('forbidden');
  await updateInvitation(tx.db, invitation.id, {
    reply: input.reply,
    delegate_name: input.reply === 'delegate' ? (input.delegateName ?? null) : null,
    replied_at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'meeting.reply',
    entityType: 'meeting_invitation',
    entityId: invitation.id,
    changes: {
      reply: { from: invitation.reply, to: input.reply },
      ...(input.delegateName ? { delegate: { to: { personal: input.delegateName } } } : {}),
    },
  });
  await notify(tx, {
    kind: 'meeting.reply',
    to: { userIds: [meeting.convener_user_id] },
    title: `会议回执：${meeting.title}`,
    body: { coming: '参加', not_coming: '不参加', delegate: `委派 ${input.delegateName ?? ''} 参加` }[
      input.reply
    ],
    link: `/workbench/meetings/${meetingId}`,
  });
}

/** The next meeting of a recurring series (the quarterly property joint meeting): same invitees, open items carried over. */
export async function scheduleNext(tx: Tx, meetingId: string): Promise<string> {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'manage');
  if (meeting.recurrence === 'none') throw wrongRecurrence();
  const months = meeting.recurrence === 'quarterly' ? 3 : 1;
  const invitations = await invitationsOf(tx.db, meetingId);
  return conveneMeeting(tx, {
    kind: meeting.kind as MeetingKind,
    title: meeting.title,
    placeId: meeting.place_id,
    startsAt: addMonths(new Date(meeting.starts_at), months).toISOString(),
    endsAt: addMonths(new Date(meeting.ends_at), months).toISOString(),
    venue: meeting.venue,
    recurrence: meeting.recurrence as 'monthly' | 'quarterly',
    convenerPartyId: meeting.convener_party_id ?? undefined,
    invite: {
      partyIds: invitations.flatMap((i) => (i.party_id ? [i.party_id] : [])),
      userIds: invitations.flatMap((i) => (i.user_id ? [i.user_id] : [])),
      roles: [],
    },
    problemIds: [],
    topics: [],
    procedureRules: meeting.procedure_rules,
  });
}

function wrongRecurrence() {
  return new AppError('invalid_state', { params: { state: 'none' }, extra: { state: 'none' } });
}

/** The day before a meeting its invitees who did not decline are reminded, once. */
export async function remindInvitees(tx: Tx): Promise<number> {
  const soon = new Date(tx.now.getTime() + 24 * 3_600_000).toISOString();
  const meetings = await tx.db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'venue'])
    .where('state', '=', 'scheduled')
    .where('reminded_at', 'is', null)
    .where('starts_at', '>', tx.now.toISOString())
    .where('starts_at', '<=', soon)
    .limit(200)
    .execute();
  for (const m of meetings) {
    const invited = (await invitationsOf(tx.db, m.id)).filter((i) => i.reply !== 'not_coming');
    await updateMeeting(tx.db, m.id, { reminded_at: tx.now.toISOString() });
    await notify(tx, {
      kind: 'meeting.reminder',
      to: { userIds: invited.map((i) => i.user_id), partyIds: invited.map((i) => i.party_id) },
      title: `会议提醒：${m.title}`,
      body: `${shanghaiTime(m.starts_at)}，${m.venue}`,
      link: `/workbench/meetings/${m.id}`,
      data: { meetingId: m.id, calendar: `/api/meetings/${m.id}/invitation.ics` },
    });
  }
  return meetings.length;
}
