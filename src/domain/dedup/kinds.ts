import type { ProblemScope } from './types.ts';

/**
 * A kind of problem a community sees anywhere (电梯故障, 路灯不亮, 物业费上涨), with where it lives.
 * `when` lists patterns, any of which names the kind: a pattern is groups joined by ` + `, every
 * group must occur, a group is alternatives joined by `|`. `also` lists words that make the kind
 * likelier once it is named. Words are matched in normalised text (normalizeText).
 */
export interface ProblemKind {
  id: string;
  /** Chinese label shown to staff. */
  label: string;
  scope: ProblemScope;
  when: readonly string[];
  also?: string;
}

/** The kind a text is about, with the score that won and the words that named it. */
export interface KindMatch {
  kind: ProblemKind;
  score: number;
  terms: string[];
}

interface CompiledKind {
  kind: ProblemKind;
  order: number;
  patterns: string[][][];
  also: string[];
}

// A word that names the kind weighs twice a word that only supports it.
const NAMING_WEIGHT = 2;

interface CompiledLexicon {
  kinds: CompiledKind[];
  /** Every word of the lexicon, by its first character, to find them all in one pass. */
  byFirstChar: Map<number, string[]>;
  /** The kinds each word can name, so a text is matched only against kinds it mentions. */
  namedBy: Map<string, CompiledKind[]>;
}

const compiledCache = new WeakMap<readonly ProblemKind[], CompiledLexicon>();

function alternatives(group: string): string[] {
  return group
    .split('|')
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

function compile(kinds: readonly ProblemKind[]): CompiledLexicon {
  let compiled = compiledCache.get(kinds);
  if (!compiled) {
    const compiledKinds = kinds.map((kind, order) => ({
      kind,
      order,
      patterns: kind.when.map((p) => p.split('+').map(alternatives)),
      also: alternatives(kind.also ?? ''),
    }));
    const byFirstChar = new Map<number, string[]>();
    const words = new Set(compiledKinds.flatMap((c) => [...c.patterns.flat(2), ...c.also]));
    for (const w of words) {
      const first = w.charCodeAt(0);
      const list = byFirstChar.get(first);
      if (list) list.push(w);
      else byFirstChar.set(first, [w]);
    }
    const namedBy = new Map<string, CompiledKind[]>();
    for (const c of compiledKinds)
      for (const w of new Set(c.patterns.flat(2))) {
        const list = namedBy.get(w);
        if (list) list.push(c);
        else namedBy.set(w, [c]);
      }
    compiled = { kinds: compiledKinds, byFirstChar, namedBy };
    compiledCache.set(kinds, compiled);
  }
  return compiled;
}

/** The lexicon's words that occur in the text. */
function wordsIn(text: string, byFirstChar: ReadonlyMap<number, readonly string[]>): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirstChar.get(text.charCodeAt(i));
    if (candidates) for (const w of candidates) if (text.startsWith(w, i)) found.add(w);
  }
  return found;
}

function matchKind(present: ReadonlySet<string>, c: CompiledKind): { score: number; terms: string[] } | null {
  const naming = new Set<string>();
  for (const groups of c.patterns) {
    const hits: string[][] = [];
    for (const alts of groups) {
      const h = alts.filter((w) => present.has(w));
      if (h.length === 0) break;
      hits.push(h);
    }
    if (hits.length === groups.length) for (const h of hits) for (const w of h) naming.add(w);
  }
  if (naming.size === 0) return null;
  const support = c.also.filter((w) => !naming.has(w) && present.has(w));
  return {
    score: NAMING_WEIGHT * naming.size + support.length,
    terms: [...naming, ...support],
  };
}

/**
 * Every kind the normalised text names, best first: highest score, then earlier in the lexicon
 * (the lexicon lists the narrower kind of two that share words first).
 */
export function rankKinds(text: string, kinds: readonly ProblemKind[]): KindMatch[] {
  const out: (KindMatch & { order: number })[] = [];
  const lexicon = compile(kinds);
  const present = wordsIn(text, lexicon.byFirstChar);
  const mentioned = new Set<CompiledKind>();
  for (const w of present) for (const c of lexicon.namedBy.get(w) ?? []) mentioned.add(c);
  for (const c of mentioned) {
    const m = matchKind(present, c);
    if (m) out.push({ kind: c.kind, score: m.score, terms: m.terms, order: c.order });
  }
  out.sort((a, b) => b.score - a.score || a.order - b.order);
  return out.map(({ kind, score, terms }) => ({ kind, score, terms }));
}

/** The kind of problem the normalised text is about, or null when the lexicon names none. */
export function classifyKind(text: string, kinds: readonly ProblemKind[]): KindMatch | null {
  return rankKinds(text, kinds)[0] ?? null;
}
