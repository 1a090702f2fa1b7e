import type { Db } from '../../db/transaction.ts';
import type { MatterState, ProblemState } from '../../domain/matters/states.ts';
import { awaitsFeedback } from '../../domain/matters/states.ts';
import type { Category, Channel, Level, MatterKind } from '../../domain/matters/vocabulary.ts';
import type { Actor } from '../access/actor.ts';
import { photosByOwner } from '../attachments/attachments.service.ts';
import { ownMatters, placesByIds, publicRepliesOf, voicesOf } from './matters.repo.ts';
import type { FilingPlace, OwnMatterView } from './matters.schemas.ts';

/** A resident's own matters, newest first, each with its problem's progress and the public replies. */
export async function ownMatterPage(
  db: Db,
  userId: string,
  page: { limit: number; offset: number },
  matterId?: string,
) {
  const { items, total } = await ownMatters(db, userId, page, matterId);
  const problemIds = [...new Set(items.flatMap((m) => (m.problem_id ? [m.problem_id] : [])))];
  const [voices, replies, photos] = await Promise.all([
    voicesOf(db, problemIds),
    publicRepliesOf(db, problemIds),
    photosByOwner(db, { matterIds: items.map((m) => m.id) }),
  ]);
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
    photos: photos.get(m.id) ?? [],
    createdAt: m.created_at,
  }));
  return { items: views, total };
}

const filingKinds = ['compound', 'building', 'entrance', 'household'] as const;

/** A resident's households and the places above them up to the compound, labelled from the compound down. */
export async function filingPlaces(db: Db, actor: Actor): Promise<FilingPlace[]> {
  const households = await placesByIds(db, actor.householdIds);
  const ancestorIds = [...new Set(households.flatMap((h) => h.path.split('/').filter(Boolean)))];
  const places = await placesByIds(db, ancestorIds);
  const byId = new Map(places.map((p) => [p.id, p]));
  const seen = new Map<string, FilingPlace>();
  for (const household of households) {
    const chain = household.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .filter(
        (p): p is NonNullable<typeof p> =>
          p !== undefined && (filingKinds as readonly string[]).includes(p.kind),
      );
    chain.forEach((place, i) => {
      const label = chain
        .slice(0, i + 1)
        .map((p) => p.name)
        .join(' ');
      seen.set(place.id, { id: place.id, name: place.name, kind: place.kind as FilingPlace['kind'], label });
    });
  }
  // The household first (the usual case), then the wider places a shared matter may name.
  const order = { household: 0, entrance: 1, building: 2, compound: 3 };
  return [...seen.values()].sort((a, b) => order[a.kind] - order[b.kind]);
}
