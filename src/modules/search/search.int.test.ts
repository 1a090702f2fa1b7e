import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { bodyMatches, parseQuery, searchBody } from '../../domain/search/terms.ts';
import { searchTuning } from './search.repo.ts';
import { backfillOnce, indexProblem } from './search-index.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let neighbour: Session;
let outsider: Session;
let gridWorker: Session;
let otherGridWorker: Session;
let secretary: Session;
let otherSecretary: Session;
let streetOfficer: Session;

// Many wordings of a few problems, so that every query below has hits on several pages.
const wordings = [
  '三号楼水压太低了，洗澡都不行',
  '3号楼水压低，早上没水',
  '水压不稳，时有时无',
  '三栋的水压问题什么时候解决',
  '电梯坏了三天了 Lift broken',
  '５栋电梯又停了',
  '楼道灯不亮，晚上看不见',
  '路灯不亮一个多月了',
  '广场舞音乐太吵 100% 受不了',
  '垃圾没人清运_臭气熏天',
  '水管漏水，楼下天花板都湿了',
  'The water pressure is low on floor 5',
];

async function submit(session: Session, text: string, i: number) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(session),
    payload: {
      kind: 'problem',
      category: 'property_service',
      title: i % 3 === 0 ? `第${i}条` : undefined,
      text,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function accept(session: Session, matterId: string, title: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matterId}/accept`,
    headers: as(session),
    payload: { title, urgency: 2, severity: 2 },
  });
  expect(response.statusCode).toBe(200);
  return response.json().problemId as string;
}

type Hit = { type: string; id: string; createdAt: string };

/** Every hit of a query, page by page, checking each page's total. */
async function allPages(session: Session | null, url: string, pageSize = 7) {
  const hits: Hit[] = [];
  let total = -1;
  for (let page = 1; page < 50; page++) {
    const response = await t.app.inject({
      url: `${url}&page=${page}&pageSize=${pageSize}`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    if (total >= 0) expect(body.total).toBe(total);
    total = body.total;
    hits.push(...body.items.map((i: Hit & { problemId: string; publishedAt: string }) => i));
    if (body.items.length < pageSize) break;
  }
  return { hits, total };
}

/** The reference: every matter and problem text a grid worker of building 1 may see, scanned in full. */
async function visibleToGridWorker(q: string) {
  return visibleWhere(q, (path) => path.startsWith(town.building1.path) || path === town.compound.path);
}

/** The reference for the street office: everything of both communities of the street. */
async function visibleToStreet(q: string) {
  return visibleWhere(q, (path) => path.startsWith(town.street.path));
}

/** The reference for the echo wall: published summaries of problems in the street. */
async function publishedInStreet(q: string) {
  const words = parseQuery(q);
  const problems = await t.database.db
    .selectFrom('problems')
    .selectAll()
    .where('published_at', 'is not', null)
    .execute();
  return problems
    .filter((p) => p.place_path.startsWith(town.street.path) && p.public_summary)
    .filter((p) => bodyMatches(searchBody([p.public_summary]), words))
    .sort((a, b) =>
      a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1,
    )
    .map((p) => p.id);
}

/** The reference for the community office: everything of the community. */
async function visibleToSecretary(q: string) {
  return visibleWhere(q, (path) => path.startsWith(town.community.path));
}

async function visibleWhere(q: string, mine: (path: string) => boolean) {
  const words = parseQuery(q);
  const db = t.database.db;
  const matters = await db.selectFrom('matters').selectAll().execute();
  const problems = await db.selectFrom('problems').selectAll().execute();
  const problemPath = new Map(problems.map((p) => [p.id, p.place_path]));
  const docs = [
    ...matters
      .filter((m) => (m.problem_id ? mine(problemPath.get(m.problem_id)!) : mine(m.place_path)))
      .map((m) => ({ id: m.id, at: m.created_at, body: searchBody([m.title, m.text]) })),
    ...problems
      .filter((p) => mine(p.place_path))
      .map((p) => ({
        id: p.id,
        at: p.created_at,
        body: searchBody([p.title, p.public_summary]),
      })),
  ];
  return docs
    .filter((d) => bodyMatches(d.body, words))
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
    .map((d) => d.id);
}

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  neighbour = (await signedInUser(t.app, t.database, { households: [town.household201] })).session;
  outsider = (await signedInUser(t.app, t.database, { households: [town.otherHousehold] })).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  otherGridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid2.id }] })
  ).session;
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  // 36 matters in building 1, a few in building 2 and in another community; some accepted into problems.
  for (let i = 0; i < 36; i++) {
    const id = await submit(resident, wordings[i % wordings.length]!, i);
    if (i % 4 === 0) await accept(gridWorker, id, i % 8 === 0 ? '3号楼水压低' : '电梯故障');
  }
  otherSecretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.otherCommunity }],
    })
  ).session;
  streetOfficer = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'street_officer', place: town.street }] })
  ).session;
  await submit(neighbour, '2号楼水压低，隔壁单元也一样', 100);
  await submit(outsider, '水压低，香溪美地也有这个问题', 101);
  await accept(otherSecretary, await submit(outsider, '香溪美地3号楼水压太低', 102), '香溪美地水压低');
});
afterAll(() => t.close());

describe('workbench search', () => {
  it.each([
    '水压',
    '水',
    '水压低',
    '三号楼',
    '3号楼',
    '三栋',
    '水压 3号楼',
    'lift',
    'WATER pressure',
    '100%',
    '_',
    '电梯坏了三天',
  ])(
    'finds exactly what a scan of the visible normalised text finds, newest first, over all pages: %s',
    async (q) => {
      const { hits, total } = await allPages(gridWorker, `/api/workbench/search?q=${encodeURIComponent(q)}`);
      const expected = await visibleToGridWorker(q);
      expect(hits.map((h) => h.id)).toEqual(expected);
      expect(total).toBe(expected.length);
    },
  );

  it.each(['水', '水压', '水压低', '三栋', 'lift'])(
    'gives the community office exactly the scan of its whole community, over all pages: %s',
    async (q) => {
      const { hits, total } = await allPages(
        secretary,
        `/api/workbench/search?q=${encodeURIComponent(q)}`,
        9,
      );
      const expected = await visibleToSecretary(q);
      expect(hits.map((h) => h.id)).toEqual(expected);
      expect(total).toBe(expected.length);
    },
  );

  it('finds 水压低 and 水压太低了 with 水压, and treats 三号楼, 三栋 and 3号楼 alike', async () => {
    const pressure = await allPages(gridWorker, `/api/workbench/search?q=${encodeURIComponent('水压')}`);
    const texts = await t.database.db
      .selectFrom('matters')
      .select('text')
      .where(
        'id',
        'in',
        pressure.hits.map((h) => h.id),
      )
      .execute();
    expect(texts.map((m) => m.text)).toEqual(
      expect.arrayContaining(['三号楼水压太低了，洗澡都不行', '3号楼水压低，早上没水']),
    );
    const a = await allPages(gridWorker, `/api/workbench/search?q=${encodeURIComponent('三号楼')}`);
    const b = await allPages(gridWorker, `/api/workbench/search?q=${encodeURIComponent('三栋')}`);
    expect(a.hits.map((h) => h.id)).toEqual(b.hits.map((h) => h.id));
    expect(a.total).toBeGreaterThan(5);
  });

  it('answers the first page of 20 with the exact total and shows why each was found', async () => {
    const response = await t.app.inject({
      url: `/api/workbench/search?q=${encodeURIComponent('水')}`,
      headers: as(secretary),
    });
    const body = response.json();
    expect(body.items).toHaveLength(20);
    expect(body.total).toBeGreaterThan(20);
    expect(body.items[0].snippet).toContain('水');
    const times = body.items.map((i: Hit) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('keeps out what the reader may not see: another grid, another community', async () => {
    const other = await allPages(otherGridWorker, `/api/workbench/search?q=${encodeURIComponent('水压')}`);
    expect(other.hits.map((h) => h.type)).toEqual(['matter']);
    const mine = await allPages(gridWorker, `/api/workbench/search?q=${encodeURIComponent('隔壁单元')}`);
    expect(mine.total).toBe(0);
    const all = await allPages(secretary, `/api/workbench/search?q=${encodeURIComponent('香溪美地')}`);
    expect(all.total).toBe(0);
  });

  it('refuses residents and the public', async () => {
    expect(
      (await t.app.inject({ url: '/api/workbench/search?q=水压', headers: as(resident) })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/workbench/search?q=水压' })).statusCode).toBe(401);
  });

  it('finds a new matter in the same transaction it is stored in, and a merged-away problem no more', async () => {
    const id = await submit(resident, '独一无二的井盖松动', 7);
    const found = (
      await t.app.inject({
        url: `/api/workbench/search?q=${encodeURIComponent('井盖松动')}`,
        headers: as(gridWorker),
      })
    ).json();
    expect(found.items.map((h: Hit) => h.id)).toEqual([id]);
    const a = await accept(gridWorker, id, '井盖松动甲');
    const other = await accept(gridWorker, await submit(resident, '井盖又松动了', 8), '井盖松动乙');
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${a}/merge`,
      headers: as(gridWorker),
      payload: { sourceIds: [other] },
    });
    expect(merged.statusCode).toBe(200);
    const after = (
      await t.app.inject({
        url: `/api/workbench/search?q=${encodeURIComponent('井盖松动乙')}&type=problem`,
        headers: as(gridWorker),
      })
    ).json();
    expect(after.total).toBe(0);
  });
});

describe('a database that had matters before the index existed', () => {
  it('is indexed once when the server starts, with the same hits as before', async () => {
    const url = `/api/workbench/search?q=${encodeURIComponent('水压')}`;
    const before = await allPages(secretary, url);
    await t.database.db.deleteFrom('search_docs').execute();
    if (t.database.dialect === 'sqlite')
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(t.database.db);
    expect((await allPages(secretary, url)).total).toBe(0);
    await t.database.db.deleteFrom('app_meta').where('key', '=', 'search.backfilled').execute();
    await backfillOnce(t.database.db);
    await backfillOnce(t.database.db);
    const after = await allPages(secretary, url);
    expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
    expect(after.total).toBe(before.total);
  });
});

describe('echo-wall search', () => {
  it('finds published summaries only, never a resident’s words, and names the compound, not the door', async () => {
    const matterId = await submit(resident, '我家卫生间漏水到楼下了', 9);
    const problemId = await accept(gridWorker, matterId, '卫生间漏水');
    const before = (await t.app.inject({ url: `/api/public/search?q=${encodeURIComponent('漏水')}` })).json();
    expect(before.total).toBe(0);
    const now = new Date().toISOString();
    await t.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('problems')
        .set({ public_summary: '1号楼渗漏已由物业修复', published_at: now })
        .where('id', '=', problemId)
        .execute();
      await indexProblem(trx, problemId);
    });
    const found = (await t.app.inject({ url: `/api/public/search?q=${encodeURIComponent('渗漏')}` })).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({
      problemId,
      summary: '1号楼渗漏已由物业修复',
      placeName: '锦秀河畔',
      voices: 1,
    });
    const words = (
      await t.app.inject({ url: `/api/public/search?q=${encodeURIComponent('卫生间')}` })
    ).json();
    expect(words.total).toBe(0);
    const elsewhere = (
      await t.app.inject({
        url: `/api/public/search?q=${encodeURIComponent('渗漏')}&placeId=${town.otherCommunity.id}`,
      })
    ).json();
    expect(elsewhere.total).toBe(0);
    for (const place of [town.community, town.compound, town.street]) {
      const here = await t.app.inject({
        url: `/api/public/search?q=${encodeURIComponent('渗漏')}&placeId=${place.id}`,
      });
      expect(here.json().total).toBe(1);
    }
    const building2 = await t.app.inject({
      url: `/api/public/search?q=${encodeURIComponent('渗漏')}&placeId=${town.building2.id}`,
    });
    expect(building2.json().total).toBe(0);
  });
});

describe('every way of answering', () => {
  const defaults = { ...searchTuning };
  afterEach(() => Object.assign(searchTuning, defaults));
  beforeAll(async () => {
    // Published summaries in both communities of the street, for the echo wall's way through them.
    const problems = await t.database.db.selectFrom('problems').select(['id', 'title']).execute();
    await t.database.db.transaction().execute(async (trx) => {
      for (const [i, p] of problems.entries()) {
        if (i % 3 === 2) continue;
        await trx
          .updateTable('problems')
          .set({ public_summary: `${p.title}，已处理 Water fixed`, published_at: new Date().toISOString() })
          .where('id', '=', p.id)
          .execute();
        await indexProblem(trx, p.id);
      }
    });
  });

  // Sorting every hit, walking the time index (one community, or several side by side), naming the
  // reader's communities in the index or filtering them on the texts: the same hits, page by page.
  it.each([
    ['sorted, communities named', { sortLimit: 1_000, namedCommunities: 32 }],
    ['walked, communities named', { sortLimit: 0, namedCommunities: 32 }],
    ['sorted, communities filtered', { sortLimit: 1_000, namedCommunities: 0 }],
    ['walked, communities filtered', { sortLimit: 0, namedCommunities: 0 }],
  ])('gives the scan’s hits for every reader: %s', async (_, tuning) => {
    Object.assign(searchTuning, tuning);
    const readers = [
      [gridWorker, visibleToGridWorker],
      [secretary, visibleToSecretary],
      [streetOfficer, visibleToStreet],
    ] as const;
    for (const q of ['水', '水压', '水压低', '三栋', '水压 3号楼', 'lift', '_']) {
      for (const [session, reference] of readers) {
        const { hits, total } = await allPages(
          session,
          `/api/workbench/search?q=${encodeURIComponent(q)}`,
          4,
        );
        const expected = await reference(q);
        expect(hits.map((h) => h.id)).toEqual(expected);
        expect(total).toBe(expected.length);
      }
    }
    for (const q of ['水压', '已处理', 'water', '水压低']) {
      const expected = await publishedInStreet(q);
      expect(expected.length).toBeGreaterThan(0);
      for (const where of [`&placeId=${town.street.id}`, '']) {
        const { hits, total } = await allPages(
          null,
          `/api/public/search?q=${encodeURIComponent(q)}${where}`,
          3,
        );
        expect(hits.map((h) => (h as Hit & { problemId: string }).problemId)).toEqual(expected);
        expect(total).toBe(expected.length);
      }
    }
  });
});
