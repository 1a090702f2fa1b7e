// The problem list 问题清单: which matters describe the same problem at the same place.
export { clusterMatters } from './cluster.ts';
export { classifyKind, type KindMatch, type ProblemKind, rankKinds } from './kinds.ts';
export { PROBLEM_KINDS } from './lexicon.ts';
export { labelsOf, type PartitionScores, scorePartition } from './metrics.ts';
export { DEFAULT_THRESHOLD } from './score.ts';
export {
  indexProblems,
  type ProblemIndex,
  type SimilarOptions,
  type SimilarProblem,
  similarProblems,
} from './similar.ts';
export type {
  ClusterResult,
  DedupOptions,
  MatterRecord,
  MergeReason,
  ProblemCluster,
  ProblemScope,
  TokenMode,
} from './types.ts';
