import { describe, expect, it } from 'vitest';
import { charNgrams, segmentWords, stripEmojiCodes } from './tokens.ts';

describe('charNgrams', () => {
  it('slides over each clause and never across punctuation', () => {
    expect(charNgrams('路灯不亮，好黑')).toEqual(['路灯', '灯不', '不亮', '好黑']);
  });

  it('keeps a lone character between punctuation for bigrams', () => {
    expect(charNgrams('灯，坏了')).toEqual(['灯', '坏了']);
  });

  it('gives single characters for n = 1', () => {
    expect(charNgrams('电梯 ab', 1)).toEqual(['电', '梯', 'a', 'b']);
  });
});

describe('stripEmojiCodes', () => {
  it('drops WeChat emoji codes and keeps other brackets', () => {
    expect(stripEmojiCodes('又说年底[捂脸]')).toBe('又说年底 ');
    expect(stripEmojiCodes('[附件 3 张照片]')).toBe('[附件 3 张照片]');
  });
});

describe('segmentWords', () => {
  it('splits Chinese into dictionary words and drops punctuation', () => {
    const words = segmentWords('电梯里面有人，快叫物业');
    expect(words).toContain('电梯');
    expect(words).toContain('物业');
    expect(words).not.toContain('，');
  });
});
