import { type MatterFeatures, matterFeatures } from './features.ts';
import type { ProblemKind } from './kinds.ts';
import { PROBLEM_KINDS } from './lexicon.ts';
import { DEFAULT_THRESHOLD, mergeReason, type Scored, scorePair } from './score.ts';
import type { DedupOptions, MatterRecord, MergeReason, TokenMode } from './types.ts';
import { inverseDocumentFrequency, tfidfVector } from './vectors.ts';

/** An existing problem the draft may already describe. */
export interface SimilarProblem {
  id: string;
  score: number;
  kind: string | null;
  reason: MergeReason;
}

export interface SimilarOptions extends DedupOptions {
  /** How many suggestions at most (default 5). */
  limit?: number;
}

/**
 * Existing problems prepared once for many drafts (one per keystroke): their features and word
 * vectors, weighted over these problems.
 */
export interface ProblemIndex {
  readonly items: readonly Scored[];
  readonly idf: ReadonlyMap<string, number>;
  readonly kinds: readonly ProblemKind[];
  readonly tokens: TokenMode | undefined;
}

/**
 * Prepares existing problems for similarProblems. Each candidate stands for one problem: its
 * title and summary (or its matters' texts) as `text`, its building when it has one.
 */
export function indexProblems(candidates: readonly MatterRecord[], options: DedupOptions = {}): ProblemIndex {
  const kinds = options.kinds ?? PROBLEM_KINDS;
  const features = candidates.map((c) => matterFeatures(c, kinds, options.tokens));
  const docs = features.map((f) => f.grams);
  const idf = inverseDocumentFrequency(docs);
  return {
    items: features.map((f, i) => ({ f, v: tfidfVector(docs[i]!, idf, docs.length) })),
    idf,
    kinds,
    tokens: options.tokens,
  };
}

/**
 * "Already reported? Add your voice": the problems of the draft's compound that a resident's
 * draft most likely describes, best first, scored as clusterMatters scores two matters (scorePair).
 * Pass an index from indexProblems to answer each keystroke without preparing the problems again.
 */
export function similarProblems(
  draft: Omit<MatterRecord, 'id'> & { id?: string },
  candidates: readonly MatterRecord[] | ProblemIndex,
  options: SimilarOptions = {},
): SimilarProblem[] {
  if (draft.text.trim() === '') return [];
  const index = 'items' in candidates ? candidates : indexProblems(candidates, options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const f: MatterFeatures = matterFeatures({ ...draft, id: draft.id ?? '' }, index.kinds, index.tokens);
  const mine: Scored = { f, v: tfidfVector(f.grams, index.idf, index.items.length) };
  const ranked: { other: Scored; score: number; kind: string | null }[] = [];
  for (const other of index.items) {
    if (other.f.record.compound !== draft.compound) continue;
    const s = scorePair(mine, other);
    if (!('blocked' in s) && s.score >= threshold) ranked.push({ other, score: s.score, kind: s.kind });
  }
  ranked.sort((a, b) => b.score - a.score || (a.other.f.record.id < b.other.f.record.id ? -1 : 1));
  return ranked.slice(0, options.limit ?? 5).map(({ other, score, kind }) => ({
    id: other.f.record.id,
    score: Math.round(score * 1000) / 1000,
    kind,
    reason: mergeReason(mine, other, score, kind),
  }));
}
