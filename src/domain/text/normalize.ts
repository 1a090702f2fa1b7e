import { NUMERAL_CHARS, parseChineseNumeral } from './numerals.ts';

// Units after which a numeral names a place: building, courtyard, entrance, floor, room, phase.
const PLACE_UNIT = '号楼|号院|号|栋|幢|座|单元|层|楼|室|期';
// Before these a numeral counts or means "the same" (同一栋, 每一层, 有三栋楼), it names nothing.
const NOT_A_PLACE_BEFORE = '同每这那哪某整任各另几有共多隔逐约';
const NUMERAL_BEFORE_UNIT = new RegExp(
  `(?<![${NUMERAL_CHARS}${NOT_A_PLACE_BEFORE}])([${NUMERAL_CHARS}]+)(?=${PLACE_UNIT})`,
  'g',
);
// 5栋, 5幢, 5座, 5#, 5栋楼 → 5号楼; 5栋楼道 keeps its 楼道. Counts (共3栋楼) stay.
const BUILDING_VARIANT =
  /(?<![\d.共有这那几约余了和计])(\d+)\s*(?:栋|幢|座|#)(?:楼(?![道梯顶上下层门口前后里房]))?/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /\s+/g;

/**
 * One canonical form of free text, for comparison and for full-text search alike (apply it to the
 * stored text and to the query): NFKC (full-width letters, digits and punctuation become
 * half-width), lower case, single spaces, Chinese numerals before a place unit as digits
 * (三号楼 → 3号楼, 二单元 → 2单元, 十八层 → 18层) and building references as `N号楼`
 * (5栋 → 5号楼, 3#楼 → 3号楼).
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .trim()
    .toLowerCase()
    .replace(NUMERAL_BEFORE_UNIT, (m: string) => {
      const v = parseChineseNumeral(m);
      return v === null ? m : String(v);
    })
    .replace(BUILDING_VARIANT, '$1号楼');
}
