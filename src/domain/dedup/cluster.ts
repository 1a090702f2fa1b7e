import { gramVectors, matterFeatures } from './features.ts';
import type { ProblemKind } from './kinds.ts';
import { PROBLEM_KINDS } from './lexicon.ts';
import { DEFAULT_THRESHOLD, mergeReason, placeName, type Scored, scorePair } from './score.ts';
import type {
  ClusterResult,
  DedupOptions,
  MatterRecord,
  MergeReason,
  ProblemCluster,
  ProblemScope,
} from './types.ts';

/** What a growing cluster must stay consistent with. */
interface Summary {
  kind: ProblemKind | null;
  buildings: Set<string>;
  /** Surnames of its matters; null stands for a matter that names nobody. */
  surnames: Set<string | null>;
  merges: MergeReason[];
  /** Sum of its matters' unit word vectors, for the mean likeness of two clusters. */
  sum: Map<string, number>;
  size: number;
}

/** Mean cosine over all pairs of matters across two clusters. */
function meanLikeness(x: Summary, y: Summary): number {
  const [small, large] = x.sum.size <= y.sum.size ? [x.sum, y.sum] : [y.sum, x.sum];
  let dot = 0;
  for (const [t, w] of small) {
    const u = large.get(t);
    if (u !== undefined) dot += w * u;
  }
  return dot / (x.size * y.size);
}

function compatible(x: Summary, y: Summary): boolean {
  if (x.kind && y.kind && x.kind.id !== y.kind.id) return false;
  const scope = (x.kind ?? y.kind)?.scope;
  if (scope === 'compound' || scope === undefined) return true;
  const buildings = new Set([...x.buildings, ...y.buildings]);
  if (buildings.size > 1) return false;
  if (scope === 'personal') {
    const surnames = new Set([...x.surnames, ...y.surnames]);
    return surnames.size === 1 && !surnames.has(null);
  }
  return true;
}

interface Candidate {
  i: number;
  j: number;
  score: number;
  kind: string | null;
}

/** Pairs worth scoring in one compound: everything once per kind, words for the rest. */
function candidatePairs(items: readonly Scored[], threshold: number): Candidate[] {
  const out: Candidate[] = [];
  const consider = (i: number, j: number): void => {
    const s = scorePair(items[i]!, items[j]!);
    if ('blocked' in s) return;
    if (s.kind !== null || s.score >= threshold) out.push({ i, j, score: s.score, kind: s.kind });
  };
  // Same kind at the same known place: one link to the first such matter is enough, the rest
  // would merge the same clusters. Anything placed less surely is scored against its whole kind.
  const byKind = new Map<string, number[]>();
  const firstAt = new Map<string, number>();
  const unkinded: number[] = [];
  items.forEach((it, i) => {
    const k = it.f.kind?.kind;
    if (!k) {
      unkinded.push(i);
      return;
    }
    const members = byKind.get(k.id) ?? [];
    const place =
      k.scope === 'compound'
        ? ''
        : k.scope === 'building'
          ? it.f.building
          : it.f.surname && `${it.f.surname}|${it.f.building ?? ''}`;
    if (place !== null && place !== '' && k.scope !== 'compound') {
      const key = `${k.id}|${place}`;
      const first = firstAt.get(key);
      if (first === undefined) {
        firstAt.set(key, i);
        for (const m of members) consider(m, i);
      } else consider(first, i);
    } else if (k.scope === 'compound') {
      const first = firstAt.get(k.id);
      if (first === undefined) firstAt.set(k.id, i);
      else consider(first, i);
    } else for (const m of members) consider(m, i);
    members.push(i);
    byKind.set(k.id, members);
  });
  // Matters the lexicon cannot name are compared by words with every other matter that shares one.
  const postings = new Map<string, number[]>();
  items.forEach((it, i) => {
    for (const t of it.v.keys()) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });
  // A token most matters hold (的, 了) finds every pair and decides none: in a large compound,
  // pairs are found through the rarer tokens only (their cosine still counts every token).
  const common = Math.max(200, items.length / 2);
  const isUnkinded = new Set(unkinded);
  for (const i of unkinded) {
    const seen = new Set<number>();
    for (const t of items[i]!.v.keys()) {
      const holders = postings.get(t) ?? [];
      if (holders.length > common) continue;
      for (const j of holders) {
        if (j === i || seen.has(j) || (isUnkinded.has(j) && j < i)) continue;
        seen.add(j);
        consider(i, j);
      }
    }
  }
  return out;
}

function clusterCompound(
  items: readonly Scored[],
  threshold: number,
  linkage: 'single' | 'average',
): ProblemCluster[] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const summaries: Summary[] = items.map((it) => ({
    kind: it.f.kind?.kind ?? null,
    buildings: new Set(it.f.building ? [it.f.building] : []),
    surnames: new Set([it.f.surname]),
    merges: [],
    sum: new Map(it.v),
    size: 1,
  }));
  const pairs = candidatePairs(items, threshold).sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  // Strongest likeness first; a merge that would join two problems of different kind, building
  // or person is refused, so a matter of unknown building joins the likeliest of its kind only.
  for (const p of pairs) {
    const ri = find(p.i);
    const rj = find(p.j);
    if (ri === rj) continue;
    const si = summaries[ri]!;
    const sj = summaries[rj]!;
    if (!compatible(si, sj)) continue;
    if (linkage === 'average' && p.kind === null && meanLikeness(si, sj) < threshold) continue;
    parent[rj] = ri;
    for (const [t, w] of sj.sum) si.sum.set(t, (si.sum.get(t) ?? 0) + w);
    si.size += sj.size;
    si.kind ??= sj.kind;
    for (const b of sj.buildings) si.buildings.add(b);
    for (const s of sj.surnames) si.surnames.add(s);
    si.merges.push(...sj.merges, mergeReason(items[p.i]!, items[p.j]!, p.score, p.kind));
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.entries()].map(([root, members]) => {
    const s = summaries[root]!;
    const scope: ProblemScope | null = s.kind?.scope ?? null;
    return {
      ids: members.map((m) => items[m]!.f.record.id),
      kind: s.kind?.label ?? null,
      scope,
      place: placeName(items[root]!.f.record.compound, s.buildings, scope),
      merges: s.merges,
    };
  });
}

/**
 * Proposes the problem list 问题清单: groups matters that describe the same problem at the same
 * place, each merge with a reason staff can read. Matters are compared only within their compound.
 */
export function clusterMatters(records: readonly MatterRecord[], options: DedupOptions = {}): ClusterResult {
  const kinds = options.kinds ?? PROBLEM_KINDS;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const features = records.map((r) => matterFeatures(r, kinds, options.tokens));
  const vectors = gramVectors(features);
  const byCompound = new Map<string, Scored[]>();
  features.forEach((f, i) => {
    const list = byCompound.get(f.record.compound) ?? [];
    list.push({ f, v: vectors[i]! });
    byCompound.set(f.record.compound, list);
  });
  const clusters: ProblemCluster[] = [];
  for (const items of byCompound.values())
    clusters.push(...clusterCompound(items, threshold, options.linkage ?? 'average'));
  return { clusters };
}
