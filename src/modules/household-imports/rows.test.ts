import { describe, expect, it } from 'vitest';
import { findHeader } from './columns.ts';
import { checkRows, normalizePhone } from './rows.ts';
import type { SheetRow } from './spreadsheet.ts';

const sheet = (...rows: string[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('finding the columns', () => {
  it('finds the header row below a title line and knows the usual Chinese and English names', () => {
    const header = findHeader([
      ['锦秀河畔小区住户登记表'],
      ['序号', '楼号', '单元', '室', '面积（㎡）', '户主', '手机号码'],
    ]);
    expect(header).toEqual({
      index: 1,
      columns: { building: 1, entrance: 2, room: 3, area: 4, owner: 5, phone: 6 },
      missing: [],
    });
    expect(
      findHeader([['Building', 'Unit', 'Room No.', 'Floor area (m²)', 'Owner', 'Phone']]).missing,
    ).toEqual([]);
  });

  it('prefers the exclusive area when a sheet has both', () => {
    expect(findHeader([['楼栋', '房号', '建筑面积', '专有面积']]).columns.area).toBe(3);
  });

  it('reports the columns it cannot find', () => {
    const checked = checkRows(sheet(['楼栋', '业主'], ['1号楼', '王芳']), '锦秀河畔');
    expect(checked.issues.map((i) => [i.row, i.field, i.message.en])).toEqual([
      [
        1,
        'file',
        'No “room” column (recognised names: 房号 / 室 / 房间号 / 房屋号 / 门牌号 / 户号 / 室号 / room / roomno / roomnumber / door)',
      ],
      [
        1,
        'file',
        'No “area” column (recognised names: 专有面积 / 套内面积 / 建筑面积 / 房屋面积 / 面积 / exclusivearea / floorarea / area / aream2)',
      ],
    ]);
  });
});

describe('checking rows', () => {
  it('reads phones typed with spaces, dashes or +86', () => {
    expect(normalizePhone('138 9500 1234')).toBe('13895001234');
    expect(normalizePhone('+86 138-9500-1234')).toBe('13895001234');
    expect(normalizePhone('8613895001234')).toBe('13895001234');
  });

  it('treats 三号楼/一单元/301室 and 3号楼/1单元/301 as the same room', () => {
    const checked = checkRows(
      sheet(
        ['楼栋', '单元', '房号', '面积'],
        ['三号楼', '一单元', '301室', '90'],
        ['3号楼', '1单元', '301', '90'],
      ),
      '锦秀河畔',
    );
    expect(checked.issues.map((i) => [i.row, i.field, i.message['zh-CN']])).toEqual([
      [3, 'room', '房号与第 2 行重复'],
    ]);
  });

  it('refuses rows of another compound but accepts the compound named with or without 小区', () => {
    const checked = checkRows(
      sheet(
        ['小区', '楼栋', '房号', '面积'],
        ['锦秀河畔小区', '1号楼', '101', '90'],
        ['香溪美地', '1号楼', '102', '90'],
      ),
      '锦秀河畔',
    );
    expect(checked.rows.map((r) => r.room)).toEqual(['101']);
    expect(checked.issues.map((i) => [i.row, i.field])).toEqual([[3, 'compound']]);
  });

  it('asks for a name when a phone is given', () => {
    const checked = checkRows(
      sheet(['楼栋', '房号', '面积', '电话'], ['1号楼', '101', '90', '13895001234']),
      'x',
    );
    expect(checked.issues.map((i) => [i.field, i.message.en])).toEqual([
      ['owner', 'A phone number is given without the owner’s name'],
    ]);
  });
});
