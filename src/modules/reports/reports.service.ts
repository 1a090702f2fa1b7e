import { figureDay } from '../../domain/figures/definitions.ts';
import { matterStates, type ProblemState, problemStates } from '../../domain/matters/states.ts';
import { type Category, type Level, levels } from '../../domain/matters/vocabulary.ts';
import { monthDays, monthInstants, monthOf } from '../../domain/reports/month.ts';
import { type NotableReason, notableReasons, pickNotable } from '../../domain/reports/notable.ts';
import { AppError } from '../../server/errors.ts';
import type { Language } from '../../server/i18n.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, maskName, requireAnywhere, scopeOf } from '../access/policy.ts';
import type { FiguresQuery } from '../figures/figures.schemas.ts';
import { figures, readBuckets } from '../figures/figures.service.ts';
import { Bucket } from '../figures/figures.tally.ts';
import {
  leadHandlers,
  namedPlaces,
  notableSteps,
  type ProblemListRow,
  problemRows,
  reportPlace,
  reportPlacesIn,
  voicesOf,
} from './reports.repo.ts';
import type { MonthlyQuery, MonthlyReport, ProblemRow, ReportPlaces } from './reports.schemas.ts';

// The monthly report 月报 of a community or street. Its figures are the figures of the echo wall and the
// workbench for the month's local days — the same roll-ups and definitions (docs/figures.md), never a
// second count; the lists beside them are read from the records with the figures' own predicates.

const kinds = ['street', 'community'] as const;
type ReportKind = (typeof kinds)[number];
const isReportKind = (kind: string): kind is ReportKind => (kinds as readonly string[]).includes(kind);

/** The streets and communities the actor may report on. */
export async function reportPlaces(tx: Tx): Promise<ReportPlaces> {
  const actor = requireAnywhere(tx.actor, 'report.view');
  const rows = await reportPlacesIn(tx.db, scopeOf(actor, 'report.view'));
  return {
    places: rows.flatMap((p) =>
      isReportKind(p.kind) ? [{ id: p.id, name: p.name, kind: p.kind, parentName: p.parent_name }] : [],
    ),
  };
}

/** The place a report is asked of: out of scope reads as absent; only a street or a community has one. */
async function placeOfReport(tx: Tx, placeId: string) {
  const actor = requireAnywhere(tx.actor, 'report.view');
  const place = await reportPlace(tx.db, placeId);
  if (!place || !can(actor, 'report.view', { path: place.path, kind: place.kind })) {
    throw new AppError('not_found');
  }
  if (!isReportKind(place.kind)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'placeId',
          message: { 'zh-CN': '月报按社区或街道编制', en: 'A monthly report is of a community or a street' },
        },
      ],
    });
  }
  return { ...place, kind: place.kind };
}

export async function monthlyReport(tx: Tx, query: MonthlyQuery, language: Language): Promise<MonthlyReport> {
  const place = await placeOfReport(tx, query.placeId);
  if (query.month > monthOf(tx.now)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'month',
          message: { 'zh-CN': '还没有到这个月份', en: 'That month has not begun yet' },
        },
      ],
    });
  }
  const { from, to } = monthDays(query.month);
  const { startIso, endIso } = monthInstants(query.month);
  const base: FiguresQuery = { placeId: place.id, from, to, period: 'month' };
  const [byCategory, byChannel, byPlace, whole] = await Promise.all([
    figures(tx.db, { ...base, by: 'category' }, tx.now, language),
    figures(tx.db, { ...base, by: 'channel' }, tx.now, language),
    place.kind === 'street' ? figures(tx.db, { ...base, by: 'place' }, tx.now, language) : null,
    readBuckets(tx.db, { placePath: place.path, from, to }, null, tx.now, () => ''),
  ]);
  const bucket = whole.get('');
  // A roll-up key whose records all moved elsewhere stays behind at zero: a row of nothing says nothing.
  const rowsOf = (f: typeof byCategory) =>
    (f.breakdown?.rows ?? [])
      .filter((row) => row.counts.collected > 0 || row.counts.problems > 0)
      .map(({ key, label, counts, rates }) => ({ key, label, counts, rates }));

  const [listed, overdue, notable] = await Promise.all([
    problemRows(tx.db, place.path, { fromIso: startIso, toIso: endIso }),
    problemRows(tx.db, place.path, { overdueAt: tx.now.toISOString(), toIso: endIso }),
    notableCases(tx, place.path, startIso, endIso),
  ]);
  const describe = await describer(tx, [...listed, ...overdue]);
  const overdueByLevel = levels.map((level) => ({
    level,
    n: overdue.filter((p) => p.level === level).length,
  }));

  return {
    place: { id: place.id, name: place.name, kind: place.kind, parentName: place.parent_name },
    month: query.month,
    from,
    to,
    generatedAt: tx.now.toISOString(),
    counts: byCategory.counts,
    rates: byCategory.rates,
    onTimeByLevel: byCategory.onTimeByLevel,
    problemsByState: problemStates.map((state) => ({
      state,
      n: bucket.problems.reduce((sum, r) => sum + (r.state === state ? r.n : 0), 0),
    })),
    mattersByState: matterStates.map((state) => ({
      state,
      n: bucket.matters.reduce((sum, r) => sum + (r.state === state ? r.n : 0), 0),
    })),
    byCategory: rowsOf(byCategory),
    byChannel: rowsOf(byChannel),
    byCommunity: byPlace && communityRows(byPlace),
    overdue: { byLevel: overdueByLevel, items: overdue.map(describe) },
    problems: { total: listed.length, items: listed.map(describe) },
    notable,
  };
}

/** Every community of a street, those with nothing this month included, with zeros. */
function communityRows(f: Awaited<ReturnType<typeof figures>>) {
  const rows = f.breakdown?.rows ?? [];
  const empty = new Bucket();
  const all = f.children
    .filter((c) => c.kind === 'community')
    .map((c) => {
      const row = rows.find((r) => r.placeId === c.id);
      return {
        key: c.id,
        label: c.name,
        placeId: c.id,
        counts: row?.counts ?? empty.counts(),
        rates: row?.rates ?? empty.rates(),
      };
    });
  return all.sort((a, b) => b.counts.collected - a.counts.collected || a.label.localeCompare(b.label));
}

/** Turns problem rows into the report's rows: place named to the building, the handler, the voices. */
async function describer(tx: Tx, rows: ProblemListRow[]) {
  const ids = [...new Set(rows.map((r) => r.id))];
  const placeIds = [...new Set(rows.flatMap((r) => r.place_path.split('/').filter(Boolean)))];
  const [handlers, voices, places] = await Promise.all([
    leadHandlers(tx.db, ids),
    voicesOf(tx.db, ids),
    namedPlaces(tx.db, placeIds),
  ]);
  const handlerOf = new Map<string, string>();
  // Ordered by dispatch: the latest lead order standing is the one that handles the problem now.
  for (const h of handlers) {
    const name = h.party_name ?? maskName(h.person_name);
    if (name) handlerOf.set(h.problem_id, name);
  }
  const voicesBy = new Map(voices.map((v) => [v.problem_id, Number(v.n)]));
  const nameOf = new Map(places.map((p) => [p.id, p.name]));
  return (r: ProblemListRow): ProblemRow => ({
    id: r.id,
    receivedOn: figureDay(r.created_at),
    title: r.title,
    category: r.category as Category,
    communityName: r.community_name,
    placeLabel: r.place_path
      .split('/')
      .flatMap((id) => nameOf.get(id) ?? [])
      .join(' '),
    level: r.level as Level,
    state: r.state as ProblemState,
    handler: handlerOf.get(r.id) ?? null,
    voices: voicesBy.get(r.id) ?? 0,
    deadlineAt: r.deadline_at,
    resolvedAt: r.resolved_at,
  });
}

/** The notable cases of the month, by the rule of src/domain/reports/notable.ts. */
async function notableCases(tx: Tx, placePath: string, fromIso: string, toIso: string) {
  const steps = await notableSteps(tx.db, placePath, fromIso, toIso);
  const reasons = new Map<string, Set<NotableReason>>();
  const add = (problemId: string | null, reason: NotableReason) => {
    if (!problemId) return;
    const set = reasons.get(problemId) ?? new Set<NotableReason>();
    set.add(reason);
    reasons.set(problemId, set);
  };
  for (const e of steps.events) add(e.problem_id, e.kind === 'whistled' ? 'whistled' : 'escalated');
  for (const d of steps.decisions) add(d.problem_id, 'meeting');
  for (const p of steps.published) add(p.id, 'published');
  const problems = await problemRows(tx.db, placePath, { ids: [...reasons.keys()] });
  const order = (r: NotableReason) => notableReasons.indexOf(r);
  const cases = problems.map((p) => ({
    ...p,
    receivedAt: p.created_at,
    reasons: [...(reasons.get(p.id) ?? [])].sort((a, b) => order(a) - order(b)),
  }));
  return pickNotable(cases).map((p) => ({
    id: p.id,
    title: p.title,
    communityName: p.community_name,
    state: p.state as ProblemState,
    level: p.level as Level,
    reasons: p.reasons,
    publicSummary: p.published_at ? p.public_summary : null,
    meetings: [...new Set(steps.decisions.filter((d) => d.problem_id === p.id).map((d) => d.title))],
  }));
}
