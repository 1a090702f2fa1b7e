import { normalizeText } from '../text/normalize.ts';
import { buildingsInNormalized, extractBuilding } from '../text/place.ts';
import { charNgrams, segmentWords, stripEmojiCodes } from '../text/tokens.ts';
import { classifyKind, type KindMatch, type ProblemKind } from './kinds.ts';
import { personSurname } from './person.ts';
import type { MatterRecord, TokenMode } from './types.ts';
import { type TermVector, tfidfVectors } from './vectors.ts';

/** What the clustering knows about one matter. */
export interface MatterFeatures {
  record: MatterRecord;
  /** Normalised title and text. */
  text: string;
  kind: KindMatch | null;
  /** The building the matter is about: the form's, else the first one the text names. */
  building: string | null;
  /** Surname of the person a personal request is about. */
  surname: string | null;
  /** Tokens of the text without place names and channel boilerplate. */
  grams: string[];
}

// How staff and residents open a note, whatever it is about; these say nothing of the problem.
const BOILERPLATE =
  /来电人称|来电人|居民来电|来电反映|来电|网格员|入户走访|走访记录|走访|入户|巡查|议事会上|协商会上|联席会上|议事会|协商会|联席会议|联席会|居民代表|业主代表|反映|反应|提出|希望|请求|要求|记录|询问|居民|住户|业主|问题|都说了三次了|说了三次了/g;
const PLACE = /\d+号楼|\d+单元|\d+层|\d+楼|\d+室|\d+-\d+-\d+/g;
const DIGITS = /\d+/g;

function tokensOf(content: string, mode: TokenMode): string[] {
  const words = (): string[] => segmentWords(content).filter((w) => [...w].length >= 2);
  if (mode === 'bigrams') return charNgrams(content, 2);
  if (mode === 'words') return segmentWords(content);
  if (mode === 'chars') return [...charNgrams(content, 1), ...charNgrams(content, 2)];
  return [...charNgrams(content, 2), ...words().map((w) => `w:${w}`)];
}

function canonicalBuilding(b: string | null | undefined): string | null {
  return b ? extractBuilding(b) : null;
}

/** Features of one matter; `kinds` is the problem-kind lexicon to classify with. */
export function matterFeatures(
  record: MatterRecord,
  kinds: readonly ProblemKind[],
  tokens: TokenMode = 'chars',
): MatterFeatures {
  const text = stripEmojiCodes(normalizeText(`${record.title ?? ''}。${record.text}`));
  const content = text
    .replaceAll(normalizeText(record.compound), ' ')
    .replace(PLACE, ' ')
    .replace(BOILERPLATE, ' ')
    .replace(DIGITS, ' ');
  return {
    record,
    text,
    kind: classifyKind(text, kinds),
    building: canonicalBuilding(record.building) ?? buildingsInNormalized(text)[0] ?? null,
    surname: personSurname(text),
    grams: tokensOf(content, tokens),
  };
}

/** TF-IDF vectors of the matters' tokens, weighted over these matters only. */
export function gramVectors(features: readonly MatterFeatures[]): TermVector[] {
  return tfidfVectors(features.map((f) => f.grams));
}

const STOP_WORDS = new Set([
  '什么',
  '怎么',
  '这个',
  '那个',
  '一个',
  '我们',
  '他们',
  '你们',
  '还是',
  '就是',
  '已经',
]);
const wordCache = new WeakMap<MatterFeatures, string[]>();

function readableWords(f: MatterFeatures): string[] {
  let words = wordCache.get(f);
  if (!words) {
    const content = f.text
      .replaceAll(normalizeText(f.record.compound), ' ')
      .replace(PLACE, ' ')
      .replace(BOILERPLATE, ' ');
    words = segmentWords(content).filter((w) => [...w].length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
    wordCache.set(f, words);
  }
  return words;
}

/**
 * Words two matters share, for a person to read: the lexicon's words for their common kind when
 * they have one, else dictionary words (Intl.Segmenter) both texts use, longer first.
 */
export function commonWords(a: MatterFeatures, b: MatterFeatures, limit = 4): string[] {
  if (a.kind && b.kind && a.kind.kind.id === b.kind.kind.id) {
    const theirs = new Set(b.kind.terms);
    const shared = a.kind.terms.filter((t) => theirs.has(t)).sort((x, y) => y.length - x.length);
    // 楼道灯 says what 楼道 and 灯 would; a lone character only when nothing longer is shared.
    const telling: string[] = [];
    for (const t of shared) if (!telling.some((w) => w.includes(t))) telling.push(t);
    const words = telling.filter((t) => t.length > 1);
    if (telling.length > 0) return (words.length > 0 ? words : telling).slice(0, limit);
  }
  const inB = new Set(readableWords(b));
  const out: string[] = [];
  for (const w of readableWords(a)) if (inB.has(w) && !out.includes(w)) out.push(w);
  out.sort((x, y) => [...y].length - [...x].length);
  return out.slice(0, limit);
}
