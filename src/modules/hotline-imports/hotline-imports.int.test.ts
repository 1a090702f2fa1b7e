import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let officer: Session;
let gridWorker: Session;
let resident: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  officer = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'street_officer', place: town.street }] })
  ).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
});
afterAll(() => t.close());

const csv = [
  '长城中路街道 12345 工单（2026年11月）',
  '工单号,诉求内容,诉求类别,社区,小区,楼栋,来电人,来电号码',
  'YC20261101001,1号楼水泵夜里噪音太大，影响休息,城乡建设-噪音扰民,亲水阳光社区,锦秀河畔,1号楼,王女士,138-1234-5678',
  'YC20261101002,社区卫生服务站周末不开门,医疗卫生,香溪美地,,,,',
  'YC20261101003,楼道堆放杂物,消防安全,幸福社区,,,张先生,',
  ',没有工单号的一行,,亲水阳光社区,,,,',
].join('\n');

function form(bytes: Buffer, fileName: string) {
  const boundary = '----hotline1234';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function send(session: Session | null, url: string, bytes: Buffer, fileName = '工单.csv', accept?: string) {
  const body = form(bytes, fileName);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), ...body.headers, ...(accept ? { accept } : {}) },
    payload: body.payload,
  });
}

const hotlineMatters = () =>
  t.database.db
    .selectFrom('matters')
    .leftJoin('people', 'people.id', 'matters.submitter_person_id')
    .select([
      'matters.hotline_no',
      'matters.channel',
      'matters.place_id',
      'matters.category',
      'people.name',
      'people.phone',
    ])
    .where('matters.channel', '=', 'hotline_12345')
    .orderBy('matters.hotline_no')
    .execute();

describe('importing the 12345 work orders a street received', () => {
  it('previews row by row without writing anything', async () => {
    const response = await send(
      officer,
      `/api/hotline-imports/preview?placeId=${town.street.id}`,
      Buffer.from(csv),
    );
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.counts).toEqual({ rows: 4, new: 2, imported: 0, duplicate: 0, refused: 2 });
    expect(report.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [3, 'new'],
      [4, 'new'],
      [5, 'refused'],
      [6, 'refused'],
    ]);
    expect(report.rows[2].issues[0]).toMatchObject({ field: 'community', message: '找不到社区“幸福社区”' });
    expect(report.rows[3].issues[0]).toMatchObject({ field: 'hotlineNo', message: '缺少工单号' });
    expect(await hotlineMatters()).toEqual([]);
  });

  it('imports the good rows in one go, keeps each work-order number, and imports nothing twice', async () => {
    const first = await send(officer, `/api/hotline-imports?placeId=${town.street.id}`, Buffer.from(csv));
    expect(first.statusCode).toBe(200);
    expect(first.json().counts).toMatchObject({ imported: 2, duplicate: 0, refused: 2 });
    const imported = first.json().rows.filter((r: { status: string }) => r.status === 'imported');
    expect(imported.map((r: { placeName: string }) => r.placeName)).toEqual(['1号楼', '香溪美地社区']);
    expect(await hotlineMatters()).toEqual([
      {
        hotline_no: 'YC20261101001',
        channel: 'hotline_12345',
        place_id: town.building1.id,
        category: 'environment',
        name: '王女士',
        phone: '13812345678',
      },
      {
        hotline_no: 'YC20261101002',
        channel: 'hotline_12345',
        place_id: town.otherCommunity.id,
        category: 'health',
        name: null,
        phone: null,
      },
    ]);

    const again = await send(officer, `/api/hotline-imports?placeId=${town.street.id}`, Buffer.from(csv));
    expect(again.json().counts).toMatchObject({ imported: 0, duplicate: 2, refused: 2 });
    expect(again.json().rows[0]).toMatchObject({ status: 'duplicate' });
    expect(again.json().rows[0].issues[0].message).toBe('此工单已导入过，跳过');
    expect(await hotlineMatters()).toHaveLength(2);
  });

  it('shows the imported work orders in the inbox with their numbers, and takes XLSX with progress', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['工单编号', '标题', '反映内容', '分类', '所属社区', '小区']);
    for (let i = 1; i <= 60; i++)
      sheet.addRow([
        `YC2026112${String(i).padStart(4, '0')}`,
        `路灯 ${i}`,
        `路灯不亮 ${i}`,
        '环境整治',
        '亲水阳光',
        '锦秀河畔小区',
      ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (
      await send(officer, `/api/hotline-imports/preview?placeId=${town.street.id}`, bytes, '工单.xlsx')
    ).json();
    expect(preview.counts).toMatchObject({ new: 60, refused: 0 });
    const stream = await send(
      officer,
      `/api/hotline-imports?placeId=${town.street.id}&hash=${preview.fileHash}`,
      bytes,
      '工单.xlsx',
      'application/x-ndjson',
    );
    const lines = stream.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.done)).toEqual([0, 50, 60]);
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { counts: { imported: 60 } } });

    const inbox = (
      await t.app.inject({
        url: '/api/workbench/inbox?channel=hotline_12345&pageSize=100',
        headers: as(gridWorker),
      })
    ).json();
    const numbers = inbox.items.map((m: { hotlineNo: string }) => m.hotlineNo);
    expect(numbers).toContain('YC20261101001');
    expect(numbers).toContain('YC20261120060');
    expect(inbox.items.every((m: { channel: string }) => m.channel === 'hotline_12345')).toBe(true);
    const newest = (
      await t.app.inject({
        url: '/api/workbench/inbox?channel=hotline_12345&sort=newest&pageSize=1',
        headers: as(gridWorker),
      })
    ).json();
    expect(newest.items[0].hotlineNo).toBe('YC20261120060');
    expect(newest.total).toBe(inbox.total);
  });

  it('refuses a file that is not the one previewed', async () => {
    const response = await send(
      officer,
      `/api/hotline-imports?placeId=${town.street.id}&hash=${'0'.repeat(64)}`,
      Buffer.from(csv),
    );
    expect(response.statusCode).toBe(409);
  });

  it('is for those who record matters at that street: a grid worker cannot see it, a resident may not', async () => {
    expect(
      (await send(gridWorker, `/api/hotline-imports?placeId=${town.street.id}`, Buffer.from(csv))).statusCode,
    ).toBe(404);
    expect(
      (await send(resident, `/api/hotline-imports?placeId=${town.street.id}`, Buffer.from(csv))).statusCode,
    ).toBe(404);
    expect(
      (await send(null, `/api/hotline-imports?placeId=${town.street.id}`, Buffer.from(csv))).statusCode,
    ).toBe(401);
  });
});
