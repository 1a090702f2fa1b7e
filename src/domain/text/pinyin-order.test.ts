import { describe, expect, it } from 'vitest';
import { pinyinKey } from './pinyin-order.ts';

const inPinyinOrder = (names: string[]) =>
  [...names].sort((a, b) => (pinyinKey(a) < pinyinKey(b) ? -1 : pinyinKey(a) > pinyinKey(b) ? 1 : 0));

describe('pinyin order', () => {
  it('puts names in the order a Chinese reader looks them up, not in code point order', () => {
    const names = ['张文斌', '王秀英', '李大妈', '安宁', '赵刚'];
    expect([...names].sort()).toEqual(['安宁', '张文斌', '李大妈', '王秀英', '赵刚']);
    expect(inPinyinOrder(names)).toEqual(['安宁', '李大妈', '王秀英', '张文斌', '赵刚']);
  });

  it('reads a surname as a surname, a shorter syllable first, and letters and digits as they are', () => {
    expect(pinyinKey('单雄信')).toBe('shan4 xiong2 xin4');
    expect(inPinyinOrder(['林海', '李四', '黎明'])).toEqual(['黎明', '李四', '林海']);
    expect(pinyinKey('星河物业 A座2号')).toBe('xing1 he2 wu4 ye4 a zuo4 2 hao4');
  });
});
