import { sql } from 'kysely';
import { idLists } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import type { OrderState, ProblemState } from '../../domain/matters/states.ts';
import {
  type Category,
  type Channel,
  categoryNames,
  channelNames,
  type Level,
  matterKindNames,
} from '../../domain/matters/vocabulary.ts';
import type { Bilingual, Language } from '../../server/i18n.ts';
import type { Actor } from '../access/actor.ts';
import { can, requireActor } from '../access/policy.ts';
import { handlers, handlersScope } from '../figures/figures.handlers.ts';
import { figurePlace, figures } from '../figures/figures.service.ts';
import {
  matterInboxFilter,
  myOrdersFilter,
  problemQueueFilter,
  staffMatterColumns,
} from '../problems/problems.repo.ts';
import { inboxScope, queueAccess, staffMatterRow } from '../problems/problems.service.ts';
import type { ExportRequest } from './exports.schemas.ts';
import { afterKey } from './keyset.ts';
import { PlaceNames } from './place-names.ts';
import { type LedgerRow, ledgerCells, ledgerHeaders, ledgerSheetName } from './problem-ledger.ts';
import { beijingTime, matterStateNames, orderRoleNames, orderStateNames, yesNo } from './vocabulary.ts';
import type { Cell, SheetHeader } from './writers.ts';

// What each kind of export reads: the list's own filter (src/modules/problems), in keyset pages, turned
// into rows of cells with the privacy of the screen. Building a source checks the permission the list
// checks, so a request the screen would refuse is refused before any job exists.

/**
 * What an export holds at once: one page of rows, and the names of up to `placesKept` places (they repeat
 * from row to row). A page of 250 rows of the longest texts fits the thread's heap with room to spare, and
 * was faster there than pages of 1,000 (bench/README.md, "Exports"). Tests make both small, to cross their
 * edges with a handful of rows.
 */
export const exportBounds = { pageRows: 250, placesKept: 10_000 };

export type ExportSource = {
  sheetName: string;
  /** The file's name before its stamp and extension. */
  fileStem: string;
  headers: SheetHeader[];
  /** Rows expected, for the progress bar. */
  count(): Promise<number>;
  batches(): AsyncGenerator<Cell[][]>;
};

type Column<R> = { header: Bilingual; width: number; cell(row: R): Cell };

const headersOf = <R>(columns: readonly Column<R>[], language: Language) =>
  columns.map((c) => ({ title: c.header[language], width: c.width }));
const cellsOf = <R>(columns: readonly Column<R>[], row: R) => columns.map((c) => c.cell(row));

const counted = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string }> }) =>
  Number((await query.executeTakeFirstOrThrow()).n);

async function mattersSource(
  db: Db,
  actor: Actor,
  filters: Extract<ExportRequest, { kind: 'matters' }>['filters'],
  language: Language,
): Promise<ExportSource> {
  const base = await matterInboxFilter(db, inboxScope(actor), filters);
  const desc = filters.sort === 'newest';
  const names = new PlaceNames(db, exportBounds.placesKept);
  type Row = ReturnType<typeof staffMatterRow> & { community: string; place: string };
  const columns: Column<Row>[] = [
    { header: { 'zh-CN': '提交时间', en: 'Submitted' }, width: 20, cell: (m) => beijingTime(m.createdAt) },
    { header: { 'zh-CN': '社区', en: 'Community' }, width: 14, cell: (m) => m.community },
    { header: { 'zh-CN': '地点', en: 'Place' }, width: 24, cell: (m) => m.place },
    { header: { 'zh-CN': '类型', en: 'Kind' }, width: 10, cell: (m) => matterKindNames[m.kind][language] },
    {
      header: { 'zh-CN': '类别', en: 'Category' },
      width: 12,
      cell: (m) => categoryNames[m.category][language],
    },
    { header: { 'zh-CN': '渠道', en: 'Channel' }, width: 12, cell: (m) => channelNames[m.channel][language] },
    {
      header: { 'zh-CN': '12345 工单号', en: '12345 work order' },
      width: 16,
      cell: (m) => m.hotlineNo ?? '',
    },
    { header: { 'zh-CN': '标题', en: 'Title' }, width: 24, cell: (m) => m.title ?? '' },
    { header: { 'zh-CN': '内容', en: 'Text' }, width: 48, cell: (m) => m.text },
    { header: { 'zh-CN': '反映人', en: 'Submitter' }, width: 10, cell: (m) => m.submitterName ?? '' },
    { header: { 'zh-CN': '联系电话', en: 'Phone' }, width: 14, cell: (m) => m.submitterPhone ?? '' },
    { header: { 'zh-CN': '状态', en: 'State' }, width: 10, cell: (m) => matterStateNames[m.state][language] },
    {
      header: { 'zh-CN': '是否解决', en: 'Solved' },
      width: 8,
      cell: (m) => (m.feedback ? yesNo(m.feedback.solved, language) : ''),
    },
    { header: { 'zh-CN': '满意度评分', en: 'Rating' }, width: 10, cell: (m) => m.feedback?.rating ?? null },
    { header: { 'zh-CN': '事项编号', en: 'Matter ID' }, width: 38, cell: (m) => m.id },
  ];
  return {
    sheetName: language === 'en' ? 'Matters' : '事项',
    fileStem: language === 'en' ? 'matters' : '事项清单',
    headers: headersOf(columns, language),
    count: () => counted(base.select((eb) => eb.fn.countAll<number>().as('n'))),
    async *batches() {
      let last: [string, string] | null = null;
      for (;;) {
        let page = base.select(staffMatterColumns);
        if (last)
          page = page.where(afterKey(sql.ref('matters.created_at'), sql.ref('matters.id'), last, desc));
        const rows = await page
          .orderBy('matters.created_at', desc ? 'desc' : 'asc')
          .orderBy('matters.id', desc ? 'desc' : 'asc')
          .limit(exportBounds.pageRows)
          .execute();
        if (rows.length === 0) return;
        await names.load(rows.map((r) => r.place_path));
        const noPhotos = new Map();
        yield rows.map((m) => {
          // Door numbers go with names and phones: in full only to those who may contact the resident.
          const doors = can(actor, 'person.contact', { path: m.place_path, kind: 'household' });
          return cellsOf(columns, {
            ...staffMatterRow(actor, m, noPhotos),
            community: names.community(m.place_path),
            place: names.below(m.place_path, doors),
          });
        });
        const end = rows.at(-1)!;
        last = [end.created_at, end.id];
        if (rows.length < exportBounds.pageRows) return;
      }
    },
  };
}

/** The matters of a page of problems, summed up as the ledger counts them. */
async function voicesOf(db: Db, problemIds: string[]) {
  const matters = [];
  // Each problem's matters come in one list, in the order they were raised.
  for (const ids of idLists(problemIds))
    matters.push(
      ...(await db
        .selectFrom('matters')
        .select(['problem_id', 'channel', 'created_at', 'feedback_solved', 'rating'])
        .where('problem_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('id')
        .execute()),
    );
  const out = new Map<
    string,
    {
      voices: number;
      channel: Channel;
      raisedAt: string;
      confirmed: number;
      dissatisfied: number;
      ratings: number[];
    }
  >();
  for (const m of matters) {
    const id = m.problem_id ?? '';
    let summary = out.get(id);
    if (!summary) {
      // The channel a problem came in by is its first matter's (docs/figures.md).
      summary = {
        voices: 0,
        channel: m.channel as Channel,
        raisedAt: m.created_at,
        confirmed: 0,
        dissatisfied: 0,
        ratings: [],
      };
      out.set(id, summary);
    }
    summary.voices++;
    if (m.feedback_solved === 1) summary.confirmed++;
    if (m.feedback_solved === 0) summary.dissatisfied++;
    if (m.rating !== null) summary.ratings.push(m.rating);
  }
  return out;
}

async function problemsSource(
  db: Db,
  actor: Actor,
  filters: Extract<ExportRequest, { kind: 'problems' }>['filters'],
  language: Language,
): Promise<ExportSource> {
  const { scope, championId } = queueAccess(actor);
  const base = await problemQueueFilter(db, scope, filters, championId);
  const names = new PlaceNames(db, exportBounds.placesKept);
  return {
    sheetName: ledgerSheetName[language],
    fileStem: language === 'en' ? 'problem-list' : '问题清单',
    headers: ledgerHeaders(language),
    count: () => counted(base.select((eb) => eb.fn.countAll<number>().as('n'))),
    // The ledger runs in the order problems were accepted, as a 台账 is kept; the screen's sort is for
    // working the queue and decides nothing about which problems are in it.
    async *batches() {
      let last: [string, string] | null = null;
      for (;;) {
        let page = base.select([
          'problems.id',
          'problems.title',
          'problems.place_path',
          'problems.category',
          'problems.state',
          'problems.level',
          'problems.urgency',
          'problems.severity',
          'problems.deadline_at',
          'problems.first_taken_at',
          'problems.resolved_at',
          'problems.closed_at',
          'problems.reopen_count',
          'problems.created_at',
        ]);
        if (last)
          page = page.where(afterKey(sql.ref('problems.created_at'), sql.ref('problems.id'), last, false));
        const rows = await page
          .orderBy('problems.created_at')
          .orderBy('problems.id')
          .limit(exportBounds.pageRows)
          .execute();
        if (rows.length === 0) return;
        const [voices] = await Promise.all([
          voicesOf(
            db,
            rows.map((r) => r.id),
          ),
          names.load(rows.map((r) => r.place_path)),
        ]);
        yield rows.map((p) => {
          const v = voices.get(p.id);
          const row: LedgerRow = {
            sourceId: p.id,
            title: p.title,
            community: names.community(p.place_path),
            place: names.below(p.place_path, false),
            category: p.category as Category,
            channel: v?.channel ?? 'online',
            state: p.state as ProblemState,
            level: p.level as Level,
            urgency: p.urgency as 1 | 2 | 3,
            severity: p.severity as 1 | 2 | 3,
            voices: v?.voices ?? 0,
            raisedAt: v?.raisedAt ?? p.created_at,
            openedAt: p.created_at,
            deadlineAt: p.deadline_at,
            firstResponseAt: p.first_taken_at,
            resolvedAt: p.resolved_at,
            closedAt: p.closed_at,
            reopens: p.reopen_count,
            confirmed: v?.confirmed ?? 0,
            dissatisfied: v?.dissatisfied ?? 0,
            ratings: v?.ratings ?? [],
          };
          return ledgerCells(row, language);
        });
        const end = rows.at(-1)!;
        last = [end.created_at, end.id];
        if (rows.length < exportBounds.pageRows) return;
      }
    },
  };
}

async function ordersSource(
  db: Db,
  actor: Actor,
  filters: Extract<ExportRequest, { kind: 'orders' }>['filters'],
  language: Language,
): Promise<ExportSource> {
  const base = myOrdersFilter(db, actor.userId, actor.partyIds, filters.state);
  const names = new PlaceNames(db, exportBounds.placesKept);
  type Row = {
    id: string;
    role: 'lead' | 'assist';
    state: string;
    problem_id: string;
    dispatched_at: string;
    title: string;
    place_path: string;
  };
  const columns: Column<Row>[] = [
    {
      header: { 'zh-CN': '派单时间', en: 'Dispatched' },
      width: 20,
      cell: (o) => beijingTime(o.dispatched_at),
    },
    { header: { 'zh-CN': '问题', en: 'Problem' }, width: 36, cell: (o) => o.title },
    { header: { 'zh-CN': '社区', en: 'Community' }, width: 14, cell: (o) => names.community(o.place_path) },
    { header: { 'zh-CN': '地点', en: 'Place' }, width: 20, cell: (o) => names.below(o.place_path, false) },
    { header: { 'zh-CN': '角色', en: 'Role' }, width: 8, cell: (o) => orderRoleNames[o.role][language] },
    {
      header: { 'zh-CN': '状态', en: 'State' },
      width: 10,
      cell: (o) => orderStateNames[o.state as OrderState][language],
    },
    { header: { 'zh-CN': '问题编号', en: 'Problem ID' }, width: 38, cell: (o) => o.problem_id },
    { header: { 'zh-CN': '工单编号', en: 'Order ID' }, width: 38, cell: (o) => o.id },
  ];
  return {
    sheetName: language === 'en' ? 'My orders' : '我的工单',
    fileStem: language === 'en' ? 'my-orders' : '我的工单',
    headers: headersOf(columns, language),
    count: () => counted(base.select((eb) => eb.fn.countAll<number>().as('n'))),
    async *batches() {
      let last: [string, string] | null = null;
      for (;;) {
        let page = base.select([
          'orders.id',
          'orders.role',
          'orders.state',
          'orders.problem_id',
          'orders.dispatched_at',
          'problems.title',
          'problems.place_path',
        ]);
        if (last)
          page = page.where(afterKey(sql.ref('orders.dispatched_at'), sql.ref('orders.id'), last, false));
        const rows = await page
          .orderBy('orders.dispatched_at')
          .orderBy('orders.id')
          .limit(exportBounds.pageRows)
          .execute();
        if (rows.length === 0) return;
        await names.load(rows.map((r) => r.place_path));
        yield rows.map((o) => cellsOf(columns, o));
        const end = rows.at(-1)!;
        last = [end.dispatched_at, end.id];
        if (rows.length < exportBounds.pageRows) return;
      }
    },
  };
}

const percent = (r: { rate: number | null }) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);

async function figuresSource(
  db: Db,
  actor: Actor,
  filters: Extract<ExportRequest, { kind: 'figures' }>['filters'],
  language: Language,
  now: Date,
): Promise<ExportSource> {
  // The figures are a few dozen rows, read whole when the job runs; the request is refused, or not, here.
  if (filters.source === 'handlers') {
    handlersScope(actor);
    type Row = Awaited<ReturnType<typeof handlers>>['rows'][number];
    const columns: Column<Row>[] = [
      {
        header:
          filters.by === 'party' ? { 'zh-CN': '承办单位', en: 'Party' } : { 'zh-CN': '承办人', en: 'Person' },
        width: 24,
        cell: (r) => r.name,
      },
      { header: { 'zh-CN': '已反馈工单', en: 'Handled' }, width: 10, cell: (r) => r.handled },
      { header: { 'zh-CN': '未反馈工单', en: 'Open' }, width: 10, cell: (r) => r.open },
      { header: { 'zh-CN': '按时率（%）', en: 'On time (%)' }, width: 10, cell: (r) => percent(r.onTime) },
      { header: { 'zh-CN': '平均评分', en: 'Rating' }, width: 10, cell: (r) => r.rating },
      { header: { 'zh-CN': '评分数', en: 'Ratings' }, width: 8, cell: (r) => r.ratings },
    ];
    const rows = once(async () => (await handlers(db, actor, filters)).rows);
    return {
      sheetName: language === 'en' ? 'Handlers' : '承办统计',
      fileStem: language === 'en' ? 'handlers' : '承办统计',
      headers: headersOf(columns, language),
      count: async () => (await rows()).length,
      async *batches() {
        yield (await rows()).map((r) => cellsOf(columns, r));
      },
    };
  }
  // An unknown place, or one below a community, is refused as the figures refuse it.
  await figurePlace(db, filters.placeId);
  type Figures = Awaited<ReturnType<typeof figures>>;
  type Row = { label: string; counts: Figures['counts']; rates: Figures['rates'] };
  const columns: Column<Row>[] = [
    { header: { 'zh-CN': '分组', en: 'Group' }, width: 20, cell: (r) => r.label },
    { header: { 'zh-CN': '收集事项', en: 'Collected' }, width: 10, cell: (r) => r.counts.collected },
    { header: { 'zh-CN': '不予受理', en: 'Declined' }, width: 10, cell: (r) => r.counts.declined },
    { header: { 'zh-CN': '问题', en: 'Problems' }, width: 8, cell: (r) => r.counts.problems },
    { header: { 'zh-CN': '待派单', en: 'Open' }, width: 8, cell: (r) => r.counts.open },
    { header: { 'zh-CN': '在办', en: 'In progress' }, width: 8, cell: (r) => r.counts.inProgress },
    { header: { 'zh-CN': '已解决', en: 'Solved' }, width: 8, cell: (r) => r.counts.solved },
    { header: { 'zh-CN': '逾期', en: 'Overdue' }, width: 8, cell: (r) => r.counts.overdue },
    {
      header: { 'zh-CN': '响应率（%）', en: 'Response rate (%)' },
      width: 12,
      cell: (r) => percent(r.rates.response),
    },
    {
      header: { 'zh-CN': '解决率（%）', en: 'Resolution rate (%)' },
      width: 12,
      cell: (r) => percent(r.rates.resolution),
    },
    {
      header: { 'zh-CN': '满意率（%）', en: 'Satisfaction rate (%)' },
      width: 12,
      cell: (r) => percent(r.rates.satisfaction),
    },
    { header: { 'zh-CN': '重办', en: 'Reopens' }, width: 8, cell: (r) => r.rates.reopens },
  ];
  // The whole first, then the breakdown (by place unless the screen asked for another).
  const rows = once(async (): Promise<Row[]> => {
    const result = await figures(db, { ...filters, by: filters.by ?? 'place' }, now, language);
    const whole = result.place?.name ?? (language === 'en' ? 'all places' : '全部');
    return [
      {
        label: language === 'en' ? `Total: ${whole}` : `合计：${whole}`,
        counts: result.counts,
        rates: result.rates,
      },
      ...(result.breakdown?.rows ?? []),
    ];
  });
  return {
    sheetName: language === 'en' ? 'Figures' : '统计',
    fileStem: language === 'en' ? 'figures' : '统计数据',
    headers: headersOf(columns, language),
    count: async () => (await rows()).length,
    async *batches() {
      yield (await rows()).map((r) => cellsOf(columns, r));
    },
  };
}

/** A value computed on first use and kept. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= compute();
    return value;
  };
}

/** The source of an export, once the actor may see the list it exports (refused as the list refuses). */
export function sourceFor(
  db: Db,
  actor: Actor | null,
  request: ExportRequest,
  language: Language,
  now: Date,
): Promise<ExportSource> {
  const who = requireActor(actor);
  switch (request.kind) {
    case 'matters':
      return mattersSource(db, who, request.filters, language);
    case 'problems':
      return problemsSource(db, who, request.filters, language);
    case 'orders':
      return ordersSource(db, who, request.filters, language);
    case 'figures':
      return figuresSource(db, who, request.filters, language, now);
  }
}
