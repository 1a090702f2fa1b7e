import { tidy } from './names.ts';

// Communities keep their own headers; these are the names we have met, best first: when a sheet has two
// columns for one field (专有面积 and 建筑面积), the earlier name in the list wins. Exclusive floor area
// comes first because it is the area the Civil Code counts (art. 278; 法释〔2009〕7号 art. 8).
export const columnNames = {
  compound: ['小区', '小区名称', '小区名', '项目', 'compound', 'estate'],
  building: [
    '楼栋',
    '楼号',
    '楼栋号',
    '栋号',
    '楼幢',
    '幢号',
    '栋',
    '幢',
    '楼',
    'building',
    'bldg',
    'buildingno',
  ],
  entrance: ['单元', '单元号', 'entrance', 'unit', 'staircase'],
  room: ['房号', '室', '房间号', '房屋号', '门牌号', '户号', '室号', 'room', 'roomno', 'roomnumber', 'door'],
  area: [
    '专有面积',
    '套内面积',
    '建筑面积',
    '房屋面积',
    '面积',
    'exclusivearea',
    'floorarea',
    'area',
    'aream2',
  ],
  owner: ['业主', '业主姓名', '业主名称', '户主', '户主姓名', '姓名', 'owner', 'ownername', 'name'],
  phone: ['电话', '手机', '联系电话', '手机号', '手机号码', '电话号码', '联系方式', 'phone', 'mobile', 'tel'],
} as const;

export type ImportField = keyof typeof columnNames;
export const requiredFields: readonly ImportField[] = ['building', 'room', 'area'];

/** 面积（㎡）, *楼栋, Room No. → 面积, 楼栋, roomno */
export function canonicalHeader(header: string): string {
  return tidy(header)
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[*_\-:：.。#]/g, '');
}

export type ColumnMap = Partial<Record<ImportField, number>>;
export type HeaderMatch = HeaderMatchOf<ImportField>;

/** Which column holds which field, by the first of the field's names the header row spells. */
function matchColumns<F extends string>(
  names: Record<F, readonly string[]>,
  cells: readonly string[],
): Partial<Record<F, number>> {
  const canonical = cells.map(canonicalHeader);
  const columns: Partial<Record<F, number>> = {};
  for (const field of Object.keys(names) as F[]) {
    for (const name of names[field]) {
      const at = canonical.indexOf(name);
      if (at >= 0 && !Object.values(columns).includes(at)) {
        columns[field] = at;
        break;
      }
    }
  }
  return columns;
}

export type HeaderMatchOf<F extends string> = {
  /** Index of the header row among the rows given. */
  index: number;
  columns: Partial<Record<F, number>>;
  missing: F[];
};

/**
 * Finds the header row among the first rows: sheets often carry a title line (锦秀河畔住户登记表) above it.
 * The row naming the most required fields wins, then the one naming the most fields. Any import with its
 * own column names uses this; the household import's are `columnNames`.
 */
export function findHeaderOf<F extends string>(
  names: Record<F, readonly string[]>,
  required: readonly F[],
  rows: readonly (readonly string[])[],
  lookAhead = 10,
): HeaderMatchOf<F> {
  let best: HeaderMatchOf<F> = { index: 0, columns: {}, missing: [...required] };
  let bestScore = -1;
  for (let index = 0; index < Math.min(rows.length, lookAhead); index++) {
    const columns = matchColumns(names, rows[index] ?? []);
    const missing = required.filter((f) => columns[f] === undefined);
    const score = (required.length - missing.length) * 100 + Object.keys(columns).length;
    if (score > bestScore) {
      best = { index, columns, missing };
      bestScore = score;
    }
  }
  return best;
}

export function findHeader(rows: readonly (readonly string[])[], lookAhead = 10): HeaderMatch {
  return findHeaderOf(columnNames, requiredFields, rows, lookAhead);
}
