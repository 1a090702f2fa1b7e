import { type Category, categories, categoryNames } from '../../domain/matters/vocabulary.ts';
import type { Bilingual } from '../../server/i18n.ts';
import { findHeaderOf } from '../household-imports/columns.ts';
import { tidy } from '../household-imports/names.ts';
import { normalizePhone } from '../household-imports/rows.ts';
import type { SheetRow } from '../household-imports/spreadsheet.ts';

// A 12345 hotline export as streets receive it: one work order 工单 a row. The column names are those of
// the provincial 12345 platforms' exports and of the sheets streets retype from them.
export const hotlineColumnNames = {
  hotlineNo: [
    '工单号',
    '工单编号',
    '12345工单号',
    '热线工单号',
    '受理编号',
    '编号',
    'hotlineno',
    'workorder',
    'orderno',
  ],
  title: ['标题', '诉求标题', '工单标题', '主题', 'title', 'subject'],
  text: [
    '诉求内容',
    '反映内容',
    '来电内容',
    '问题描述',
    '工单内容',
    '内容',
    'text',
    'content',
    'description',
  ],
  category: ['诉求类别', '问题类别', '分类', '类别', '诉求分类', 'category'],
  community: ['社区', '所属社区', '社区名称', 'community'],
  compound: ['小区', '小区名称', '所属小区', 'compound', 'estate'],
  building: ['楼栋', '楼号', '栋', 'building'],
  name: ['来电人', '诉求人', '反映人', '联系人', '姓名', 'caller', 'name'],
  phone: ['来电号码', '联系电话', '诉求人电话', '电话', '手机', '手机号', 'phone', 'mobile', 'tel'],
} as const;
export type HotlineField = keyof typeof hotlineColumnNames;
const requiredFields: readonly HotlineField[] = ['hotlineNo', 'text'];

/** One work order as the sheet describes it, once it passed every check that needs no database. */
export type HotlineRow = {
  row: number;
  hotlineNo: string;
  title: string;
  text: string;
  category: Category;
  community: string;
  compound: string;
  building: string;
  name: string;
  phone: string | null;
};

export type HotlineIssue = {
  row: number;
  /** The row's work-order number as the sheet has it, so a report can name the row by it. */
  hotlineNo: string;
  field: HotlineField | 'file';
  value: string;
  message: Bilingual;
};
export type CheckedHotlineRows = { rows: HotlineRow[]; issues: HotlineIssue[]; headerRow: number };

export const hotlineMessages = {
  missingColumn: {
    'zh-CN': '找不到“{column}”列（可用列名：{names}）',
    en: 'No “{column}” column (recognised names: {names})',
  },
  noRows: { 'zh-CN': '文件中没有工单', en: 'The file holds no work orders' },
  missingNo: { 'zh-CN': '缺少工单号', en: 'The work-order number is missing' },
  missingText: { 'zh-CN': '缺少诉求内容', en: 'The request text is missing' },
  tooLong: { 'zh-CN': '内容过长', en: 'Too long' },
  repeatedNo: { 'zh-CN': '工单号与第 {row} 行重复', en: 'The same work-order number as row {row}' },
  badPhone: { 'zh-CN': '电话须为 11 位手机号', en: 'The phone must be an 11-digit mainland mobile number' },
  unknownCommunity: {
    'zh-CN': '找不到社区“{name}”',
    en: 'No community “{name}” here',
  },
  missingCommunity: { 'zh-CN': '缺少社区', en: 'The community is missing' },
  unknownCompound: { 'zh-CN': '社区内找不到小区“{name}”', en: 'No compound “{name}” in the community' },
  unknownBuilding: { 'zh-CN': '小区内找不到楼栋“{name}”', en: 'No building “{name}” in the compound' },
  alreadyImported: { 'zh-CN': '此工单已导入过，跳过', en: 'This work order was imported before; skipped' },
} as const satisfies Record<string, Bilingual>;

const fieldLabels: Record<HotlineField, Bilingual> = {
  hotlineNo: { 'zh-CN': '工单号', en: 'work-order number' },
  title: { 'zh-CN': '标题', en: 'title' },
  text: { 'zh-CN': '诉求内容', en: 'request text' },
  category: { 'zh-CN': '诉求类别', en: 'category' },
  community: { 'zh-CN': '社区', en: 'community' },
  compound: { 'zh-CN': '小区', en: 'compound' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  name: { 'zh-CN': '来电人', en: 'caller' },
  phone: { 'zh-CN': '来电号码', en: 'phone' },
};

export function fill(message: Bilingual, params: Record<string, string | number | Bilingual>): Bilingual {
  const sub = (text: string, language: keyof Bilingual) =>
    text.replace(/\{(\w+)\}/g, (whole, k: string) => {
      const value = params[k];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[language] : String(value);
    });
  return { 'zh-CN': sub(message['zh-CN'], 'zh-CN'), en: sub(message.en, 'en') };
}

// The hotline's own classification (城乡建设 > 物业管理 …) has more branches than ours; a word in it is
// enough to file the matter where a community would, and anything else is 其他 for staff to correct.
const categoryWords: [RegExp, Category][] = [
  [/物业/, 'property_service'],
  [/停车|交通|道路/, 'traffic_parking'],
  [/犬|宠物|养狗/, 'pets'],
  [/消防|安全|隐患/, 'fire_safety'],
  [/环境|卫生|垃圾|噪音|噪声|绿化|路灯/, 'environment'],
  [/医疗|卫生院|诊所|健康/, 'health'],
  [/就业|创业|招聘/, 'employment'],
  [/社保|社会保障|低保|医保/, 'social_security'],
  [/住房|保障房|公租房/, 'housing'],
  [/养老|老人|老年|儿童|托育/, 'elderly_children'],
  [/老旧小区|改造|加装电梯/, 'old_compound_renovation'],
];

/** 物业服务, property_service, 城乡建设-物业管理 → property_service; empty or unknown → other. */
export function hotlineCategory(cell: string): Category {
  const text = tidy(cell);
  if (!text) return 'other';
  const exact = categories.find(
    (c) =>
      c === text ||
      categoryNames[c]['zh-CN'] === text ||
      categoryNames[c].en.toLowerCase() === text.toLowerCase(),
  );
  if (exact) return exact;
  return categoryWords.find(([word]) => word.test(text))?.[1] ?? 'other';
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Reads the work orders of a sheet and reports, row by row, what is wrong before any database is asked. */
export function checkHotlineRows(sheet: readonly SheetRow[]): CheckedHotlineRows {
  const header = findHeaderOf(
    hotlineColumnNames,
    requiredFields,
    sheet.map((r) => r.cells),
  );
  const headerRow = sheet[header.index]?.row ?? 1;
  const issues: HotlineIssue[] = header.missing.map((field) => ({
    row: headerRow,
    hotlineNo: '',
    field: 'file',
    value: '',
    message: fill(hotlineMessages.missingColumn, {
      column: fieldLabels[field],
      names: hotlineColumnNames[field].join(' / '),
    }),
  }));
  if (issues.length > 0) return { rows: [], issues, headerRow };
  const body = sheet.slice(header.index + 1);
  if (body.length === 0)
    return {
      rows: [],
      issues: [{ row: headerRow, hotlineNo: '', field: 'file', value: '', message: hotlineMessages.noRows }],
      headerRow,
    };

  const seen = new Map<string, number>();
  const rows: HotlineRow[] = [];
  for (const { row, cells } of body) {
    const cell = (field: HotlineField) => {
      const at = header.columns[field];
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const before = issues.length;
    const problem = (field: HotlineField, message: Bilingual) =>
      issues.push({ row, hotlineNo: tidy(cell('hotlineNo')), field, value: cell(field), message });

    const hotlineNo = tidy(cell('hotlineNo'));
    if (!hotlineNo) problem('hotlineNo', hotlineMessages.missingNo);
    else if (hotlineNo.length > 40) problem('hotlineNo', hotlineMessages.tooLong);
    else if (seen.has(hotlineNo))
      problem('hotlineNo', fill(hotlineMessages.repeatedNo, { row: seen.get(hotlineNo)! }));
    else seen.set(hotlineNo, row);
    const text = cell('text');
    if (!text) problem('text', hotlineMessages.missingText);
    else if (text.length > 2000) problem('text', hotlineMessages.tooLong);
    const title = cell('title');
    if (title.length > 60) problem('title', hotlineMessages.tooLong);
    const name = tidy(cell('name'));
    if (name.length > 40) problem('name', hotlineMessages.tooLong);
    const phoneCell = cell('phone');
    const phone = phoneCell ? normalizePhone(phoneCell) : null;
    if (phone !== null && !MOBILE.test(phone)) problem('phone', hotlineMessages.badPhone);

    if (issues.length === before)
      rows.push({
        row,
        hotlineNo,
        title,
        text,
        category: hotlineCategory(cell('category')),
        community: tidy(cell('community')),
        compound: tidy(cell('compound')),
        building: tidy(cell('building')),
        name,
        phone,
      });
  }
  return { rows, issues, headerRow };
}
