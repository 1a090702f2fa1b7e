import type { Db } from '../../db/transaction.ts';
import type {
  ActionStatus,
  AgendaState,
  DecisionMethod,
  MeetingKind,
} from '../../domain/meetings/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { maskName } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { meetingFor, wrongState } from './meeting-access.ts';
import { updateMeeting } from './meetings.repo.ts';
import type { SummaryInput } from './meetings.schemas.ts';

/** The minutes' summary 会议小结, and the public summary 公开摘要 for the echo wall with its published flag. */
export async function saveSummary(tx: Tx, meetingId: string, input: SummaryInput) {
  const meeting = await meetingFor(tx.db, tx.actor, meetingId, 'record');
  if (input.published && meeting.state !== 'concluded') throw wrongState(meeting.state);
  const publicSummary = input.publicSummary ?? meeting.public_summary;
  if (input.published && !publicSummary) {
    throw new AppError('validation_failed', { fields: [{ field: 'publicSummary', message: 'required' }] });
  }
  const publishedAt = input.published ? (meeting.published_at ?? tx.now.toISOString()) : null;
  await updateMeeting(tx.db, meetingId, {
    summary: input.summary ?? meeting.summary,
    public_summary: publicSummary,
    published_at: publishedAt,
    updated_at: tx.now.toISOString(),
  });
  await recordAudit(tx, {
    action: 'meeting.summary',
    entityType: 'meeting',
    entityId: meetingId,
    changes: { published: { from: meeting.published_at !== null, to: publishedAt !== null } },
  });
}

const phonePattern = /1[3-9]\d{9}/g;

/**
 * Text for the public: the names of the people the meeting recorded (attendees, speakers, the submitters
 * of its problems) masked to a family name, and phone numbers hidden. Parties keep their names.
 */
function redactor(names: (string | null)[]) {
  const people = [...new Set(names.filter((n): n is string => Boolean(n && n.length >= 2)))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string | null) => {
    if (text === null) return null;
    let out = text.replace(phonePattern, (p) => `${p.slice(0, 3)}****${p.slice(-4)}`);
    for (const name of people) out = out.split(name).join(maskName(name) ?? '');
    return out;
  };
}

/** What the echo wall shows of the meetings that took up a problem: only published ones, no residents' names. */
export async function publicOutcomes(db: Db, problemId: string) {
  const problem = await db
    .selectFrom('problems')
    .select(['id', 'published_at'])
    .where('id', '=', problemId)
    .executeTakeFirst();
  // The public sees a problem only once staff published it (domain.md, echo wall).
  if (!problem?.published_at) throw new AppError('not_found');
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'kind', 'title', 'starts_at', 'public_summary'])
    .where('published_at', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_agenda_items as a')
          .select('a.id')
          .whereRef('a.meeting_id', '=', 'meetings.id')
          .where('a.problem_id', '=', problemId),
      ),
    )
    .orderBy('starts_at')
    .execute();
  const items = [];
  for (const m of meetings) {
    const [attendees, speakers, submitters, agenda, actions] = await Promise.all([
      db.selectFrom('meeting_attendees').select('name').where('meeting_id', '=', m.id).execute(),
      db
        .selectFrom('meeting_speeches')
        .select('speaker_name as name')
        .where('meeting_id', '=', m.id)
        .execute(),
      db
        .selectFrom('matters')
        .innerJoin('people', 'people.id', 'matters.submitter_person_id')
        .select('people.name')
        .where('matters.problem_id', '=', problemId)
        .execute(),
      db
        .selectFrom('meeting_agenda_items')
        .selectAll()
        .where('meeting_id', '=', m.id)
        .where('problem_id', '=', problemId)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('action_items')
        .leftJoin('parties', 'parties.id', 'action_items.party_id')
        .select([
          'action_items.title',
          'action_items.due_on',
          'action_items.status',
          'parties.name as party_name',
        ])
        .where('action_items.meeting_id', '=', m.id)
        .where('action_items.problem_id', '=', problemId)
        .orderBy('action_items.created_at')
        .execute(),
    ]);
    const redact = redactor([...attendees, ...speakers, ...submitters].map((r) => r.name));
    items.push({
      meetingId: m.id,
      kind: m.kind as MeetingKind,
      title: redact(m.title) ?? '',
      startsAt: m.starts_at,
      publicSummary: redact(m.public_summary) ?? '',
      decisions: agenda.map((a) => ({
        topic: redact(a.topic) ?? '',
        state: a.state as AgendaState,
        method: a.method as DecisionMethod | null,
        votesFor: a.votes_for,
        votesAgainst: a.votes_against,
        votesAbstain: a.votes_abstain,
        adopted: a.adopted === null ? null : a.adopted === 1,
        decision: redact(a.decision),
      })),
      actionItems: actions.map((a) => ({
        title: redact(a.title) ?? '',
        // An organisation is named; a person responsible is not.
        responsibleParty: a.party_name,
        dueOn: a.due_on,
        status: a.status as ActionStatus,
      })),
    });
  }
  return { items };
}
