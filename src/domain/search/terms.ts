import { normalizeText } from '../text/normalize.ts';

// The search index of our own: every character (unigram) and every pair of adjacent characters
// (bigram) of the normalised text, kept in the databases' own compressed inverted indexes (SQLite
// FTS5, PostgreSQL GIN; docs/decisions/0017). A query word of one or two characters is one term,
// looked up exactly; a longer word is found through all its bigrams and confirmed by a substring
// test, so the hits are exactly those of a LIKE scan over the normalised text.

/** The normalised text as it is stored and searched: one canonical form for text and query alike. */
export function searchBody(parts: readonly (string | null | undefined)[]): string {
  return normalizeText(parts.filter((p): p is string => !!p && p.trim() !== '').join(' '));
}

/** Every distinct unigram and bigram of a normalised body; pairs across a space are left out. */
export function termsOf(body: string): string[] {
  const out = new Set<string>();
  let previous = '';
  // Code points, not UTF-16 units: a character outside the BMP is one character, as LIKE sees it.
  for (const c of body) {
    if (c === ' ') {
      previous = '';
      continue;
    }
    out.add(c);
    if (previous !== '') out.add(previous + c);
    previous = c;
  }
  return [...out];
}

/** Who may read an indexed text: staff in scope (0) or the public (1, a published summary). */
export type Audience = 0 | 1;

/**
 * The word a term is filed under for an audience. Staff and public texts keep apart lists, so the
 * echo wall's search never reads past staff postings. A term has one or two characters; every other
 * word of the index is longer, so the two never collide.
 */
export function termWord(audience: Audience, term: string): string {
  return audience === 1 ? `p:${term}` : term;
}

/** The word every text of a community is filed under, per audience: a reader's scope as one more term. */
export function communityWord(audience: Audience, communityId: string): string {
  return `${audience === 1 ? 'pc' : 'c'}:${communityId}`;
}

/** Every word an indexed text is filed under: its community, and each of its terms. */
export function wordsOf(audience: Audience, communityId: string, body: string): string[] {
  return [communityWord(audience, communityId), ...termsOf(body).map((t) => termWord(audience, t))];
}

/** One word of a query: the substring it must match and the terms any match must hold. */
export interface QueryWord {
  /** Normalised; a hit's body contains it. */
  text: string;
  /** One term for one or two characters (exact: no confirmation needed), else its distinct bigrams. */
  terms: string[];
  /** Whether the terms alone decide a hit (one or two characters). */
  exact: boolean;
}

/** The most words a query may have; more add nothing a resident or a worker types. */
export const MAX_QUERY_WORDS = 5;

/**
 * The words of a query, normalised as the stored text is (三号楼 → 3号楼, ＡＢ → ab), split at
 * spaces; a hit contains every word. Repeated words count once; an empty query has no words.
 */
export function parseQuery(q: string): QueryWord[] {
  const words = [...new Set(normalizeText(q).split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
  return words.map((text) => {
    const chars = Array.from(text);
    if (chars.length <= 2) return { text, terms: [text], exact: true };
    const bigrams = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) bigrams.add(chars[i]! + chars[i + 1]!);
    return { text, terms: [...bigrams], exact: false };
  });
}

/** Whether a normalised body matches a parsed query: the reference every index answer must equal. */
export function bodyMatches(body: string, words: readonly QueryWord[]): boolean {
  return words.length > 0 && words.every((w) => body.includes(w.text));
}
