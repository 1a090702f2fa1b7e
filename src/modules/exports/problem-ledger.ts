import { TZDate } from '@date-fns/tz';
import { type ProblemState, problemStates } from '../../domain/matters/states.ts';
import {
  type Category,
  type Channel,
  categoryNames,
  channelNames,
  channels,
  type Level,
  levelNames,
  levels,
} from '../../domain/matters/vocabulary.ts';
import type { Bilingual, Language } from '../../server/i18n.ts';
import { hotlineCategory } from '../hotline-imports/rows.ts';
import { canonicalHeader } from '../household-imports/columns.ts';
import { tidy } from '../household-imports/names.ts';
import { beijingTime, problemStateNames } from './vocabulary.ts';
import type { Cell, SheetHeader } from './writers.ts';

// The problem list 问题清单 as a ledger 台账: the columns the export writes and the import reads, defined
// once. Everything the figures count is in it — category, channel, state, level, the dates (raised,
// accepted, deadline, first response, resolved, closed), 重办, and the residents' answers — so a ledger
// exported from one community and imported into an empty one gives the same figures.

/** One problem as a ledger row: what the export writes and what the import reads back. */
export type LedgerRow = {
  /** The problem's id where it came from: a re-import of the same ledger skips what it brought before. */
  sourceId: string;
  title: string;
  community: string;
  /** Compound and building below the community (锦秀河畔 1号楼), or '' for the community itself. */
  place: string;
  category: Category;
  channel: Channel;
  state: ProblemState;
  level: Level;
  urgency: 1 | 2 | 3;
  severity: 1 | 2 | 3;
  /** Matters 事项 joined in the problem: the residents who raised it. */
  voices: number;
  /** When the first of them raised it. */
  raisedAt: string;
  /** When it was accepted as a problem (受理): the figures' day and the response deadline run from it. */
  openedAt: string;
  deadlineAt: string | null;
  /** When a handler first took it (响应). */
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopens: number;
  /** Residents who confirmed it solved, and who said it was not. */
  confirmed: number;
  dissatisfied: number;
  /** The ratings (1–5) residents gave with their answers. */
  ratings: number[];
};

export type LedgerField = keyof LedgerRow;

type LedgerColumn = {
  field: LedgerField;
  header: Bilingual;
  width: number;
  write(row: LedgerRow, language: Language): Cell;
};

const time = (iso: string | null) => beijingTime(iso);

/** The columns in sheet order. The headers are in the asker's language; the import knows both. */
export const ledgerColumns: readonly LedgerColumn[] = [
  { field: 'title', header: { 'zh-CN': '问题', en: 'Problem' }, width: 36, write: (r) => r.title },
  { field: 'community', header: { 'zh-CN': '社区', en: 'Community' }, width: 14, write: (r) => r.community },
  { field: 'place', header: { 'zh-CN': '地点', en: 'Place' }, width: 20, write: (r) => r.place },
  {
    field: 'category',
    header: { 'zh-CN': '类别', en: 'Category' },
    width: 12,
    write: (r, l) => categoryNames[r.category][l],
  },
  {
    field: 'channel',
    header: { 'zh-CN': '来源渠道', en: 'Channel' },
    width: 12,
    write: (r, l) => channelNames[r.channel][l],
  },
  {
    field: 'state',
    header: { 'zh-CN': '状态', en: 'State' },
    width: 10,
    write: (r, l) => problemStateNames[r.state][l],
  },
  {
    field: 'level',
    header: { 'zh-CN': '层级', en: 'Level' },
    width: 10,
    write: (r, l) => levelNames[r.level][l],
  },
  { field: 'urgency', header: { 'zh-CN': '紧急程度', en: 'Urgency' }, width: 8, write: (r) => r.urgency },
  { field: 'severity', header: { 'zh-CN': '严重程度', en: 'Severity' }, width: 8, write: (r) => r.severity },
  { field: 'voices', header: { 'zh-CN': '反映人数', en: 'Voices' }, width: 8, write: (r) => r.voices },
  {
    field: 'raisedAt',
    header: { 'zh-CN': '反映时间', en: 'Raised' },
    width: 20,
    write: (r) => time(r.raisedAt),
  },
  {
    field: 'openedAt',
    header: { 'zh-CN': '受理时间', en: 'Accepted' },
    width: 20,
    write: (r) => time(r.openedAt),
  },
  {
    field: 'deadlineAt',
    header: { 'zh-CN': '办理时限', en: 'Deadline' },
    width: 20,
    write: (r) => time(r.deadlineAt),
  },
  {
    field: 'firstResponseAt',
    header: { 'zh-CN': '首次响应时间', en: 'First response' },
    width: 20,
    write: (r) => time(r.firstResponseAt),
  },
  {
    field: 'resolvedAt',
    header: { 'zh-CN': '解决时间', en: 'Resolved' },
    width: 20,
    write: (r) => time(r.resolvedAt),
  },
  {
    field: 'closedAt',
    header: { 'zh-CN': '办结时间', en: 'Closed' },
    width: 20,
    write: (r) => time(r.closedAt),
  },
  { field: 'reopens', header: { 'zh-CN': '重办次数', en: 'Reopens' }, width: 8, write: (r) => r.reopens },
  {
    field: 'confirmed',
    header: { 'zh-CN': '确认解决人数', en: 'Confirmed solved' },
    width: 10,
    write: (r) => r.confirmed,
  },
  {
    field: 'dissatisfied',
    header: { 'zh-CN': '不满意人数', en: 'Not solved' },
    width: 10,
    write: (r) => r.dissatisfied,
  },
  {
    field: 'ratings',
    header: { 'zh-CN': '满意度评分', en: 'Ratings' },
    width: 12,
    write: (r) => r.ratings.join('、'),
  },
  {
    field: 'sourceId',
    header: { 'zh-CN': '问题编号', en: 'Problem ID' },
    width: 38,
    write: (r) => r.sourceId,
  },
];

export const ledgerSheetName: Bilingual = { 'zh-CN': '问题清单', en: 'Problem list' };

export function ledgerHeaders(language: Language): SheetHeader[] {
  return ledgerColumns.map((c) => ({ title: c.header[language], width: c.width }));
}

export function ledgerCells(row: LedgerRow, language: Language): Cell[] {
  return ledgerColumns.map((c) => c.write(row, language));
}

/** The names the import recognises for each column: the headers in both languages. */
export const ledgerColumnNames = Object.fromEntries(
  ledgerColumns.map((c) => [c.field, [canonicalHeader(c.header['zh-CN']), canonicalHeader(c.header.en)]]),
) as Record<LedgerField, string[]>;

export const requiredLedgerFields: readonly LedgerField[] = ['title', 'state', 'openedAt'];

// ── Reading a cell back ──────────────────────────────────────────────────────────────────────────────

export const ledgerMessages = {
  required: { 'zh-CN': '此项必填', en: 'This is required' },
  tooLong: { 'zh-CN': '内容过长（最多 {max} 个字）', en: 'Too long (at most {max} characters)' },
  unknown: { 'zh-CN': '无法识别“{value}”，可填：{names}', en: 'Cannot read “{value}”; use one of: {names}' },
  badTime: {
    'zh-CN': '时间格式应为 2026-11-27 14:05（北京时间）',
    en: 'Write the time as 2026-11-27 14:05 (Beijing time)',
  },
  badCount: { 'zh-CN': '应为 {min} 到 {max} 之间的整数', en: 'A whole number from {min} to {max}' },
  badRatings: {
    'zh-CN': '评分为 1 到 5 的整数，用顿号或逗号分隔',
    en: 'Ratings are whole numbers from 1 to 5, separated by commas',
  },
  tooManyAnswers: {
    'zh-CN': '确认解决与不满意人数之和（{answers}）超过了反映人数（{voices}）',
    en: 'Confirmed and not solved ({answers}) exceed the voices ({voices})',
  },
  tooManyRatings: {
    'zh-CN': '评分个数（{ratings}）超过了答复人数（{answers}）',
    en: 'More ratings ({ratings}) than answers ({answers})',
  },
  needsTime: { 'zh-CN': '状态为“{state}”时须填写此项', en: 'Required when the state is “{state}”' },
  mustBeEmpty: {
    'zh-CN': '状态为“{state}”时不应有此项',
    en: 'Must be empty when the state is “{state}”',
  },
  beforeOpened: { 'zh-CN': '不能早于受理时间', en: 'Cannot be before the time accepted' },
  beforeResolved: { 'zh-CN': '不能早于解决时间', en: 'Cannot be before the time resolved' },
} as const satisfies Record<string, Bilingual>;

export type LedgerIssue = { field: LedgerField; value: string; message: Bilingual };

function fill(message: Bilingual, params: Record<string, string | number | Bilingual>): Bilingual {
  const sub = (text: string, language: Language) =>
    text.replace(/\{(\w+)\}/g, (whole, k: string) => {
      const value = params[k];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[language] : String(value);
    });
  return { 'zh-CN': sub(message['zh-CN'], 'zh-CN'), en: sub(message.en, 'en') };
}

/** A word for one of `keys`: the key itself, or its name in either language. */
function named<K extends string>(
  keys: readonly K[],
  names: Record<K, Bilingual>,
  text: string,
): K | undefined {
  const word = tidy(text).toLowerCase();
  return keys.find(
    (k) =>
      k === word ||
      tidy(names[k]['zh-CN']).toLowerCase() === word ||
      tidy(names[k].en).toLowerCase() === word,
  );
}

const nameList = <K extends string>(keys: readonly K[], names: Record<K, Bilingual>): Bilingual => ({
  'zh-CN': keys.map((k) => names[k]['zh-CN']).join('、'),
  en: keys.map((k) => names[k].en).join(', '),
});

const TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?秒?)?)?$/;

/**
 * 2026-11-27 14:05:33, 2026/11/27 14:05, 2026年11月27日, or an ISO instant with its zone; a time without a
 * zone is Beijing time, as offices write it. Null for an empty cell, undefined when it cannot be read.
 */
export function parseLedgerTime(text: string): string | null | undefined {
  const value = text.trim();
  if (!value) return null;
  if (/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }
  const m = TIME.exec(value.normalize('NFKC'));
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((n) => (n === undefined ? 0 : Number(n)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59)
    return undefined;
  const at = new TZDate(year!, month! - 1, day!, hour!, minute!, second!, 'Asia/Shanghai');
  // 2026-02-31 rolls over into March: refused rather than read as another day.
  if (at.getDate() !== day) return undefined;
  return new Date(at.getTime()).toISOString();
}

/** What a CSV export guarded with an apostrophe (=, +, -, @ first) reads as again. */
const unguarded = (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, '');

/**
 * Reads one row of a ledger: every field checked, and the row whole or its issues, each naming its field.
 * `cell` gives a field's text as the sheet has it ('' when the column is absent).
 */
export function readLedgerRow(
  cell: (field: LedgerField) => string,
): { row: LedgerRow; issues: [] } | { row: null; issues: LedgerIssue[] } {
  const issues: LedgerIssue[] = [];
  const text = (field: LedgerField) => unguarded(cell(field).trim());
  const problem = (field: LedgerField, message: Bilingual) =>
    issues.push({ field, value: cell(field), message });

  const title = text('title');
  if (!title) problem('title', ledgerMessages.required);
  else if (title.length > 60) problem('title', fill(ledgerMessages.tooLong, { max: 60 }));
  const place = text('place');
  if (place.length > 200) problem('place', fill(ledgerMessages.tooLong, { max: 200 }));
  const sourceId = text('sourceId');
  if (sourceId.length > 64) problem('sourceId', fill(ledgerMessages.tooLong, { max: 64 }));

  const category = hotlineCategory(text('category'));
  const oneOf = <K extends string>(
    field: LedgerField,
    keys: readonly K[],
    names: Record<K, Bilingual>,
    fallback?: K,
  ): K | undefined => {
    const value = text(field);
    if (!value) {
      if (fallback === undefined) problem(field, ledgerMessages.required);
      return fallback;
    }
    const found = named(keys, names, value);
    if (!found) problem(field, fill(ledgerMessages.unknown, { value, names: nameList(keys, names) }));
    return found;
  };
  // A hand-kept ledger seldom says how a problem came in; a grid worker's visit is the usual way.
  const channel = oneOf('channel', channels, channelNames, 'visit');
  const state = oneOf('state', problemStates, problemStateNames);
  const level = oneOf('level', levels, levelNames, 'compound');

  const count = (field: LedgerField, min: number, max: number, fallback: number) => {
    const value = text(field);
    if (!value) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      problem(field, fill(ledgerMessages.badCount, { min, max }));
      return fallback;
    }
    return n;
  };
  const urgency = count('urgency', 1, 3, 2) as 1 | 2 | 3;
  const severity = count('severity', 1, 3, 2) as 1 | 2 | 3;
  const voices = count('voices', 1, 1000, 1);
  const reopens = count('reopens', 0, 1000, 0);
  const confirmed = count('confirmed', 0, 1000, 0);
  const dissatisfied = count('dissatisfied', 0, 1000, 0);
  if (confirmed + dissatisfied > voices)
    problem(
      'dissatisfied',
      fill(ledgerMessages.tooManyAnswers, { answers: confirmed + dissatisfied, voices }),
    );
  const ratingsText = text('ratings');
  const ratings = ratingsText
    ? ratingsText
        .normalize('NFKC')
        .split(/[、,;\s]+/)
        .filter(Boolean)
        .map(Number)
    : [];
  if (ratings.some((r) => !Number.isInteger(r) || r < 1 || r > 5))
    problem('ratings', ledgerMessages.badRatings);
  else if (ratings.length > confirmed + dissatisfied)
    problem(
      'ratings',
      fill(ledgerMessages.tooManyRatings, { ratings: ratings.length, answers: confirmed + dissatisfied }),
    );

  const timeOf = (field: LedgerField) => {
    const value = parseLedgerTime(text(field));
    if (value === undefined) problem(field, ledgerMessages.badTime);
    return value ?? null;
  };
  const openedAt = timeOf('openedAt');
  if (!openedAt && text('openedAt') === '') problem('openedAt', ledgerMessages.required);
  const raisedAt = timeOf('raisedAt') ?? openedAt;
  const deadlineAt = timeOf('deadlineAt');
  const firstResponseAt = timeOf('firstResponseAt');
  const resolvedAt = timeOf('resolvedAt');
  const closedAt = timeOf('closedAt');
  if (openedAt) {
    for (const field of ['firstResponseAt', 'resolvedAt', 'closedAt'] as const) {
      const at = { firstResponseAt, resolvedAt, closedAt }[field];
      if (at && at < openedAt) problem(field, ledgerMessages.beforeOpened);
    }
  }
  if (resolvedAt && closedAt && closedAt < resolvedAt) problem('closedAt', ledgerMessages.beforeResolved);
  if (state) {
    const stateName = problemStateNames[state];
    const solved = state === 'resolved' || state === 'closed';
    // A reopen (重办) takes the resolution back: an unsolved problem carries no time resolved.
    if (solved && !resolvedAt && text('resolvedAt') === '')
      problem('resolvedAt', fill(ledgerMessages.needsTime, { state: stateName }));
    if (!solved && resolvedAt) problem('resolvedAt', fill(ledgerMessages.mustBeEmpty, { state: stateName }));
    if (state === 'closed' && !closedAt && text('closedAt') === '')
      problem('closedAt', fill(ledgerMessages.needsTime, { state: stateName }));
    if (state !== 'closed' && closedAt)
      problem('closedAt', fill(ledgerMessages.mustBeEmpty, { state: stateName }));
  }

  if (issues.length > 0 || !state || !channel || !level || !openedAt) return { row: null, issues };
  return {
    row: {
      sourceId,
      title,
      community: text('community'),
      place,
      category,
      channel,
      state,
      level,
      urgency,
      severity,
      voices,
      raisedAt: raisedAt ?? openedAt,
      openedAt,
      deadlineAt,
      firstResponseAt,
      resolvedAt,
      closedAt,
      reopens,
      confirmed,
      dissatisfied,
      ratings,
    },
    issues: [],
  };
}
