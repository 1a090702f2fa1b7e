import { pinyin } from 'pinyin-pro';

// Chinese readers look names up by pinyin (安 before 李 before 王 before 张), as a phone's contacts and a
// WPS sort do; the order of code points (李 U+674E, 王 U+738B, 张 U+5F20, 安 U+5B89) means nothing to them.

/** The most names kept converted: a list sorts the same few hundred names request after request. */
const KEPT = 5_000;
const kept = new Map<string, string>();

/**
 * A name's place in pinyin order: its syllables with tone numbers (li3 before li4 before lin2), the first
 * character read as a surname (单 shan4, not dan1), letters and digits as they are, lower case.
 */
export function pinyinKey(name: string): string {
  const found = kept.get(name);
  if (found !== undefined) return found;
  const key = pinyin(name, { toneType: 'num', type: 'array', mode: 'surname' })
    .map((syllable) => syllable.trim().toLowerCase())
    .filter(Boolean)
    .join(' ');
  if (kept.size >= KEPT) kept.clear();
  kept.set(name, key);
  return key;
}
