import { describe, expect, it } from 'vitest';
import { chineseNumber, normalizeBuilding, normalizeEntrance, normalizeRoom } from './names.ts';

describe('canonical building, entrance and room names', () => {
  it('writes every common spelling of building 3 as 3号楼', () => {
    for (const spelling of ['三号楼', '3栋', '3号楼', '3#', '3#楼', '03', '３号楼', '3 幢', '第三栋', '3'])
      expect(normalizeBuilding(spelling)).toBe('3号楼');
    expect(normalizeBuilding('十二号楼')).toBe('12号楼');
  });

  it('leaves names that are not a numbered building as they are, only tidied', () => {
    expect(normalizeBuilding(' A座 ')).toBe('A座');
    expect(normalizeBuilding('商业楼')).toBe('商业楼');
  });

  it('writes entrances as N单元', () => {
    for (const spelling of ['1单元', '一单元', '01', '1', '第一单元'])
      expect(normalizeEntrance(spelling)).toBe('1单元');
    expect(normalizeEntrance('东单元')).toBe('东单元');
  });

  it('reads room numbers without their unit and in half-width digits', () => {
    expect(normalizeRoom('101室')).toBe('101');
    expect(normalizeRoom('１０１')).toBe('101');
    expect(normalizeRoom('3-101')).toBe('3-101');
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('一百零五')).toBe(105);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('两')).toBe(2);
    expect(chineseNumber('楼')).toBeNull();
  });
});
