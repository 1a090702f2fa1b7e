import type { PlaceKind } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can, requireActor } from '../access/policy.ts';
import { findMeeting, type MeetingRecord } from './meetings.repo.ts';

export type MeetingPower = 'view' | 'manage' | 'record';

/** Whether the user, or one of their parties, is invited: an invitee sees the meeting wherever it sits. */
async function isInvited(db: Db | Trx, meetingId: string, actor: Actor) {
  let query = db
    .selectFrom('meeting_invitations')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', actor.userId),
        ...(actor.partyIds.length > 0 ? [eb('party_id', 'in', actor.partyIds)] : []),
      ]),
    );
  query = query.limit(1);
  return (await query.executeTakeFirst()) !== undefined;
}

/** What the actor may do with a meeting: see it, manage it (convene, invite, agenda), record it. */
export async function powersOver(db: Db | Trx, actor: Actor, meeting: MeetingRecord) {
  const place = { path: meeting.place_path, kind: meeting.place_kind as PlaceKind };
  const convener = meeting.convener_user_id === actor.userId || meeting.created_by === actor.userId;
  const manage = convener || can(actor, 'meeting.convene', place);
  const record = manage || meeting.recorder_user_id === actor.userId || can(actor, 'meeting.record', place);
  const view = record || can(actor, 'meeting.view', place) || (await isInvited(db, meeting.id, actor));
  return { view, manage, record };
}

/**
 * The meeting, if the actor may do this with it. Out of sight reads as absent (404); seen but not
 * allowed is 403.
 */
export async function meetingFor(
  db: Db | Trx,
  actorOrNull: Actor | null,
  meetingId: string,
  power: MeetingPower,
): Promise<MeetingRecord & { powers: { view: boolean; manage: boolean; record: boolean } }> {
  const actor = requireActor(actorOrNull);
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new AppError('not_found');
  const powers = await powersOver(db, actor, meeting);
  if (!powers.view) throw new AppError('not_found');
  if (!powers[power]) throw new AppError('forbidden');
  return { ...meeting, powers };
}

/** A state-machine refusal, answered 409 with the meeting's current state. */
export function wrongState(state: string) {
  return new AppError('invalid_state', { params: { state }, extra: { state } });
}
