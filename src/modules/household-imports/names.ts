// How communities write building, entrance and room numbers varies from sheet to sheet (三号楼, 3栋, 3#,
// 03); one canonical form lets a re-import find what an earlier one created. Kept small on purpose: names
// that are not a number with a unit (A座, 商业楼) are only tidied, never guessed at.

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 一二 → 12 (read digit by digit); null if not a numeral. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return null;
  if (!/[十百]/.test(text)) return Number([...text].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let pending = 0;
  for (const c of text) {
    if (c === '百') {
      total += (pending || 1) * 100;
      pending = 0;
    } else if (c === '十') {
      total += (pending || 1) * 10;
      pending = 0;
    } else pending = DIGIT[c] ?? 0;
  }
  return total + pending;
}

/** Full-width to half-width, no spaces. */
export function tidy(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const NUMERAL = '(\\d+|[零〇一二两三四五六七八九十百]+)';
const BUILDING = new RegExp(`^第?${NUMERAL}(?:号楼|号|栋楼|栋|幢楼|幢|座楼|座|#楼|#|楼)?$`);
const ENTRANCE = new RegExp(`^第?${NUMERAL}(?:单元|门|号)?$`);

/** 三号楼, 3栋, 3#, 3号楼, 03 → 3号楼 */
export function normalizeBuilding(raw: string): string {
  const text = tidy(raw);
  const n = BUILDING.exec(text)?.[1];
  const value = n === undefined ? null : chineseNumber(n);
  return value === null ? text : `${value}号楼`;
}

/** 1单元, 一单元, 01 → 1单元 */
export function normalizeEntrance(raw: string): string {
  const text = tidy(raw);
  const n = ENTRANCE.exec(text)?.[1];
  const value = n === undefined ? null : chineseNumber(n);
  return value === null ? text : `${value}单元`;
}

/** 101室, １０１ → 101 */
export function normalizeRoom(raw: string): string {
  return tidy(raw).replace(/(?<=\d)(?:室|号)$/, '');
}

/** A normaliser that remembers: a sheet names a few hundred buildings and entrances over 100,000 rows. */
export function remembering(normalize: (raw: string) => string): (raw: string) => string {
  const seen = new Map<string, string>();
  return (raw) => {
    let value = seen.get(raw);
    if (value === undefined) {
      value = normalize(raw);
      seen.set(raw, value);
    }
    return value;
  };
}
