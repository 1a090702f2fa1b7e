// Tokens for comparing short Chinese texts. Callers pass text already through normalizeText.

// WeChat emoji codes ([捂脸], [发怒]) carry mood, not content.
const EMOJI_CODE = /\[[\p{Script=Han}a-z]{1,4}\]/gu;

// Han ideographs (CJK unified, extension A, compatibility) and lower-case ASCII letters and digits.
function isWordChar(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39)
  );
}

/** Text without WeChat emoji codes. */
export function stripEmojiCodes(text: string): string {
  return text.replace(EMOJI_CODE, ' ');
}

/**
 * Overlapping character n-grams of each run of Han letters and ASCII letters/digits; punctuation
 * and spaces break runs, so no n-gram spans two clauses. A run shorter than n by one is kept whole
 * (a lone 灯 between commas still counts for bigrams). Characters outside the Basic Multilingual
 * Plane break runs.
 */
export function charNgrams(text: string, n = 2): string[] {
  const out: string[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const len = end - start;
    if (len >= n) for (let i = start; i + n <= end; i++) out.push(text.slice(i, i + n));
    else if (len > 0 && len === n - 1) out.push(text.slice(start, end));
    start = end + 1;
  };
  for (let i = 0; i < text.length; i++) if (!isWordChar(text.charCodeAt(i))) flush(i);
  flush(text.length);
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** Word-like segments by ICU's Chinese dictionary (Intl.Segmenter), punctuation dropped. */
export function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}
