import { isEmptyScope } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import { clusterMatters, type MatterRecord } from '../../domain/dedup/index.ts';
import type { Category } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor, scopeOf } from '../access/policy.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { acceptMatter } from '../matters/matters.service.ts';
import { staffPlaceNames } from '../places/staff-place-names.ts';
import { mergeProblems } from '../problems/problems.service.ts';
import { tellSubmitters } from '../problems/submitters-told.ts';
import { placeContexts } from './place-context.ts';
import { openProblemsUnder, submittedMattersUnder } from './problem-list.repo.ts';
import type { MergeGroupInput, MergeSuggestionQuery, MergeSuggestions } from './problem-list.schemas.ts';

const excerpt = (s: string, n: number) =>
  Array.from(s).length > n ? `${Array.from(s).slice(0, n).join('')}…` : s;

/** Where the reader triages, narrowed to a place when asked; refused when they triage nowhere. */
async function suggestionPlace(db: Db, actor: Actor, placeId: string | undefined) {
  const scope = scopeOf(actor, 'matter.triage');
  if (isEmptyScope(scope)) throw new AppError('forbidden');
  if (!placeId) return { scope, path: '/' };
  const place = await db.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst();
  if (!place) throw new AppError('not_found');
  return { scope, path: place.path };
}

/**
 * Suggested merge groups over the open matters (inbox) and open problems the reader triages: the
 * problem-list clustering, per compound, each group with the reasons its members were linked.
 * A group of problems alone, or of matters and problems, or of matters alone — any two or more.
 */
export async function mergeSuggestions(
  db: Db,
  actor: Actor | null,
  query: MergeSuggestionQuery,
): Promise<MergeSuggestions> {
  const who = requireActor(actor);
  const { scope, path } = await suggestionPlace(db, who, query.placeId);
  const [problems, matters] = await Promise.all([
    openProblemsUnder(db, path, scope),
    submittedMattersUnder(db, path, scope),
  ]);
  const contexts = await placeContexts(db, [
    ...problems.map((p) => p.place_path),
    ...matters.map((m) => m.place_path),
  ]);
  const matterPlace = await staffPlaceNames(db, who, matters);
  const problemPaths = [...new Set(problems.map((p) => p.place_path))];
  const placeNames = new Map(
    problemPaths.length === 0
      ? []
      : (
          await db.selectFrom('places').select(['path', 'name']).where('path', 'in', problemPaths).execute()
        ).map((p) => [p.path, p.name]),
  );
  // Clustered one compound at a time (compounds of one name in two communities stay apart).
  const records = new Map<string, MatterRecord[]>();
  const add = (compoundId: string, r: MatterRecord) =>
    records.set(compoundId, [...(records.get(compoundId) ?? []), r]);
  const members = new Map<string, MergeSuggestions['groups'][number]['members'][number]>();
  for (const p of problems) {
    const c = contexts.get(p.place_path);
    if (!c) continue;
    add(c.compoundId, {
      id: `p:${p.id}`,
      compound: c.compoundName,
      building: c.building,
      title: p.title,
      text: p.texts.join('。'),
    });
    members.set(`p:${p.id}`, {
      type: 'problem',
      id: p.id,
      title: p.title,
      text: excerpt(p.texts[0] ?? '', 80),
      category: p.category as Category,
      state: p.state,
      placeName: c.building ? c.label : (placeNames.get(p.place_path) ?? c.label),
      voices: p.voices,
      createdAt: p.created_at,
    });
  }
  for (const m of matters) {
    const c = contexts.get(m.place_path);
    if (!c) continue;
    add(c.compoundId, {
      id: `m:${m.id}`,
      compound: c.compoundName,
      building: c.building,
      title: m.title ?? '',
      text: m.text,
    });
    members.set(`m:${m.id}`, {
      type: 'matter',
      id: m.id,
      title: m.title ?? excerpt(m.text, 24),
      text: excerpt(m.text, 80),
      category: m.category as Category,
      state: 'submitted',
      placeName: matterPlace(m),
      voices: 1,
      createdAt: m.created_at,
    });
  }
  const clusters = [...records.values()].flatMap((list) => clusterMatters(list).clusters);
  const groups = clusters
    .filter((c) => c.ids.length >= 2)
    .map((c) => ({
      place: c.place,
      kind: c.kind,
      members: c.ids
        .map((id) => members.get(id)!)
        .sort((a, b) =>
          a.type === b.type ? (a.createdAt < b.createdAt ? -1 : 1) : a.type === 'problem' ? -1 : 1,
        ),
      reasons: [...new Set(c.merges.map((m) => m.text))],
    }))
    .sort((a, b) => b.members.length - a.members.length || (a.place < b.place ? -1 : 1));
  return { groups, compared: { matters: matters.length, problems: problems.length } };
}

/**
 * Merges a suggested group: problems into the target problem, inbox matters accepted into it (the
 * first matter becomes the problem when no target is given). Every submitter whose matter moved is told.
 */
export async function mergeGroup(tx: Tx, input: MergeGroupInput) {
  const matterIds = [...new Set(input.matterIds)];
  let target = input.targetProblemId;
  const moved: string[] = [];
  if (!target) {
    const first = matterIds.shift();
    if (!first)
      throw new AppError('validation_failed', { fields: [{ field: 'matterIds', message: 'required' }] });
    target = await acceptMatter(tx, first, { title: input.title!, urgency: 2, severity: 2 });
    moved.push(first);
  }
  const sources = input.problemIds.filter((id) => id !== target);
  // The matters of merged problems are told by mergeProblems; those taken from the inbox are told here.
  const merged = sources.length > 0 ? await mergeProblems(tx, target, sources) : { notified: 0 };
  for (const id of matterIds) {
    await acceptMatter(tx, id, { problemId: target });
    moved.push(id);
  }
  const problem = await findProblem(tx.db, target);
  const notified = await tellSubmitters(tx, moved, target, problem!.title, 'matter.merged');
  return { problemId: target, notified: merged.notified + notified };
}
