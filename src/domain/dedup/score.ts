import { commonWords, type MatterFeatures } from './features.ts';
import type { MergeReason } from './types.ts';
import { cosine, type TermVector } from './vectors.ts';

/** Default least word likeness to merge matters the lexicon does not put in one kind (see docs/dedup-evaluation.md). */
export const DEFAULT_THRESHOLD = 0.07;

// Most problems residents name a building for belong to that building, so matters of unknown
// kind about two different buildings need twice the likeness to merge.
const OTHER_BUILDING_DISCOUNT = 0.5;

// Two matters of the same kind at a compatible place always outrank a likeness of words alone;
// their own words only order them (which of two lifts an unplaced complaint joins).
const SAME_KIND_FLOOR = 0.7;

/** A matter with its word vector, as scored against another. */
export interface Scored {
  f: MatterFeatures;
  v: TermVector;
}

/** How alike two matters are, or why they cannot be one problem. */
export type PairScore = { score: number; kind: string | null } | { blocked: string };

/**
 * Whether two matters can be one problem, and how alike they are: the same kind at a compatible
 * place scores at least 0.7, otherwise the cosine of their words (halved when they name different
 * buildings). Different compounds, different kinds, another building for a building's problem
 * and another person for a personal request cannot be one problem (test/data/README-dedup.md).
 */
export function scorePair(a: Scored, b: Scored): PairScore {
  if (a.f.record.compound !== b.f.record.compound) return { blocked: '不同小区' };
  const ka = a.f.kind?.kind;
  const kb = b.f.kind?.kind;
  if (ka && kb && ka.id !== kb.id) return { blocked: '不同类问题' };
  const kind = ka ?? kb;
  const placeConflict = a.f.building !== null && b.f.building !== null && a.f.building !== b.f.building;
  if (kind?.scope === 'building' && placeConflict) return { blocked: '不同楼栋' };
  if (kind?.scope === 'personal') {
    if (placeConflict) return { blocked: '不同住户' };
    if (a.f.surname !== b.f.surname || (ka && kb && a.f.surname === null)) return { blocked: '不同申请人' };
  }
  const cos = cosine(a.v, b.v);
  if (ka && kb) return { score: SAME_KIND_FLOOR + (1 - SAME_KIND_FLOOR) * cos, kind: ka.label };
  return { score: placeConflict ? cos * OTHER_BUILDING_DISCOUNT : cos, kind: null };
}

/**
 * Where a problem is, as staff would name it: the compound for a compound-wide problem, else the
 * compound and the building when its matters name one building.
 */
export function placeName(
  compound: string,
  buildings: Iterable<string | null>,
  scope: string | null,
): string {
  const named = new Set([...buildings].filter((b): b is string => b !== null));
  const [only] = named;
  return scope !== 'compound' && named.size === 1 && only ? `${compound} ${only}` : compound;
}

/** The reason shown to staff for putting two matters in one problem. */
export function mergeReason(a: Scored, b: Scored, score: number, kindLabel: string | null): MergeReason {
  const scope = (a.f.kind ?? b.f.kind)?.kind.scope ?? null;
  const place = placeName(a.f.record.compound, [a.f.building, b.f.building], kindLabel ? scope : null);
  const sharedWords = commonWords(a.f, b.f);
  const what = kindLabel ? `同为「${kindLabel}」` : '用词相近';
  const where = scope === 'compound' && kindLabel ? `同在${place}（全小区）` : `同在${place}`;
  const words = sharedWords.length > 0 ? `；共同词：${sharedWords.join('、')}` : '';
  return {
    a: a.f.record.id,
    b: b.f.record.id,
    score: Math.round(score * 1000) / 1000,
    kind: kindLabel,
    place,
    sharedWords,
    text: `${what}，${where}${words}`,
  };
}
