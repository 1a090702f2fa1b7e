import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makePlace, makeTown, type PlaceRow, signedInUser } from '../../../test/factories.ts';
import {
  type Cell,
  csvOf,
  encodeGbk,
  multipart,
  registerHeader,
  registerRows,
  utf8WithBom,
  xlsxOf,
} from './household-imports.fixtures.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
type Signed = Awaited<ReturnType<typeof signedInUser>>;
let staff: Signed;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  staff = await signedInUser(t.app, t.database, {
    grants: [{ role: 'community_staff', place: town.community }],
  });
});
afterAll(() => t.close());

async function newCompound(name: string) {
  return makePlace(t.database, 'compound', name, town.community);
}

function upload(
  path: 'preview' | 'commit',
  compound: PlaceRow,
  fileName: string,
  bytes: Uint8Array,
  options: { who?: Signed; language?: string; accept?: string; hash?: string } = {},
) {
  const body = multipart(fileName, bytes);
  const query = `placeId=${compound.id}${options.hash ? `&hash=${options.hash}` : ''}`;
  return t.app.inject({
    method: 'POST',
    url: path === 'preview' ? `/api/household-imports/preview?${query}` : `/api/household-imports?${query}`,
    headers: {
      ...as((options.who ?? staff).session),
      ...body.headers,
      'accept-language': options.language ?? 'zh-CN',
      ...(options.accept ? { accept: options.accept } : {}),
    },
    payload: body.payload,
  });
}

async function tableCounts() {
  const count = async (table: 'places' | 'households' | 'people' | 'ownerships' | 'audit_log') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    places: await count('places'),
    households: await count('households'),
    people: await count('people'),
    ownerships: await count('ownerships'),
    audit: await count('audit_log'),
  };
}

/** What a compound holds after an import, in a form two imports can be compared by. */
async function contentsOf(compound: PlaceRow) {
  const response = await t.app.inject({
    url: `/api/places/${compound.id}/households?pageSize=100`,
    headers: as(staff.session),
  });
  return response
    .json()
    .items.map(
      (h: {
        buildingName: string;
        entranceName: string | null;
        room: string;
        area: string;
        owners: { name: string; phone: string }[];
      }) => [
        h.buildingName,
        h.entranceName,
        h.room,
        h.area,
        h.owners.map((o) => `${o.name} ${o.phone}`).join(),
      ],
    );
}

const expectedContents = [
  ['1号楼', '1单元', '101', '89.50', '马小燕 13895001234'],
  ['1号楼', '1单元', '102', '120.00', '杨建国 13995007777'],
  ['1号楼', '2单元', '201', '75.25', '李桂兰 13709512345'],
  ['3号楼', '1单元', '301', '98.60', '马小燕 13895001234'],
  ['3号楼', '1单元', '302', '98.60', ''],
];

describe('a sheet with three bad rows', () => {
  const rows: Cell[][] = [
    registerHeader,
    ['1号楼', '1单元', '101', '89.5', '马小燕', '13895001234'],
    ['', '1单元', '102', '120', '杨建国', '13995007777'],
    ['1号楼', '1单元', '103', '75', '李桂兰', '13709512345'],
    ['1号楼', '1单元', '104', '75', '王强', '1370951234'],
    ['1号楼', '1单元', '105', '75', '', ''],
    ['1号楼', '1单元', '101', '80', '', ''],
  ];

  it('is reported row by row, naming exactly those rows and fields', async () => {
    const compound = await newCompound('三行有误小区');
    const response = await upload('preview', compound, '住户.csv', Buffer.from(csvOf(rows)));
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.issues.map((i: { row: number; field: string }) => [i.row, i.field])).toEqual([
      [3, 'building'],
      [5, 'phone'],
      [7, 'room'],
    ]);
    expect(preview.issues.map((i: { message: string }) => i.message)).toEqual([
      '缺少楼栋',
      '电话须为 11 位手机号',
      '房号与第 2 行重复',
    ]);
    expect(preview.issues[1]).toMatchObject({ column: '联系电话', value: '1370951234' });
    expect(preview.issueCount).toBe(3);
  });

  it('imports nothing: the commit is refused with the same report', async () => {
    const compound = await newCompound('拒绝导入小区');
    const before = await tableCounts();
    const response = await upload('commit', compound, '住户.csv', Buffer.from(csvOf(rows)), {
      language: 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'rows.3.building', message: 'The building is missing' },
      { field: 'rows.5.phone', message: 'The phone must be an 11-digit mainland mobile number' },
      { field: 'rows.7.room', message: 'The same room as row 2' },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('names areas that are not a positive number with at most two decimals', async () => {
    const compound = await newCompound('面积有误小区');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/household-imports/preview?placeId=${compound.id}`,
      headers: { ...as(staff.session), 'accept-language': 'en' },
      payload: {
        rows: [
          { building: '1号楼', room: '101', area: '八十' },
          { building: '1号楼', room: '102', area: '89.555' },
          { building: '1号楼', room: '103', area: '0' },
          { building: '1号楼', room: '104', area: 89.5 },
        ],
      },
    });
    expect(response.json().issues.map((i: { row: number; message: string }) => [i.row, i.message])).toEqual([
      [1, 'The area is not a number'],
      [2, 'The area may have at most two decimals'],
      [3, 'The area must be greater than 0'],
    ]);
    expect(response.json().counts.households).toBe(1);
  });
});

describe('a good sheet', () => {
  let compound: PlaceRow;
  const file = Buffer.from(csvOf(registerRows()));

  it('previews what it will create', async () => {
    compound = await newCompound('锦绣苑');
    const response = await upload('preview', compound, '锦绣苑住户.csv', file);
    expect(response.json()).toMatchObject({
      issues: [],
      issueCount: 0,
      headerRow: 1,
      counts: {
        rows: 5,
        buildings: 2,
        entrances: 3,
        households: 5,
        people: 3,
        ownerships: 4,
        updated: 0,
        unchanged: 0,
      },
    });
  });

  it('imports in one go: buildings spelled 1栋 and 三号楼 become 1号楼 and 3号楼, areas exact', async () => {
    const before = await tableCounts();
    const preview = (await upload('preview', compound, '锦绣苑住户.csv', file)).json();
    const response = await upload('commit', compound, '锦绣苑住户.csv', file, { hash: preview.fileHash });
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toMatchObject({ households: 5, people: 3, ownerships: 4 });
    expect(await contentsOf(compound)).toEqual(expectedContents);
    const after = await tableCounts();
    expect(after).toEqual({
      places: before.places + 2 + 3 + 5,
      households: before.households + 5,
      people: before.people + 3,
      ownerships: before.ownerships + 4,
      audit: before.audit + 1,
    });
    const summary = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'changes'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(summary.action).toBe('household_import.committed');
    expect(summary.entity_id).toBe(compound.id);
    expect(JSON.parse(summary.changes)).toMatchObject({
      fileHash: { to: preview.fileHash },
      households: { to: 5 },
    });
  });

  it('changes nothing when imported again: same counts, no new audit entries', async () => {
    const before = await tableCounts();
    const preview = (await upload('preview', compound, '锦绣苑住户.csv', file)).json();
    expect(preview.counts).toEqual({
      rows: 5,
      buildings: 0,
      entrances: 0,
      households: 0,
      people: 0,
      ownerships: 0,
      updated: 0,
      unchanged: 5,
    });
    const response = await upload('commit', compound, '锦绣苑住户.csv', file);
    expect(response.statusCode).toBe(200);
    expect(response.json().counts.unchanged).toBe(5);
    expect(await tableCounts()).toEqual(before);
  });

  it('shows a changed area and a new owner as updates, and writes one audit entry for each', async () => {
    const rows = registerRows();
    rows[2] = ['1号楼', '1单元', '102', '121.5', '杨建国', '13995007777'];
    rows[5] = ['3号楼', '1单元', '302', '98.6', '周文', '13509510000'];
    const changed = Buffer.from(csvOf(rows));
    const preview = (await upload('preview', compound, '更新.csv', changed)).json();
    expect(preview.counts).toMatchObject({ updated: 2, unchanged: 3, households: 0, people: 1 });
    expect(preview.changes).toEqual([
      {
        row: 3,
        building: '1号楼',
        entrance: '1单元',
        room: '102',
        area: { from: '120.00', to: '121.50' },
        owners: null,
      },
      {
        row: 6,
        building: '3号楼',
        entrance: '1单元',
        room: '302',
        area: null,
        owners: { from: [], to: '周文' },
      },
    ]);
    const before = await tableCounts();
    expect((await upload('commit', compound, '更新.csv', changed)).statusCode).toBe(200);
    expect((await tableCounts()).audit).toBe(before.audit + 3);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('action', '=', 'household.updated')
      .orderBy('seq')
      .execute();
    expect(JSON.parse(entries.at(-2)!.changes).areaCentiM2).toEqual({ from: 12000, to: 12150 });
    expect(entries.at(-1)!.changes).not.toContain('周文');
    expect(entries.at(-1)!.changes).not.toContain('13509510000');
  });

  it('refuses a commit of another file than the one previewed', async () => {
    const response = await upload(
      'commit',
      compound,
      'x.csv',
      Buffer.from(csvOf(registerRows().slice(0, 3))),
      {
        hash: '0'.repeat(64),
      },
    );
    expect(response.statusCode).toBe(409);
  });
});

describe('files as Excel saves them', () => {
  it('reads a GBK-encoded CSV with the Chinese names intact', async () => {
    const compound = await newCompound('国标编码小区');
    const response = await upload('commit', compound, '住户.csv', encodeGbk(csvOf(registerRows())));
    expect(response.statusCode).toBe(200);
    expect(await contentsOf(compound)).toEqual(expectedContents);
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    const compound = await newCompound('带BOM小区');
    const response = await upload('commit', compound, '住户.csv', utf8WithBom(csvOf(registerRows())));
    expect(response.statusCode).toBe(200);
    expect(await contentsOf(compound)).toEqual(expectedContents);
  });

  it('imports an XLSX file, title line above the headers, the same as the CSV', async () => {
    const compound = await newCompound('表格小区');
    const bytes = await xlsxOf(registerRows(), { title: '表格小区住户登记表' });
    const preview = (await upload('preview', compound, '住户.xlsx', bytes)).json();
    expect(preview.headerRow).toBe(2);
    expect(preview.issues).toEqual([]);
    const response = await upload('commit', compound, '住户.xlsx', bytes);
    expect(response.statusCode).toBe(200);
    expect(await contentsOf(compound)).toEqual(expectedContents);
  });

  it('refuses an old binary .xls with a hint', async () => {
    const compound = await newCompound('旧格式小区');
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const response = await upload('preview', compound, '住户.xls', bytes, { language: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('file');
    expect(response.json().errors[0].message).toMatch(/xlsx or CSV/);
  });
});

describe('a long import', () => {
  it('streams its progress, then the result', async () => {
    const compound = await newCompound('大小区');
    const rows: Cell[][] = [registerHeader];
    for (let i = 0; i < 1200; i++)
      rows.push([`${1 + Math.floor(i / 100)}号楼`, '1单元', String(1000 + i), '90', '', '']);
    const response = await upload('commit', compound, '大.csv', Buffer.from(csvOf(rows)), {
      accept: 'application/x-ndjson',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = response.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.done)).toEqual([0, 500, 1000, 1200]);
    expect(lines.at(-1)).toMatchObject({
      type: 'result',
      result: { counts: { households: 1200, buildings: 12 } },
    });
  });

  it('answers a refusal with its status before any progress', async () => {
    const compound = await newCompound('流式拒绝小区');
    const bad = csvOf([registerHeader, ['1号楼', '1单元', '', '90', '', '']]);
    const response = await upload('commit', compound, 'bad.csv', Buffer.from(bad), {
      accept: 'application/x-ndjson',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('rows.2.room');
  });
});

describe('two imports of one file at once', () => {
  it('take turns: the second finds everything the first created', async () => {
    const compound = await newCompound('同时导入小区');
    const file = Buffer.from(csvOf(registerRows()));
    const before = await tableCounts();
    const [a, b] = await Promise.all([
      upload('commit', compound, '住户.csv', file),
      upload('commit', compound, '住户.csv', file),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().counts.households, b.json().counts.households].sort()).toEqual([0, 5]);
    expect((await tableCounts()).households).toBe(before.households + 5);
  });
});

describe('who may import', () => {
  it('property staff may not (403); staff of another community cannot even find the compound (404)', async () => {
    const file = Buffer.from(csvOf(registerRows()));
    const property = await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound }],
    });
    expect((await upload('preview', town.compound, 'a.csv', file, { who: property })).statusCode).toBe(403);
    const neighbour = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    expect((await upload('commit', town.compound, 'a.csv', file, { who: neighbour })).statusCode).toBe(404);
  });

  it('only into a compound', async () => {
    const response = await upload('preview', town.building1, 'a.csv', Buffer.from(csvOf(registerRows())));
    expect(response.statusCode).toBe(404);
  });
});
