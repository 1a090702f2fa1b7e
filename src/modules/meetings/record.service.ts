import { uuidv7 } from 'uuidv7';
import { decide } from '../../domain/meetings/decision.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { meetingFor, wrongState } from './meeting-access.ts';
import {
  attendeesOf,
  findAgendaItem,
  insertAttendee,
  insertSpeech,
  nameOfUser,
  updateAgendaItem,
  updateMeeting,
} from './meetings.repo.ts';
import type { AttendeeInput, DecisionInput, SpeechInput } from './meetings.schemas.ts';

/** The meeting opens: the one who opens it is its recorder 记录人 unless one was named. */
export async function openMeeting(tx: Tx, meetingId: string) {
  const actor = requireActor(tx.actor);
  const meeting = await meetingFor(tx.db, actor, meetingId, 'record');
  if (meeting.state !== 'scheduled') throw wrongState(meeting.state);
  await updateMeeting(tx.db, meetingId, {
    state: 'in_session',
    recorder_user_id: meeting.recorder_user_id ?? actor.userId,
    updated_at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'meeting.open',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { state: { from: meeting.state, to: 'in_session' } },
  });
}

/** The meeting closes; items left undecided are deferred 暂缓 to the next one. */
export async function concludeMeeting(tx: Tx, meetingId: string) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'record');
  if (meeting.state !== 'in_session') throw wrongState(meeting.state);
  const now = tx.now.toISOString();
  await tx.db
    .updateTable('meeting_agenda_items')
    .set({ state: 'deferred', decided_at: now })
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'pending')
    .execute();
  await updateMeeting(tx.db, meetingId, { state: 'concluded', updated_at: now });
  await recordAudit(tx, {
    action: 'meeting.conclude',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { state: { from: meeting.state, to: 'concluded' } },
  });
}

export async function cancelMeeting(tx: Tx, meetingId: string) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'manage');
  if (meeting.state !== 'scheduled') throw wrongState(meeting.state);
  await updateMeeting(tx.db, meetingId, { state: 'cancelled', updated_at: tx.now.toISOString() });
  await recordAudit(tx, {
    action: 'meeting.cancel',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { state: { from: meeting.state, to: 'cancelled' } },
  });
}

async function inSession(tx: Tx, meetingId: string) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'record');
  if (meeting.state !== 'in_session') throw wrongState(meeting.state);
  return meeting;
}

async function assertParty(tx: Tx, partyId: string | undefined, field: string) {
  if (!partyId) return;
  const party = await tx.db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
  if (!party) throw fieldError(field, 'not_found');
}

/** 签到: who is present, with their party or capacity; the count is what a vote is measured against. */
export async function addAttendee(tx: Tx, meetingId: string, input: AttendeeInput) {
  await inSession(tx, meetingId);
  await assertParty(tx, input.partyId, 'partyId');
  const user = input.userId ? await nameOfUser(tx.db, input.userId) : undefined;
  if (input.userId && !user) throw fieldError('userId', 'not_found');
  const id = uuidv7();
  const name = input.name || user?.name || '';
  await insertAttendee(tx.db, {
    id,
    meeting_id: meetingId,
    user_id: input.userId ?? null,
    name,
    party_id: input.partyId ?? null,
    capacity: input.capacity || null,
    created_at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'meeting.attend',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { attendee: { to: { personal: name } } },
  });
  return id;
}

/** A speech or a proposal, as the recorder takes it down: who, from which party or sector, what. */
export async function recordSpeech(tx: Tx, meetingId: string, input: SpeechInput) {
  const actor = requireActor(tx.actor);
  await inSession(tx, meetingId);
  await assertParty(tx, input.partyId, 'partyId');
  if (input.agendaItemId && !(await findAgendaItem(tx.db, meetingId, input.agendaItemId)))
    throw fieldError('agendaItemId', 'not_found');
  const id = uuidv7();
  await insertSpeech(tx.db, {
    id,
    meeting_id: meetingId,
    agenda_item_id: input.agendaItemId ?? null,
    kind: input.kind,
    speaker_name: input.speakerName,
    party_id: input.partyId ?? null,
    capacity: input.capacity || null,
    text: input.text,
    recorded_by: actor.userId,
    at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: `meeting.${input.kind}`,
    entityType: 'meeting',
    entityId: meetingId,
    changes: { speaker: { to: { personal: input.speakerName } }, speech: { to: id } },
  });
  return id;
}

/** The decision on one agenda item: by consensus, or a vote of those present; or deferred 暂缓. */
export async function decideItem(tx: Tx, meetingId: string, itemId: string, input: DecisionInput) {
  await inSession(tx, meetingId);
  const item = await findAgendaItem(tx.db, meetingId, itemId);
  if (!item) throw new AppError('not_found');
  if (item.state !== 'pending') throw wrongState(item.state);
  const now = tx.now.toISOString();
  if (input.outcome === 'deferred') {
    await updateAgendaItem(tx.db, itemId, {
      state: 'deferred',
      decision: input.decision || null,
      decided_at: now,
    });
  } else {
    const present = (await attendeesOf(tx.db, meetingId)).length;
    const counts = {
      votesFor: input.votesFor ?? 0,
      votesAgainst: input.votesAgainst ?? 0,
      votesAbstain: input.votesAbstain ?? 0,
    };
    if (input.method === 'vote' && input.votesFor === undefined) throw fieldError('votesFor', 'required');
    const outcome = decide(
      input.method === 'vote' ? { method: 'vote', present, ...counts } : { method: 'consensus', present },
    );
    if (outcome.problem?.reason === 'nobody_present')
      throw new AppError('validation_failed', {
        fields: [
          { field: 'method', message: { 'zh-CN': '请先登记到会人员', en: 'Record who is present first' } },
        ],
      });
    if (outcome.problem)
      throw new AppError('validation_failed', {
        fields: [
          {
            field: 'votesFor',
            message: {
              'zh-CN': '票数合计超过到会人数（{present}）',
              en: 'More votes than people present ({present})',
            },
            params: { present },
          },
        ],
      });
    await updateAgendaItem(tx.db, itemId, {
      state: 'decided',
      method: input.method,
      votes_for: input.method === 'vote' ? counts.votesFor : null,
      votes_against: input.method === 'vote' ? counts.votesAgainst : null,
      votes_abstain: input.method === 'vote' ? counts.votesAbstain : null,
      present,
      adopted: outcome.adopted ? 1 : 0,
      decision: input.decision,
      decided_at: now,
    });
  }
  await recordAudit(tx, {
    action: `meeting.item_${input.outcome}`,
    entityType: 'meeting_agenda_item',
    entityId: itemId,
    changes: { state: { from: item.state, to: input.outcome } },
  });
}
