import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { makeTown, makeUser } from '../../../test/factories.ts';
import { figureDay } from '../../domain/figures/definitions.ts';
import { periodOf } from '../../domain/figures/stats.ts';
import { categories, levels } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import { inTransaction, type Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { loadActor } from '../auth/session.plugin.ts';
import {
  acceptMatter,
  closeUnansweredMatters,
  declineMatter,
  giveFeedback,
  intakeMatter,
} from '../matters/matters.service.ts';
import { dispatchProblem, reportOrder, takeOrder } from '../problems/orders.service.ts';
import { mergeProblems, splitMatter } from '../problems/problems.service.ts';
import type { Figures, FiguresQuery } from './figures.schemas.ts';
import { figures } from './figures.service.ts';
import { backfillFigures, countChange } from './rollup.ts';

// Random histories of the core loop, told through the services; after each, every figure from the roll-ups
// must equal a direct count over the records at the same moment.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let admin: Actor;
let residents: { actor: Actor; phone: string }[];
let partyId: string;
let clock = Date.parse('2026-03-01T00:00:00Z');

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  const actorOf = async (spec: Parameters<typeof makeUser>[1]) => {
    const user = await makeUser(t.database, spec);
    const kind = spec?.grants ? 'staff' : 'resident';
    return {
      actor: await loadActor(t.database.db, { userId: user.userId, personId: user.personId, kind }, ''),
      phone: user.phone,
    };
  };
  admin = (await actorOf({ grants: [{ role: 'admin', place: town.city }] })).actor;
  residents = [
    await actorOf({ kind: 'resident', households: [town.household101] }),
    await actorOf({ kind: 'resident', households: [town.otherHousehold] }),
  ];
  partyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: partyId,
      kind: 'property_company',
      name: '物业',
      place_id: town.street.id,
      created_at: new Date().toISOString(),
    })
    .execute();
});
afterAll(() => t.close());

function run<T>(actor: Actor, work: (tx: Tx) => Promise<T>) {
  return inTransaction(
    t.database,
    { actor, now: new Date(clock), auditKey: 'test-audit-key-0123456789' },
    work,
  );
}

const idx = fc.nat(1000);
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const op = fc.oneof(
  weighted(
    5,
    fc.record({
      k: fc.constant('intake' as const),
      category: fc.constantFrom(...categories.slice(0, 3)),
      channel: fc.constantFrom('phone' as const, 'wechat' as const, 'visit' as const, 'meeting' as const),
      place: fc.nat(3),
      who: fc.nat(1),
    }),
  ),
  weighted(4, fc.record({ k: fc.constant('accept' as const), m: idx, join: fc.boolean(), p: idx })),
  weighted(1, fc.record({ k: fc.constant('decline' as const), m: idx })),
  weighted(3, fc.record({ k: fc.constant('dispatch' as const), p: idx })),
  weighted(3, fc.record({ k: fc.constant('take' as const), p: idx })),
  weighted(3, fc.record({ k: fc.constant('report' as const), p: idx })),
  weighted(
    4,
    fc.record({
      k: fc.constant('feedback' as const),
      m: idx,
      solved: fc.boolean(),
      rating: fc.integer({ min: 1, max: 5 }),
    }),
  ),
  weighted(1, fc.record({ k: fc.constant('merge' as const), p: idx, q: idx })),
  weighted(1, fc.record({ k: fc.constant('split' as const), m: idx })),
  weighted(1, fc.record({ k: fc.constant('sweep' as const) })),
  weighted(
    1,
    fc.record({ k: fc.constant('deadline' as const), p: idx, hours: fc.integer({ min: -48, max: 96 }) }),
  ),
);
// Mostly minutes apart, now and then days: histories cross response deadlines, days and weeks.
const minutes = fc.oneof(weighted(8, fc.nat(240)), weighted(1, fc.nat(4 * 1440)));
const step = fc.record({ op, minutes });
type Op = typeof op extends fc.Arbitrary<infer O> ? O : never;

async function pick<T extends { id: string }>(rows: T[], i: number) {
  return rows.length === 0 ? undefined : rows[i % rows.length];
}
const allMatters = () =>
  t.database.db.selectFrom('matters').selectAll().orderBy('created_at').orderBy('id').execute();
const allProblems = () =>
  t.database.db.selectFrom('problems').selectAll().orderBy('created_at').orderBy('id').execute();

const mattersIn = (states: string[]) =>
  t.database.db
    .selectFrom('matters')
    .selectAll()
    .where('state', 'in', states)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
const problemsIn = (states: string[]) =>
  t.database.db
    .selectFrom('problems')
    .selectAll()
    .where('state', 'in', states)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
const mattersAwaitingFeedback = () =>
  t.database.db
    .selectFrom('matters')
    .innerJoin('problems', 'problems.id', 'matters.problem_id')
    .selectAll('matters')
    .where('problems.state', '=', 'resolved')
    .where('matters.state', 'in', ['accepted', 'dissatisfied'])
    .orderBy('matters.id')
    .execute();

async function apply(o: Op) {
  const places = [town.household101, town.building2, town.otherHousehold, town.compound];
  if (o.k === 'intake') {
    await run(admin, (tx) =>
      intakeMatter(tx, {
        kind: 'problem',
        category: o.category,
        text: '路灯不亮',
        placeId: places[o.place]!.id,
        channel: o.channel,
        submitterPhone: residents[o.who]!.phone,
        hideName: false,
      }),
    );
  } else if (o.k === 'accept') {
    // Steps pick among the records they can apply to, so that histories go deep: reopened, merged, rated.
    const m = await pick(await mattersIn(['submitted']), o.m);
    const p = await pick(await problemsIn(['open', 'dispatched', 'in_progress']), o.p);
    if (!m) return;
    await run(admin, (tx) =>
      acceptMatter(tx, m.id, o.join && p ? { problemId: p.id } : { title: '问题', urgency: 2, severity: 2 }),
    );
  } else if (o.k === 'decline') {
    const m = await pick(await mattersIn(['submitted']), o.m);
    if (m) await run(admin, (tx) => declineMatter(tx, m.id, '不属于社区职责'));
  } else if (o.k === 'dispatch') {
    const p = await pick(await problemsIn(['open']), o.p);
    if (p) await run(admin, (tx) => dispatchProblem(tx, p.id, { lead: { partyId }, assisting: [] }));
  } else if (o.k === 'take' || o.k === 'report') {
    const orders = await t.database.db
      .selectFrom('orders')
      .select('id')
      .where('state', '=', o.k === 'take' ? 'dispatched' : 'taken')
      .where('role', '=', 'lead')
      .orderBy('id')
      .execute();
    const order = await pick(orders, o.p);
    if (!order) return;
    if (o.k === 'take') await run(admin, (tx) => takeOrder(tx, order.id));
    else await run(admin, (tx) => reportOrder(tx, order.id, { text: '已处理' }));
  } else if (o.k === 'feedback') {
    const m = await pick(await mattersAwaitingFeedback(), o.m);
    const who = residents.find((r) => r.actor.userId === m?.submitter_user_id);
    if (m && who)
      await run(who.actor, (tx) => giveFeedback(tx, m.id, { solved: o.solved, rating: o.rating }));
  } else if (o.k === 'merge') {
    const problems = await problemsIn(['open', 'dispatched', 'in_progress', 'resolved']);
    const [p, q] = [await pick(problems, o.p), await pick(problems, o.q)];
    if (p && q) await run(admin, (tx) => mergeProblems(tx, p.id, [q.id]));
  } else if (o.k === 'split') {
    const m = await pick(await mattersIn(['accepted']), o.m);
    if (m) await run(admin, (tx) => splitMatter(tx, m.id));
  } else if (o.k === 'sweep') {
    await run(admin, (tx) => closeUnansweredMatters(tx, 3));
  } else {
    // The ladder's deadlines are set elsewhere; the service that sets one makes the same one call.
    const p = await pick(await allProblems(), o.p);
    if (p)
      await run(admin, async (tx) => {
        const at = new Date(clock + o.hours * 3_600_000).toISOString();
        await tx.db.updateTable('problems').set({ deadline_at: at }).where('id', '=', p.id).execute();
        await countChange(tx, { problemId: p.id });
      });
  }
}

/** The figures counted straight from the records, by domain.md. */
async function direct(query: FiguresQuery, now: Date) {
  const db = t.database.db;
  const paths = new Map(
    (await db.selectFrom('places').select(['id', 'path']).execute()).map((p) => [p.id, p.path]),
  );
  const placePath = query.placeId ? paths.get(query.placeId)! : '/';
  const matters = await allMatters();
  const problems = await allProblems();
  const firstChannel = (problemId: string) =>
    matters.filter((m) => m.problem_id === problemId)[0]?.channel ?? 'online';
  const keep = (r: { community_id: string; category: string; created_at: string }, channel: string) => {
    const day = figureDay(r.created_at);
    return (
      paths.get(r.community_id)!.startsWith(placePath) &&
      (!query.category || r.category === query.category) &&
      (!query.channel || channel === query.channel) &&
      (!query.from || day >= query.from) &&
      (!query.to || day <= query.to)
    );
  };
  const keyOf = (r: { community_id: string; category: string; created_at: string }, channel: string) => {
    if (query.by === 'category') return r.category;
    if (query.by === 'channel') return channel;
    if (query.by === 'period') return periodOf(figureDay(r.created_at), query.period);
    if (query.by === 'place') {
      const rest = paths.get(r.community_id)!.slice(placePath.length).split('/').filter(Boolean);
      return `${placePath}${rest[0]}/`;
    }
    return '';
  };
  const ms = matters.filter((m) => keep(m, m.channel)).map((m) => ({ ...m, key: keyOf(m, m.channel) }));
  const ps = problems
    .map((p) => ({ ...p, channel: firstChannel(p.id) }))
    .filter((p) => keep(p, p.channel))
    .map((p) => ({ ...p, key: keyOf(p, p.channel) }));
  const count = <T>(rows: T[], f: (r: T) => boolean) => rows.filter(f).length;
  const rate = (numerator: number, denominator: number) => ({ numerator, denominator });
  const solved = (s: string) => s === 'resolved' || s === 'closed';
  const dueBy = now.getTime() - 24 * 3_600_000;
  const figuresOf = (m: typeof ms, p: typeof ps) => ({
    counts: {
      collected: m.length,
      declined: count(m, (x) => x.state === 'declined'),
      problems: p.length,
      open: count(p, (x) => x.state === 'open'),
      inProgress: count(p, (x) => x.state === 'dispatched' || x.state === 'in_progress'),
      solved: count(p, (x) => solved(x.state)),
      overdue: count(
        p,
        (x) =>
          ['open', 'dispatched', 'in_progress'].includes(x.state) &&
          x.deadline_at !== null &&
          x.deadline_at < now.toISOString(),
      ),
    },
    rates: {
      response: rate(
        count(
          p,
          (x) =>
            Date.parse(x.created_at) <= dueBy &&
            x.first_taken_at !== null &&
            Date.parse(x.first_taken_at) <= Date.parse(x.created_at) + 24 * 3_600_000,
        ),
        count(p, (x) => Date.parse(x.created_at) <= dueBy),
      ),
      resolution: rate(
        count(m, (x) => x.feedback_solved === 1),
        count(m, (x) => x.feedback_solved !== null),
      ),
      satisfaction: rate(
        count(m, (x) => (x.rating ?? 0) >= 4),
        count(m, (x) => x.rating !== null),
      ),
      reopens: p.reduce((sum, x) => sum + x.reopen_count, 0),
      reopenRate: rate(
        count(p, (x) => x.reopen_count > 0),
        count(p, (x) => x.reopen_count > 0 || solved(x.state)),
      ),
    },
    onTimeByLevel: levels.map((level) => {
      const done = p.filter((x) => x.level === level && solved(x.state) && x.deadline_at && x.resolved_at);
      return {
        level,
        onTime: rate(
          count(done, (x) => x.resolved_at! <= x.deadline_at!),
          done.length,
        ),
      };
    }),
    key: '',
  });
  const keys = [...new Set([...ms.map((x) => x.key), ...ps.map((x) => x.key)])].sort();
  return {
    ...figuresOf(ms, ps),
    rows: query.by
      ? keys.map((key) => ({
          ...figuresOf(
            ms.filter((x) => x.key === key),
            ps.filter((x) => x.key === key),
          ),
          key,
        }))
      : null,
  };
}

function shape(f: Figures) {
  const strip = (r: { numerator: number; denominator: number }) => ({
    numerator: r.numerator,
    denominator: r.denominator,
  });
  const ratesOf = (r: Figures['rates']) => ({
    response: strip(r.response),
    resolution: strip(r.resolution),
    satisfaction: strip(r.satisfaction),
    reopens: r.reopens,
    reopenRate: strip(r.reopenRate),
  });
  return {
    counts: f.counts,
    rates: ratesOf(f.rates),
    onTimeByLevel: f.onTimeByLevel.map((l) => ({ level: l.level, onTime: strip(l.onTime) })),
    rows: f.breakdown
      ? f.breakdown.rows
          .filter((r) => r.counts.collected + r.counts.problems > 0)
          .map((r) => ({ key: r.key, counts: r.counts, rates: ratesOf(r.rates) }))
          .sort((a, b) => a.key.localeCompare(b.key))
      : null,
  };
}

function expected(d: Awaited<ReturnType<typeof direct>>) {
  return {
    counts: d.counts,
    rates: d.rates,
    onTimeByLevel: d.onTimeByLevel,
    rows: d.rows
      ? d.rows
          .filter((r) => r.counts.collected + r.counts.problems > 0)
          .map((r) => ({ key: r.key, counts: r.counts, rates: r.rates }))
      : null,
  };
}

describe('the figures against a direct count', () => {
  it('every figure, every way, equals the count of the records after any history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        for (const s of steps) {
          clock += s.minutes * 60_000;
          try {
            await apply(s.op);
          } catch (error) {
            // Refused steps (a take of a resolved problem…) change nothing, and roll back with their transaction.
            if (!(error instanceof AppError)) throw error;
          }
        }
        const queries: FiguresQuery[] = [
          { period: 'month' },
          { placeId: town.community.id, period: 'month', by: 'category' },
          { placeId: town.otherCommunity.id, period: 'week', by: 'period' },
          { placeId: town.street.id, period: 'month', by: 'place' },
          { period: 'month', by: 'channel', category: categories[0] },
          { period: 'quarter', by: 'period', channel: 'phone' },
          { period: 'month', from: figureDay(new Date(clock - 5 * 86_400_000).toISOString()) },
          // Above the street, whole months come from the street × month tier and the days around them
          // from the day rows.
          { period: 'month', by: 'period' },
          { placeId: town.city.id, period: 'quarter', by: 'place' },
          {
            placeId: town.district.id,
            period: 'month',
            from: figureDay(new Date(clock - 45 * 86_400_000).toISOString()),
            to: figureDay(new Date(clock - 2 * 86_400_000).toISOString()),
          },
        ];
        for (const at of [clock, clock + 30 * 3_600_000]) {
          for (const query of queries) {
            const now = new Date(at);
            const got = shape(await figures(t.database.db, query, now, 'zh-CN'));
            expect(got, JSON.stringify(query)).toEqual(expected(await direct(query, now)));
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 600_000);

  it('rebuilds the same roll-ups from the records alone (a database from before them)', async () => {
    const now = new Date(clock);
    const query: FiguresQuery = { placeId: town.street.id, period: 'month', by: 'place' };
    const citywide: FiguresQuery = { period: 'month', by: 'period' };
    const before = await figures(t.database.db, query, now, 'zh-CN');
    const citywideBefore = await figures(t.database.db, citywide, now, 'zh-CN');
    expect(before.counts.collected).toBeGreaterThan(0);
    const tables = [
      'figure_keys',
      'rollup_matters',
      'rollup_problems',
      'rollup_matters_month',
      'rollup_problems_month',
    ] as const;
    for (const table of tables) await t.database.db.deleteFrom(table).execute();
    expect((await figures(t.database.db, query, now, 'zh-CN')).counts.collected).toBe(0);
    await backfillFigures(t.database);
    expect(await figures(t.database.db, query, now, 'zh-CN')).toEqual(before);
    expect(await figures(t.database.db, citywide, now, 'zh-CN')).toEqual(citywideBefore);
  });
});
