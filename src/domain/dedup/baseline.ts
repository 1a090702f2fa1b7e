import { normalizeText } from '../text/normalize.ts';
import { charNgrams } from '../text/tokens.ts';
import type { MatterRecord } from './types.ts';
import { cosine, inverseDocumentFrequency, type TermVector } from './vectors.ts';

/**
 * The reference point of test/data/README-dedup.md, kept only to compare against: character-bigram
 * TF-IDF (raw term frequency) of title and text, cosine within a compound, single link at
 * `threshold`. It knows nothing of kinds of problem, buildings or people.
 */
export function clusterByBigramBaseline(records: readonly MatterRecord[], threshold = 0.06): string[][] {
  const docs = records.map((r) => charNgrams(normalizeText(`${r.title ?? ''} ${r.text}`), 2));
  const idf = inverseDocumentFrequency(docs);
  const vectors: TermVector[] = docs.map((doc) => {
    const v = new Map<string, number>();
    for (const t of doc) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 0));
    const norm = Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
    for (const [t, w] of v) v.set(t, norm > 0 ? w / norm : 0);
    return v;
  });
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    return r;
  };
  for (let i = 0; i < records.length; i++)
    for (let j = i + 1; j < records.length; j++)
      if (records[i]!.compound === records[j]!.compound && cosine(vectors[i]!, vectors[j]!) >= threshold)
        parent[find(i)] = find(j);
  const groups = new Map<number, string[]>();
  records.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(r.id);
    else groups.set(root, [r.id]);
  });
  return [...groups.values()];
}
