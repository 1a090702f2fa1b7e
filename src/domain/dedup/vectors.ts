// TF-IDF term vectors and cosine similarity, over whatever tokens the caller chose.

/** A unit-length sparse vector: term → weight. */
export type TermVector = ReadonlyMap<string, number>;

/** Inverse document frequency, smoothed as ln((1 + N) / (1 + df)) + 1 so no term weighs zero. */
export function inverseDocumentFrequency(docs: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  const n = docs.length;
  for (const [t, d] of df) idf.set(t, Math.log((1 + n) / (1 + d)) + 1);
  return idf;
}

/** Term counts of a document. */
export function termCounts(doc: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** Unit-length TF-IDF vectors of many documents, weighted over those documents. */
export function tfidfVectors(docs: readonly (readonly string[])[]): TermVector[] {
  const counts = docs.map(termCounts);
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  // The counts become the weights in place: no second map per document.
  for (const tf of counts) {
    let sq = 0;
    for (const [t, f] of tf) {
      const w = (1 + Math.log(f)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1);
      tf.set(t, w);
      sq += w * w;
    }
    const norm = Math.sqrt(sq);
    if (norm > 0) for (const [t, w] of tf) tf.set(t, w / norm);
  }
  return counts;
}

/**
 * Unit-length TF-IDF vector of one document; terms missing from `idf` get the weight of a term
 * seen once. Term frequency is sublinear (1 + ln tf) so a long rambling record does not drown
 * its key words in repetition.
 */
export function tfidfVector(doc: readonly string[], idf: ReadonlyMap<string, number>, n: number): TermVector {
  const tf = termCounts(doc);
  const unseen = Math.log((1 + n) / 2) + 1;
  const v = new Map<string, number>();
  let sq = 0;
  for (const [t, f] of tf) {
    const w = (1 + Math.log(f)) * (idf.get(t) ?? unseen);
    v.set(t, w);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Cosine of two unit vectors. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const u = large.get(t);
    if (u !== undefined) s += w * u;
  }
  return s;
}

/** Terms both vectors hold, heaviest contribution to their cosine first. */
export function sharedTerms(a: TermVector, b: TermVector, limit = 5): string[] {
  const out: { t: string; w: number }[] = [];
  for (const [t, w] of a) {
    const u = b.get(t);
    if (u !== undefined) out.push({ t, w: w * u });
  }
  out.sort((x, y) => y.w - x.w || (x.t < y.t ? -1 : 1));
  return out.slice(0, limit).map((x) => x.t);
}
