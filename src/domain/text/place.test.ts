import { describe, expect, it } from 'vitest';
import { extractBuilding, extractBuildings, extractEntrance } from './place.ts';

describe('extractBuilding', () => {
  it.each([
    ['3号楼电梯坏了', '3号楼'],
    ['三号楼电梯坏了', '3号楼'],
    ['三栋楼道灯不亮', '3号楼'],
    ['5栋电梯又停了', '5号楼'],
    ['嘉园3栋水泵的事还有人管么', '3号楼'],
    ['十二号楼屋顶漏水', '12号楼'],
    ['３号楼', '3号楼'],
    ['５栋', '5号楼'],
    ['住5-2-301', '5号楼'],
  ])('finds the building in %s', (text, building) => {
    expect(extractBuilding(text)).toBe(building);
  });

  it('finds none where none is named', () => {
    expect(extractBuilding('小区路灯不亮')).toBeNull();
    expect(extractBuilding('我家住23楼')).toBeNull();
    expect(extractBuilding('共3栋楼75户')).toBeNull();
    expect(extractBuilding('来电 138-1234-5678')).toBeNull();
  });

  it('lists every building named, first mention first', () => {
    expect(extractBuildings('我住4号楼，离三号楼泵房不远，4栋也能听见')).toEqual(['4号楼', '3号楼']);
  });
});

describe('extractEntrance', () => {
  it('finds the entrance however it is written', () => {
    expect(extractEntrance('六栋一单元楼梯拐角')).toBe('1单元');
    expect(extractEntrance('2号楼二单元')).toBe('2单元');
    expect(extractEntrance('5-2-301')).toBe('2单元');
    expect(extractEntrance('5号楼电梯')).toBeNull();
  });
});
