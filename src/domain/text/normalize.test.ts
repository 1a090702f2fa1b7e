import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it('turns full-width letters, digits and punctuation half-width, and lower-cases', () => {
    expect(normalizeText('３号楼ＡＢ！，？')).toBe('3号楼ab!,?');
  });

  it('writes building numbers as digits and buildings as N号楼', () => {
    expect(normalizeText('三号楼')).toBe('3号楼');
    expect(normalizeText('十二号楼')).toBe('12号楼');
    expect(normalizeText('二十三号楼')).toBe('23号楼');
    expect(normalizeText('5栋')).toBe('5号楼');
    expect(normalizeText('三栋')).toBe('3号楼');
    expect(normalizeText('3#楼')).toBe('3号楼');
    expect(normalizeText('5幢')).toBe('5号楼');
    expect(normalizeText('嘉园3栋水泵')).toBe('嘉园3号楼水泵');
    expect(normalizeText('四栋顶楼又漏了')).toBe('4号楼顶楼又漏了');
  });

  it('keeps the stairwell after a building (5栋楼道 is building 5, its stairwell)', () => {
    expect(normalizeText('5栋楼道')).toBe('5号楼楼道');
    expect(normalizeText('5栋楼')).toBe('5号楼');
  });

  it('writes entrances, floors and rooms as digits', () => {
    expect(normalizeText('二单元')).toBe('2单元');
    expect(normalizeText('六栋一单元楼梯拐角')).toBe('6号楼1单元楼梯拐角');
    expect(normalizeText('十八层')).toBe('18层');
    expect(normalizeText('一百零五室')).toBe('105室');
  });

  it('leaves counts, ranges and "the same" alone', () => {
    expect(normalizeText('共3栋楼75户')).toBe('共3栋楼75户');
    expect(normalizeText('两栋楼')).toBe('两栋楼');
    expect(normalizeText('同一栋楼')).toBe('同一栋楼');
    expect(normalizeText('一二层住户')).toBe('一二层住户');
    expect(normalizeText('说了三次')).toBe('说了三次');
  });

  it('collapses white space and drops zero-width characters', () => {
    expect(normalizeText('  路灯\u200b 不亮\n\t了 ')).toBe('路灯 不亮 了');
  });

  it('gives a query and the text it should find the same form', () => {
    expect(normalizeText('五号楼电梯')).toBe(normalizeText('５栋电梯'));
  });

  it('is idempotent, so stored text and queries can be normalised any number of times', () => {
    const chars = fc.constantFrom(
      ...'一二三四五六七八九十百零〇两号楼栋幢座单元层室#-３５ＡＢ 路灯电梯共同'.split(''),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (cs) => {
        const once = normalizeText(cs.join(''));
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});
