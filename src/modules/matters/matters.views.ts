import type { Db } from '../../db/transaction.ts';
import type { MatterState, ProblemState } from '../../domain/matters/states.ts';
import { awaitsFeedback } from '../../domain/matters/states.ts';
import type { Category, Channel, Level, MatterKind } from '../../domain/matters/vocabulary.ts';
import { ownMatters, publicRepliesOf, voicesOf } from './matters.repo.ts';
import type { OwnMatterView } from './matters.schemas.ts';

/** A resident's own matters, newest first, each with its problem's progress and the public replies. */
export async function ownMatterPage(db: Db, userId: string, page: { limit: number; offset: number }) {
  const { items, total } = await ownMatters(db, userId, page);
  const problemIds = [...new Set(items.flatMap((m) => (m.problem_id ? [m.problem_id] : [])))];
  const [voices, replies] = await Promise.all([voicesOf(db, problemIds), publicRepliesOf(db, problemIds)]);
  const views: OwnMatterView[] = items.map((m) => ({
    id: m.id,
    kind: m.kind as MatterKind,
    title: m.title,
    text: m.text,
    category: m.category as Category,
    placeName: m.place_name,
    channel: m.channel as Channel,
    state: m.state as MatterState,
    declineReason: m.decline_reason,
    problem:
      m.problem_id && m.problem_state
        ? {
            id: m.problem_id,
            state: m.problem_state as ProblemState,
            level: m.problem_level as Level,
            voices: voices.get(m.problem_id) ?? 1,
          }
        : null,
    awaitsFeedback: m.problem_state
      ? awaitsFeedback(m.state as MatterState, m.problem_state as ProblemState)
      : false,
    feedback:
      m.feedback_solved === null || m.rating === null
        ? null
        : { solved: m.feedback_solved === 1, rating: m.rating, comment: m.feedback_comment },
    replies: replies
      .filter((r) => r.problem_id === m.problem_id)
      .map((r) => ({ at: r.at, text: r.text ?? '' })),
    createdAt: m.created_at,
  }));
  return { items: views, total };
}
