import { describe, expect, it } from 'vitest';
import { checkHotlineRows, hotlineCategory } from './rows.ts';

const sheet = (...rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('checkHotlineRows', () => {
  it('finds the header under a title line and reads each work order', () => {
    const checked = checkHotlineRows(
      sheet(
        ['长城中路街道 12345 工单（11月）'],
        ['工单号', '诉求内容', '诉求类别', '社区', '小区', '来电人', '来电号码'],
        [
          'YC2026112700012',
          '小区水泵夜里噪音太大',
          '城乡建设-噪音扰民',
          '亲水阳光社区',
          '锦秀河畔',
          '王女士',
          '138 1234 5678',
        ],
      ),
    );
    expect(checked.issues).toEqual([]);
    expect(checked.headerRow).toBe(2);
    expect(checked.rows).toEqual([
      {
        row: 3,
        hotlineNo: 'YC2026112700012',
        title: '',
        text: '小区水泵夜里噪音太大',
        category: 'environment',
        community: '亲水阳光社区',
        compound: '锦秀河畔',
        building: '',
        name: '王女士',
        phone: '13812345678',
      },
    ]);
  });

  it('reports every bad row by its number, and a number repeated in the file', () => {
    const checked = checkHotlineRows(
      sheet(
        ['工单号', '诉求内容', '来电号码'],
        ['A1', '路灯不亮', ''],
        ['', '没有工单号', ''],
        ['A1', '重复的工单号', ''],
        ['A2', '', '12345'],
      ),
    );
    expect(checked.rows.map((r) => r.hotlineNo)).toEqual(['A1']);
    expect(checked.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'hotlineNo'],
      [4, 'hotlineNo'],
      [5, 'text'],
      [5, 'phone'],
    ]);
    expect(checked.issues[1]?.message['zh-CN']).toBe('工单号与第 2 行重复');
  });

  it('names the missing column and the names it would recognise', () => {
    const checked = checkHotlineRows(sheet(['编号?', '备注'], ['1', 'x']));
    expect(checked.issues[0]?.field).toBe('file');
    expect(checked.issues[0]?.message['zh-CN']).toContain('工单号');
  });
});

describe('hotlineCategory', () => {
  it('files the hotline’s own classification under ours, and the unknown under other', () => {
    expect(hotlineCategory('物业服务')).toBe('property_service');
    expect(hotlineCategory('城乡建设-物业管理')).toBe('property_service');
    expect(hotlineCategory('pets')).toBe('pets');
    expect(hotlineCategory('公安-养犬管理')).toBe('pets');
    expect(hotlineCategory('税务咨询')).toBe('other');
    expect(hotlineCategory('')).toBe('other');
  });
});
