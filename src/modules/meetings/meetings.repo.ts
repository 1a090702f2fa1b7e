import type { Insertable, Updateable } from 'kysely';
import { type PathScope, pathInScope } from '../../db/fragments.ts';
import type {
  MeetingAgendaItemsTable,
  MeetingAttendeesTable,
  MeetingInvitationsTable,
  MeetingSpeechesTable,
  MeetingsTable,
} from '../../db/schema-meetings.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { MeetingQuery } from './meetings.schemas.ts';

export function findMeeting(db: Db | Trx, id: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('places', 'places.id', 'meetings.place_id')
    .selectAll('meetings')
    .select(['places.kind as place_kind', 'places.name as place_name'])
    .where('meetings.id', '=', id)
    .executeTakeFirst();
}
export type MeetingRecord = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function insertMeeting(db: Trx, row: Insertable<MeetingsTable>) {
  await db.insertInto('meetings').values(row).execute();
}

export async function updateMeeting(db: Trx, id: string, changes: Updateable<MeetingsTable>) {
  await db.updateTable('meetings').set(changes).where('id', '=', id).execute();
}

/** Meetings in scope, or to which the user (or one of the user's parties) is invited. */
export async function listMeetings(
  db: Db,
  scope: PathScope,
  who: { userId: string; partyIds: string[] },
  query: MeetingQuery,
) {
  let base = db
    .selectFrom('meetings')
    .innerJoin('places', 'places.id', 'meetings.place_id')
    .where((eb) =>
      eb.or([
        pathInScope(eb.ref('meetings.place_path'), scope),
        eb.exists(
          eb
            .selectFrom('meeting_invitations as i')
            .select('i.id')
            .whereRef('i.meeting_id', '=', 'meetings.id')
            .where((inner) =>
              inner.or([
                inner('i.user_id', '=', who.userId),
                ...(who.partyIds.length > 0 ? [inner('i.party_id', 'in', who.partyIds)] : []),
              ]),
            ),
        ),
      ]),
    );
  if (query.kind) base = base.where('meetings.kind', '=', query.kind);
  if (query.state) base = base.where('meetings.state', '=', query.state);
  if (query.problemId) {
    const problemId = query.problemId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_agenda_items as a')
          .select('a.id')
          .whereRef('a.meeting_id', '=', 'meetings.id')
          .where('a.problem_id', '=', problemId),
      ),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('meetings')
    .select('places.name as place_name')
    .select((eb) => [
      eb
        .selectFrom('meeting_agenda_items as a')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'meetings.id')
        .as('agenda_items'),
      eb
        .selectFrom('action_items as x')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('x.meeting_id', '=', 'meetings.id')
        .where('x.status', '!=', 'done')
        .as('open_action_items'),
    ])
    .orderBy('meetings.starts_at', query.sort === 'starts_asc' ? 'asc' : 'desc')
    .orderBy('meetings.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total.n), items };
}

export async function insertInvitations(db: Trx, rows: Insertable<MeetingInvitationsTable>[]) {
  if (rows.length > 0) await db.insertInto('meeting_invitations').values(rows).execute();
}

export function invitationsOf(db: Db | Trx, meetingId: string) {
  return db
    .selectFrom('meeting_invitations as i')
    .leftJoin('parties', 'parties.id', 'i.party_id')
    .leftJoin('users', 'users.id', 'i.user_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .selectAll('i')
    .select(['parties.name as party_name', 'people.name as person_name'])
    .select((eb) =>
      eb
        .selectFrom('role_grants as g')
        .select('g.sector')
        .whereRef('g.user_id', '=', 'i.user_id')
        .where('g.sector', 'is not', null)
        .limit(1)
        .as('sector'),
    )
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
}

export async function updateInvitation(db: Trx, id: string, changes: Updateable<MeetingInvitationsTable>) {
  await db.updateTable('meeting_invitations').set(changes).where('id', '=', id).execute();
}

export function agendaOf(db: Db | Trx, meetingId: string) {
  return db
    .selectFrom('meeting_agenda_items as a')
    .leftJoin('problems', 'problems.id', 'a.problem_id')
    .selectAll('a')
    .select(['problems.title as problem_title', 'problems.state as problem_state'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
}

export function findAgendaItem(db: Db | Trx, meetingId: string, itemId: string) {
  return db
    .selectFrom('meeting_agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertAgendaItem(db: Trx, row: Insertable<MeetingAgendaItemsTable>) {
  await db.insertInto('meeting_agenda_items').values(row).execute();
}

export async function updateAgendaItem(db: Trx, id: string, changes: Updateable<MeetingAgendaItemsTable>) {
  await db.updateTable('meeting_agenda_items').set(changes).where('id', '=', id).execute();
}

export function attendeesOf(db: Db | Trx, meetingId: string) {
  return db
    .selectFrom('meeting_attendees as a')
    .leftJoin('parties', 'parties.id', 'a.party_id')
    .selectAll('a')
    .select('parties.name as party_name')
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAttendee(db: Trx, row: Insertable<MeetingAttendeesTable>) {
  await db.insertInto('meeting_attendees').values(row).execute();
}

export function speechesOf(db: Db | Trx, meetingId: string) {
  return db
    .selectFrom('meeting_speeches as s')
    .leftJoin('parties', 'parties.id', 's.party_id')
    .selectAll('s')
    .select('parties.name as party_name')
    .where('s.meeting_id', '=', meetingId)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();
}

export async function insertSpeech(db: Trx, row: Insertable<MeetingSpeechesTable>) {
  await db.insertInto('meeting_speeches').values(row).execute();
}

export function procedureTemplateOf(db: Db | Trx, placeIds: string[]) {
  if (placeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('procedure_templates').selectAll().where('place_id', 'in', placeIds).execute();
}

/** The most recent earlier meeting of a recurring kind at the same place: whose open items carry over. */
export function previousMeeting(db: Db | Trx, placeId: string, kind: string, before: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'title'])
    .where('place_id', '=', placeId)
    .where('kind', '=', kind)
    .where('state', '!=', 'cancelled')
    .where('starts_at', '<', before)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function nameOfUser(db: Db | Trx, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'people.name', 'users.kind'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}
