import type { Db } from '../../db/transaction.ts';
import { indexProblems, type ProblemIndex, similarProblems } from '../../domain/dedup/index.ts';
import { isUnsolved } from '../../domain/matters/states.ts';
import type { Category } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findMatter, findProblem, placeInContext, placesByIds } from '../matters/matters.repo.ts';
import { submitMatter, transitionMatter } from '../matters/matters.service.ts';
import { logEvent } from '../problems/timeline.ts';
import { type PlaceContext, placeContexts } from './place-context.ts';
import { openProblemsSignature, openProblemsUnder } from './problem-list.repo.ts';
import type { AlreadyReported, DraftInput, MeTooInput } from './problem-list.schemas.ts';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
/** The local day (YYYY-MM-DD) in Asia/Shanghai, where the residents live it. */
const shanghaiDay = (iso: string) => dayFormat.format(new Date(iso));

const noSuchPlace = () =>
  new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });

/** The place a resident's draft is about: one of their households or a place above one (as when filing). */
async function draftPlace(
  db: Db | Tx['db'],
  actor: Actor,
  placeId: string | undefined,
): Promise<PlaceContext> {
  if (actor.householdIds.length === 0) throw noSuchPlace();
  const households = await placesByIds(db, actor.householdIds);
  const place = await placeInContext(db, placeId ?? households[0]!.id);
  if (!place || !households.some((h) => h.path.startsWith(place.path))) throw noSuchPlace();
  const context = (await placeContexts(db, [place.path])).get(place.path);
  if (!context) throw noSuchPlace();
  return context;
}

type Candidates = Awaited<ReturnType<typeof openProblemsUnder>>;
type Prepared = {
  signature: string;
  problems: Candidates;
  contexts: Map<string, PlaceContext>;
  index: ProblemIndex;
};

// One compound's open problems, prepared for comparison, kept while nothing in them changes: each
// keystroke then costs a signature query and the comparison, not a reload. Bounded, oldest out.
const prepared = new Map<string, Prepared>();
const PREPARED_COMPOUNDS = 200;

async function preparedCompound(db: Db, compound: PlaceContext): Promise<Prepared> {
  const signature = await openProblemsSignature(db, compound.compoundPath);
  const cached = prepared.get(compound.compoundId);
  if (cached?.signature === signature) return cached;
  const problems = await openProblemsUnder(db, compound.compoundPath);
  const contexts = await placeContexts(
    db,
    problems.map((p) => p.place_path),
  );
  const index = indexProblems(
    problems.map((p) => ({
      id: p.id,
      compound: compound.compoundName,
      building: contexts.get(p.place_path)?.building ?? null,
      title: p.title,
      text: [p.public_summary ?? '', ...p.texts].join('。'),
    })),
  );
  const entry = { signature, problems, contexts, index };
  prepared.delete(compound.compoundId);
  prepared.set(compound.compoundId, entry);
  if (prepared.size > PREPARED_COMPOUNDS) prepared.delete(prepared.keys().next().value!);
  return entry;
}

/**
 * "Already reported?": open problems of the draft's compound that it most likely describes, shown by
 * their public summary where published, otherwise by category, place and date only — never another
 * resident's words. Another compound, or another building for a building's problem, is never offered.
 */
export async function alreadyReported(
  db: Db,
  actor: Actor | null,
  input: DraftInput,
): Promise<AlreadyReported> {
  const who = requireActor(actor);
  const place = await draftPlace(db, who, input.placeId);
  const text = `${input.title ?? ''} ${input.text}`.trim();
  if (Array.from(text).length < 2) return { items: [] };
  const { problems, contexts, index } = await preparedCompound(db, place);
  const similar = similarProblems(
    { compound: place.compoundName, building: place.building, text: input.text, title: input.title },
    index,
    { limit: 3 },
  );
  const byId = new Map(problems.map((p) => [p.id, p]));
  return {
    items: similar.flatMap((s) => {
      const p = byId.get(s.id);
      if (!p) return [];
      return [
        {
          problemId: p.id,
          publicSummary: p.published_at ? p.public_summary : null,
          category: p.category as Category,
          placeName: contexts.get(p.place_path)?.label ?? place.compoundName,
          reportedOn: shanghaiDay(p.created_at),
          voices: p.voices,
          kind: s.kind,
        },
      ];
    }),
  };
}

/**
 * "Me too": the resident's matter is stored as any other and joins the open problem at once, so they
 * hear its outcome and count as one more voice. Only a problem of the resident's own compound.
 */
export async function meToo(tx: Tx, input: MeTooInput): Promise<string> {
  const actor = requireActor(tx.actor);
  const problem = await findProblem(tx.db, input.problemId);
  const place = await draftPlace(tx.db, actor, input.placeId);
  if (!problem?.place_path.startsWith(place.compoundPath)) throw new AppError('not_found');
  if (!isUnsolved(problem.state)) {
    throw new AppError('invalid_state', {
      params: { state: problem.state },
      extra: { state: problem.state },
    });
  }
  const { problemId, ...draft } = input;
  const matterId = await submitMatter(tx, {
    ...draft,
    category: draft.category ?? (problem.category as Category),
  });
  const matter = await findMatter(tx.db, matterId);
  await transitionMatter(tx, matter!, 'accept', { problem_id: problemId });
  await logEvent(tx, problemId, 'joined', { data: { matterId, meToo: true } });
  // One more voice: the problem reads differently to the next resident typing (see openProblemsSignature).
  await tx.db
    .updateTable('problems')
    .set({ updated_at: tx.now.toISOString() })
    .where('id', '=', problemId)
    .execute();
  await recordAudit(tx, {
    action: 'matter.me_too',
    entityType: 'matter',
    entityId: matterId,
    changes: { problem: { to: problemId } },
  });
  return matterId;
}
