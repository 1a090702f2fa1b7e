import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { Trx } from '../../src/db/transaction.ts';
import { searchBody, termsOf } from '../../src/domain/search/terms.ts';
import { Random } from './prng.ts';
import type { BenchContext } from './types.ts';

// Matters and problems for the search and problem-list scenarios, written once per run database
// (the generated city has none yet): one matter per household of the city, about a third of them
// joined to open problems, and in the sample compound 2,000 more matters waiting in the inbox.
// Rows and index entries are written with the product's own normalisation and terms.

const MARKER = 'bench.problem-list-fixture';
const BATCH = 1000;

const places = ['', '', '3号楼', '三号楼', '5栋', '十二号楼', '2单元', '小区门口', '东门', '地下车库'];
const topics = [
  '电梯坏了，老人上下楼很困难',
  '电梯又停运了',
  '水压太低，高层用不上水',
  '水压低，早上洗漱没水',
  '路灯不亮，晚上出门看不见',
  '楼道灯不亮',
  '垃圾没人清运，味道很大',
  '广场舞音乐太吵',
  '停车位太少，消防通道被占',
  '楼顶漏水，家里天花板发霉',
  '暖气不热，家里只有十几度',
  '电动车在楼道里充电，很危险',
  '物业费涨价没有公示',
  '下水道堵了，污水冒出来',
  '小区大门的门禁坏了',
  'The lift is broken again',
];
const tails = ['', '，希望尽快解决', '，已经反映好几次了', '！！', '，请社区帮忙协调', '。谢谢'];

function matterText(r: Random): string {
  return `${r.pick(places)}${r.pick(topics)}${r.pick(tails)}`;
}

type Row = Record<string, string | number | null>;

async function insertAll(
  trx: Trx,
  table: 'matters' | 'problems' | 'search_docs' | 'search_terms',
  rows: Row[],
) {
  const cols = Math.max(1, Object.keys(rows[0] ?? {}).length);
  const size = Math.floor((BATCH * 4) / cols);
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

function indexRows(
  doc: Row & { id: string; body: string; public: number; community_id: string; created_at: string },
) {
  return termsOf(doc.body).map((term) => ({
    term,
    public: doc.public,
    community_id: doc.community_id,
    created_at: doc.created_at,
    doc_id: doc.id,
  }));
}

/** Writes the fixture unless this run's database already has it. */
export async function ensureProblemListData(ctx: BenchContext): Promise<void> {
  const db = ctx.database.db;
  const done = await db.selectFrom('app_meta').select('value').where('key', '=', MARKER).executeTakeFirst();
  if (done) return;
  await write(ctx.database, ctx.dataset.sample.compound.id);
}

async function write(database: Database, sampleCompoundId: string): Promise<void> {
  const db = database.db;
  const r = new Random(20261127);
  const households = await db
    .selectFrom('places')
    .select(['id', 'path'])
    .where('kind', '=', 'household')
    .orderBy('path')
    .execute();
  const communities = new Map(
    (await db.selectFrom('places').select(['id', 'path']).where('kind', '=', 'community').execute()).map(
      (c) => [c.path, c.id],
    ),
  );
  const communityOf = (path: string) => {
    const ids = path.split('/').filter(Boolean);
    for (let i = ids.length; i > 0; i--) {
      const id = communities.get(`/${ids.slice(0, i).join('/')}/`);
      if (id) return id;
    }
    throw new Error(`no community above ${path}`);
  };
  const sample = await db
    .selectFrom('places')
    .select('path')
    .where('id', '=', sampleCompoundId)
    .executeTakeFirstOrThrow();
  const inSample = households.filter((h) => h.path.startsWith(sample.path));
  const start = Date.parse('2026-01-01T00:00:00Z');
  let clock = 0;
  const nextTime = () => {
    clock += r.int(1_000, 120_000);
    return new Date(start + clock).toISOString();
  };

  const matters: Row[] = [];
  const problems: Row[] = [];
  const docs: Row[] = [];
  const terms: Row[] = [];
  const openProblems: { id: string; path: string }[] = [];
  const addMatter = (
    h: { id: string; path: string },
    state: 'submitted' | 'accepted',
    problemId: string | null,
  ) => {
    const id = `bench-m-${matters.length}`;
    const text = matterText(r);
    const at = nextTime();
    const community = communityOf(h.path);
    matters.push({
      id,
      problem_id: problemId,
      kind: 'problem',
      title: null,
      text,
      category: 'property_service',
      community_id: community,
      place_id: h.id,
      place_path: h.path,
      channel: 'online',
      hotline_no: null,
      submitter_user_id: null,
      submitter_person_id: null,
      recorded_by: null,
      hide_name: 0,
      state,
      decline_reason: null,
      feedback_solved: null,
      rating: null,
      feedback_comment: null,
      feedback_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    });
    const doc = {
      id: `m:${id}`,
      entity_type: 'matter',
      entity_id: id,
      public: 0,
      community_id: community,
      place_path: h.path,
      created_at: at,
      body: searchBody([text]),
    };
    docs.push(doc);
    terms.push(...indexRows(doc));
    return { id, text, at, community };
  };
  for (const h of households) {
    const joined = openProblems.length > 0 && r.chance(0.2);
    if (joined) {
      addMatter(h, 'accepted', r.pick(openProblems).id);
      continue;
    }
    const m = addMatter(h, r.chance(0.15) ? 'accepted' : 'submitted', null);
    if (matters.at(-1)!.state !== 'accepted') continue;
    const problemId = `bench-p-${problems.length}`;
    matters.at(-1)!.problem_id = problemId;
    const title = Array.from(m.text).slice(0, 20).join('');
    problems.push({
      id: problemId,
      community_id: m.community,
      place_id: h.id,
      place_path: h.path,
      category: 'property_service',
      title,
      state: 'open',
      level: 'compound',
      urgency: 2,
      severity: 2,
      priority: 4,
      deadline_at: null,
      first_taken_at: null,
      resolved_at: null,
      closed_at: null,
      public_summary: `${title}（处理中）`,
      published_at: m.at,
      created_at: m.at,
      updated_at: m.at,
    });
    openProblems.push({ id: problemId, path: h.path });
    for (const [prefix, pub, body] of [
      ['p', 0, searchBody([title, `${title}（处理中）`])],
      ['w', 1, searchBody([`${title}（处理中）`])],
    ] as const) {
      const doc = {
        id: `${prefix}:${problemId}`,
        entity_type: 'problem',
        entity_id: problemId,
        public: pub,
        community_id: m.community,
        place_path: h.path,
        created_at: m.at,
        body,
      };
      docs.push(doc);
      terms.push(...indexRows(doc));
    }
  }
  // The merge-suggestion scenario's community of 2,000 open matters, all in the sample compound.
  for (let i = 0; i < 2000 && inSample.length > 0; i++)
    addMatter(inSample[i % inSample.length]!, 'submitted', null);

  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'problems', problems);
    await insertAll(trx, 'matters', matters);
    await insertAll(trx, 'search_docs', docs);
    await insertAll(trx, 'search_terms', terms);
    await trx
      .insertInto('app_meta')
      .values({ key: MARKER, value: String(matters.length), updated_at: new Date().toISOString() })
      .execute();
  });
  if (database.dialect === 'postgres') await sql`analyze`.execute(db);
}
