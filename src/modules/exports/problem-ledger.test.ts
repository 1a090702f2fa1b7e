import { describe, expect, it } from 'vitest';
import {
  type LedgerField,
  type LedgerRow,
  ledgerCells,
  ledgerColumns,
  parseLedgerTime,
  readLedgerRow,
} from './problem-ledger.ts';
import { inertText } from './writers.ts';

const row: LedgerRow = {
  sourceId: '0190a1b2-0000-7000-8000-000000000001',
  title: '3号楼楼道灯不亮',
  community: '富平社区',
  place: '秦汉人家 3号楼',
  category: 'environment',
  channel: 'wechat',
  state: 'closed',
  level: 'community',
  urgency: 3,
  severity: 1,
  voices: 3,
  raisedAt: '2026-03-01T23:59:59.000Z',
  openedAt: '2026-03-02T01:30:00.000Z',
  deadlineAt: '2026-03-06T16:00:00.000Z',
  firstResponseAt: '2026-03-02T03:00:00.000Z',
  resolvedAt: '2026-03-04T08:00:00.000Z',
  closedAt: '2026-03-11T08:00:00.000Z',
  reopens: 1,
  confirmed: 2,
  dissatisfied: 1,
  ratings: [5, 4, 2],
};

/** A row as the export writes it, read back as the import reads a sheet. */
function roundTrip(value: LedgerRow, language: 'zh-CN' | 'en') {
  const cells = ledgerCells(value, language);
  const at = (field: LedgerField) => ledgerColumns.findIndex((c) => c.field === field);
  return readLedgerRow((field) => String(cells[at(field)] ?? ''));
}

describe('the problem ledger', () => {
  it.each(['zh-CN', 'en'] as const)('reads back what it wrote (%s headers and words)', (language) => {
    expect(roundTrip(row, language)).toEqual({ row, issues: [] });
  });

  it('writes times as Beijing wall-clock time to the second', () => {
    const cells = ledgerCells(row, 'zh-CN');
    expect(cells[ledgerColumns.findIndex((c) => c.field === 'openedAt')]).toBe('2026-03-02 09:30:00');
    expect(cells[ledgerColumns.findIndex((c) => c.field === 'raisedAt')]).toBe('2026-03-02 07:59:59');
    expect(cells[ledgerColumns.findIndex((c) => c.field === 'ratings')]).toBe('5、4、2');
  });

  it.each([
    ['2026-11-27 14:05:33', '2026-11-27T06:05:33.000Z'],
    ['2026/3/2 9:30', '2026-03-02T01:30:00.000Z'],
    ['2026年3月2日', '2026-03-01T16:00:00.000Z'],
    ['2026-03-02T01:30:00Z', '2026-03-02T01:30:00.000Z'],
    ['２０２６－０３－０２　０９：３０', '2026-03-02T01:30:00.000Z'],
    ['', null],
    ['2026-02-31', undefined],
    ['2026-03-02 25:00', undefined],
    ['下周一', undefined],
  ])('reads the time %j as %j', (text, iso) => {
    expect(parseLedgerTime(text)).toBe(iso);
  });

  it('names what is wrong with a row, field by field', () => {
    const cells: Partial<Record<LedgerField, string>> = {
      title: '电梯停运',
      state: '办理中',
      openedAt: '2026-03-05 10:00',
      resolvedAt: '2026-03-06',
      voices: '1',
      confirmed: '1',
      dissatisfied: '1',
      ratings: '5,7',
      channel: '飞鸽传书',
    };
    const read = readLedgerRow((field) => cells[field] ?? '');
    expect(read.row).toBeNull();
    expect(read.issues.map((i) => i.field).sort()).toEqual([
      'channel',
      'dissatisfied',
      'ratings',
      'resolvedAt',
    ]);
    expect(read.issues.find((i) => i.field === 'channel')?.message['zh-CN']).toContain('无法识别“飞鸽传书”');
  });

  it('fills what a hand-kept ledger leaves out with what a community would mean', () => {
    const read = readLedgerRow(
      (field) =>
        ({ title: '路灯不亮', state: '待派单', openedAt: '2026-03-02 09:30' })[field as string] ?? '',
    );
    expect(read.row).toMatchObject({
      category: 'other',
      channel: 'visit',
      level: 'compound',
      urgency: 2,
      severity: 2,
      voices: 1,
      raisedAt: '2026-03-02T01:30:00.000Z',
      ratings: [],
    });
  });

  it('reads a CSV cell guarded against formulas as the text it was', () => {
    const read = readLedgerRow(
      (field) =>
        ({ title: inertText('=1+1 公式'), state: 'open', openedAt: '2026-03-02 09:30' })[field as string] ??
        '',
    );
    expect(inertText('=1+1 公式')).toBe("'=1+1 公式");
    expect(read.row?.title).toBe('=1+1 公式');
  });
});
