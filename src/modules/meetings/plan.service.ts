import { uuidv7 } from 'uuidv7';
import { CHINA_TIME_ZONE, endOfLocalDay } from '../../domain/deadlines/civil-day.ts';
import type { Level } from '../../domain/matters/vocabulary.ts';
import { followUp } from '../../domain/meetings/follow-up.ts';
import { type MeetingKind, startLevelOf } from '../../domain/meetings/vocabulary.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notify.ts';
import { meetingFor, wrongState } from './meeting-access.ts';
import { findAgendaItem, findMeeting } from './meetings.repo.ts';
import type { ActionItemInput, ProgressInput } from './meetings.schemas.ts';
import { resolveIfAllDone } from './resolve.ts';

/** Who works an action item: the person named, or any member of the party named. */
export function worksItem(actor: Actor | null, item: { user_id: string | null; party_id: string | null }) {
  if (!actor) return false;
  return item.user_id === actor.userId || (item.party_id !== null && actor.partyIds.includes(item.party_id));
}

/** 实施方案: an action item for a decided agenda item — who, what, by when (24:00 Beijing time of the day). */
export async function addActionItem(tx: Tx, meetingId: string, input: ActionItemInput) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'record');
  if (meeting.state === 'scheduled' || meeting.state === 'cancelled') throw wrongState(meeting.state);
  const item = await findAgendaItem(tx.db, meetingId, input.agendaItemId);
  if (!item) throw fieldError('agendaItemId', 'not_found');
  if (item.state !== 'decided' || item.adopted !== 1) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'agendaItemId',
          message: {
            'zh-CN': '只有已通过的议题才能制定实施方案',
            en: 'Only an adopted item gets an implementation plan',
          },
        },
      ],
    });
  }
  if (input.partyId) {
    const party = await tx.db
      .selectFrom('parties')
      .select('id')
      .where('id', '=', input.partyId)
      .executeTakeFirst();
    if (!party) throw fieldError('partyId', 'not_found');
  }
  if (input.userId) {
    const user = await tx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user) throw fieldError('userId', 'not_found');
  }
  const id = uuidv7();
  const now = tx.now.toISOString();
  await tx.db
    .insertInto('action_items')
    .values({
      id,
      meeting_id: meetingId,
      agenda_item_id: item.id,
      problem_id: item.problem_id,
      title: input.title,
      party_id: input.partyId ?? null,
      user_id: input.userId ?? null,
      due_on: input.dueOn,
      due_at: endOfLocalDay(input.dueOn, CHINA_TIME_ZONE).toISOString(),
      status: 'open',
      evidence: null,
      level: startLevelOf(meeting.kind as MeetingKind),
      reminded_at: null,
      climbed_at: null,
      done_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordAudit(tx, {
    action: 'action_item.create',
    entityType: 'action_item',
    entityId: id,
    changes: { status: { to: 'open' }, dueOn: { to: input.dueOn }, meeting: { to: meetingId } },
  });
  await notify(tx, {
    kind: 'action_item.assigned',
    to: { userIds: [input.userId], partyIds: [input.partyId] },
    title: `会议决定事项：${input.title}`,
    body: `${meeting.title}，完成时限 ${input.dueOn}`,
    link: `/workbench/meetings/${meetingId}`,
    problemId: item.problem_id,
  });
  return id;
}

/** Progress on an action item with its evidence; the last one done for a problem resolves it. */
export async function reportProgress(tx: Tx, itemId: string, input: ProgressInput) {
  const actor = requireActor(tx.actor);
  const item = await tx.db.selectFrom('action_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new AppError('not_found');
  if (!worksItem(actor, item)) {
    // The office may record a paper reply for a party that has no account here, as with orders.
    const meeting = await meetingFor(tx.db, actor, item.meeting_id, 'view');
    if (!meeting.powers.record) throw new AppError('forbidden');
  }
  if (item.status === 'done') throw wrongState(item.status);
  if (input.status === 'done' && !input.evidence) throw fieldError('evidence', 'required');
  const now = tx.now.toISOString();
  const result = await tx.db
    .updateTable('action_items')
    .set({
      status: input.status,
      evidence: input.evidence || item.evidence,
      done_at: input.status === 'done' ? now : null,
      updated_at: now,
    })
    .where('id', '=', itemId)
    .where('status', '=', item.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw wrongState('changed');
  await recordAudit(tx, {
    action: 'action_item.progress',
    entityType: 'action_item',
    entityId: itemId,
    changes: { status: { from: item.status, to: input.status } },
  });
  if (input.status === 'done' && item.problem_id) {
    const meeting = await findMeeting(tx.db, item.meeting_id);
    await resolveIfAllDone(tx, item.problem_id, meeting?.title ?? '');
  }
}

// Who hears of an item that climbed to each rung, at the meeting's place or above.
const rungRoles: Record<Level, Role[]> = {
  compound: ['grid_worker', 'building_steward'],
  community: ['community_secretary', 'community_staff'],
  joint_meeting: ['community_secretary', 'community_staff'],
  street: ['street_officer'],
};

/** The clock's work on action items: a reminder before the due date, a climb up the ladder once overdue. */
export async function followUpActionItems(tx: Tx): Promise<{ reminded: number; climbed: number }> {
  const soon = new Date(tx.now.getTime() + 24 * 3_600_000).toISOString();
  const items = await tx.db
    .selectFrom('action_items')
    .innerJoin('meetings', 'meetings.id', 'action_items.meeting_id')
    .selectAll('action_items')
    .select(['meetings.title as meeting_title', 'meetings.place_path'])
    .where('action_items.status', '!=', 'done')
    .where('action_items.due_at', '<=', soon)
    .orderBy('action_items.due_at')
    .limit(500)
    .execute();
  let reminded = 0;
  let climbed = 0;
  const now = tx.now.toISOString();
  for (const item of items) {
    const next = followUp(
      {
        status: item.status,
        dueAt: new Date(item.due_at),
        level: item.level as Level,
        remindedAt: item.reminded_at ? new Date(item.reminded_at) : null,
        climbedAt: item.climbed_at ? new Date(item.climbed_at) : null,
      },
      tx.now,
    );
    const link = `/workbench/meetings/${item.meeting_id}`;
    if (next.remind) {
      await tx.db.updateTable('action_items').set({ reminded_at: now }).where('id', '=', item.id).execute();
      await notify(tx, {
        kind: 'action_item.due_soon',
        to: { userIds: [item.user_id], partyIds: [item.party_id] },
        title: `即将到期：${item.title}`,
        body: `${item.meeting_title}决定事项，完成时限 ${item.due_on}`,
        link,
        problemId: item.problem_id,
      });
      reminded++;
    }
    if (next.climbTo) {
      await tx.db
        .updateTable('action_items')
        .set({ level: next.climbTo, climbed_at: now, updated_at: now })
        .where('id', '=', item.id)
        .execute();
      await recordAudit(tx, {
        action: 'action_item.climb',
        entityType: 'action_item',
        entityId: item.id,
        changes: { level: { from: item.level, to: next.climbTo } },
      });
      await notify(tx, {
        kind: 'action_item.overdue',
        to: {
          userIds: [item.user_id],
          partyIds: [item.party_id],
          rolesAt: { roles: rungRoles[next.climbTo], placePath: item.place_path },
        },
        title: `已逾期：${item.title}`,
        body: `${item.meeting_title}决定事项已超过完成时限 ${item.due_on}，升级督办`,
        link,
        problemId: item.problem_id,
      });
      climbed++;
    }
  }
  return { reminded, climbed };
}
