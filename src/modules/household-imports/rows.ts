import type { Bilingual } from '../../server/i18n.ts';
import { areaMessages, parseArea } from '../places/area.ts';
import { type ColumnMap, columnNames, findHeader, type ImportField } from './columns.ts';
import { normalizeBuilding, normalizeEntrance, normalizeRoom, remembering, tidy } from './names.ts';
import type { SheetRow } from './spreadsheet.ts';

/** One household as a sheet row describes it, once it has passed every check. */
export type ImportRow = {
  row: number;
  building: string;
  /** '' when the building has no entrances (or the sheet no 单元 column). */
  entrance: string;
  room: string;
  areaCentiM2: number;
  /** '' when the row names no owner: the owners on record are left as they are. */
  ownerName: string;
  phone: string | null;
};

/** Something wrong with one cell (or, with field 'file', with the file), by row number as the sheet shows it. */
export type ImportIssue = {
  row: number;
  field: ImportField | 'file';
  /** The header of the column as the sheet spells it. */
  column: string;
  value: string;
  message: Bilingual;
};

export type CheckedRows = { rows: ImportRow[]; issues: ImportIssue[]; columns: ColumnMap; headerRow: number };

const MOBILE = /^1[3-9]\d{9}$/;
const MAX_NAME = 50;

/** 138 1234 5678, 138-1234-5678, +86 13812345678 → 13812345678 (judged afterwards). */
export function normalizePhone(raw: string): string {
  return tidy(raw)
    .replace(/[-()]/g, '')
    .replace(/^(?:\+?86)(?=1\d{10}$)/, '');
}

function stripCompoundSuffix(name: string) {
  return tidy(name).replace(/小区$/, '');
}

export const importMessages = {
  noRows: { 'zh-CN': '文件中没有住户数据', en: 'The file holds no households' },
  missingColumn: {
    'zh-CN': '找不到“{column}”列（可用列名：{names}）',
    en: 'No “{column}” column (recognised names: {names})',
  },
  missingBuilding: { 'zh-CN': '缺少楼栋', en: 'The building is missing' },
  missingRoom: { 'zh-CN': '缺少房号', en: 'The room number is missing' },
  duplicateRoom: {
    'zh-CN': '房号与第 {row} 行重复',
    en: 'The same room as row {row}',
  },
  badPhone: {
    'zh-CN': '电话须为 11 位手机号',
    en: 'The phone must be an 11-digit mainland mobile number',
  },
  phoneWithoutOwner: {
    'zh-CN': '有电话但没有业主姓名',
    en: 'A phone number is given without the owner’s name',
  },
  nameTooLong: { 'zh-CN': '姓名过长（最多 50 字）', en: 'The name is too long (at most 50 characters)' },
  otherCompound: {
    'zh-CN': '属于其他小区（{name}），不能导入到{target}',
    en: 'Belongs to another compound ({name}), not {target}',
  },
} as const satisfies Record<string, Bilingual>;

const fieldLabels: Record<ImportField, Bilingual> = {
  compound: { 'zh-CN': '小区', en: 'compound' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  entrance: { 'zh-CN': '单元', en: 'entrance' },
  room: { 'zh-CN': '房号', en: 'room' },
  area: { 'zh-CN': '面积', en: 'area' },
  owner: { 'zh-CN': '业主', en: 'owner' },
  phone: { 'zh-CN': '电话', en: 'phone' },
};

/** Fills {name} placeholders; a bilingual parameter gives each language its own word. */
function fill(message: Bilingual, params: Record<string, string | number | Bilingual>): Bilingual {
  const sub = (text: string, language: keyof Bilingual) =>
    text.replace(/\{(\w+)\}/g, (whole, k: string) => {
      const value = params[k];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[language] : String(value);
    });
  return { 'zh-CN': sub(message['zh-CN'], 'zh-CN'), en: sub(message.en, 'en') };
}

/** Household key within a compound: the same building, entrance and room is the same household. */
export function householdKey(building: string, entrance: string, room: string) {
  return `${building}\u0000${entrance}\u0000${room}`;
}

/**
 * Reads the sheet's rows into households and reports every problem, row by row: missing building or room,
 * the same room twice, a bad phone, an area that is not a positive number with at most two decimals.
 */
export function checkRows(sheet: readonly SheetRow[], compoundName: string): CheckedRows {
  const header = findHeader(sheet.map((r) => r.cells));
  const headerCells = sheet[header.index]?.cells ?? [];
  const headerRow = sheet[header.index]?.row ?? 1;
  const issues: ImportIssue[] = header.missing.map((field) => ({
    row: headerRow,
    field: 'file',
    column: '',
    value: '',
    message: fill(importMessages.missingColumn, {
      column: fieldLabels[field],
      names: columnNames[field].join(' / '),
    }),
  }));
  if (issues.length > 0) return { rows: [], issues, columns: header.columns, headerRow };

  const { columns } = header;
  const body = sheet.slice(header.index + 1);
  if (body.length === 0)
    return {
      rows: [],
      issues: [{ row: headerRow, field: 'file', column: '', value: '', message: importMessages.noRows }],
      columns,
      headerRow,
    };

  const target = stripCompoundSuffix(compoundName);
  const building = remembering(normalizeBuilding);
  const entrance = remembering(normalizeEntrance);
  const compound = remembering(stripCompoundSuffix);
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const { row, cells } of body) {
    const cell = (field: ImportField) => {
      const at = columns[field];
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const problem = (field: ImportField, message: Bilingual) => {
      const at = columns[field];
      issues.push({
        row,
        field,
        column: at === undefined ? '' : (headerCells[at] ?? ''),
        value: cell(field),
        message,
      });
    };
    const before = issues.length;

    const compoundCell = cell('compound');
    if (compoundCell && compound(compoundCell) !== target)
      problem('compound', fill(importMessages.otherCompound, { name: compoundCell, target: compoundName }));
    const buildingName = building(cell('building'));
    if (!buildingName) problem('building', importMessages.missingBuilding);
    const entranceName = entrance(cell('entrance'));
    const room = normalizeRoom(cell('room'));
    if (!room) problem('room', importMessages.missingRoom);
    const area = parseArea(cell('area'));
    if (!area.ok) problem('area', areaMessages[area.problem]);
    const ownerName = tidy(cell('owner'));
    if (Array.from(ownerName).length > MAX_NAME) problem('owner', importMessages.nameTooLong);
    const phoneText = cell('phone');
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phone !== null && !MOBILE.test(phone)) problem('phone', importMessages.badPhone);
    else if (phone !== null && !ownerName) problem('owner', importMessages.phoneWithoutOwner);

    if (buildingName && room) {
      const key = householdKey(buildingName, entranceName, room);
      const first = seen.get(key);
      if (first !== undefined) problem('room', fill(importMessages.duplicateRoom, { row: first }));
      else seen.set(key, row);
    }
    if (issues.length === before && area.ok)
      rows.push({
        row,
        building: buildingName,
        entrance: entranceName,
        room,
        areaCentiM2: area.centiM2,
        ownerName,
        phone,
      });
  }
  return { rows, issues, columns, headerRow };
}
