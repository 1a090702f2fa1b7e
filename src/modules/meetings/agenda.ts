import { uuidv7 } from 'uuidv7';
import { pathBelow } from '../../db/fragments.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import { type MeetingKind, meetingKindNames } from '../../domain/meetings/vocabulary.ts';
import { fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { logEvent } from '../problems/timeline.ts';
import { agendaOf, insertAgendaItem } from './meetings.repo.ts';
import { shanghaiTime } from './when.ts';

/** The agenda of one meeting being built: problems once each, in the order they came. */
export class Agenda {
  private position = 0;
  private readonly problems = new Set<string>();
  constructor(
    private readonly tx: Tx,
    private readonly meetingId: string,
    private readonly placePath: string,
  ) {}

  async load() {
    const items = await agendaOf(this.tx.db, this.meetingId);
    this.position = items.reduce((max, i) => Math.max(max, i.position), 0);
    for (const i of items) if (i.problem_id) this.problems.add(i.problem_id);
    return this;
  }

  private async insert(topic: string, problemId: string | null, carriedFrom: string | null) {
    const id = uuidv7();
    this.position += 1;
    await insertAgendaItem(this.tx.db, {
      id,
      meeting_id: this.meetingId,
      position: this.position,
      problem_id: problemId,
      topic,
      carried_from_id: carriedFrom,
      state: 'pending',
      method: null,
      votes_for: null,
      votes_against: null,
      votes_abstain: null,
      present: null,
      adopted: null,
      decision: null,
      decided_at: null,
    });
    if (problemId) {
      this.problems.add(problemId);
      const meeting = await this.tx.db
        .selectFrom('meetings')
        .select(['title', 'kind', 'starts_at'])
        .where('id', '=', this.meetingId)
        .executeTakeFirstOrThrow();
      await logEvent(this.tx, problemId, 'reply', {
        visibility: 'public',
        text: `已列入${meetingKindNames[meeting.kind as MeetingKind]['zh-CN']}议程：${meeting.title}（${shanghaiTime(meeting.starts_at)}）`,
        data: { meetingId: this.meetingId },
      });
    }
    return id;
  }

  async addTopic(topic: string) {
    return this.insert(topic, null, null);
  }

  async addProblem(problemId: string, field: string) {
    if (this.problems.has(problemId)) return null;
    const problem = await findProblem(this.tx.db, problemId);
    // Whoever may convene a meeting here may put the place's problems on its agenda: a deputy convening
    // the parties (建校家属院) names problems their own grants would not show them.
    if (!problem?.place_path.startsWith(this.placePath)) throw fieldError(field, 'not_found');
    return this.insert(problem.title, problemId, null);
  }

  /** Problems at the joint-meeting rung, still open, at the meeting's place or below. */
  async addEscalated() {
    const rows = await this.tx.db
      .selectFrom('problems')
      .select(['id', 'title'])
      .where('level', '=', 'joint_meeting')
      .where('state', 'in', [...unsolvedProblemStates])
      .where((eb) => pathBelow(eb.ref('place_path'), this.placePath))
      .orderBy('priority', 'desc')
      .orderBy('created_at')
      .execute();
    for (const p of rows) if (!this.problems.has(p.id)) await this.insert(p.title, p.id, null);
  }

  /** A recurring meeting's agenda carries over the open items of the last one: deferred, undecided, unfinished. */
  async carryOver(previousId: string) {
    const items = await agendaOf(this.tx.db, previousId);
    const unfinished = await this.tx.db
      .selectFrom('action_items')
      .select('agenda_item_id')
      .where('meeting_id', '=', previousId)
      .where('status', '!=', 'done')
      .execute();
    const open = new Set(unfinished.map((a) => a.agenda_item_id));
    for (const item of items) {
      if (item.state === 'decided' && !open.has(item.id)) continue;
      if (item.problem_id && this.problems.has(item.problem_id)) continue;
      await this.insert(item.topic, item.problem_id, item.id);
    }
  }
}
