import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { MattersTable } from '../../src/db/schema.ts';
import { insertMatter } from '../../src/modules/matters/matters.repo.ts';
import { NOW_MS } from './matter-history.ts';
import { Random } from './prng.ts';
import type { BenchContext } from './types.ts';

// The generated city holds the matters, problems and published summaries that search and "already
// reported?" read. What it lacks is the merge-suggestion scenario's compound of 2,000 open matters
// waiting in the inbox: written once per run database, in the sample compound, through the matters
// repository (so they are indexed as the services index them).

const MARKER = 'bench.problem-list-fixture';
const INBOX_MATTERS = 2_000;
const ROWS_PER_STATEMENT = 500;

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

/** Writes the fixture unless this run's database already has it. */
export async function ensureProblemListData(ctx: BenchContext): Promise<void> {
  const db = ctx.database.db;
  const done = await db.selectFrom('app_meta').select('value').where('key', '=', MARKER).executeTakeFirst();
  if (done) return;
  const { compound, community } = ctx.dataset.sample;
  const households = await db
    .selectFrom('places')
    .select(['id', 'path'])
    .where('kind', '=', 'household')
    .where('path', '>=', compound.path)
    .where('path', '<', `${compound.path.slice(0, -1)}0`)
    .orderBy('path')
    .execute();
  if (households.length === 0) throw new Error(`no households in the sample compound ${compound.name}`);
  const r = new Random(20261127);
  // Submitted over the last ten days before the city's present, none taken in yet.
  let clock = NOW_MS - 10 * 86_400_000;
  const rows: Insertable<MattersTable>[] = [];
  for (let i = 0; i < INBOX_MATTERS; i++) {
    const h = households[i % households.length]!;
    clock += r.int(1_000, 400_000);
    const at = new Date(clock).toISOString();
    rows.push({
      id: `bench-inbox-${String(i).padStart(5, '0')}`,
      problem_id: null,
      kind: 'problem',
      title: null,
      text: `${r.pick(places)}${r.pick(topics)}${r.pick(tails)}`,
      category: 'property_service',
      community_id: community.id,
      place_id: h.id,
      place_path: h.path,
      channel: 'online',
      hotline_no: null,
      submitter_user_id: null,
      submitter_person_id: null,
      recorded_by: null,
      hide_name: 0,
      state: 'submitted',
      decline_reason: null,
      feedback_solved: null,
      rating: null,
      feedback_comment: null,
      feedback_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
      await insertMatter(trx, rows.slice(i, i + ROWS_PER_STATEMENT));
    await trx
      .insertInto('app_meta')
      .values({ key: MARKER, value: String(rows.length), updated_at: new Date().toISOString() })
      .execute();
  });
  if (ctx.database.dialect === 'postgres') await sql`analyze`.execute(db);
}
