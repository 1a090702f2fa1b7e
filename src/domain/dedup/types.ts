import type { ProblemKind } from './kinds.ts';

/** One matter 事项 as the problem list sees it. */
export interface MatterRecord {
  id: string;
  /** Compound 小区 name; matters of different compounds never share a problem. */
  compound: string;
  /** Building from the form (`N号楼`), or empty/null when the submitter left it out. */
  building?: string | null;
  text: string;
  title?: string;
  category?: string;
  channel?: string;
}

/**
 * Where a kind of problem lives: in one building (a lift, a roof), in the whole compound
 * (streetlights, a fee increase), or with one person or household (a job, a pension).
 */
export type ProblemScope = 'building' | 'compound' | 'personal';

/** Why two matters were put in one problem, for the staff who review the merge. */
export interface MergeReason {
  /** The two matters whose likeness made the merge. */
  a: string;
  b: string;
  /** 0–1: at least 0.7 for the same kind of problem at the same place, else the likeness of the words. */
  score: number;
  /** Label of the shared kind of problem (电梯故障), or null when only the words matched. */
  kind: string | null;
  /** The place both are about: `悦海名邸 5号楼`, or `悦海名邸` for a compound-wide problem. */
  place: string;
  /** Words both texts use, most telling first. */
  sharedWords: string[];
  /** One sentence for the staff UI, e.g. 同为「电梯故障」，同在悦海名邸 5号楼；共同词：电梯、停运. */
  text: string;
}

/** A proposed problem 问题: the matters that describe it and how they were joined. */
export interface ProblemCluster {
  ids: string[];
  /** Label of the kind of problem when known. */
  kind: string | null;
  scope: ProblemScope | null;
  place: string;
  /** One reason per merge that built the cluster (ids.length − 1 of them). */
  merges: MergeReason[];
}

export interface ClusterResult {
  clusters: ProblemCluster[];
}

/**
 * Which tokens texts are compared by: characters and character bigrams (`chars`, the default:
 * one Han character often carries the topic, 灯, 梯, 漏), bigrams alone, Intl.Segmenter words,
 * or bigrams and words.
 */
export type TokenMode = 'chars' | 'bigrams' | 'words' | 'both';

export interface DedupOptions {
  /**
   * Least cosine of two texts' token vectors to merge matters that the lexicon does not place in
   * one kind of problem (default 0.07, chosen by cross-validation on the dev set; see
   * docs/dedup-evaluation.md). Matters of one kind at one place merge whatever it is.
   */
  threshold?: number;
  /** Problem-kind lexicon; defaults to PROBLEM_KINDS. Pass [] to compare by words alone. */
  kinds?: readonly ProblemKind[];
  /** Tokens the word likeness is computed over (default characters and character bigrams). */
  tokens?: TokenMode;
  /**
   * How a matter of unknown kind joins a cluster: by its likeness to any one member (single) or
   * to the members on average (average, the default: one shared word with one member is not enough).
   */
  linkage?: 'single' | 'average';
}
